package jpm_test

import (
	"context"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"cashpos/jpm"
	"cashpos/jpm/mock"
	"cashpos/model"
)

// TestCurrentDaySoFarAddsUp: the current day is not closed, so it has no
// reconciliation, but what the bank has reported so far must still add
// up: the current-day opening ledger plus the current day's transactions
// equals the current ending ledger the balance API reports at the same
// moment, for every demo account with an intraday feed, at times from just
// after midnight to after the day's last postings. On the demo's broken
// Wednesday the operating account is short by the analysis fee once the
// ledger has booked it (20:00), exactly as the closed day will be.
func TestCurrentDaySoFarAddsUp(t *testing.T) {
	ny := mustLoad("America/New_York")
	wed := func(h, m int) time.Time { return time.Date(2026, 11, 18, h, m, 0, 0, ny) }
	for _, now := range []time.Time{wed(0, 5), wed(4, 30), wed(15, 4), wed(20, 40), wed(23, 55)} {
		e := newEnv(t, mock.Options{Now: func() time.Time { return now }})
		c := e.txnClient(func(o *jpm.Options) { o.Now = func() time.Time { return now } })
		accts := accountsWith(e.bank.Accounts(), func(a mock.AccountInfo) bool { return a.Scenario != mock.ScenarioPriorDay })
		refs := map[string]model.AccountRef{}
		for _, a := range accts {
			ref := model.AccountRef{ID: a.ID, TimeZone: a.TimeZone, BIC: a.BIC}
			if a.API == mock.APIBDA {
				ref.API = model.APIBDAV2
			}
			refs[a.ID] = ref
		}
		snap, err := c.Balances(context.Background(), refsOf(accts), jpm.CurrentDay)
		if err != nil || snap.Incomplete() {
			t.Fatalf("%s: balances: %v (incomplete %v)", now, err, snap.Incomplete())
		}
		checked := 0
		for _, b := range snap.Balances {
			if !b.OpeningLedger.Valid || !b.EndingLedger.Valid {
				continue // BDA v2 reports no opening ledger for the current day
			}
			if !b.CurrentDay {
				t.Fatalf("%s at %s: not a current-day row", b.Account.ID, now)
			}
			res, err := c.Transactions(context.Background(), jpm.TransactionQuery{Account: refs[b.Account.ID], Relative: jpm.CurrentDay})
			if err != nil || len(res.Gaps) > 0 {
				t.Fatalf("%s at %s: transactions: %v %v", b.Account.ID, now, err, res.Gaps)
			}
			sum := b.OpeningLedger.Decimal
			for _, x := range res.Transactions {
				if x.AsOfDate != b.AsOfDate {
					t.Fatalf("%s at %s: a current-day item of %s, balances are of %s", b.Account.ID, now, x.AsOfDate, b.AsOfDate)
				}
				sum = sum.Add(signed(x))
			}
			short := decimal.Zero
			if b.Account.ID == mock.BrokenAccount && now.Hour() >= 20 {
				short = decimal.RequireFromString(mock.BrokenAmount)
			}
			if got := b.EndingLedger.Decimal; !got.Equal(sum.Sub(short)) {
				t.Errorf("%s at %s: opening %s + %d items = %s, the bank's ending ledger is %s", b.Account.ID, now.Format(time.TimeOnly),
					b.OpeningLedger.Decimal, len(res.Transactions), sum, got)
			}
			checked++
		}
		if checked < 12 {
			t.Errorf("%s: only %d accounts checked", now, checked)
		}
	}
}

func signed(x model.Transaction) decimal.Decimal {
	if x.IsDebit() {
		return x.Amount.Neg()
	}
	return x.Amount
}
