package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"cashpos/model"
)

// rangePreset is a date range the analyst picks with one key (1–5); a
// typed range (d) is rangeTyped.
type rangePreset int

const (
	presetToday rangePreset = iota
	presetPrior
	presetLast5
	presetMTD
	presetLast31
	rangeTyped
	numPresets = rangeTyped
)

var presetNames = [...]string{"today", "prior day", "last 5 days", "month to date", "last 31 days", "dates"}

// maxRangeDays bounds a typed range: a year of 5-day windows is 74
// requests, which is as far as a screen should go; longer is a job for
// `cashpos transactions`.
const maxRangeDays = 366

// dayRange is calendar days from..to inclusive, as midnight UTC dates of
// the account's business day.
type dayRange struct {
	preset   rangePreset
	from, to time.Time
}

// dateOf is t's calendar date in loc, as midnight UTC.
func dateOf(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// presetRange is a preset's days for the account: "prior day" is its last
// business day (model's calendar: the Federal Reserve's for US accounts,
// weekends for the others).
func presetRange(p rangePreset, today time.Time, a model.Account) dayRange {
	r := dayRange{preset: p, from: today, to: today}
	switch p {
	case presetPrior:
		r.from = a.PriorBusinessDay(today)
		r.to = r.from
	case presetLast5:
		r.from = today.AddDate(0, 0, -4)
	case presetMTD:
		r.from = today.AddDate(0, 0, 1-today.Day())
	case presetLast31:
		r.from = today.AddDate(0, 0, -30)
	}
	return r
}

// single says the range is one day.
func (r dayRange) single() bool { return r.from.Equal(r.to) }

// closedDay says the range is one day before today: its closing ledger
// exists, so it can be reconciled.
func (r dayRange) closedDay(today time.Time) bool { return r.single() && r.to.Before(today) }

func (r dayRange) days() int { return int(r.to.Sub(r.from).Hours()/24) + 1 }

// String is "2026-11-20" or "2026-11-02 – 2026-11-06".
func (r dayRange) String() string {
	if r.single() {
		return r.from.Format(time.DateOnly)
	}
	return r.from.Format(time.DateOnly) + " – " + r.to.Format(time.DateOnly)
}

// parseRange reads a typed range: one date, or two separated by a space,
// "..", "to" or a dash surrounded by spaces. Days after today are refused.
func parseRange(s string, today time.Time) (dayRange, error) {
	s = strings.TrimSpace(s)
	for _, sep := range []string{"..", " to ", " – ", " - "} {
		s = strings.Replace(s, sep, " ", 1)
	}
	parts := strings.Fields(s)
	if len(parts) == 0 || len(parts) > 2 {
		return dayRange{}, errors.New("type one date or two, like 2026-11-02 2026-11-06")
	}
	var ds [2]time.Time
	for i, p := range parts {
		d, err := time.Parse(time.DateOnly, p)
		if err != nil {
			return dayRange{}, fmt.Errorf("%q is not a date like 2026-11-02", p)
		}
		ds[i] = d
	}
	if len(parts) == 1 {
		ds[1] = ds[0]
	}
	r := dayRange{preset: rangeTyped, from: ds[0], to: ds[1]}
	switch {
	case r.to.Before(r.from):
		return dayRange{}, errors.New("the first date is after the second")
	case r.to.After(today):
		return dayRange{}, fmt.Errorf("%s is after today (%s)", r.to.Format(time.DateOnly), today.Format(time.DateOnly))
	case r.days() > maxRangeDays:
		return dayRange{}, fmt.Errorf("%d days is more than the screen fetches (%d); use cashpos transactions", r.days(), maxRangeDays)
	}
	return r, nil
}
