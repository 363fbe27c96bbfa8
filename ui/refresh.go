package ui

import (
	"context"
	"errors"
	"sync"
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
func (m dashboard) fetchCmd(ctx context.Context, fetch func(context.Context) (model.Snapshot, error)) tea.Cmd {
	t, now := m.slot.ticket(), m.opts.Now
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

// fetchCmds starts the slot's newest request: the fetch, a listener for
// what it waits on (when the bank client can say), and the elapsed-time
// tick that runs only while it is in flight.
func (m dashboard) fetchCmds() tea.Cmd {
	t, ctx, fetch := m.slot.ticket(), m.slot.ctx, m.opts.Fetch
	elapsed := m.after(time.Second, elapsedTickMsg{t: t})
	if m.opts.WatchProgress == nil || fetch == nil {
		return tea.Batch(m.fetchCmd(ctx, fetch), elapsed)
	}
	pr := newProgressChan()
	ctx = m.opts.WatchProgress(ctx, pr.put)
	run := func(ctx context.Context) (model.Snapshot, error) {
		defer pr.close()
		return fetch(ctx)
	}
	return tea.Batch(m.fetchCmd(ctx, run), listenProgress(pr.ch, t), elapsed)
}

// progressChan keeps only the newest report: the screen shows what the
// fetch waits on now, not a history.
type progressChan struct {
	mu     sync.Mutex
	ch     chan model.FetchProgress
	closed bool
}

func newProgressChan() *progressChan {
	return &progressChan{ch: make(chan model.FetchProgress, 1)}
}

func (p *progressChan) put(v model.FetchProgress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return
	}
	select {
	case <-p.ch: // drop the older report nobody has read yet
	default:
	}
	p.ch <- v
}

func (p *progressChan) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	close(p.ch)
}

func listenProgress(ch <-chan model.FetchProgress, t ticket) tea.Cmd {
	return func() tea.Msg {
		p, ok := <-ch
		if !ok {
			return nil
		}
		return progressMsg{t: t, p: p, ch: ch}
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
	m.fetchStarted = m.opts.Now()
	m.progress = model.FetchProgress{}
	return m
}

// refreshNow starts a fetch and returns the command that runs it.
func (m dashboard) refreshNow() (dashboard, tea.Cmd) {
	m = m.beginFetch()
	return m, m.fetchCmds()
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
