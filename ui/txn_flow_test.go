package ui

import (
	"testing"
	"time"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// TestFlowDrillDownFilterBack: dashboard → enter → the account's
// transactions → filter → esc esc → the dashboard, selection kept → quit.
func TestFlowDrillDownFilterBack(t *testing.T) {
	bank := standardTxnBank()
	tm, l := startProgram(t, Options{
		Env: EnvDemo, Fetch: newBank(ok(typicalSnapshot())).Fetch,
		Transactions: bank.Fetch, DayLedger: bank.DayLedger,
	}, colorprofile.ANSI, []string{"TERM=xterm-256color", "LANG=en_US.UTF-8"})
	l.wait(t)
	waitText(t, tm, "Operating — Ch", "Total · 5 accounts")

	tm.Send(keyMsg("j")) // Payroll
	tm.Send(keyMsg("enter"))
	waitText(t, tm, "transactions · Payroll", "60 items", "rows 1–32 of 60")
	tm.Type("/195")
	waitText(t, tm, "(7 of 60)")
	tm.Send(keyMsg("enter")) // keep the filter
	tm.Send(keyMsg("enter")) // details
	waitText(t, tm, "details · TXN-", "FEDWIRE CREDIT")
	tm.Send(keyMsg("esc")) // close details
	tm.Send(keyMsg("esc")) // clear the filter
	tm.Send(keyMsg("esc")) // back
	waitText(t, tm, "Total · 5 accounts")
	tm.Send(keyMsg("q"))

	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	if len(fm.stack) != 1 || selectedName(fm) != "Payroll" {
		t.Fatalf("stack %d selected %q", len(fm.stack), selectedName(fm))
	}
	if len(bank.queries) != 1 || bank.queries[0].Account.ID != "000000098761177" {
		t.Fatalf("queries %+v", bank.queries)
	}
}
