package ui

import (
	"slices"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"cashpos/model"
)

// txnScreen is one account's transaction history for a range of days
// (product.md §4), opened by enter on a dashboard row. It is a value; the
// rows it shares between copies are never edited in place.
type txnScreen struct {
	*common
	id      uint64
	account model.Account
	width   int
	height  int
	lay     txnLayout

	today time.Time // the account's business date when the range was chosen
	rng   dayRange
	slot  slot // the fetch of rng (pages and the day's ledger)

	// What has arrived for rng.
	rows      []txnRow // book order (model.CompareTransactions)
	perms     *permCache
	w         txnWidths
	prog      TxnProgress
	gaps      []txnGap
	dups      int
	outside   int
	err       error     // the fetch stopped before the end
	fetchedAt time.Time // when the last page landed; zero while loading
	ledger    *model.DayLedger
	// current is the dashboard's row for this account when the screen
	// opened: for today, the opening ledger and the bank's current ledger
	// that today's items so far should explain (intraday.go).
	current    *model.Balance
	ledgerErr  error
	ledgerBusy bool
	recon      *model.Reconciliation

	// The list: filter, sort, selection.
	filterText string
	filter     txnFilter
	filtering  bool
	dating     bool // typing a date range
	dateText   string
	dateErr    string
	sortBy     txnSort
	desc       bool
	shown      []int32 // indices into rows, in display order
	totals     txnTotals
	cursor     int
	offset     int
	selID      string
	detail     bool
	showErr    bool // e: the pane with the full text of what failed
}

// txnGap is a window that could not be read.
type txnGap struct {
	days string
	err  error
}

// permCache holds, per sort key, the rows' order for one set of rows.
// It is replaced with the rows, so copies of the screen can share it.
type permCache struct{ by [numTxnSorts][]int32 }

// newTxnScreen opens account's transactions for today. The fetch is
// stamped here, so Init is a pure function of the screen.
func newTxnScreen(c *common, a model.Account, current *model.Balance) txnScreen {
	m := txnScreen{common: c, id: newID(), account: a, current: current, slot: newSlot(), perms: &permCache{}}
	m.today = dateOf(c.opts.Now(), a.Location())
	m.rng = presetRange(presetToday, m.today, a)
	return m.begin()
}

func (m txnScreen) ID() uint64 { return m.id }

func (m txnScreen) Title() string { return "transactions" }

func (m txnScreen) CapturesText() bool { return m.filtering || m.dating }

// Init starts the fetch stamped by the constructor.
func (m txnScreen) Init() tea.Cmd { return m.fetchCmds() }

// Dirty: nothing typed here is lost by quitting.
func (m txnScreen) Dirty() bool { return false }

// Close cancels the fetch in flight.
func (m txnScreen) Close() {
	if m.slot.cancel != nil {
		m.slot.cancel()
	}
}

// load restarts the fetch for m.rng (a new range, or r).
func (m txnScreen) load() (txnScreen, tea.Cmd) {
	m = m.begin()
	return m, m.fetchCmds()
}

// begin stamps a new fetch of m.rng in the slot (cancelling the one it
// supersedes) and empties the list: the pages of this range arrive into it.
func (m txnScreen) begin() txnScreen {
	m.slot, _, _ = m.slot.start(m.ctx)
	m.rows, m.perms, m.w = nil, &permCache{}, txnWidths{}
	m.prog, m.gaps, m.dups, m.outside, m.err = TxnProgress{}, nil, 0, 0, nil
	m.fetchedAt = time.Time{}
	m.ledger, m.ledgerErr, m.recon = nil, nil, nil
	m.ledgerBusy = m.rng.closedDay(m.today)
	m.cursor, m.offset, m.selID = 0, 0, ""
	m.showErr = false // a new fetch starts from the list again
	return m.reshow(false).relayout()
}

// fetchCmds are the commands of the fetch begin stamped: the pages, and
// for a single closed day its ledger.
func (m txnScreen) fetchCmds() tea.Cmd {
	t, ctx := m.slot.ticket(), m.slot.ctx
	q := TxnQuery{
		Account: m.account, From: m.rng.from, To: m.rng.to,
		CurrentDay: m.rng.single() && m.rng.from.Equal(m.today),
	}
	pages := streamTxns(ctx, t, m.opts.Transactions, q)
	if !m.ledgerBusy {
		return pages
	}
	return tea.Batch(pages, ledgerCmd(ctx, t, m.opts.DayLedger, m.account, m.rng.from))
}

// Update is a short type switch; each case is a named method.
func (m txnScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m.relayout(), nil
	case tea.KeyPressMsg:
		return m.onKey(msg)
	case tea.PasteMsg:
		return m.onPaste(msg)
	case txnPageMsg:
		return m.onPage(msg)
	case txnEndMsg:
		return m.onEnd(msg)
	case ledgerMsg:
		return m.onLedger(msg)
	}
	return m, nil
}

func (m txnScreen) onPage(msg txnPageMsg) (Screen, tea.Cmd) {
	if !m.slot.current(msg.t) {
		return m, nil // a page of a range no longer asked for
	}
	b := msg.batch
	m.prog = b.Progress
	m.dups += b.Duplicates
	m.outside += b.OutsideRange
	if b.Gap != "" {
		m.gaps = append(slices.Clip(m.gaps), txnGap{days: b.Gap, err: b.GapErr})
		if m.showErr {
			m = m.relayout() // the open pane grows to show it
		}
	}
	if len(msg.rows) > 0 {
		var posA, posB []int32
		m.rows, posA, posB = mergeRows(m.rows, msg.rows, m.perms.any())
		m.perms = m.perms.carried(m.rows, posA, posB)
		m.w = m.w.union(measure(msg.rows))
		// The totals only gain the new page's matching rows.
		totals := m.totals.plus(m.sumRows(msg.rows))
		m = m.reshowOnly(false).relayout()
		m.totals = totals
	}
	return m, msg.next
}

func (m txnScreen) onEnd(msg txnEndMsg) (Screen, tea.Cmd) {
	if !m.slot.current(msg.t) {
		return m, nil
	}
	// The pages are done; the slot's context stays open for the ledger.
	m.slot = m.slot.settle()
	m.err = msg.err
	m.fetchedAt = m.opts.Now()
	if m.showErr {
		m = m.relayout()
	}
	return m.reconcile(), nil
}

func (m txnScreen) onLedger(msg ledgerMsg) (Screen, tea.Cmd) {
	if !m.slot.current(msg.t) {
		return m, nil
	}
	m.ledgerBusy = false
	if msg.err != nil {
		m.ledgerErr = msg.err
		if m.showErr {
			m = m.relayout()
		}
		return m, nil
	}
	l := msg.l
	m.ledger = &l
	return m.reconcile(), nil
}

// loading says pages are still arriving.
func (m txnScreen) loading() bool { return m.slot.busy }

// reconcile checks the single closed day once every page and the ledger
// are in, over every row (not only those a filter shows). A day with a gap
// or an error is not checked: its sum would be wrong for a known reason.
func (m txnScreen) reconcile() txnScreen {
	m.recon = nil
	if m.ledger == nil || m.loading() || m.err != nil || len(m.gaps) > 0 {
		return m
	}
	txns := make([]model.Transaction, len(m.rows))
	for i := range m.rows {
		txns[i] = *m.rows[i].t
	}
	r := model.Reconcile(*m.ledger, txns)
	m.recon = &r
	return m
}

func (m txnScreen) Keys() help.KeyMap { return txnKeys{k: m.keys, s: &m} }

var _ Screen = txnScreen{}
