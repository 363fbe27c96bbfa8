package ui

import (
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"cashpos/model"
)

// errNoFetch is what a model built without a Fetch reports.
var errNoFetch = errors.New("no bank connection configured")

// fetchCmd runs one refresh and reports it stamped with its ticket. The
// new rows are prepared here, off the UI goroutine — the book built and
// ordered for the sort on screen when the refresh started — so that Update
// only swaps them in.
func (m dashboard) fetchCmd() tea.Cmd {
	ctx, fetch, t, now := m.slot.ctx, m.opts.Fetch, m.slot.ticket(), m.opts.Now
	cc := m.classifyCtx()
	cc.offline = false // the new book is live data
	sortBy, desc := m.grid.sortBy, m.grid.desc
	return func() tea.Msg {
		if fetch == nil {
			return fetchFailedMsg{t: t, err: errNoFetch}
		}
		snap, err := fetch(ctx)
		if err != nil {
			return fetchFailedMsg{t: t, err: err}
		}
		snap, bk := prepared(snap, now)
		k := keyFor(sortBy, desc, cc)
		bk.memoPerm(k, computePerm(bk, k, cc))
		return snapshotMsg{t: t, snap: snap, bk: bk}
	}
}

// prepared stamps a snapshot's fetch time if the bank gave none and builds
// its book.
func prepared(snap model.Snapshot, now func() time.Time) (model.Snapshot, *book) {
	if snap.FetchedAt.IsZero() {
		snap.FetchedAt = now()
	}
	return snap, prepareBook(snap)
}

// beginFetch stamps a new generation in the dashboard's slot, which cancels
// the fetch it supersedes, so a slow link never carries two refreshes at once.
func (m dashboard) beginFetch() dashboard {
	m.slot, _, _ = m.slot.start(m.ctx)
	return m
}

// refreshNow starts a fetch and returns the command that runs it.
func (m dashboard) refreshNow() (dashboard, tea.Cmd) {
	m = m.beginFetch()
	return m, m.fetchCmd()
}

// endFetch closes the bookkeeping of the current generation.
func (m dashboard) endFetch() dashboard {
	m.slot = m.slot.finish()
	return m
}

// scheduleRefresh arms the one live auto-refresh timer (if auto is on). Any
// earlier timer still pending is orphaned by the new one.
func (m dashboard) scheduleRefresh() (dashboard, tea.Cmd) {
	var t ticket
	m.slot, t = m.slot.arm()
	if !m.auto {
		return m, nil
	}
	return m, m.after(m.opts.RefreshInterval, refreshTickMsg{t: t})
}

// minuteTick fires on the next minute boundary of the injected clock: ages
// are shown in minutes, so nothing needs a faster tick.
func (m dashboard) minuteTick() tea.Cmd {
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
func saveCmd(save func(model.Snapshot) error, t ticket, snap model.Snapshot) tea.Cmd {
	if save == nil {
		return nil
	}
	return func() tea.Msg { return savedMsg{t: t, err: save(snap)} }
}
