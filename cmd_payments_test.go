package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"cashpos/config"
	"cashpos/jpm"
	"cashpos/jpm/mock"
	"cashpos/model"
	"cashpos/payments"
	"cashpos/store"
)

// seedPayment sends one demo payment through a demo session, as the form
// would, and returns its end-to-end id.
func seedPayment(t *testing.T, getenv func(string) string, amount, creditorAcct string) string {
	t.Helper()
	g := globals{demo: true}
	s, err := connect(context.Background(), &g, getenv, fixedClock)
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	eng, db, err := s.paymentEngine(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ids, _ := payments.NewIDs()
	in := model.PaymentIntent{Rail: model.RailWire, Amount: decimal.RequireFromString(amount), Currency: "USD",
		ExecutionDate: model.Civil(testNow.In(model.PaymentLocation())),
		Debtor:        model.Debtor{AccountID: "000000010962009", Name: "Operating - Concentration", ABA: model.ChaseABA},
		Creditor:      model.Creditor{Name: "ACME SUPPLIES INC", AccountNumber: creditorAcct, ABA: "071000013"}}
	if _, err := eng.Submit(context.Background(), in, ids, amount); err != nil {
		t.Fatal(err)
	}
	return ids.EndToEndID
}

func TestPaymentsCommands(t *testing.T) {
	getenv := env(t)
	ok := seedPayment(t, getenv, "1234.50", "123456789")
	bad := seedPayment(t, getenv, "99.00", mock.ScriptLimitBreach)

	code, out, errOut := runCmd(t, getenv, "--demo", "payments")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"DEMO", ok, bad, "1,234.50", "RECEIVED", "REJECTED", "ask your J.P. Morgan service team", "limit increase"} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runCmd(t, getenv, "payments", "--demo", "--json")
	var doc struct {
		Payments []struct {
			EndToEndID, Amount, Status, FailureKind string
		}
	}
	if code != exitOK || json.Unmarshal([]byte(out), &doc) != nil || len(doc.Payments) != 2 {
		t.Fatalf("json exit %d:\n%s", code, out)
	}
	for _, p := range doc.Payments {
		if p.EndToEndID == ok && p.Amount != "1234.50" || p.EndToEndID == bad && p.FailureKind != string(model.FailureLimit) {
			t.Errorf("json row %+v", p)
		}
	}
	if code, out, _ = runCmd(t, getenv, "--demo", "payments", "--csv"); code != exitOK || !strings.HasPrefix(out, "created_at,end_to_end_id") {
		t.Errorf("csv exit %d:\n%s", code, out)
	}
	code, out, _ = runCmd(t, getenv, "--demo", "payments", "status", ok)
	if code != exitOK || !strings.Contains(out, "Payment "+ok) || !strings.Contains(out, "SUBMITTING") || !strings.Contains(out, "ABA 071000013") {
		t.Errorf("status exit %d:\n%s", code, out)
	}
	code, out, _ = runCmd(t, getenv, "--demo", "payments", "status", bad, "--watch")
	if code != exitOK || !strings.Contains(out, "REJECTED") {
		t.Errorf("watch of a final payment: exit %d\n%s", code, out)
	}
	if code, _, errOut = runCmd(t, getenv, "--demo", "payments", "status", "NOPE"); code != exitConfig || !strings.Contains(errOut, "no payment") {
		t.Errorf("unknown id: exit %d %s", code, errOut)
	}
	if code, _, _ = runCmd(t, getenv, "--demo", "payments", "--watch"); code != exitConfig {
		t.Errorf("--watch without status: exit %d", code)
	}
}

func TestAuditVerifyCommand(t *testing.T) {
	getenv := env(t)
	seedPayment(t, getenv, "10.00", "123456789")
	code, out, errOut := runCmd(t, getenv, "--demo", "audit", "verify")
	if code != exitOK || !strings.Contains(out, "audit log OK") {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	// Edit the log by hand, as someone with sqlite3 would.
	dbPath := filepath.Join(getenv("CASHPOS_STATE_DIR"), "demo", store.DBFile)
	db, err := sql.Open("sqlite", dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`DROP TRIGGER audit_log_no_update; UPDATE audit_log SET amount = '1.00' WHERE seq = 2`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	code, out, errOut = runCmd(t, getenv, "--demo", "audit", "verify")
	if code != exitAPI || !strings.Contains(out, "BROKEN at row 2") || !strings.Contains(errOut, "row 2") {
		t.Errorf("after tampering: exit %d\n%s%s", code, out, errOut)
	}
}

// A payment journalled but never sent (the process died in between) is
// sent — once, with its journalled key and body — when a session starts.
func TestSessionResumesUnsentPayment(t *testing.T) {
	getenv := env(t)
	g := globals{demo: true}
	s, err := connect(context.Background(), &g, getenv, fixedClock)
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	db, err := s.openState(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ids, _ := payments.NewIDs()
	in := model.PaymentIntent{Rail: model.RailACH, Amount: decimal.RequireFromString("250.00"), Currency: "USD",
		ExecutionDate: model.Civil(testNow.In(model.PaymentLocation())), SEC: model.SECCCD, AccountType: model.AccountChecking,
		Debtor:   model.Debtor{AccountID: "000000010962009", Name: "Operating"},
		Creditor: model.Creditor{Name: "KELLY THOMAS", AccountNumber: "123456789", ABA: "071000013"}}
	body, err := jpm.PaymentBody(in, ids)
	if err != nil {
		t.Fatal(err)
	}
	j := store.NewJournal(db)
	if err := j.Create(context.Background(), model.Payment{Intent: in, IDs: ids, Env: "demo", CreatedAt: testNow}, body); err != nil {
		t.Fatal(err)
	}
	db.Close()

	rt := s.startPayments(context.Background(), io.Discard)
	defer rt.Stop()
	deadline := time.Now().Add(10 * time.Second)
	for {
		p, err := rt.Engine.Get(context.Background(), ids.EndToEndID)
		if err == nil && p.Status == model.StatusReceived {
			if p.Attempts != 1 || p.PaymentID == "" {
				t.Errorf("resumed: %+v", p)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not resumed: %+v %v", p, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A journal that cannot be opened must be on the dashboard's screen, not
// only on stderr (hidden by the alt screen the moment the dashboard
// starts): payments left in flight are not followed, and the analyst must
// know. It is the first notice, which the banner shows and exit repeats.
func TestDashboardSaysPaymentsUnavailable(t *testing.T) {
	getenv := env(t)
	g := globals{demo: true}
	s, err := connect(context.Background(), &g, getenv, fixedClock)
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	if err := config.EnsureStateDir(s.cfg.StateDir); err != nil {
		t.Fatal(err)
	}
	garbage := bytes.Repeat([]byte("not a database "), 600)
	if err := os.WriteFile(filepath.Join(s.cfg.StateDir, store.DBFile), garbage, 0o600); err != nil {
		t.Fatal(err)
	}
	rt, notices := s.dashboardPayments(context.Background())
	if rt != nil {
		rt.Stop()
		t.Fatal("a runtime on an unreadable journal")
	}
	if len(notices) == 0 || !strings.HasPrefix(notices[0], "payments unavailable: ") || !strings.Contains(notices[0], "not followed") {
		t.Fatalf("notices = %q, want the journal problem first", notices)
	}
}
