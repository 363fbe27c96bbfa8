package ui

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"cashpos/model"
)

// Whole-program flows through teatest/v2: the real event loop, renderer and
// command goroutines, with a fake bank. Assertions are on visible text that
// a fresh frame must contain and on the final model; teatest's raw output
// stream is never goldened (its repaint timing varies under -race).

// landed signals each fetch result as the event loop takes it. The filter
// runs before Update, and a message sent after the signal is queued behind
// it, so "wait for landed, then send" is ordered.
type landed chan tea.Msg

func (l landed) filter(_ tea.Model, msg tea.Msg) tea.Msg {
	switch msg.(type) {
	case snapshotMsg, fetchFailedMsg:
		l <- msg
	}
	return msg
}

func (l landed) wait(t *testing.T) tea.Msg {
	t.Helper()
	select {
	case msg := <-l:
		return msg
	case <-time.After(30 * time.Second):
		t.Fatal("no fetch result within 5s")
		return nil
	}
}

func startProgram(t *testing.T, o Options, profile colorprofile.Profile, env []string) (*teatest.TestModel, landed) {
	t.Helper()
	l := make(landed, 8)
	o.Now = fixedNow
	tm := teatest.NewTestModel(t, New(o),
		teatest.WithInitialTermSize(120, 40),
		teatest.WithProgramOptions(
			tea.WithColorProfile(profile),
			tea.WithEnvironment(env),
			tea.WithFilter(l.filter),
		),
	)
	return tm, l
}

func waitText(t *testing.T, tm *teatest.TestModel, texts ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		for _, s := range texts {
			if !bytes.Contains(b, []byte(s)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(30*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

func TestFlowBrowseFilterRefreshQuit(t *testing.T) {
	refreshed := typicalSnapshot()
	refreshed.Balances[7].EndingAvailable = amt("-99.99") // London Ops
	refreshed.FetchedAt = testNow.Add(45 * time.Second)
	bank := newBank(ok(typicalSnapshot()), ok(refreshed))
	saved := make(chan model.Snapshot, 4)
	tm, l := startProgram(t, Options{
		Env: EnvDemo, Fetch: bank.Fetch,
		SaveGood: func(s model.Snapshot) error { saved <- s; return nil },
	}, colorprofile.ANSI, []string{"TERM=xterm-256color", "LANG=en_US.UTF-8"})

	l.wait(t)
	waitText(t, tm, "Operating — Ch", "ESCROW ACCOUNT", "Total · 5 accounts")

	tm.Send(keyMsg("j"))
	tm.Send(keyMsg("j")) // Concentration
	tm.Type("/lon")
	tm.Send(keyMsg("enter"))
	tm.Send(keyMsg("r"))
	if _, ok := l.wait(t).(snapshotMsg); !ok {
		t.Fatal("refresh did not land a snapshot")
	}
	// SaveGood runs in a command after each good refresh. (Quitting in the
	// same instant can skip the newest save; the previous one stays.)
	for n := range 2 {
		select {
		case s := <-saved:
			if n == 1 && !s.FetchedAt.Equal(refreshed.FetchedAt) {
				t.Fatalf("second save is of %v", s.FetchedAt)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("SaveGood not called for each good refresh")
		}
	}
	tm.Send(keyMsg("q"))

	fm, ok := tm.FinalModel(t, teatest.WithFinalTimeout(30*time.Second)).(Model)
	if !ok {
		t.Fatal("final model is not a ui.Model")
	}
	if bank.Calls() != 2 {
		t.Fatalf("fetch calls %d, want 2", bank.Calls())
	}
	if dash(fm).grid.filter != "lon" || dash(fm).grid.filtering {
		t.Fatalf("filter %q typing %v", dash(fm).grid.filter, dash(fm).grid.filtering)
	}
	if got := fmt.Sprint(shownNames(fm)); got != "[London Ops London Payroll]" {
		t.Fatalf("shown %s", got)
	}
	// The selected Concentration was filtered out, so the selection went
	// to the first match and stayed there through the refresh.
	if selectedName(fm) != "London Ops" {
		t.Fatalf("selected %q", selectedName(fm))
	}
	if dash(fm).inFlight() || dash(fm).offline || !dash(fm).lastGood().Equal(refreshed.FetchedAt) {
		t.Fatalf("inFlight %v offline %v lastGood %v", dash(fm).inFlight(), dash(fm).offline, dash(fm).lastGood())
	}
	requireContains(t, screenText(fm), "-99.99", "updated Fri 20 Nov 15:04:45", "filter: lon (2 of 14)")
}

func TestFlowFailureThenRetry(t *testing.T) {
	bank := newBank(fail(fmt.Errorf("dial tcp: connection refused: %w", model.ErrUnavailable)), ok(typicalSnapshot()))
	tm, l := startProgram(t, Options{Env: EnvProduction, Fetch: bank.Fetch, NoColor: true},
		colorprofile.Ascii, []string{"TERM=xterm-256color", "NO_COLOR=1"})

	if _, ok := l.wait(t).(fetchFailedMsg); !ok {
		t.Fatal("first fetch should fail")
	}
	waitText(t, tm, "PRODUCTION", "Could not load balances")
	tm.Send(keyMsg("r"))
	if _, ok := l.wait(t).(snapshotMsg); !ok {
		t.Fatal("retry should land a snapshot")
	}
	tm.Send(keyMsg("G"))
	tm.Send(keyMsg("q"))
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(30*time.Second)).(Model)
	if dash(fm).fetchErr != nil || dash(fm).bk == nil || selectedName(fm) != "ESCROW ACCOUNT" {
		t.Fatalf("err %v selected %q", dash(fm).fetchErr, selectedName(fm))
	}
}
