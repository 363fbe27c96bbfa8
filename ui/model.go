package ui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"cashpos/model"
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

	// pay is the payment journal as shown, and the polling of payments in
	// flight; only the root's Update writes it (see payBook).
	pay *payBook
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
	// fetchStarted and progress say how long the refresh in flight has run
	// and what it waits on (zero until the bank client reports a pause).
	fetchStarted time.Time
	progress     model.FetchProgress
	// sortSlot tags a sort running off the UI goroutine (large books).
	sortSlot slot

	grid gridState
	note string // a one-key note in the status line, cleared by the next key

	// The detail strip shows the full account number (n) or the last
	// refresh's whole error (e) on request.
	showFull bool
	showErr  bool
	// focus is the strip field y copies (←/→ choose).
	focus stripField

	// collapsed shows one subtotal line per group and currency instead of
	// the accounts (c); groups are those subtotals, computed for the grid
	// revision groupsRev.
	collapsed  bool
	groups     []groupSubtotal
	groupsRev  uint64
	groupsBook *book
	// groupsByName indexes groups for the headings (shared, never edited).
	groupsByName map[string]groupSubtotal
	groupOffset  int

	// dims are the shown rows' widths under a filter (see layoutDims), for
	// the grid revision dimsRev of book dimsBook.
	dims     dims
	dimsRev  uint64
	dimsBook *book
	cache    *renderCache
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
	m.grid.cc = m.classifyCtx()
	m.grid = m.grid.withPerm(m.bk, m.startPerm())
	// The first refresh is stamped here so Init stays a pure function of m.
	m = m.beginFetch()
	return m
}

// Init starts the first refresh and the minute clock for ages.
func (m dashboard) Init() tea.Cmd {
	return tea.Batch(m.fetchCmds(), m.minuteTick())
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
