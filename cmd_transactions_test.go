package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"cashpos/jpm/mock"
)

// The demo clock is testNow (Friday 2026-11-20, 10:04 in New York), so
// 2026-10-30..2026-11-19 are 21 closed days.

func csvRows(t *testing.T, out string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("csv: %v\n%s", err, out)
	}
	if len(rows) == 0 || strings.Join(rows[0], ",") != "account_id,currency,transaction_id,as_of_date,value_date,debit_credit,amount,debit,credit,bai_code,category,description,reference,bank_reference,customer_reference,wire_reference,check_number,immediate_available,deferred_available,narrative" {
		t.Fatalf("header %v", rows)
	}
	return rows[1:]
}

func TestTransactions21DaysCSVEveryRowOnce(t *testing.T) {
	code, out, errOut := runCmd(t, env(t), "transactions", "--account", mock.BrokenAccount, "--from", "2026-10-30", "--to", "2026-11-19", "--csv")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rows := csvRows(t, out)
	seen := map[string]bool{}
	for _, r := range rows {
		if seen[r[2]] {
			t.Fatalf("transaction %s twice", r[2])
		}
		seen[r[2]] = true
		if r[0] != mock.BrokenAccount || r[1] != "USD" || r[3] < "2026-10-30" || r[3] > "2026-11-19" {
			t.Fatalf("row %v", r)
		}
		if (r[5] == "DEBIT") != strings.HasPrefix(r[6], "-") || !strings.Contains(r[6], ".") || r[10] == "" || r[9] == "" {
			t.Fatalf("row %v: sign, amount, category or BAI code", r)
		}
	}
	if len(rows) < 21*80 {
		t.Errorf("%d rows for 21 busy days", len(rows))
	}
}

func TestTransactionsNewTwiceThenNothing(t *testing.T) {
	e := env(t)
	args := []string{"transactions", "--account", "000000010900009", "--from", "2026-11-16", "--to", "2026-11-18", "--csv", "--new"}
	code, out, errOut := runCmd(t, e, args...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	first := csvRows(t, out)
	if len(first) == 0 {
		t.Fatal("the first --new run printed nothing")
	}
	code, out, errOut = runCmd(t, e, args...)
	if code != exitOK {
		t.Fatalf("second run exit %d: %s", code, errOut)
	}
	if again := csvRows(t, out); len(again) != 0 {
		t.Fatalf("the second --new run printed %d rows again", len(again))
	}
	// A wider range prints only the days not yet exported.
	code, out, _ = runCmd(t, e, "transactions", "--account", "000000010900009", "--from", "2026-11-16", "--to", "2026-11-19", "--csv", "--new")
	if code != exitOK {
		t.Fatal(code)
	}
	for _, r := range csvRows(t, out) {
		if r[3] != "2026-11-19" {
			t.Fatalf("row of %s printed again", r[3])
		}
	}
	// Without --new everything is printed, and nothing recorded changes.
	_, out, _ = runCmd(t, e, "transactions", "--account", "000000010900009", "--from", "2026-11-16", "--to", "2026-11-18", "--csv")
	if n := len(csvRows(t, out)); n != len(first) {
		t.Errorf("plain run printed %d, want %d", n, len(first))
	}
}

// failingWriter accepts limit bytes, then fails, as a closed pipe or a
// full disk does half-way through an export.
type failingWriter struct {
	buf   bytes.Buffer
	limit int
}

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.buf.Len()+len(p) > w.limit {
		n := w.limit - w.buf.Len()
		w.buf.Write(p[:n])
		return n, errors.New("broken pipe")
	}
	return w.buf.Write(p)
}

