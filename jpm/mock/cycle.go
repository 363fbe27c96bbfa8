package mock

import "time"

// cycleSeconds is the simulated intraday update cycle. The bank's balance
// feed is a snapshot refreshed periodically, not real time (jpm-api §3.2
// semantics, S-SEED0); every 15 minutes is an invented but plausible cadence.
const cycleSeconds = 15 * 60

// cycleIndex numbers the 15-minute cycle containing t, counted from the Unix
// epoch so every time zone shares the same UTC-aligned boundaries.
func cycleIndex(t time.Time) int64 {
	u := t.Unix()
	q := u / cycleSeconds
	if u%cycleSeconds < 0 {
		q--
	}
	return q
}

// cycleStart is the instant the cycle began: the recordTimestamp of the
// snapshot produced in it.
func cycleStart(idx int64) time.Time { return time.Unix(idx*cycleSeconds, 0).UTC() }

// date is a civil calendar date as days since 1970-01-01. Dates, not
// instants, are what asOfDate/bookDate and the request ranges speak in.
type date int64

const dateLayout = "2006-01-02"

func dateOf(t time.Time, loc *time.Location) date {
	y, m, d := t.In(loc).Date()
	return civil(y, m, d)
}

func civil(y int, m time.Month, d int) date {
	return date(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func (d date) String() string { return time.Unix(int64(d)*86400, 0).UTC().Format(dateLayout) }

// midnight is the start of d in loc. time.Date normalises DST gaps, so the
// result is always a real instant.
func (d date) midnight(loc *time.Location) time.Time {
	y, m, dd := time.Unix(int64(d)*86400, 0).UTC().Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, loc)
}

// parseDate accepts exactly YYYY-MM-DD.
func parseDate(s string) (date, bool) {
	if len(s) != len(dateLayout) {
		return 0, false
	}
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return 0, false
	}
	return civil(t.Date()), true
}

// hasher derives the book's pseudo-random numbers from (seed, account,
// purpose, index) alone, so any balance on any day can be computed directly,
// without replaying history, and identical inputs give identical JSON.
// hash/maphash is unsuitable: it is randomised per process. It is a value
// type streaming FNV-1a, so hashing allocates nothing on the hot path.
type hasher struct{ h uint64 }

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func newHasher(seed int64) hasher { return hasher{fnvOffset}.i64(seed) }

func (h hasher) byte(c byte) hasher { return hasher{(h.h ^ uint64(c)) * fnvPrime} }

func (h hasher) str(s string) hasher {
	for i := 0; i < len(s); i++ {
		h = h.byte(s[i])
	}
	return h.byte(0) // separator: ("ab","c") != ("a","bc")
}

func (h hasher) i64(v int64) hasher {
	for i := 56; i >= 0; i -= 8 {
		h = h.byte(byte(v >> i))
	}
	return h
}

func (h hasher) sum() uint64 {
	// FNV alone mixes the high bits poorly for short inputs; a splitmix64
	// finaliser spreads every input bit over the output.
	z := h.h
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// spread maps h uniformly enough onto [-max, max] minor units.
func spread(h uint64, max money) money {
	if max <= 0 {
		return 0
	}
	return money(h%uint64(2*max+1)) - max
}
