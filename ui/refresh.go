package ui

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"cashpos/model"
)

// errNoFetch is what a model built without a Fetch reports.
var errNoFetch = errors.New("no bank connection configured")

// fetchCmd runs one refresh and reports it stamped with its generation.
func fetchCmd(ctx context.Context, fetch func(context.Context) (model.Snapshot, error), gen uint64) tea.Cmd {
	return func() tea.Msg {
		if fetch == nil {
			return fetchFailedMsg{gen: gen, err: errNoFetch}
		}
		snap, err := fetch(ctx)
		if err != nil {
			return fetchFailedMsg{gen: gen, err: err}
		}
		return snapshotMsg{gen: gen, snap: snap}
	}
}

// beginFetch stamps a new generation and cancels the fetch it supersedes, so
// a slow link never carries two refreshes at once.
func (m Model) beginFetch() Model {
	if m.cancel != nil {
		m.cancel()
	}
	m.gen++
	m.inFlight = true
	m.fetchCtx, m.cancel = context.WithCancel(m.ctx)
	return m
}

// refreshNow starts a fetch and returns the command that runs it.
func (m Model) refreshNow() (Model, tea.Cmd) {
	m = m.beginFetch()
	return m, fetchCmd(m.fetchCtx, m.opts.Fetch, m.gen)
}

// endFetch closes the bookkeeping of the current generation.
func (m Model) endFetch() Model {
	if m.cancel != nil {
		m.cancel()
	}
	m.cancel = nil
	m.fetchCtx = nil
	m.inFlight = false
	return m
}

// scheduleRefresh arms the one live auto-refresh timer (if auto is on). Any
// earlier timer still pending is orphaned by the new id.
func (m Model) scheduleRefresh() (Model, tea.Cmd) {
	m.timerID++
	if !m.auto {
		return m, nil
	}
	return m, m.after(m.opts.RefreshInterval, refreshTickMsg{id: m.timerID})
}

// minuteTick fires on the next minute boundary of the injected clock: ages
// are shown in minutes, so nothing needs a faster tick.
func (m Model) minuteTick() tea.Cmd {
	return m.after(untilNextMinute(m.opts.Now()), minuteTickMsg{})
}

func untilNextMinute(now time.Time) time.Duration {
	d := now.Truncate(time.Minute).Add(time.Minute).Sub(now)
	if d <= 0 {
		d = time.Minute
	}
	return d
}

// saveCmd hands a good snapshot to SaveGood off the UI goroutine.
func saveCmd(save func(model.Snapshot) error, gen uint64, snap model.Snapshot) tea.Cmd {
	if save == nil {
		return nil
	}
	return func() tea.Msg { return savedMsg{gen: gen, err: save(snap)} }
}
