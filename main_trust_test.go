package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// fakeBank is a v1 bank whose accounts can be switched off one by one, for
// the partial-data paths of the balances command (issue 6 items 2, 3, 6).
type fakeBank struct {
	srv    *httptest.Server
	mu     sync.Mutex
	down   map[string]bool // account ids answered with GCA-010
	bodies []string        // v1 request bodies seen
	calls  atomic.Int32
}

func newFakeBank(t *testing.T) *fakeBank {
	b := &fakeBank{down: map[string]bool{}}
	b.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/token" {
			io.WriteString(w, `{"access_token":"tok-main-test-1234","token_type":"Bearer","expires_in":3600}`)
			return
		}
		b.calls.Add(1)
		raw, _ := io.ReadAll(r.Body)
		var q struct{ AccountList []struct{ AccountID string } }
		json.Unmarshal(raw, &q)
		b.mu.Lock()
		b.bodies = append(b.bodies, string(raw))
		var parts []string
		for _, a := range q.AccountList {
			if b.down[a.AccountID] {
				parts = append(parts, fmt.Sprintf(`{"accountId":%q,"errorCode":"GCA-010","errorMsg":"Account not found"}`, a.AccountID))
				continue
			}
			parts = append(parts, fmt.Sprintf(`{"accountId":%q,"accountName":"ACCT %s","bankId":"02100002","currency":{"code":"USD","decimalLocation":2},`+
				`"balanceList":[{"asOfDate":"2026-11-20","recordTimestamp":"2026-11-20T14:00:00Z","currentDay":true,`+
				`"openingAvailableAmount":1.00,"openingLedgerAmount":1.00,"endingAvailableAmount":10.00,"endingLedgerAmount":10.00}]}`, a.AccountID, a.AccountID))
		}
		b.mu.Unlock()
		io.WriteString(w, `{"accountList":[`+strings.Join(parts, ",")+`]}`)
	}))
	t.Cleanup(b.srv.Close)
	return b
}

func (b *fakeBank) env(t *testing.T, kv ...string) func(string) string {
	base := []string{"CASHPOS_ENV", "mock", "CASHPOS_BASE_URL", b.srv.URL, "CASHPOS_TOKEN_URL", b.srv.URL + "/token",
		"CASHPOS_CLIENT_ID", "cid", "CASHPOS_CLIENT_SECRET", "csecret-0123", "CASHPOS_ACCOUNTS", "0041034035,000000010962009"}
	return env(t, append(base, kv...)...)
}

