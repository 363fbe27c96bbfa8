package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// balances --cached --accounts X prints X's last good row only, and names a
// watched id the last good data does not hold (exit 3), instead of every
// saved account.
func TestCachedNarrowedToWatched(t *testing.T) {
	b := newFakeBank(t)
	getenv := b.env(t)
	if code, _, errOut := runCmd(t, getenv, "balances"); code != exitOK {
		t.Fatalf("first run: exit %d, %s", code, errOut)
	}
	calls := b.calls.Load()
	code, out, errOut := runCmd(t, getenv, "balances", "--cached", "--accounts", "0041034035")
	if code != exitOK || strings.Contains(out, "10962009") || !strings.Contains(out, "0041034035") {
		t.Fatalf("--cached --accounts: exit %d, %s\n%s", code, errOut, out)
	}

	code, out, errOut = runCmd(t, getenv, "balances", "--cached", "--json", "--accounts", "10962009,999888777")
	if code != exitPartial || !strings.Contains(errOut, "999888777") {
		t.Fatalf("an unsaved account: exit %d, stderr %q", code, errOut)
	}
	var rep struct {
		Missing []struct {
			What, Status, Reason string
		}
		Accounts []struct{ AccountID string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Accounts) != 1 || rep.Accounts[0].AccountID != "000000010962009" {
		t.Errorf("accounts = %+v", rep.Accounts)
	}
	if len(rep.Missing) != 1 || rep.Missing[0].What != "account 999888777" || !strings.Contains(rep.Missing[0].Reason, "not in the last good data") {
		t.Errorf("missing = %+v", rep.Missing)
	}
	if b.calls.Load() != calls {
		t.Error("--cached called the bank")
	}
}