func TestTransactionsNewKilledMidWriteRepeats(t *testing.T) {
	e := env(t)
	args := []string{"transactions", "--account", mock.BrokenAccount, "--from", "2026-11-17", "--to", "2026-11-18", "--csv", "--new"}
	fw := &failingWriter{limit: 30 << 10} // a part of the export
	var errb bytes.Buffer
	code := run(context.Background(), args, stdio{in: strings.NewReader(""), out: fw, err: &errb, now: fixedClock}, e)
	if code != exitAPI || !strings.Contains(errb.String(), "nothing was recorded as exported") {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
	if fw.buf.Len() == 0 {
		t.Fatal("the failing writer received nothing; the test proves nothing")
	}
	code, out, errOut := runCmd(t, e, args...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	full := csvRows(t, out)
	partial := strings.Count(fw.buf.String(), "\n") - 1
	if len(full) <= partial {
		t.Fatalf("the next run printed %d rows; the killed one had already written %d", len(full), partial)
	}
	_, out, _ = runCmd(t, e, args...)
	if n := len(csvRows(t, out)); n != 0 {
		t.Errorf("a third run printed %d rows", n)
	}
}

func TestTransactionsPartialExitsThreeNamingTheGap(t *testing.T) {
	bank := mock.New(mock.Options{Seed: demoSeed, ClientID: demoClientID, ClientSecret: demoClientSecret, Now: fixedClock})
	// The bank refuses one window (a 400 is not retried, so the test is
	// quick); the other windows answer.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == mock.TransactionsPath && r.URL.Query().Get("startDate") == "2026-11-06" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			w.Write([]byte(`{"errors":[{"errorCode":"GCA-023","errorMsg":"System cannot process the request"}]}`))
			return
		}
		bank.ServeHTTP(w, r)
	}))
	defer srv.Close()
	e := env(t, "CASHPOS_ENV", "mock", "CASHPOS_BASE_URL", srv.URL,
		"CASHPOS_TOKEN_URL", srv.URL+"/am/oauth2/alpha/access_token",
		"CASHPOS_CLIENT_ID", demoClientID, "CASHPOS_CLIENT_SECRET", demoClientSecret)

	code, out, errOut := runCmd(t, e, "transactions", "--account", "000000011008182", "--from", "2026-11-01", "--to", "2026-11-15", "--json")
	if code != exitPartial {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "2026-11-06..2026-11-10") || !strings.Contains(errOut, "GCA-023") {
		t.Errorf("stderr %q: one line naming the missing days and why", errOut)
	}
	var r struct {
		Partial      bool
		Gaps         []struct{ Days, Reason string }
		Transactions []struct{ AsOfDate string }
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if !r.Partial || len(r.Gaps) != 1 || r.Gaps[0].Days != "2026-11-06..2026-11-10" || len(r.Transactions) == 0 {
		t.Fatalf("report %+v", r)
	}
	for _, x := range r.Transactions {
		if x.AsOfDate >= "2026-11-06" && x.AsOfDate <= "2026-11-10" {
			t.Fatalf("a row of the failed window: %s", x.AsOfDate)
		}
	}

	// Everything refused: exit 1, one line.
	code, _, errOut = runCmd(t, e, "transactions", "--account", "000000011008182", "--from", "2026-11-06", "--to", "2026-11-07")
	if code != exitAPI || strings.Count(errOut, "\n") != 1 {
		t.Fatalf("all failed: exit %d, stderr %q", code, errOut)
	}
}

func TestTransactionsUsage(t *testing.T) {
	for _, args := range [][]string{
		{"transactions"},
		{"transactions", "--account", "1", "--from", "2026-11-01"},
		{"transactions", "--account", "1", "--from", "2026-11-05", "--to", "2026-11-01"},
		{"transactions", "--account", "1", "--from", "11/05/2026", "--to", "2026-11-06"},
		{"transactions", "--account", "1", "--json", "--csv"},
		{"transactions", "--account", "000000010900009", "--from", "2026-11-23", "--to", "2026-11-24"},
		{"transactions", "--account", "000000010900009", "--from", "2025-01-01", "--to", "2026-11-19"},
	} {
		if code, _, errOut := runCmd(t, env(t), args...); code != exitConfig || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
}

// TestTransactionsGolden keeps what a person or a script sees for the
// transactions command (testdata/TestTransactionsGolden/*.golden; the demo
// clock is fixed). Regenerate with `go test . -run TestTransactionsGolden
// -update` and read the diff.
func TestTransactionsGolden(t *testing.T) {
	reserve := "000000011008182" // Tax Reserve: a few items a day
	for _, c := range []struct {
		name string
		args []string
	}{
		{"help_transactions", []string{"transactions", "--help"}},
		{"text", []string{"transactions", "--account", reserve, "--from", "2026-11-18", "--to", "2026-11-19"}},
		{"csv", []string{"transactions", "--account", reserve, "--from", "2026-11-19", "--to", "2026-11-19", "--csv"}},
		{"json", []string{"transactions", "--account", reserve, "--from", "2026-11-19", "--to", "2026-11-19", "--json"}},
		{"error_no_account", []string{"transactions", "--from", "2026-11-19", "--to", "2026-11-19"}},
		{"error_dates_reversed", []string{"transactions", "--account", reserve, "--from", "2026-11-19", "--to", "2026-11-01"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, env(t), c.args...)
			golden.RequireEqual(t, transcript(c.args, code, out, errOut))
		})
	}
}

