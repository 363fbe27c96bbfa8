package model

import (
	"fmt"
	"sync"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/us"
)

// PaymentZone is where US payment days and cut-offs are counted: the
// Federal Reserve and J.P. Morgan's US payment operations run on New York
// time.
const PaymentZone = "America/New_York"

// fedHolidays are the Federal Reserve's holidays: the eleven US federal
// holidays of the maintained rickar/cal/v2 "us" package, with the Fed's
// own observance rule. A holiday on a Sunday is observed the Monday after;
// one on a Saturday is NOT moved to the Friday before — Fedwire and FedACH
// are open that Friday (federalreserve.gov, "Holidays observed").
var fedHolidays = func() []*cal.Holiday {
	sundayToMonday := []cal.AltDay{{Day: time.Sunday, Offset: 1}}
	out := make([]*cal.Holiday, len(us.Holidays))
	for i, h := range us.Holidays {
		out[i] = h.Clone(&cal.Holiday{Observed: sundayToMonday})
	}
	return out
}()

// FedHoliday returns the name of the Federal Reserve holiday observed on
// the civil date of d, or "".
func FedHoliday(d time.Time) string {
	d = Civil(d)
	for _, h := range fedHolidays {
		_, observed := h.Calc(d.Year())
		if !observed.IsZero() && Civil(observed).Equal(d) {
			return h.Name
		}
	}
	return ""
}

// BankingDayNote says why the civil date d is not a US banking day
// ("Saturday", "Thanksgiving Day (Federal Reserve holiday)"), or "" when it
// is one. A payment requested for such a day is executed on the next
// banking day at the earliest.
func BankingDayNote(d time.Time) string {
	d = Civil(d)
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return wd.String()
	}
	if h := FedHoliday(d); h != "" {
		return h + " (Federal Reserve holiday)"
	}
	return ""
}

// NextBankingDay is the first US banking day on or after d.
func NextBankingDay(d time.Time) time.Time {
	d = Civil(d)
	for BankingDayNote(d) != "" {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// DateCheck is the outcome of checking an execution date: an Error makes
// the date unusable; Notes are flags the analyst should see but may accept
// (weekend, holiday, cut-off passed).
type DateCheck struct {
	Date  time.Time // the civil date
	Error *FieldError
	Notes []string
}

// CheckExecutionDate parses "YYYY-MM-DD" and checks it against now (in
// the payment zone): not in the past; weekends and Federal Reserve holidays
// flagged with the next banking day.
func CheckExecutionDate(s string, now time.Time) DateCheck {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return DateCheck{Error: fieldErr(FieldExecutionDate, "use YYYY-MM-DD")}
	}
	dc := DateCheck{Date: t}
	today := Civil(now.In(paymentLoc()))
	if t.Before(today) {
		dc.Error = fieldErr(FieldExecutionDate, "in the past; today is %s", today.Format(time.DateOnly))
		return dc
	}
	if t.After(today.AddDate(1, 0, 0)) {
		dc.Error = fieldErr(FieldExecutionDate, "more than a year ahead")
		return dc
	}
	if why := BankingDayNote(t); why != "" {
		dc.Notes = append(dc.Notes, fmt.Sprintf("%s is not a banking day (%s); it will execute on %s at the earliest",
			t.Format(time.DateOnly), why, NextBankingDay(t).Format("Mon 2006-01-02")))
	}
	return dc
}

// paymentLoc is New York, loaded once. The zone database is embedded by
// the binary (time/tzdata in config), so the fallback is unreachable.
var paymentLoc = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation(PaymentZone)
	if err != nil {
		return time.UTC
	}
	return loc
})

// PaymentLocation is the zone payment days and cut-offs are counted in.
func PaymentLocation() *time.Location { return paymentLoc() }
