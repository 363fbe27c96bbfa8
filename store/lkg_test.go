package store

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"cashpos/model"
)

func TestLastGoodRoundTripIsExactAndPrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	lg, err := NewLastGood(dir, "production")
	if err != nil {
		t.Fatal(err)
	}
	if snap, err := lg.Load(); err != nil || snap != nil {
		t.Fatalf("empty cache: got %v, %v; want nil, nil", snap, err)
	}
	at := time.Date(2026, 11, 20, 14, 2, 11, 0, time.UTC)
	amt := decimal.NullDecimal{Decimal: decimal.RequireFromString("48213900117254.31"), Valid: true}
	in := model.Snapshot{FetchedAt: at, Balances: []model.Balance{{
		Account:         model.Account{ID: "000000010962009", Currency: model.CurrencyOf("BHD"), API: model.APIAccessV1},
		AsOfDate:        "2026-11-20",
		RecordTime:      at,
		CurrentDay:      true,
		EndingAvailable: amt,
		EndingLedger:    decimal.NullDecimal{Decimal: decimal.RequireFromString("-0.001"), Valid: true},
	}}}
	if err := lg.Save(in); err != nil {
		t.Fatal(err)
	}
	out, err := lg.Load()
	if err != nil {
		t.Fatal(err)
	}
	b := out.Balances[0]
	if b.EndingAvailable.Decimal.String() != "48213900117254.31" || b.EndingLedger.Decimal.String() != "-0.001" {
		t.Fatalf("amounts changed on the way through disk: %v %v", b.EndingAvailable, b.EndingLedger)
	}
	if b.OpeningLedger.Valid {
		t.Fatal("a missing amount came back as present")
	}
	if !out.FetchedAt.Equal(at) {
		t.Fatalf("fetched at = %v", out.FetchedAt)
	}
	assertMode(t, lg.Path(), 0o600)
	assertMode(t, dir, 0o700|os.ModeDir)
	left, _ := filepath.Glob(filepath.Join(dir, ".*tmp*"))
	if len(left) != 0 {
		t.Fatalf("temporary files left behind: %v", left)
	}
}

func TestLastGoodIsPerEnvironment(t *testing.T) {
	dir := t.TempDir()
	demo, _ := NewLastGood(dir, "demo")
	prod, _ := NewLastGood(dir, "production")
	if err := demo.Save(model.Snapshot{Balances: []model.Balance{{AsOfDate: "2026-11-20", Account: model.Account{ID: "1", API: model.APIAccessV1, Currency: model.CurrencyOf("USD")}}}}); err != nil {
		t.Fatal(err)
	}
	if snap, _ := prod.Load(); snap != nil {
		t.Fatal("production must never see the demo book")
	}
	if _, err := NewLastGood(dir, "../etc"); err == nil {
		t.Fatal("path-like environment names must be refused")
	}
}

func TestLastGoodCorruptFileIsReported(t *testing.T) {
	dir := t.TempDir()
	lg, _ := NewLastGood(dir, "demo")
	if err := os.WriteFile(lg.Path(), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := lg.Load(); err == nil {
		t.Fatal("corrupt cache must be an error")
	}
}

func assertMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode()&(os.ModePerm|os.ModeDir) != want {
		t.Fatalf("%s mode %v, want %v", path, fi.Mode(), want)
	}
}