// TestTransactionsReconcileBrokenDay: a single closed day carries its
// reconciliation; the demo's broken day shows the missing fee to the cent.
func TestTransactionsReconcileBrokenDay(t *testing.T) {
	for day, want := range map[string]string{"2026-11-18": "-1250.00", "2026-11-17": "0.00"} {
		code, out, errOut := runCmd(t, env(t), "transactions", "--account", mock.BrokenAccount, "--from", day, "--to", day, "--json")
		if code != exitOK {
			t.Fatalf("exit %d %s", code, errOut)
		}
		var r struct {
			Reconciliation *struct {
				Pass       bool
				Difference string
			}
		}
		if err := json.Unmarshal([]byte(out), &r); err != nil || r.Reconciliation == nil {
			t.Fatalf("%s: no reconciliation (%v)", day, err)
		}
		if r.Reconciliation.Difference != want || r.Reconciliation.Pass != (want == "0.00") {
			t.Errorf("%s: %+v, want difference %s", day, *r.Reconciliation, want)
		}
	}
	_, out, _ := runCmd(t, env(t), "transactions", "--account", mock.BrokenAccount, "--from", "2026-11-18", "--to", "2026-11-18")
	if !strings.Contains(out, "2026-11-18 does not reconcile: difference -1,250.00 (closing ") {
		t.Errorf("text report lacks the failing reconciliation line:\n%s", out[len(out)-400:])
	}
}

// TestTransactionsDeadline: a bank that never answers cannot keep the
// command (or a nightly import) waiting past --timeout.
func TestTransactionsDeadline(t *testing.T) {
	bank := mock.New(mock.Options{Seed: demoSeed, ClientID: demoClientID, ClientSecret: demoClientSecret, Now: fixedClock})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == mock.TransactionsPath {
			<-r.Context().Done() // never answers
			return
		}
		bank.ServeHTTP(w, r)
	}))
	defer srv.Close()
	e := env(t, "CASHPOS_ENV", "mock", "CASHPOS_BASE_URL", srv.URL,
		"CASHPOS_TOKEN_URL", srv.URL+"/am/oauth2/alpha/access_token",
		"CASHPOS_CLIENT_ID", demoClientID, "CASHPOS_CLIENT_SECRET", demoClientSecret)
	code, out, errOut := runCmd(t, e, "transactions", "--account", mock.BrokenAccount, "--timeout", "300ms")
	if code != exitAPI || out != "" || !strings.Contains(errOut, "within 300ms") || strings.Count(errOut, "\n") != 1 ||
		strings.Contains(errOut, "unavailable") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// A BDA account (found through BDA's own listing, known from the last good
// data) reconciles against BDA v2's closing ledger, not a v1 query that
// answers "None of the requested accounts were found".
func TestTransactionsBDAAccountReconciles(t *testing.T) {
	getenv := env(t)
	if code, _, errOut := runCmd(t, getenv, "--demo", "balances"); code != exitOK {
		t.Fatalf("balances: exit %d, %s", code, errOut)
	}
	code, out, errOut := runCmd(t, getenv, "--demo", "transactions", "--account", "2000318290", "--from", "2026-11-19", "--to", "2026-11-19")
	if code != exitOK || !strings.Contains(out, "2026-11-19 reconciled") || strings.Contains(out, "GCA-009") {
		t.Fatalf("exit %d, stderr %q\n%s", code, errOut, out)
	}
}

// An --account the bank does not know is said as such, pointing at
// --account, not at CASHPOS_ACCOUNTS (the dashboard's list, unused here).
func TestTransactionsUnknownAccountNamesTheFlag(t *testing.T) {
	code, out, errOut := runCmd(t, env(t), "--demo", "transactions", "--account", "999999")
	if code != exitAPI || out != "" || !strings.Contains(errOut, "does not know account 999999") ||
		!strings.Contains(errOut, "check --account") || strings.Contains(errOut, "CASHPOS_ACCOUNTS") || strings.Contains(errOut, "watched") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

// Issue 11 item 15: transactions --new (and the payment journal) create
// the state directory only within the XDG base, as the last good data
// does; a missing grandparent is a typo, said, not a tree made.
func TestTransactionsNewDoesNotCreateBeyondXDGBase(t *testing.T) {
	dir := t.TempDir()
	deep := filepath.Join(dir, "typo", "a", "b")
	getenv := env(t, "CASHPOS_STATE_DIR", "", "XDG_STATE_HOME", deep)
	code, _, errOut := runCmd(t, getenv, "--demo", "transactions", "--account", "000000010962009", "--new")
	if code == exitOK || !strings.Contains(errOut, "does not exist") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "typo")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a tree beyond the XDG base was created: %v", err)
	}
}
