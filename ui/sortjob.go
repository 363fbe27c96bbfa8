package ui

import (
	tea "charm.land/bubbletea/v2"
)

// syncSortMax is the most rows sorted on the UI goroutine. Above it a sort
// runs in a command, and the screen keeps its previous order until the new
// one lands. A name sort of 10,000 rows took 4–13 ms on the shared 2-core
// machine, too close to a frame; 5,000 keep it well inside. A variable so
// tests can take the asynchronous path with a small book.
var syncSortMax = 5000

// sortedMsg carries a display order computed off the UI goroutine.
type sortedMsg struct {
	t    ticket
	bk   *book
	key  permKey
	perm []int
}

// sortCmd computes bk's display order for k in a command. The book is
// immutable, so reading it there is safe; the result is memoised in the
// book by Update, on the UI goroutine.
func sortCmd(bk *book, k permKey, cc classifyCtx, t ticket, canceled func() bool) tea.Cmd {
	return func() tea.Msg {
		if canceled() {
			return nil // superseded before it started: spare the CPU
		}
		return sortedMsg{t: t, bk: bk, key: k, perm: computePerm(bk, k, cc)}
	}
}

// memoPerm keeps a display order in the book. Only the newest minute's
// staleness order is kept, since older ones can never be asked for again.
func (bk *book) memoPerm(k permKey, perm []int) {
	if k.by.dependsOnClock() {
		for old := range bk.perms {
			if old.by.dependsOnClock() {
				delete(bk.perms, old)
			}
		}
	}
	bk.perms[k] = perm
}

// regrid shows the data in the current sort after the data or the sort
// changed. A book waiting for its order (staged) is installed once the
// order is there. When the order is not memoised and the book is large, it
// is computed in a command and the screen keeps what it shows until then.
func (m dashboard) regrid() (dashboard, tea.Cmd) {
	bk := m.bk
	if m.staged != nil {
		bk = m.staged
	}
	if bk == nil {
		m.grid = m.grid.withPerm(nil, nil)
		return m.relaid(), nil
	}
	cc := m.classifyCtx()
	if bk == m.staged {
		cc.offline = false // a staged book is live data
	}
	k := keyFor(m.grid.sortBy, m.grid.desc, cc)
	perm, ok := bk.perms[k]
	if !ok && len(bk.rows) > syncSortMax && (k.by != sortNone || k.desc) {
		var t ticket
		var ctx = m.ctx
		m.sortSlot, t, ctx = m.sortSlot.start(ctx)
		m.grid.sorting = true
		m.grid.rev++
		return m, sortCmd(bk, k, cc, t, func() bool { return ctx.Err() != nil })
	}
	if !ok {
		perm = computePerm(bk, k, cc)
		bk.memoPerm(k, perm)
	}
	if m.sortSlot.busy {
		m.sortSlot = m.sortSlot.finish() // an older sort still running is moot
	}
	if m.staged != nil {
		m = m.install(m.staged)
	}
	m.grid.cc = m.classifyCtx()
	m.grid = m.grid.withPerm(m.bk, perm)
	return m.relaid(), nil
}

// onSorted memoises an order computed off the UI goroutine and shows it.
func (m dashboard) onSorted(msg sortedMsg) (Screen, tea.Cmd) {
	if !m.sortSlot.current(msg.t) {
		return m, nil
	}
	m.sortSlot = m.sortSlot.finish()
	msg.bk.memoPerm(msg.key, msg.perm)
	return m.regrid()
}

// refilter re-applies the filter after it changed; the sort is unchanged.
func (m dashboard) refilter() dashboard {
	m.grid.cc = m.classifyCtx()
	m.grid = m.grid.refilter(m.bk)
	return m.relaid()
}

// relaid recomputes the layout and keeps the selection in view.
func (m dashboard) relaid() dashboard {
	m = m.relayout()
	m.grid.offset = m.grid.scrolled(m.lay.bodyH)
	return m
}
