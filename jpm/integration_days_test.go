package jpm_test

// Integration: the prior day, balance history over v1, and BDA history.

import (
	"context"
	"slices"
	"testing"
	"time"

	"cashpos/jpm"
	"cashpos/jpm/mock"
	"cashpos/model"
)

func TestIntegrationPriorDay(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client(withDiscoverBDA)
	snap, err := c.Balances(context.Background(), nil, jpm.PriorDay)
	if err != nil {
		t.Fatalf("Balances: %v", err)
	}
	if len(snap.Balances) != len(e.bank.Accounts()) {
		t.Errorf("%d rows for %d accounts", len(snap.Balances), len(e.bank.Accounts()))
	}
	wire := e.rawV1("PRIOR_DAY")
	for _, b := range snap.Balances {
		want := dateIn(fixedNow, b.Account.Location(), -1)
		if b.Problem != nil || b.CurrentDay || b.AsOfDate != want {
			t.Errorf("%s (%s): currentDay %v asOf %s problem %+v, want a prior-day row for %s",
				b.Account.ID, b.Account.Location(), b.CurrentDay, b.AsOfDate, b.Problem, want)
		}
		if f := model.Classify(b, fixedNow, model.DefaultThresholds, false); f != model.PriorDay {
			t.Errorf("%s classified %v", b.Account.ID, f)
		}
		for i, a := range amounts(b) {
			if !a.Valid {
				t.Errorf("%s: %s missing", b.Account.ID, v1AmountFields[i])
			}
		}
		if w, ok := wire[b.Account.ID]; ok {
			for i, a := range amounts(b) {
				if got := plain(a, w.decimals); got != w.amounts[i] {
					t.Errorf("v1 %s %s: got %s, wire %s", b.Account.ID, v1AmountFields[i], got, w.amounts[i])
				}
			}
		}
	}
}

func TestIntegrationBalanceHistory70Days(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client()
	ny := mustLoad("America/New_York")
	watched := []model.AccountRef{{ID: "000000010962009"}, {ID: "000000040112006"}} // New York, Tokyo
	from := time.Date(2026, 9, 12, 0, 0, 0, 0, ny)
	to := time.Date(2026, 11, 20, 0, 0, 0, 0, ny) // 70 days inclusive
	before := e.bank.Requests()
	rows, err := c.BalanceHistory(context.Background(), watched, from, to)
	if err != nil {
		t.Fatalf("BalanceHistory: %v", err)
	}
	if n := e.bank.Requests() - before; n != 3 {
		t.Errorf("%d requests, want 3 (31 + 31 + 8 days, both accounts per call)", n)
	}
	byAcct := map[string][]model.Balance{}
	var order []string
	for _, b := range rows {
		if b.Problem != nil {
			t.Errorf("%s %s: problem %+v", b.Account.ID, b.AsOfDate, b.Problem)
		}
		if len(byAcct[b.Account.ID]) == 0 {
			order = append(order, b.Account.ID)
		}
		byAcct[b.Account.ID] = append(byAcct[b.Account.ID], b)
	}
	if !slices.Equal(order, []string{watched[0].ID, watched[1].ID}) {
		t.Errorf("accounts in order %v, want the watched order", order)
	}
	for _, r := range watched {
		got := byAcct[r.ID]
		if len(got) != 70 {
			t.Errorf("%s: %d rows, want 70", r.ID, len(got))
		}
		seen := map[string]bool{}
		for i, b := range got {
			if want := time.Date(2026, 9, 12+i, 12, 0, 0, 0, time.UTC).Format(time.DateOnly); b.AsOfDate != want {
				t.Errorf("%s row %d: asOf %s, want %s", r.ID, i, b.AsOfDate, want)
			}
			if seen[b.AsOfDate] {
				t.Errorf("%s: %s twice", r.ID, b.AsOfDate)
			}
			seen[b.AsOfDate] = true
			// The mock's opening is the previous day's ending, across the
			// window boundaries too.
			if i > 0 {
				p := got[i-1]
				if !b.OpeningLedger.Decimal.Equal(p.EndingLedger.Decimal) || !b.OpeningAvailable.Decimal.Equal(p.EndingAvailable.Decimal) {
					t.Errorf("%s %s: opening %s/%s, previous ending %s/%s", r.ID, b.AsOfDate,
						b.OpeningAvailable.Decimal, b.OpeningLedger.Decimal, p.EndingAvailable.Decimal, p.EndingLedger.Decimal)
				}
			}
		}
		last := got[len(got)-1]
		wantCurrent := r.ID == "000000010962009" // still the 20th in New York; Tokyo's 20th is closed
		if last.CurrentDay != wantCurrent {
			t.Errorf("%s %s: currentDay %v, want %v", r.ID, last.AsOfDate, last.CurrentDay, wantCurrent)
		}
	}
}