// Issue 6 items 3 and 6, issue 1's remembered bank id: a partial answer
// exits 3 naming the account on stderr and in the JSON, keeps the last
// good figures (offline) on screen and on disk, and the bank id the bank
// reported is sent the next time.
func TestBalancesPartialExitsThreeAndKeepsLastGood(t *testing.T) {
	b := newFakeBank(t)
	getenv := b.env(t)
	if code, _, errOut := runCmd(t, getenv, "balances"); code != exitOK {
		t.Fatalf("first run: exit %d, %s", code, errOut)
	}
	b.mu.Lock()
	b.down["000000010962009"] = true
	b.mu.Unlock()
	code, out, errOut := runCmd(t, getenv, "balances", "--json")
	if code != exitPartial {
		t.Fatalf("exit %d, want 3; stderr %q", code, errOut)
	}
	if !strings.Contains(errOut, "partial data") || !strings.Contains(errOut, "000000010962009") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("stderr must be one line naming the account: %q", errOut)
	}
	var rep struct {
		Complete bool
		Missing  []struct{ AccountID, Status string }
		Accounts []struct {
			AccountID, Staleness, EndingLedger string
			Offline                            bool
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Complete || len(rep.Missing) != 1 || rep.Missing[0].AccountID != "000000010962009" || rep.Missing[0].Status != "offline" {
		t.Errorf("missing = %+v", rep.Missing)
	}
	if a := rep.Accounts[1]; !a.Offline || a.Staleness != "offline" || a.EndingLedger != "10.00" {
		t.Errorf("the failed account must keep its last good figures, offline: %+v", a)
	}
	b.mu.Lock()
	last := b.bodies[len(b.bodies)-1]
	b.mu.Unlock()
	if !strings.Contains(last, `"bankId":"02100002"`) {
		t.Errorf("the bank id from the earlier answer was not sent: %s", last)
	}
	// The saved snapshot is the merged one: --cached still shows figures.
	calls := b.calls.Load()
	code, out, _ = runCmd(t, getenv, "balances", "--cached")
	if code != exitPartial || !strings.Contains(out, "CACHED") || !strings.Contains(out, "10.00") {
		t.Errorf("--cached: exit %d\n%s", code, out)
	}
	if b.calls.Load() != calls {
		t.Error("--cached called the bank")
	}
}

// Issue 11 item 14: --cached with nothing saved says what to do.
func TestBalancesCachedWithoutSnapshot(t *testing.T) {
	b := newFakeBank(t)
	code, _, errOut := runCmd(t, b.env(t), "balances", "--cached")
	if code != exitAPI || !strings.Contains(errOut, "no last good data") || b.calls.Load() != 0 {
		t.Fatalf("exit %d, %q, calls %d", code, errOut, b.calls.Load())
	}
}

// Issue 6 "Also": advice names the setting at the edge.
func TestErrorsNameTheSetting(t *testing.T) {
	code, _, errOut := runCmd(t, env(t, "CASHPOS_ENV", "mock", "CASHPOS_BASE_URL", "http://127.0.0.1:1",
		"CASHPOS_TOKEN_URL", "http://127.0.0.1:1/token", "CASHPOS_CLIENT_ID", "a", "CASHPOS_CLIENT_SECRET", "b", "CASHPOS_ACCOUNTS", "1"), "balances")
	if code != exitAPI || !strings.Contains(errOut, "(setting: CASHPOS_TOKEN_URL)") {
		t.Fatalf("exit %d, %q", code, errOut)
	}
}

// Issue 6 item 12: an interrupt ends with a clear line, not "context canceled".
func TestInterruptedBalances(t *testing.T) {
	b := newFakeBank(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb strings.Builder
	code := run(ctx, []string{"balances"}, stdio{in: strings.NewReader(""), out: &out, err: &errb, now: fixedClock}, b.env(t))
	if code != exitInterrupted || !strings.Contains(errb.String(), "interrupted") || strings.Contains(errb.String(), "context canceled") {
		t.Fatalf("exit %d, %q", code, errb.String())
	}
}

// Issue 11 item 15: every command reports a state directory it cannot
// trust, and still runs.
func TestStateDirProblemReported(t *testing.T) {
	b := newFakeBank(t)
	dir := filepath.Join(t.TempDir(), "open")
	os.Mkdir(dir, 0o700)
	os.Chmod(dir, 0o777)
	code, _, errOut := runCmd(t, b.env(t, "CASHPOS_STATE_DIR", dir), "balances")
	if code != exitOK || !strings.Contains(errOut, "warning: state directory") || !strings.Contains(errOut, "chmod 700") {
		t.Fatalf("exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "balances-mock.json")); err == nil {
		t.Error("nothing may be saved in a directory others can write")
	}
}

// When the whole fetch fails, the error says the last good data "stays
// valid"; it also says which command prints it, and when it was fetched.
func TestBalancesFailureNamesCached(t *testing.T) {
	b := newFakeBank(t)
	getenv := b.env(t)
	if code, _, errOut := runCmd(t, getenv, "balances"); code != exitOK {
		t.Fatalf("first run: exit %d, %s", code, errOut)
	}
	b.srv.Close()
	code, _, errOut := runCmd(t, getenv, "balances")
	if code != exitAPI || !strings.Contains(errOut, "'cashpos balances --cached' prints the last good data, fetched ") ||
		strings.Count(errOut, "\n") != 1 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

// --cached when the saved file exists but was refused says so, not that
// nothing was ever saved.
func TestBalancesCachedRefusedFile(t *testing.T) {
	b := newFakeBank(t)
	getenv := b.env(t)
	if code, _, errOut := runCmd(t, getenv, "balances"); code != exitOK {
		t.Fatalf("first run: exit %d, %s", code, errOut)
	}
	files, _ := filepath.Glob(filepath.Join(getenv("CASHPOS_STATE_DIR"), "balances-*.json"))
	if len(files) != 1 {
		t.Fatalf("snapshot files: %v", files)
	}
	if err := os.WriteFile(files[0], []byte(`{"format":"cashpos-last-good","version":99}`), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCmd(t, getenv, "balances", "--cached")
	if code != exitAPI || !strings.Contains(errOut, "warning: last good balances") ||
		!strings.Contains(errOut, "the saved file was refused") || strings.Contains(errOut, "saved for this environment yet") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

// balances --accounts X looks at one account for this run only: its save
// must keep the other accounts' last good figures, or the dashboard's
// fallback in an outage would show just X.
func TestNarrowedRunKeepsOtherAccountsLastGood(t *testing.T) {
	b := newFakeBank(t)
	getenv := b.env(t)
	if code, _, errOut := runCmd(t, getenv, "balances"); code != exitOK {
		t.Fatalf("first run: exit %d, %s", code, errOut)
	}
	if code, out, errOut := runCmd(t, getenv, "balances", "--accounts", "0041034035"); code != exitOK || strings.Contains(out, "10962009") {
		t.Fatalf("narrowed run: exit %d, %s\n%s", code, errOut, out)
	}
	code, out, _ := runCmd(t, getenv, "balances", "--cached", "--json")
	if code != exitOK || !strings.Contains(out, `"accountId": "000000010962009"`) || !strings.Contains(out, `"accountId": "0041034035"`) {
		t.Fatalf("the last good data lost an account: exit %d\n%s", code, out)
	}
}
