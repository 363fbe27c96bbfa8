package model

import (
	"testing"
	"time"
)

// One calendar for every screen: an account's prior business day follows
// the payment calendar's Federal Reserve rule for US accounts and skips
// only weekends for the others (their local holidays are not modelled).
func TestPriorBusinessDay(t *testing.T) {
	ny, london := Account{}, Account{TimeZone: "Europe/London"}
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		name string
		a    Account
		from time.Time
		want time.Time
	}{
		{"US, Monday → Friday", ny, day(11, 23), day(11, 20)},
		{"US, day after Thanksgiving → Wednesday", ny, day(11, 27), day(11, 25)},
		{"London, day after Thanksgiving → Thursday", london, day(11, 27), day(11, 26)},
		{"US, Tuesday after a Monday holiday (Columbus Day) → Friday", ny, day(10, 13), day(10, 9)},
		// 2027-07-04 is a Sunday: the Fed observes Monday the 5th.
		{"US, Tuesday after Sunday's Independence Day → Friday", ny, time.Date(2027, 7, 6, 0, 0, 0, 0, time.UTC), time.Date(2027, 7, 2, 0, 0, 0, 0, time.UTC)},
	} {
		if got := c.a.PriorBusinessDay(c.from); !got.Equal(c.want) {
			t.Errorf("%s: %s, want %s", c.name, got.Format("Mon 2006-01-02"), c.want.Format("Mon 2006-01-02"))
		}
	}
	// The account calendar and the payment calendar agree on US days.
	for d := day(1, 1); d.Year() == 2026; d = d.AddDate(0, 0, 1) {
		if got, want := ny.NonBusinessDay(d), BankingDayNote(d); got != want {
			t.Fatalf("%s: account says %q, payments say %q", d.Format("2006-01-02"), got, want)
		}
	}
}
