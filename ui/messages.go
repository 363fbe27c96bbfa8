package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"cashpos/model"
)

// Messages produced by the dashboard's own commands. Every fetch result
// carries the ticket of the request it answers; results from a superseded
// request are dropped (see slot).
type (
	// snapshotMsg is a refresh's answer: the snapshot (for saving) and
	// its book, prepared in the command. bk is nil when a test builds the
	// message by hand; Update then prepares it.
	snapshotMsg struct {
		t    ticket
		snap model.Snapshot
		bk   *book
	}
	fetchFailedMsg struct {
		t   ticket
		err error
	}
	// refreshTickMsg is the auto-refresh timer; its ticket ties it to the
	// one live timer chain so a paused or superseded timer does nothing.
	refreshTickMsg struct{ t ticket }
	// progressMsg is what the fetch of request t waits on; ch delivers the
	// next report.
	progressMsg struct {
		t  ticket
		p  model.FetchProgress
		ch <-chan model.FetchProgress
	}
	// elapsedTickMsg moves the refresh's elapsed time, once a second and
	// only while request t is in flight.
	elapsedTickMsg struct{ t ticket }
	// minuteTickMsg re-renders ages; it fires on minute boundaries.
	minuteTickMsg struct{}
	// savedMsg reports SaveGood's result for the snapshot of request t.
	savedMsg struct {
		t   ticket
		err error
	}
)

// afterFunc schedules msg after d. Production uses tea.Tick; tests swap in a
// recorder so no test ever sleeps.
type afterFunc func(d time.Duration, msg tea.Msg) tea.Cmd

func teaAfter(d time.Duration, msg tea.Msg) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return msg })
}
