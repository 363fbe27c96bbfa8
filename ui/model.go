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

// Model is the root tea.Model. It is a value: Update returns a changed copy.
// The pieces it shares between copies (book, render cache) are either immutable
// or keyed so that sharing them is safe.
type Model struct {
	opts  Options
	ctx   context.Context
	after afterFunc

	st   *Styles // immutable once built; shared by every copy
	keys keyMap
	help help.Model

	width, height int
	lay           layout
	layRev        uint64 // moves when lay changes; part of the row cache key

	// Data. bk is the last good book, immutable once built.
	bk       *book
	dataRev  uint64
	offline  bool // the book is not live: cached at start, or the last refresh failed
	cached   bool // the book came from disk and no refresh has succeeded yet
	fetchErr error
	fatal    fatalKind
	saveErr  error

	// Refresh machinery.
	gen      uint64 // generation of the newest fetch
	inFlight bool
	fetchCtx context.Context // context of the newest fetch
	cancel   context.CancelFunc
	auto     bool
	timerID  uint64 // the live auto-refresh timer; older ticks are ignored

	grid     gridState
	showHelp bool
	cache    *renderCache
}

// New builds the dashboard. The first refresh starts in Init.
func New(o Options) Model {
	return newModel(context.Background(), o)
}

func newModel(ctx context.Context, o Options) Model {
	o = o.withDefaults()
	m := Model{
		opts:  o,
		ctx:   ctx,
		after: teaAfter,
		st:    newStyles(o.NoColor),
		keys:  newKeyMap(),
		help:  help.New(),
		auto:  true,
		cache: newRenderCache(),
	}
	m.help.Styles = m.st.Help
	if o.Cached != nil {
		m.dataRev++
		m.bk = newBook(*o.Cached, m.dataRev)
		m.offline = true
		m.cached = true
	}
	m.grid = m.grid.rebuild(m.bk, m.classifyCtx())
	// The first refresh is stamped here so Init stays a pure function of m.
	m = m.beginFetch()
	return m
}

// Init starts the first refresh and the minute clock for ages.
func (m Model) Init() tea.Cmd {
	return tea.Batch(fetchCmd(m.fetchCtx, m.opts.Fetch, m.gen), m.minuteTick())
}

// classifyCtx bundles what Classify needs at the current instant.
func (m Model) classifyCtx() classifyCtx {
	return classifyCtx{now: m.opts.Now(), th: m.opts.Thresholds, offline: m.offline}
}

// hasData says whether there is a book to show (live or last good).
func (m Model) hasData() bool { return m.bk != nil }

var _ tea.Model = Model{}
