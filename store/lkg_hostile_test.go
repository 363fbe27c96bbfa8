package store

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"cashpos/model"
)

// A bank whose account name carries an escape sequence (or a bank name of
// 2 KB) must not make the saved snapshot unreadable: the loader refuses
// control characters, so the writer stores the display text tidied, and the
// last good data is there at the next start, under the same account id.
func TestLastGoodSurvivesHostileBankText(t *testing.T) {
	lg, err := NewLastGood(filepath.Join(t.TempDir(), "state"), "mock")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 2, 11, 0, 0, 0, time.UTC)
	in := model.Snapshot{FetchedAt: at, Unread: []model.Unread{{What: "BDA v2 accounts", Reason: "echo \x1b[2J"}},
		Balances: []model.Balance{{
			Account: model.Account{ID: "000000010962009", Name: "Evil\x1b]52;c;ZXZpbA==\x07\x1b[31mRED",
				BankName: strings.Repeat("é", 1500), Currency: model.CurrencyOf("USD"), API: model.APIAccessV1},
			AsOfDate: "2026-12-02", RecordTime: at, FetchedAt: at, CurrentDay: true,
			EndingLedger: decimal.NullDecimal{Decimal: decimal.RequireFromString("200.00"), Valid: true},
			Note:         "bad\xffutf8\r\n",
		}}}
	if err := lg.Save(in); err != nil {
		t.Fatal(err)
	}
	out, err := lg.Load()
	if err != nil || out == nil {
		t.Fatalf("the snapshot a hostile bank's text went into must load: %v", err)
	}
	b := out.Balances[0]
	if b.Account.ID != "000000010962009" || b.EndingLedger.Decimal.String() != "200" {
		t.Errorf("id or amount changed: %q %v", b.Account.ID, b.EndingLedger)
	}
	if strings.ContainsRune(b.Account.Name, 0x1b) || !strings.HasPrefix(b.Account.Name, "Evil") ||
		len(b.Account.BankName) > maxText || !strings.HasPrefix(b.Account.BankName, "éé") {
		t.Errorf("text not tidied: %q / %d bytes", b.Account.Name, len(b.Account.BankName))
	}
	if strings.ContainsAny(out.Unread[0].Reason+b.Note, "\x1b\r\n") {
		t.Errorf("control characters kept: %q %q", out.Unread[0].Reason, b.Note)
	}
}

// An account id the loader would refuse is not altered (it would become
// another account) but left out and named, and the rest still loads.
func TestLastGoodNamesAnAccountIDItCannotKeep(t *testing.T) {
	lg, err := NewLastGood(filepath.Join(t.TempDir(), "state"), "mock")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 2, 11, 0, 0, 0, time.UTC)
	row := func(id, bankID string) model.Balance {
		return model.Balance{Account: model.Account{ID: id, BankID: bankID, Currency: model.CurrencyOf("EUR"), API: model.APIAccessV1},
			AsOfDate: "2026-12-02", RecordTime: at, FetchedAt: at, CurrentDay: true}
	}
	in := model.Snapshot{FetchedAt: at, Balances: []model.Balance{row("\t000000000000333", ""), row("000000000000444", "02\x1b1")}}
	if err := lg.Save(in); err != nil {
		t.Fatal(err)
	}
	out, err := lg.Load()
	if err != nil || out == nil {
		t.Fatalf("must load: %v", err)
	}
	if len(out.Balances) != 1 || out.Balances[0].Account.ID != "000000000000444" || out.Balances[0].Account.BankID != "" {
		t.Errorf("rows: %+v", out.Balances)
	}
	if len(out.Unread) != 1 || !strings.Contains(out.Unread[0].What, "000000000000333") {
		t.Errorf("the account left out must be named: %+v", out.Unread)
	}
}
