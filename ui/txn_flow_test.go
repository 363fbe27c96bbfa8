package ui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// probe asks the running program for its model: the program's filter sees
// it after every message sent before it has been handled, so what comes
// back is the state those keys produced — no waiting on repaint timing.
type probe struct{ out chan Model }

func probeFilter(m tea.Model, msg tea.Msg) tea.Msg {
	if p, ok := msg.(probe); ok {
		p.out <- m.(Model)
		return nil
	}
	return msg
}

// probeWait only guards against a hang: under -race on a loaded 2-core
// machine a bank answer can take seconds to land, and a tight bound made
// the flow flaky without proving anything.
const probeWait = 30 * time.Second

func probeModel(t *testing.T, tm *teatest.TestModel) Model {
	t.Helper()
	p := probe{out: make(chan Model, 1)}
	tm.Send(p)
	select {
	case m := <-p.out:
		return m
	case <-time.After(probeWait):
		t.Fatal("the program did not answer a probe")
		return Model{}
	}
}

// probeUntil probes until cond holds (answers from the bank land between
// probes), or fails after 5 s.
func probeUntil(t *testing.T, tm *teatest.TestModel, what string, cond func(Model) bool) Model {
	t.Helper()
	deadline := time.Now().Add(probeWait)
	for {
		m := probeModel(t, tm)
		if cond(m) {
			return m
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not reached in %v; screen:\n%s", what, probeWait, screenText(m))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func txnLoaded(m Model) bool {
	s, ok := m.top().(txnScreen)
	return ok && !s.loading() && len(s.rows) > 0
}

// TestFlowDrillDownFilterBack: dashboard → enter → the account's
// transactions → filter → details → esc esc esc → the dashboard, selection
// kept → quit, through the real event loop, renderer and commands.
func TestFlowDrillDownFilterBack(t *testing.T) {
	bank := standardTxnBank()
	tm := teatest.NewTestModel(t, testModel(Options{
		Env: EnvDemo, Fetch: newBank(ok(typicalSnapshot())).Fetch,
		Transactions: bank.Fetch, DayLedger: bank.DayLedger,
	}),
		teatest.WithInitialTermSize(120, 40),
		teatest.WithProgramOptions(
			tea.WithColorProfile(colorprofile.ANSI),
			tea.WithEnvironment([]string{"TERM=xterm-256color", "LANG=en_US.UTF-8"}),
			tea.WithFilter(probeFilter),
		),
	)
	probeUntil(t, tm, "dashboard loaded", func(m Model) bool { return dash(m).bk != nil })

	tm.Send(keyMsg("j")) // Payroll
	tm.Send(keyMsg("enter"))
	m := probeUntil(t, tm, "transactions loaded", txnLoaded)
	requireContains(t, screenText(m), "transactions · Payroll", "60 items", "rows 1–32 of 60")

	tm.Type("/195")
	tm.Send(keyMsg("enter")) // keep the filter
	tm.Send(keyMsg("enter")) // details
	m = probeModel(t, tm)
	requireContains(t, screenText(m), "filter: 195 (7 of 60)", "details · TXN-", "IND INCOMING MONEY TRANSFER")

	tm.Send(keyMsg("esc")) // close details
	tm.Send(keyMsg("esc")) // clear the filter
	tm.Send(keyMsg("esc")) // back
	m = probeUntil(t, tm, "back on the dashboard", func(m Model) bool { return len(m.stack) == 1 })
	requireContains(t, screenText(m), "Total · 5 accounts")
	tm.Send(keyMsg("q"))

	fm := tm.FinalModel(t, teatest.WithFinalTimeout(30*time.Second)).(Model)
	if len(fm.stack) != 1 || selectedName(fm) != "Payroll" {
		t.Fatalf("stack %d selected %q", len(fm.stack), selectedName(fm))
	}
	if len(bank.queries) != 1 || bank.queries[0].Account.ID != "000000098761177" {
		t.Fatalf("queries %+v", bank.queries)
	}
}
