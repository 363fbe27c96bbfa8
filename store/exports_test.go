package store

import (
	"context"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"cashpos/model"
)

func TestExportsRecordAndSeen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := OpenDB(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	x := NewExports(db)
	usd := model.Currency{Code: "USD", Decimals: 2}
	a := model.Transaction{ID: "A", AccountID: "000000010962009", AsOfDate: "2026-11-02", DebitCredit: model.Debit, Amount: decimal.RequireFromString("12.50"), Currency: usd}
	b := model.Transaction{ID: "B", AccountID: "000000010962009", AsOfDate: "2026-11-03", DebitCredit: model.Credit, Amount: decimal.RequireFromString("1"), Currency: usd}
	at := time.Date(2026, 11, 4, 9, 0, 0, 0, time.UTC)
	if err := x.Record(ctx, "demo", []model.Transaction{a, b}, at); err != nil {
		t.Fatal(err)
	}
	if err := x.Record(ctx, "demo", []model.Transaction{a}, at.Add(time.Hour)); err != nil { // again: kept once
		t.Fatal(err)
	}
	seen, err := x.Seen(ctx, "demo", "10962009", "2026-11-01", "2026-11-02") // padding ignored, range applied
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 1 || seen["A"].Amount != "12.5" || !seen["A"].At.Equal(at) || seen["A"].Changed(a) {
		t.Fatalf("seen %+v", seen)
	}
	a.Amount = decimal.RequireFromString("12.51")
	if !seen["A"].Changed(a) {
		t.Error("a corrected amount is not a change")
	}
	if n, _ := x.Count(ctx, "demo", "000000010962009"); n != 2 {
		t.Errorf("count %d", n)
	}
	if n, _ := x.Count(ctx, "production", "000000010962009"); n != 0 {
		t.Errorf("environments mixed: %d", n)
	}
}
