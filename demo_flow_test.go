package main

import (
	"bytes"
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"cashpos/config"
	"cashpos/model"
	"cashpos/ui"
)

// demoSession opens a demo session exactly as `go run .` does: the embedded
// mock bank on a loopback port, the real client over HTTP.
func demoSession(t testing.TB) *session {
	t.Helper()
	cfg, err := config.Load(config.LoadOptions{Getenv: env(t), Flags: config.Overrides{Demo: true}})
	if err != nil {
		t.Fatal(err)
	}
	cfg.StateDir = filepath.Join(t.TempDir(), "state")
	s, err := openSession(context.Background(), cfg, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.close)
	return s
}

// The whole demo, through the real event loop: start, wait for the grid from
// the mock bank, move, filter, refresh, quit.
func TestDemoFlow(t *testing.T) {
	s := demoSession(t)
	var fetches atomic.Int32
	fetch := func(ctx context.Context) (model.Snapshot, error) {
		fetches.Add(1)
		return s.fetch(ctx)
	}
	saved := make(chan struct{}, 8)
	tm := teatest.NewTestModel(t, ui.New(ui.Options{
		Env: uiEnv(s), Fetch: fetch, Thresholds: s.thresholds(), RefreshInterval: time.Hour,
		// Signalled once the save is done, so the test never ends (and
		// removes the state dir) while a save is still writing.
		SaveGood: func(snap model.Snapshot) error { err := s.saveGood(snap); saved <- struct{}{}; return err },
	}),
		teatest.WithInitialTermSize(120, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii), tea.WithEnvironment([]string{"TERM=xterm-256color"})),
	)
	// At 120x40 the realistic demo book shows all four balance columns
	// (issue 11: tens of billions, not a 14-digit outlier).
	waitFor(t, tm, "DEMO", "Global Liquidity", "Manama Treasury", "BDA Intercompany", "Totals",
		"Open avail", "Open ledger", "End avail", "End ledger")
	<-saved

	tm.Send(tea.KeyPressMsg{Code: 'j', Text: "j"})
	tm.Send(tea.KeyPressMsg{Code: '/', Text: "/"})
	for _, r := range "tokyo" {
		tm.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	waitFor(t, tm, "filtered: 1 of 17 accounts", "Tokyo Operations")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})

	tm.Send(tea.KeyPressMsg{Code: 'r', Text: "r"})
	select {
	case <-saved:
	case <-time.After(10 * time.Second):
		t.Fatal("r did not refresh")
	}
	tm.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	tm.WaitFinished(t, teatest.WithFinalTimeout(30*time.Second))
	if n := fetches.Load(); n != 2 {
		t.Fatalf("fetches = %d, want 2 (start + r)", n)
	}
	lg, err := s.lastGood.Load()
	if err != nil || lg == nil || len(lg.Balances) != 17 {
		t.Fatalf("last good snapshot not saved whole: %v, %v", lg, err)
	}
}

func waitFor(t *testing.T, tm *teatest.TestModel, texts ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		for _, s := range texts {
			if !bytes.Contains(b, []byte(s)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(30*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}
