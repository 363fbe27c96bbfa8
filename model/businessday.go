package model

import (
	"strings"
	"time"
)

// An account's balances move on its bank's business days only: on a
// Saturday, or on a US bank holiday, the latest current-day figures are the
// last business day's, and they are final rather than stale. US accounts
// follow the Federal Reserve calendar (the maintained rickar/cal/v2 holiday
// definitions); other accounts at least skip weekends — their local bank
// holidays are not modelled yet.

// usZones are the zones whose accounts follow the Federal Reserve calendar.
var usZones = map[string]bool{
	"America/New_York": true, "America/Chicago": true, "America/Denver": true,
	"America/Los_Angeles": true, "America/Phoenix": true, "America/Anchorage": true,
	"Pacific/Honolulu": true,
}

// followsFed says whether the account's business days are the Federal
// Reserve's: a US zone (the default zone is New York).
func (a Account) followsFed() bool { return usZones[a.Location().String()] }

// NonBusinessDay says why the civil date d (year, month, day; the clock
// part is ignored) is not a business day for the account — "Saturday",
// "Thanksgiving Day (Federal Reserve holiday)" — or "" when it is one.
func (a Account) NonBusinessDay(d time.Time) string {
	if !a.followsFed() {
		if wd := Civil(d).Weekday(); wd == time.Saturday || wd == time.Sunday {
			return wd.String()
		}
		return ""
	}
	return BankingDayNote(d) // the payment calendar's Federal Reserve rule
}

// PriorBusinessDay is the account's last business day before the civil
// date d (a week back at most, which no run of holidays exceeds).
func (a Account) PriorBusinessDay(d time.Time) time.Time {
	d = Civil(d).AddDate(0, 0, -1)
	for i := 0; i < 10 && a.NonBusinessDay(d) != ""; i++ {
		d = d.AddDate(0, 0, -1)
	}
	return d
}

// Today is the civil date at now in the account's own zone.
func (a Account) Today(now time.Time) time.Time {
	y, m, d := now.In(a.Location()).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// BusinessDay is the account's current business day at now: today in its
// zone, or the last business day before it when today is a weekend or a
// holiday.
func (a Account) BusinessDay(now time.Time) time.Time {
	d := a.Today(now)
	for i := 0; i < 14 && a.NonBusinessDay(d) != ""; i++ {
		d = d.AddDate(0, 0, -1)
	}
	return d
}

// onClosedDay says whether a current-day row dated asOf is the last business
// day's figures on a day the bank does not move balances (a weekend or a
// holiday): final, not stale.
func onClosedDay(b Balance, now time.Time) bool {
	a := b.Account
	today := a.Today(now)
	return a.NonBusinessDay(today) != "" && b.AsOfDate == a.BusinessDay(now).Format(time.DateOnly)
}

// FiguresDay says in words which business day a row's figures belong to,
// for the detail strip: "Wed 2026-12-02, today", "Fri 2026-11-27, the last
// business day (today is Saturday)", "Tue 2026-12-01, a closed day".
func FiguresDay(b Balance, now time.Time) string {
	d, err := time.Parse(time.DateOnly, b.AsOfDate)
	if err != nil {
		return "as-of date not reported"
	}
	a := b.Account
	text := d.Format("Mon 2006-01-02")
	today := a.Today(now)
	switch {
	case d.Equal(today) && a.NonBusinessDay(d) == "":
		text += ", today's business day"
	case d.Equal(today):
		text += ", today (" + lowerFirst(a.NonBusinessDay(d)) + ", not a business day)"
	case d.Equal(a.BusinessDay(now)):
		text += ", the last business day (today is " + a.NonBusinessDay(today) + ")"
	case !b.CurrentDay:
		text += ", a closed day"
	default:
		text += ", not today: the bank has not rolled this account to " + a.BusinessDay(now).Format("Mon 2006-01-02")
	}
	return text
}

// FiguresDayShort is FiguresDay for a narrow strip: "today, Wed 12-02",
// "last bus. day Fri 11-27", "closed day Tue 12-01", "not rolled: Tue 12-01".
func FiguresDayShort(b Balance, now time.Time) string {
	d, err := time.Parse(time.DateOnly, b.AsOfDate)
	if err != nil {
		return "no as-of date"
	}
	a := b.Account
	day := d.Format("Mon 01-02")
	switch {
	case d.Equal(a.Today(now)):
		return "today, " + day
	case d.Equal(a.BusinessDay(now)):
		return "last bus. day " + day
	case !b.CurrentDay:
		return "closed day " + day
	}
	return "not rolled: " + day
}

func lowerFirst(s string) string {
	if s == "" || strings.HasPrefix(s, "Federal") {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
