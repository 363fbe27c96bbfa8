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
	a := model.Transaction{ID: "A", TxnCommon: &model.TxnCommon{AccountID: "000000010962009", Currency: usd}, AsOfDate: "2026-11-02", DebitCredit: model.Debit, Amount: decimal.RequireFromString("12.50")}
	b := model.Transaction{ID: "B", TxnCommon: &model.TxnCommon{AccountID: "000000010962009", Currency: usd}, AsOfDate: "2026-11-03", DebitCredit: model.Credit, Amount: decimal.RequireFromString("1")}
	at := time.Date(2026, 11, 4, 9, 0, 0, 0, time.UTC)
	if err := x.Record(ctx, "demo", []model.Transaction{a, b}, at); err != nil {
		t.Fatal(err)
	}
	if err := x.Record(ctx, "demo", []model.Transaction{a}, at.Add(time.Hour)); err != nil { // again: kept once
		t.Fatal(err)
	}
	seen, err := x.Seen(ctx, "demo", "10962009", []string{"A", "C"}) // padding ignored; C never exported
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

func TestExportsSeenManyIDs(t *testing.T) {
	ctx := context.Background()
	db, err := OpenDB(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	x := NewExports(db)
	var txns []model.Transaction
	var ids []string
	for i := range 1234 {
		id := "T" + decimal.NewFromInt(int64(i)).String()
		ids = append(ids, id)
		if i%2 == 0 {
			txns = append(txns, model.Transaction{ID: id, TxnCommon: &model.TxnCommon{AccountID: "1", Currency: model.Currency{Code: "USD", Decimals: 2}},
				AsOfDate: "2026-11-02", DebitCredit: model.Credit, Amount: decimal.NewFromInt(1)})
		}
	}
	if err := x.Record(ctx, "demo", txns, time.Now()); err != nil {
		t.Fatal(err)
	}
	seen, err := x.Seen(ctx, "demo", "1", ids)
	if err != nil || len(seen) != 617 {
		t.Fatalf("%d seen, %v", len(seen), err)
	}
}
