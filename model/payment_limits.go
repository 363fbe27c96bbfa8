package model

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"
)

// Cutoff is a rail's daily cut-off: the latest New York time at which the
// bank takes a payment for same-day execution.
type Cutoff struct {
	Hour, Minute int
}

func (c Cutoff) String() string { return fmt.Sprintf("%02d:%02d ET", c.Hour, c.Minute) }

// CutoffCheck is where now stands against the cut-off of the execution day.
type CutoffCheck struct {
	At     time.Time     // the cut-off instant on the execution date
	Left   time.Duration // time left before it; zero or negative once passed
	Passed bool
	Note   string // "" when comfortably before; otherwise what it means
}

// CheckCutoff compares now with the rail's cut-off on the execution date
// (a civil date). Only a payment for today can miss its cut-off; one that
// does will execute on the next banking day, which the analyst must know
// before confirming. Under an hour left is flagged too.
func CheckCutoff(exec time.Time, now time.Time, c Cutoff) CutoffCheck {
	loc := paymentLoc()
	d := Civil(exec)
	at := time.Date(d.Year(), d.Month(), d.Day(), c.Hour, c.Minute, 0, 0, loc)
	cc := CutoffCheck{At: at, Left: at.Sub(now)}
	cc.Passed = cc.Left <= 0
	switch {
	case cc.Passed && d.Equal(Civil(now.In(loc))):
		cc.Note = fmt.Sprintf("today's cut-off (%s) has passed; the bank will execute it on %s at the earliest",
			c, NextBankingDay(d.AddDate(0, 0, 1)).Format("Mon 2006-01-02"))
	case cc.Passed:
		cc.Note = "" // a past date is CheckExecutionDate's error, not a cut-off note
	case cc.Left < time.Hour:
		cc.Note = fmt.Sprintf("%s left before the %s cut-off", cc.Left.Truncate(time.Minute), c)
	}
	return cc
}

// Limits are the company's own payment limits (config), checked before
// the review. A zero limit means none.
type Limits struct {
	PerPayment decimal.Decimal // the most one payment may be
	Daily      decimal.Decimal // the most all payments for one execution date may add up to
	// Name says where the limits come from, for messages ("config").
	Source string
}

// LimitError names the limit a payment would breach.
type LimitError struct {
	Limit      string          // "per-payment limit", "daily limit"
	Max        decimal.Decimal // the limit
	Would      decimal.Decimal // the amount, or the day's total with it
	Source     string
	DayAlready decimal.Decimal // for the daily limit: the day's total before this one
}

func (e *LimitError) Error() string {
	if e.Limit == LimitDaily {
		return fmt.Sprintf("over the daily limit of %s USD: %s already for that day, %s with this payment (set in %s)",
			FormatAmount(e.Max, 2), FormatAmount(e.DayAlready, 2), FormatAmount(e.Would, 2), e.Source)
	}
	return fmt.Sprintf("over the per-payment limit of %s USD (set in %s)", FormatAmount(e.Max, 2), e.Source)
}

// The limit names LimitError.Limit takes.
const (
	LimitPerPayment = "per-payment limit"
	LimitDaily      = "daily limit"
)

// CheckLimits checks amount against the per-payment limit and, with the
// day's total of payments not failed (dayTotal), the daily limit.
func CheckLimits(amount, dayTotal decimal.Decimal, l Limits) error {
	src := l.Source
	if src == "" {
		src = "the configuration"
	}
	if l.PerPayment.Sign() > 0 && amount.GreaterThan(l.PerPayment) {
		return &LimitError{Limit: LimitPerPayment, Max: l.PerPayment, Would: amount, Source: src}
	}
	if l.Daily.Sign() > 0 && dayTotal.Add(amount).GreaterThan(l.Daily) {
		return &LimitError{Limit: LimitDaily, Max: l.Daily, Would: dayTotal.Add(amount), DayAlready: dayTotal, Source: src}
	}
	return nil
}
