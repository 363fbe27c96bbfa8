package ui

import (
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"cashpos/model"
)

// Update is a short type switch; each case is a named method. Messages that
// change nothing return m, nil.
func (m dashboard) Update(msg tea.Msg) (Screen, tea.Cmd) {
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
	case progressMsg:
		return m.onProgress(msg)
	case elapsedTickMsg:
		return m.onElapsed(msg)
	case savedMsg:
		return m.onSaved(msg)
	case sortedMsg:
		return m.onSorted(msg)
	}
	return m, nil
}

func (m dashboard) onResize(msg tea.WindowSizeMsg) (Screen, tea.Cmd) {
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
func (m dashboard) relayout() dashboard {
	m, d := m.layoutDims()
	if m.wantsSubtotals() && (m.groupsRev != m.grid.rev || m.groupsBook != m.bk) {
		m.groups, m.groupsRev, m.groupsBook = groupSubtotals(m.bk, m.grid.order, m.offline), m.grid.rev, m.bk
		m.groupsByName = subtotalsByName(m.groups)
	}
	tb := m.grid.totals
	if m.wantsSubtotals() {
		tb = widest(tb, m.groups)
	}
	l := computeLayout(m.width, m.height, d, tb)
	if m.showErr && m.fetchErr != nil {
		l = l.withErrorRoom(len(errorText(m.st, m.fetchErr, m.width)))
	}
	if l != m.lay {
		m.lay = l
		m.layRev++
	}
	return m
}

func (m dashboard) onSnapshot(msg snapshotMsg) (Screen, tea.Cmd) {
	if !m.slot.current(msg.t) {
		return m, nil // a superseded refresh
	}
	m = m.endFetch()
	snap, bk := msg.snap, msg.bk
	if bk == nil { // built by hand (tests): prepare it here
		snap, bk = prepared(snap, m.opts.Now)
	}
	// The new book waits (staged) until its order is ready; the old one
	// stays on screen meanwhile and is freed when the new one is installed.
	bk.fetchGen = msg.t.gen
	m.staged = bk
	m, sortCmd := m.regrid()
	m, tick := m.scheduleRefresh()
	return m, tea.Batch(saveCmd(m.opts.SaveGood, msg.t, snap), tick, sortCmd)
}

// install makes a staged book the one on screen: the data is live again —
// unless a later refresh failed while this one's order was computed, in
// which case that failure still stands (offline, its error shown).
func (m dashboard) install(bk *book) dashboard {
	m.dataRev++
	bk.rev = m.dataRev
	m.bk, m.staged = bk, nil
	m.cached = false
	if bk.fetchGen >= m.failedGen {
		m.offline = false
		m.fetchErr, m.fatal = nil, fatalNone
		m.showErr = false // a later failure starts from the account again
	}
	return m
}

func (m dashboard) onFetchFailed(msg fetchFailedMsg) (Screen, tea.Cmd) {
	if !m.slot.current(msg.t) {
		return m, nil
	}
	m = m.endFetch()
	m.fetchErr, m.failedGen = msg.err, msg.t.gen
	switch {
	case errors.Is(msg.err, model.ErrUnauthorized):
		// Retrying on a timer will not fix credentials; wait for `r`.
		m.fatal = fatalUnauthorized
		m.slot = m.slot.disarm()
		return m, nil
	case errors.Is(msg.err, model.ErrNoEligibleAccounts):
		m.fatal = fatalNoAccounts
		m.slot = m.slot.disarm()
		return m, nil
	}
	m.fatal = fatalNone
	if m.showErr {
		m = m.relaid() // the full error shown is the new one, at its length
	}
	if m.bk != nil && !m.offline {
		m.offline = true
		// "offline" now matches every row with data, and every total
		// holds last good figures: its "*" says so, as in the reports.
		m = m.refilter()
		if m.grid.sortBy.dependsOnClock() {
			var sortCmd tea.Cmd
			m, sortCmd = m.regrid()
			m, tick := m.scheduleRefresh()
			return m, tea.Batch(tick, sortCmd)
		}
	}
	return m.scheduleRefresh()
}

func (m dashboard) onRefreshTick(msg refreshTickMsg) (Screen, tea.Cmd) {
	if !m.slot.live(msg.t) || !m.auto || m.inFlight() {
		return m, nil
	}
	return m.refreshNow()
}

// onTick is the minute clock: the frame it triggers recomputes ages.
func (m dashboard) onTick() (Screen, tea.Cmd) {
	var sortCmd tea.Cmd
	switch {
	case m.grid.sortBy.dependsOnClock():
		m, sortCmd = m.regrid()
	case isStatusWord(needleOf(m.grid.filter)):
		m = m.refilter() // a row may have turned stale this minute
	}
	return m, tea.Batch(m.minuteTick(), sortCmd)
}

// onProgress keeps what the refresh in flight waits on and listens on.
func (m dashboard) onProgress(msg progressMsg) (Screen, tea.Cmd) {
	if !m.slot.current(msg.t) || !m.inFlight() {
		return m, nil
	}
	m.progress = msg.p
	return m, listenProgress(msg.ch, msg.t)
}

// onElapsed re-arms the one-second tick while the refresh runs; the frame
// it triggers shows the elapsed time and the retry countdown.
func (m dashboard) onElapsed(msg elapsedTickMsg) (Screen, tea.Cmd) {
	if !m.slot.current(msg.t) || !m.inFlight() {
		return m, nil
	}
	return m, m.after(time.Second, msg)
}

func (m dashboard) onSaved(msg savedMsg) (Screen, tea.Cmd) {
	if msg.err == nil && m.saveErr == nil {
		return m, nil
	}
	m.saveErr = msg.err
	return m, nil
}

// lastGood is when the data on screen was fetched.
func (m dashboard) lastGood() time.Time {
	if m.bk == nil {
		return time.Time{}
	}
	return m.bk.fetchedAt
}

func (m dashboard) problems() int {
	if m.bk == nil {
		return 0
	}
	return m.bk.problems
}

func (m dashboard) partial() bool { return m.bk != nil && m.bk.partial }

// missing names what the book lacks beyond rows with a Problem: parts not
// read at all, rows carried over offline.
func (m dashboard) missing() []string {
	if m.bk == nil {
		return nil
	}
	return m.bk.missing
}
