package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"cashpos/model"
)

func openTest(t *testing.T) (*DB, string) {
	t.Helper()
	dir := t.TempDir()
	db, err := OpenDB(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, dir
}

var t0 = time.Date(2026, 12, 2, 15, 0, 0, 0, time.UTC)

func testPayment(e2e, key string) model.Payment {
	return model.Payment{
		IDs: model.PaymentIDs{EndToEndID: e2e, IdempotencyKey: key}, Env: "demo", CreatedAt: t0,
		Intent: model.PaymentIntent{Rail: model.RailACH, Amount: decimal.RequireFromString("48213900117.31"), Currency: "USD",
			ExecutionDate: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC),
			Debtor:        model.Debtor{AccountID: "000000010962009", Name: "Operating"},
			Creditor:      model.Creditor{Name: "KELLY THOMAS", AccountNumber: "987654321", ABA: "071000013"},
			SEC:           model.SECPPD, AccountType: model.AccountSavings},
	}
}

func TestJournalMigrationsAndModes(t *testing.T) {
	old := syscall.Umask(0o022) // a typical umask: SQLite's side files must still end up private
	defer syscall.Umask(old)
	db, dir := openTest(t)
	j := NewJournal(db)
	if err := j.Create(context.Background(), testPayment("CP1", "k1"), []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"journal/001", "audit/001"} {
		var n int
		if err := db.SQL.QueryRow(`SELECT COUNT(*) FROM schema_migrations WHERE name = ?`, name).Scan(&n); err != nil || n != 1 {
			t.Errorf("migration %s applied %d times (%v)", name, n, err)
		}
	}
	for _, f := range []string{DBFile, DBFile + "-wal", DBFile + "-shm"} {
		fi, err := os.Stat(filepath.Join(dir, f))
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %04o, want 0600", f, fi.Mode().Perm())
		}
	}
	db.Close()
	db2, err := OpenDB(context.Background(), dir) // reopening applies nothing twice and keeps the data
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if _, err := NewJournal(db2).Get(context.Background(), "CP1"); err != nil {
		t.Fatal(err)
	}
}

func TestJournalRoundTrip(t *testing.T) {
	db, _ := openTest(t)
	j := NewJournal(db)
	ctx := context.Background()
	p := testPayment("CP1", "k1")
	body := []byte(`{"value":{"currency":"USD","amount":"48213900117.31"}}`)
	if err := j.Create(ctx, p, body); err != nil {
		t.Fatal(err)
	}
	for _, dup := range []model.Payment{testPayment("CP1", "k2"), testPayment("CP2", "k1")} {
		if err := j.Create(ctx, dup, body); !errors.Is(err, ErrIntentExists) {
			t.Errorf("duplicate %+v: %v", dup.IDs, err)
		}
	}
	if got, _ := j.Body(ctx, "CP1"); string(got) != string(body) {
		t.Errorf("body %s", got)
	}
	a := model.PaymentAttempt{N: 1, RequestID: "r1", Sent: t0, Duration: 1500 * time.Microsecond, HTTPStatus: 201, Response: []byte(`{"paymentId":"p"}`)}
	if err := j.RecordAttempt(ctx, "CP1", a); err != nil {
		t.Fatal(err)
	}
	if err := j.RecordAck(ctx, "CP1", model.PaymentAck{PaymentID: "p", Duplicate: true}); err != nil {
		t.Fatal(err)
	}
	ev := model.StatusEvent{Status: model.StatusProcessing, SubStatus: model.SubPendingFundingReview, SeenAt: t0.Add(time.Second),
		BankTime: t0, Exceptions: []model.PaymentException{{Code: "11551", Details: []model.ExceptionCause{{Type: "ISO20022", Code: "AM04"}}}}}
	for i, want := range []bool{true, false} { // the same status twice is one timeline entry
		changed, err := j.RecordStatus(ctx, "CP1", ev)
		if err != nil || changed != want {
			t.Fatalf("RecordStatus %d: %v %v", i, changed, err)
		}
	}
	_ = j.SetError(ctx, "CP1", "lookup failed: 503")
	got, err := j.Get(ctx, "CP1")
	if err != nil {
		t.Fatal(err)
	}
	if !got.Intent.Amount.Equal(p.Intent.Amount) || got.Intent.Amount.String() != "48213900117.31" || got.PaymentID != "p" || !got.Duplicate ||
		got.Status != model.StatusProcessing || got.SubStatus != model.SubPendingFundingReview || got.Attempts != 1 ||
		got.LastError != "lookup failed: 503" || len(got.Timeline) != 2 || got.Timeline[1].Exceptions[0].Details[0].Code != "AM04" ||
		got.Intent.SEC != model.SECPPD || !got.CreatedAt.Equal(t0) {
		t.Errorf("got %+v", got)
	}
	atts, _ := j.Attempts(ctx, "CP1")
	if len(atts) != 1 || atts[0].Duration != a.Duration || string(atts[0].Response) != string(a.Response) || !atts[0].Sent.Equal(t0) {
		t.Errorf("attempts %+v", atts)
	}
	if _, err := j.Get(ctx, "NOPE"); !errors.Is(err, ErrNoPayment) {
		t.Errorf("unknown: %v", err)
	}
	if err := j.RecordAck(ctx, "NOPE", model.PaymentAck{}); !errors.Is(err, ErrNoPayment) {
		t.Errorf("ack unknown: %v", err)
	}
	_ = j.Create(ctx, func() model.Payment { q := testPayment("CP2", "k2"); q.CreatedAt = t0.Add(time.Hour); return q }(), body)
	list, _ := j.List(ctx)
	if len(list) != 2 || list[0].IDs.EndToEndID != "CP2" {
		t.Errorf("list not newest first: %v", list)
	}
}
