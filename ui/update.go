package ui

import (
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"cashpos/model"
)

// Update is a short type switch; each case is a named method. Messages that
// change nothing return m, nil.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m.onResize(msg)
	case tea.KeyPressMsg:
		return m.onKey(msg)
	case tea.PasteMsg:
		return m.onPaste(msg)
	case snapshotMsg:
		return m.onSnapshot(msg)
	case fetchFailedMsg:
		return m.onFetchFailed(msg)
	case refreshTickMsg:
		return m.onRefreshTick(msg)
	case minuteTickMsg:
		return m.onTick()
	case savedMsg:
		return m.onSaved(msg)
	}
	return m, nil
}

func (m Model) onResize(msg tea.WindowSizeMsg) (tea.Model, tea.Cmd) {
	if msg.Width == m.width && msg.Height == m.height {
		return m, nil
	}
	m.width, m.height = msg.Width, msg.Height
	m = m.relayout()
	m.grid.offset = m.grid.scrolled(m.lay.bodyH)
	return m, nil
}

// relayout recomputes the layout; the row cache is keyed on layRev, which
// moves only when the layout really changed.
func (m Model) relayout() Model {
	var d dims
	if m.bk != nil {
		d = m.bk.dims
	}
	l := computeLayout(m.width, m.height, d, m.grid.totals)
	if l != m.lay {
		m.lay = l
		m.layRev++
	}
	return m
}

// regrid re-applies filter and sort after the data, filter or sort changed.
func (m Model) regrid() Model {
	m.grid = m.grid.rebuild(m.bk, m.classifyCtx())
	m = m.relayout()
	m.grid.offset = m.grid.scrolled(m.lay.bodyH)
	return m
}

func (m Model) onSnapshot(msg snapshotMsg) (tea.Model, tea.Cmd) {
	if msg.gen != m.gen {
		return m, nil // a superseded refresh
	}
	m = m.endFetch()
	snap := msg.snap
	if snap.FetchedAt.IsZero() {
		snap.FetchedAt = m.opts.Now()
	}
	m.dataRev++
	m.bk = newBook(snap, m.dataRev)
	m.offline, m.cached = false, false
	m.fetchErr, m.fatal = nil, fatalNone
	m = m.regrid()
	m, tick := m.scheduleRefresh()
	return m, tea.Batch(saveCmd(m.opts.SaveGood, m.gen, snap), tick)
}

func (m Model) onFetchFailed(msg fetchFailedMsg) (tea.Model, tea.Cmd) {
	if msg.gen != m.gen {
		return m, nil
	}
	m = m.endFetch()
	m.fetchErr = msg.err
	switch {
	case errors.Is(msg.err, model.ErrUnauthorized):
		// Retrying on a timer will not fix credentials; wait for `r`.
		m.fatal = fatalUnauthorized
		m.timerID++
		return m, nil
	case errors.Is(msg.err, model.ErrNoEligibleAccounts):
		m.fatal = fatalNoAccounts
		m.timerID++
		return m, nil
	}
	m.fatal = fatalNone
	if m.bk != nil && !m.offline {
		m.offline = true
		if m.grid.sortBy.dependsOnClock() {
			m = m.regrid()
		}
	}
	return m.scheduleRefresh()
}

func (m Model) onRefreshTick(msg refreshTickMsg) (tea.Model, tea.Cmd) {
	if msg.id != m.timerID || !m.auto || m.inFlight {
		return m, nil
	}
	return m.refreshNow()
}

// onTick is the minute clock: the frame it triggers recomputes ages.
func (m Model) onTick() (tea.Model, tea.Cmd) {
	if m.grid.sortBy.dependsOnClock() {
		m = m.regrid()
	}
	return m, m.minuteTick()
}

func (m Model) onSaved(msg savedMsg) (tea.Model, tea.Cmd) {
	if msg.err == nil && m.saveErr == nil {
		return m, nil
	}
	m.saveErr = msg.err
	return m, nil
}

// lastGood is when the data on screen was fetched.
func (m Model) lastGood() time.Time {
	if m.bk == nil {
		return time.Time{}
	}
	return m.bk.fetchedAt
}

func (m Model) problems() int {
	if m.bk == nil {
		return 0
	}
	return m.bk.problems
}

func (m Model) partial() bool { return m.bk != nil && m.bk.partial }

// missing names what the book lacks beyond rows with a Problem: parts not
// read at all, rows carried over offline.
func (m Model) missing() []string {
	if m.bk == nil {
		return nil
	}
	return m.bk.missing
}