// A BDA history inside the 45-day window, long enough to need two inquiry
// windows: one row per day, openings chained to the previous closing.
func TestIntegrationBDAHistoryTwoWindows(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client()
	ny := mustLoad("America/New_York")
	from := time.Date(2026, 11, 20-41, 0, 0, 0, 0, ny) // 42 days
	before := e.bank.Requests()
	rows, err := c.BalanceHistory(context.Background(),
		[]model.AccountRef{{ID: "2000318274", API: model.APIBDAV2}}, from, fixedNow)
	if err != nil {
		t.Fatalf("BalanceHistory: %v", err)
	}
	if n := e.bank.Requests() - before; n != 2 {
		t.Errorf("%d requests, want 2 inquiry windows", n)
	}
	if len(rows) != 42 {
		t.Fatalf("%d rows, want 42", len(rows))
	}
	for i, b := range rows {
		if want := time.Date(2026, 11, 20-41+i, 12, 0, 0, 0, time.UTC).Format(time.DateOnly); b.AsOfDate != want {
			t.Errorf("row %d: asOf %s, want %s", i, b.AsOfDate, want)
		}
		if b.Problem != nil || !b.EndingAvailable.Valid || !b.EndingLedger.Valid {
			t.Errorf("%s: problem %+v, endings valid %v/%v", b.AsOfDate, b.Problem, b.EndingAvailable.Valid, b.EndingLedger.Valid)
		}
		if b.CurrentDay != (i == len(rows)-1) {
			t.Errorf("%s: currentDay %v", b.AsOfDate, b.CurrentDay)
		}
		if i > 0 {
			p := rows[i-1]
			if !b.OpeningLedger.Valid || !b.OpeningLedger.Decimal.Equal(p.EndingLedger.Decimal) ||
				!b.OpeningAvailable.Valid || !b.OpeningAvailable.Decimal.Equal(p.EndingAvailable.Decimal) {
				t.Errorf("%s: opening %v/%v, previous closing %s/%s", b.AsOfDate,
					b.OpeningAvailable, b.OpeningLedger, p.EndingAvailable.Decimal, p.EndingLedger.Decimal)
			}
		}
	}
}

// The look-back that finds a window's first opening must stop at the oldest
// day BDA v2 keeps (45 days, jpm-api.md §4.2): a history starting 42-45 days
// back is inside the documented window and must come back whole, not fail
// with 10100 "fromDate must be within the last 45 days".
func TestIntegrationBDAHistoryLookbackStaysInHistoryWindow(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client()
	ny := mustLoad("America/New_York")
	from := time.Date(2026, 11, 20-44, 0, 0, 0, 0, ny) // 45 days, all within the history window
	rows, err := c.BalanceHistory(context.Background(),
		[]model.AccountRef{{ID: "1234567890", API: model.APIBDAV2}}, from, fixedNow)
	if err != nil {
		t.Fatalf("BalanceHistory of the last 45 days: %v", err)
	}
	if len(rows) != 45 {
		t.Errorf("%d rows, want 45", len(rows))
	}
	for _, b := range rows {
		if b.Problem != nil || !b.EndingAvailable.Valid || !b.EndingLedger.Valid {
			t.Errorf("%s: problem %+v, endings valid %v/%v", b.AsOfDate, b.Problem, b.EndingAvailable.Valid, b.EndingLedger.Valid)
		}
	}
}
