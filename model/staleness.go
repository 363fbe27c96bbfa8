package model

import "time"

// Freshness says how far to trust a balance row's numbers. Each has a glyph
// and a word so it reads without colour.
type Freshness int

const (
	Fresh Freshness = iota
	Aging
	Stale
	PriorDay
	Offline
)

var freshnessText = [...]struct{ glyph, word string }{
	Fresh:    {"●", "fresh"},
	Aging:    {"◐", "aging"},
	Stale:    {"○", "stale"},
	PriorDay: {"◌", "prior-day"},
	Offline:  {"✕", "offline"},
}

// Glyph is a one-cell marker for the state.
func (f Freshness) Glyph() string { return freshnessText[f].glyph }

// Word is the state's name as shown on screen and in reports.
func (f Freshness) Word() string { return freshnessText[f].word }

func (f Freshness) String() string { return f.Word() }

// Thresholds are the ages at which a current-day row turns aging and stale.
type Thresholds struct {
	Aging time.Duration
	Stale time.Duration
}

// DefaultThresholds are product.md's: aging after 30 minutes, stale after 2 hours.
var DefaultThresholds = Thresholds{Aging: 30 * time.Minute, Stale: 2 * time.Hour}

// Classify decides a row's freshness at now. offline means the row is served
// from the last-known-good cache because the latest refresh failed; that
// trumps everything, since the analyst must know the screen is not live.
//
// A prior-day row (currentDay false) is a closed day: its numbers are final
// and its age says nothing, so it is PriorDay, not stale. A current-day row
// whose as-of date is not today in the account's own time zone is stale
// whatever its record time: the bank has not rolled it to the new day.
// "Today" is judged against the account's business calendar: on a weekend
// or a holiday the bank does not move balances, so the last business day's
// current-day row is that closed day's final figures (PriorDay), not stale.
func Classify(b Balance, now time.Time, th Thresholds, offline bool) Freshness {
	if offline {
		return Offline
	}
	return ClassifyLive(b, now, th)
}

// ClassifyLive is the row's own freshness, as if the data were live: an
// offline row keeps it under the offline marker, aged from the bank's
// record time, so the analyst still sees which rows were stale already.
func ClassifyLive(b Balance, now time.Time, th Thresholds) Freshness {
	switch {
	case !b.CurrentDay:
		return PriorDay
	case b.AsOfDate != now.In(b.Account.Location()).Format(time.DateOnly):
		if onClosedDay(b, now) {
			return PriorDay
		}
		return Stale
	}
	age := Age(b, now)
	switch {
	case age >= th.Stale:
		return Stale
	case age >= th.Aging:
		return Aging
	default:
		return Fresh
	}
}

// Age is how old the row's data is at now; never negative (a bank clock a
// little ahead of ours must not show "-1m").
func Age(b Balance, now time.Time) time.Duration {
	basis := b.AgeBasis()
	if basis.IsZero() {
		return 0
	}
	return max(now.Sub(basis), 0)
}

// FormatAge renders an age compactly for a narrow column: "now", "4m",
// "2h05m", "3d".
func FormatAge(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "now"
	case d < time.Hour:
		return itoa(int(d/time.Minute)) + "m"
	case d < 48*time.Hour:
		h := int(d / time.Hour)
		m := int(d % time.Hour / time.Minute)
		return itoa(h) + "h" + pad2(m) + "m"
	default:
		return itoa(int(d/(24*time.Hour))) + "d"
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return string(buf[i:])
}

func pad2(n int) string {
	if n < 10 {
		return "0" + itoa(n)
	}
	return itoa(n)
}
