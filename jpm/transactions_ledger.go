package jpm

import (
	"context"
	"fmt"
	"time"

	"cashpos/model"
)

// ClosedDayLedger reads one closed day's opening and closing LEDGER balance
// of an account from the balance APIs — Account Balances v1
// (openingLedgerAmount / endingLedgerAmount of startDate = endDate = day),
// or for a BDA account BDA Balances v2 (the previous CLOSING_BOOKED and the
// day's CLOSING_BOOKED) — through BalanceHistory, so the same retries and
// errors apply. day is a calendar date; the current day (or later) is
// refused, since its closing does not exist yet.
func (c *Client) ClosedDayLedger(ctx context.Context, ref model.AccountRef, dayArg time.Time) (model.DayLedger, error) {
	d := day(dayArg)
	if !c.IsClosedDay(ref, d) {
		return model.DayLedger{}, refuse("reconciliation", "%s is not a closed day for account %s yet; its closing ledger does not exist", ymd(d), masked(ref.ID))
	}
	rows, err := c.BalanceHistory(ctx, []model.AccountRef{ref}, d, d)
	if err != nil {
		return model.DayLedger{}, err
	}
	for _, b := range rows {
		if b.AsOfDate != ymd(d) {
			continue
		}
		if b.Problem != nil {
			return model.DayLedger{}, fmt.Errorf("reconciliation: the balance of %s on %s could not be read: %s", masked(ref.ID), ymd(d), b.Problem.Message)
		}
		if !b.OpeningLedger.Valid || !b.EndingLedger.Valid {
			return model.DayLedger{}, fmt.Errorf("reconciliation: the bank reported no %s ledger balance for %s on %s; cannot check the day: %w",
				missingSide(b), masked(ref.ID), ymd(d), model.ErrUnavailable)
		}
		return model.DayLedger{AccountID: b.Account.ID, Date: b.AsOfDate, Currency: b.Account.Currency,
			Opening: b.OpeningLedger.Decimal, Closing: b.EndingLedger.Decimal}, nil
	}
	return model.DayLedger{}, fmt.Errorf("reconciliation: the bank reported no balance for %s on %s; cannot check the day: %w", masked(ref.ID), ymd(d), model.ErrUnavailable)
}

// IsClosedDay reports whether the calendar day date is over for the
// account (before its current business day in its own zone), so its
// ledger can be reconciled. The screen shows the reconciliation line only
// for such a day.
func (c *Client) IsClosedDay(ref model.AccountRef, date time.Time) bool {
	return day(date).Before(todayIn(c.now(), refAccount(ref).Location()))
}

func missingSide(b model.Balance) string {
	if !b.OpeningLedger.Valid {
		return "opening"
	}
	return "closing"
}

// ReconcileDay checks one closed day of one account: its transactions
// (Transactions for that day, from the session cache when already read)
// against ClosedDayLedger. A day whose transactions came back incomplete
// is not reconciled: the error names the gap.
func (c *Client) ReconcileDay(ctx context.Context, ref model.AccountRef, date time.Time) (model.Reconciliation, error) {
	l, err := c.ClosedDayLedger(ctx, ref, date)
	if err != nil {
		return model.Reconciliation{}, err
	}
	res, err := c.Transactions(ctx, TransactionQuery{Account: ref, From: date, To: date})
	if err != nil {
		return model.Reconciliation{}, err
	}
	if res.Partial() {
		return model.Reconciliation{}, &res.Gaps[0]
	}
	return model.Reconcile(l, res.Transactions), nil
}
