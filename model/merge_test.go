package model

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func usdRow(id, amt string, fetched time.Time) Balance {
	d := decimal.NullDecimal{Decimal: decimal.RequireFromString(amt), Valid: true}
	return Balance{Account: Account{ID: id, API: APIAccessV1, Currency: CurrencyOf("USD")}, AsOfDate: "2026-11-20",
		CurrentDay: true, EndingAvailable: d, EndingLedger: d, OpeningAvailable: d, OpeningLedger: d, FetchedAt: fetched}
}

// Issue 6 item 3: a partial refresh keeps the last good figures of the
// accounts it could not read, marked offline with their own age; accounts
// that answered take the new figures.
func TestCarryOverKeepsLastGoodOfUnreadAccounts(t *testing.T) {
	t0 := time.Date(2026, 11, 20, 14, 0, 0, 0, time.UTC)
	t1 := t0.Add(time.Hour)
	bda := usdRow("1234567890", "7", t0)
	bda.Account.API = APIBDAV2
	last := &Snapshot{FetchedAt: t0, Balances: []Balance{usdRow("000000000000001", "1", t0), usdRow("2", "2", t0), bda}}
	fresh := Snapshot{FetchedAt: t1, Partial: true, Balances: []Balance{
		usdRow("1", "10", t1),
		{Account: Account{ID: "2", API: APIAccessV1}, Problem: &AccountProblem{Code: "HTTP 503", Message: "bank unavailable"}},
	}, Unread: []Unread{{What: "BDA v2 accounts", API: APIBDAV2, Reason: "HTTP 503"}}}
	got := CarryOver(fresh, last)
	if len(got.Balances) != 3 {
		t.Fatalf("rows = %d, want 3: %+v", len(got.Balances), got.Balances)
	}
	if b := got.Balances[0]; b.Offline || b.EndingLedger.Decimal.String() != "10" {
		t.Errorf("answered account must take the new figures: %+v", b)
	}
	if b := got.Balances[1]; !b.Offline || b.Problem != nil || b.EndingLedger.Decimal.String() != "2" || !b.FetchedAt.Equal(t0) || !strings.Contains(b.Note, "HTTP 503") {
		t.Errorf("failed account must keep its last good figures, offline, with its own age: %+v", b)
	}
	if b := got.Balances[2]; !b.Offline || b.Account.ID != "1234567890" {
		t.Errorf("an account of an unread part must be carried over offline: %+v", b)
	}
	if !got.Incomplete() {
		t.Error("a merged snapshot with offline rows is incomplete")
	}
	tot := TotalsByCurrency(got.Balances)
	if len(tot) != 1 || tot[0].Offline != 2 || tot[0].Amounts[EndingLedger].String() != "19" {
		t.Errorf("totals = %+v", tot)
	}
}

// Issue 6 items 5 and 7: no total for a row without a currency (no
// phantom "Total · 0 accounts"), and a column nobody reported has no figure.
func TestTotalsSkipCurrencylessRowsAndKnowEmptyColumns(t *testing.T) {
	rows := []Balance{
		{Account: Account{ID: "1"}, Problem: &AccountProblem{Code: "NO_CURRENCY"}},
		{Account: Account{ID: "2", Currency: CurrencyOf("usd")}, EndingLedger: decimal.NullDecimal{Decimal: decimal.NewFromInt(5), Valid: true}},
		{Account: Account{ID: "3", Currency: CurrencyOf("BHD")}, Problem: &AccountProblem{Code: "GCA-010"}},
	}
	got := TotalsByCurrency(rows)
	if len(got) != 2 || got[0].Currency.Code != "BHD" || got[1].Currency.Code != "USD" {
		t.Fatalf("totals = %+v, want BHD (problems only) and USD", got)
	}
	if got[0].Problems != 1 || !got[0].Incomplete(0) || got[0].HasFigure(0) {
		t.Errorf("BHD total: %+v", got[0])
	}
	if got[1].HasFigure(int(OpeningAvailable)) || !got[1].HasFigure(int(EndingLedger)) {
		t.Errorf("USD: opening has no figure, ending ledger has: %+v", got[1])
	}
}
