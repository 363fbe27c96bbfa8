package ui

import (
	"context"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// fatalKind is a failure that replaces the dashboard with its own screen,
// because retrying on a timer will not fix it; the analyst has to.
type fatalKind int

const (
	fatalNone fatalKind = iota
	fatalUnauthorized
	fatalNoAccounts
)

// common is what every screen shares: options (clock, environment, bank
// functions), styles, the keymap and the help component. It is built once
// by newModel and read, never changed, afterwards (but for a memo);
// screens hold a pointer.
type common struct {
	opts  Options
	ctx   context.Context // ends when the program does
	after afterFunc

	st   *Styles // immutable once built
	keys keyMap
	help help.Model

	// hintCache memoises the key-hint line (see Model.hints); like the
	// dashboard's render cache, its keys name their content completely, so
	// sharing it between copies is safe. Only the UI goroutine touches it.
	hintCache map[string]string
}

// dashboard is the balances screen, the bottom of the stack. It is a value:
// Update returns a changed copy. The pieces it shares between copies (book,
// render cache) are either immutable or keyed so that sharing them is safe.
type dashboard struct {
	*common
	id uint64

	width, height int
	lay           layout
	layRev        uint64 // moves when lay changes; part of the row cache key

	// Data. bk is the last good book, immutable once built. staged is a
	// newer book waiting for its display order (see regrid); bk stays on
	// screen until it is installed.
	bk       *book
	staged   *book
	dataRev  uint64
	offline  bool // the book is not live: cached at start, or the last refresh failed
	cached   bool // the book came from disk and no refresh has succeeded yet
	fetchErr error
	// failedGen is the fetch generation of the last failure; a book from
	// an earlier fetch installed after it does not clear it (see install).
	failedGen uint64
	fatal     fatalKind
	saveErr   error

	// Refresh machinery: the fetch in flight and the one auto-refresh timer.
	slot slot
	auto bool
	// sortSlot tags a sort running off the UI goroutine (large books).
	sortSlot slot

	grid  gridState
	note  string // a one-key note in the status line, cleared by the next key
	cache *renderCache
}

func newDashboard(c *common) dashboard {
	m := dashboard{
		common:   c,
		id:       newID(),
		slot:     newSlot(),
		sortSlot: newSlot(),
		auto:     true,
		cache:    newRenderCache(),
	}
	if c.opts.Cached != nil {
		bk := prepareBook(*c.opts.Cached) // its fetch time, even unknown, is kept
		m = m.install(bk)
		m.offline = true
		m.cached = true
	}
	// The cached book is ordered here, on the way in: snapshot order needs
	// no sort, and a sort saved from an earlier run does not exist.
	m.grid = m.grid.withPerm(m.bk, m.startPerm())
	// The first refresh is stamped here so Init stays a pure function of m.
	m = m.beginFetch()
	return m
}

// Init starts the first refresh and the minute clock for ages.
func (m dashboard) Init() tea.Cmd {
	return tea.Batch(m.fetchCmd(), m.minuteTick())
}

// classifyCtx bundles what Classify needs at the current instant.
func (m dashboard) classifyCtx() classifyCtx {
	return classifyCtx{now: m.opts.Now(), th: m.opts.Thresholds, offline: m.offline}
}

// hasData says whether there is a book to show (live or last good).
func (m dashboard) hasData() bool { return m.bk != nil }

// inFlight says whether a refresh is running.
func (m dashboard) inFlight() bool { return m.slot.busy }

var _ Screen = dashboard{}

// startPerm is the cached book's display order in the initial sort.
func (m dashboard) startPerm() []int {
	if m.bk == nil {
		return nil
	}
	k := keyFor(m.grid.sortBy, m.grid.desc, m.classifyCtx())
	perm := computePerm(m.bk, k, m.classifyCtx())
	m.bk.memoPerm(k, perm)
	return perm
}
