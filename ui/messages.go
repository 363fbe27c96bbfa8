package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"cashpos/model"
)

// Messages produced by the dashboard's own commands. Every fetch result
// carries the generation it was started with; results from a superseded
// generation are dropped.
type (
	snapshotMsg struct {
		gen  uint64
		snap model.Snapshot
	}
	fetchFailedMsg struct {
		gen uint64
		err error
	}
	// refreshTickMsg is the auto-refresh timer; id ties it to the one live
	// timer chain so a paused or superseded timer does nothing.
	refreshTickMsg struct{ id uint64 }
	// minuteTickMsg re-renders ages; it fires on minute boundaries.
	minuteTickMsg struct{}
	// savedMsg reports SaveGood's result for the snapshot of generation gen.
	savedMsg struct {
		gen uint64
		err error
	}
)

// afterFunc schedules msg after d. Production uses tea.Tick; tests swap in a
// recorder so no test ever sleeps.
type afterFunc func(d time.Duration, msg tea.Msg) tea.Cmd

func teaAfter(d time.Duration, msg tea.Msg) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return msg })
}
