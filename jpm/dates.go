package jpm

import (
	"time"

	"cashpos/model"
)

// Dates on the wire are calendar days (YYYY-MM-DD) with no zone. Here a day
// is a time.Time at midnight UTC, so AddDate and comparisons are plain
// calendar arithmetic with no DST surprises.

// day is the calendar date of t as seen in t's own location.
func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// todayIn is the calendar date of now in loc: the account's business day
// (weekends and holidays are not modelled).
func todayIn(now time.Time, loc *time.Location) time.Time { return day(now.In(loc)) }

func ymd(t time.Time) string { return t.Format(time.DateOnly) }

// parseYMD reads a wire date; false if it is not YYYY-MM-DD.
func parseYMD(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

// span is an inclusive range of calendar days.
type span struct{ from, to time.Time }

func (s span) days() int { return int(s.to.Sub(s.from).Hours()/24) + 1 }

// split cuts [from, to] into consecutive spans of at most n days each.
func split(from, to time.Time, n int) []span {
	var out []span
	for start := from; !start.After(to); start = start.AddDate(0, 0, n) {
		end := start.AddDate(0, 0, n-1)
		if end.After(to) {
			end = to
		}
		out = append(out, span{start, end})
	}
	return out
}

// zoneFor is the time zone an account's business day runs in: the
// configured one, else the one its bank id implies (a CHASGB2L account
// reports on London's day), else empty for model.DefaultTimeZone. Neither
// balance API states the zone, so without this a London account would read
// stale every evening New York time.
func zoneFor(ref model.AccountRef, bankID string) string {
	if ref.TimeZone != "" {
		return ref.TimeZone
	}
	return model.TimeZoneForBank(bankID)
}
