package ui

import (
	"slices"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/shopspring/decimal"

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
	rows       []txnRow // book order (model.CompareTransactions)
	perms      *permCache
	w          txnWidths
	prog       TxnProgress
	gaps       []txnGap
	dups       int
	outside    int
	err        error     // the fetch stopped before the end
	fetchedAt  time.Time // when the last page landed; zero while loading
	ledger     *model.DayLedger
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
}

// txnGap is a window that could not be read.
type txnGap struct {
	days string
	err  error
}

// permCache holds, per sort key, the rows' order for one set of rows.
// It is replaced with the rows, so copies of the screen can share it.
type permCache struct{ by [numTxnSorts][]int32 }

// txnTotals are the debits, credits and net of the rows shown, in the
// account's currency; items in another currency are counted, not summed.
type txnTotals struct {
	count, other    int
	debits, credits decimal.Decimal
}

func (t txnTotals) net() decimal.Decimal { return t.credits.Sub(t.debits) }

func (t txnTotals) plus(u txnTotals) txnTotals {
	return txnTotals{
		count: t.count + u.count, other: t.other + u.other,
		debits: t.debits.Add(u.debits), credits: t.credits.Add(u.credits),
	}
}

// newTxnScreen opens account's transactions for today. The fetch is
// stamped here, so Init is a pure function of the screen.
func newTxnScreen(c *common, a model.Account) txnScreen {
	m := txnScreen{common: c, id: newID(), account: a, slot: newSlot(), perms: &permCache{}}
	m.today = dateOf(c.opts.Now(), a.Location())
	m.rng = presetRange(presetToday, m.today)
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
	}
	if len(msg.rows) > 0 {
		m.rows = mergeRows(m.rows, msg.rows)
		m.perms = &permCache{}
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
	return m.reconcile(), nil
}

func (m txnScreen) onLedger(msg ledgerMsg) (Screen, tea.Cmd) {
	if !m.slot.current(msg.t) {
		return m, nil
	}
	m.ledgerBusy = false
	if msg.err != nil {
		m.ledgerErr = msg.err
		return m, nil
	}
	l := msg.l
	m.ledger = &l
	return m.reconcile(), nil
}

// loading says pages are still arriving.
func (m txnScreen) loading() bool { return m.slot.busy }

// order is the rows in the current sort, built once per rows and key.
func (m txnScreen) order() []int32 {
	p := m.perms.by[m.sortBy]
	if p == nil {
		p = permutation(m.rows, m.sortBy)
		m.perms.by[m.sortBy] = p
	}
	if !m.desc {
		return p
	}
	r := make([]int32, len(p))
	for i, v := range p {
		r[len(p)-1-i] = v
	}
	return r
}

// reshow applies the filter. With narrow, it filters what is shown now
// (a longer query only removes rows), else every row in sort order. The
// selection stays on the same transaction when it is still shown.
func (m txnScreen) reshow(narrow bool) txnScreen {
	m = m.reshowOnly(narrow)
	m.totals = m.sum(m.shown)
	return m
}

// reshowOnly is reshow without the totals, for a caller that knows them.
func (m txnScreen) reshowOnly(narrow bool) txnScreen {
	src := m.shown
	if !narrow {
		src = m.order()
	}
	shown := src
	if !m.filter.empty() {
		shown = make([]int32, 0, len(src)/4)
		for _, i := range src {
			if m.filter.match(&m.rows[i]) {
				shown = append(shown, i)
			}
		}
	}
	m.shown = shown
	m.cursor = 0
	if m.selID != "" {
		for n, i := range shown {
			if m.rows[i].t.ID == m.selID {
				m.cursor = n
				break
			}
		}
	}
	m.offset = m.scrolled()
	return m
}

// sum totals the rows shown: in integer millionths (exact; an item is at
// most 10^15 of them, so 9,000 items cannot overflow and the running sums
// are moved into decimals every 8,192 items), or in decimals for an
// amount that is not exact in millionths.
func (m txnScreen) sum(shown []int32) txnTotals {
	return m.sumOf(len(shown), func(n int) *txnRow { return &m.rows[shown[n]] })
}

// sumRows totals the rows of a page that the filter shows.
func (m txnScreen) sumRows(rows []txnRow) txnTotals {
	if m.filter.empty() {
		return m.sumOf(len(rows), func(n int) *txnRow { return &rows[n] })
	}
	var keep []int32
	for n := range rows {
		if m.filter.match(&rows[n]) {
			keep = append(keep, int32(n))
		}
	}
	return m.sumOf(len(keep), func(n int) *txnRow { return &rows[keep[n]] })
}

func (m txnScreen) sumOf(count int, row func(int) *txnRow) txnTotals {
	t := txnTotals{debits: decimal.Zero, credits: decimal.Zero}
	code := m.account.Currency.Code
	var dr, cr int64
	flush := func() {
		t.debits = t.debits.Add(decimal.New(dr, -microScale))
		t.credits = t.credits.Add(decimal.New(cr, -microScale))
		dr, cr = 0, 0
	}
	for n := range count {
		r := row(n)
		x := r.t
		if code != "" && x.Currency.Code != code {
			t.other++
			continue
		}
		t.count++
		switch {
		case r.ok && x.IsDebit():
			dr += r.micro
		case r.ok:
			cr += r.micro
		case x.IsDebit():
			t.debits = t.debits.Add(x.Amount)
		default:
			t.credits = t.credits.Add(x.Amount)
		}
		if n&8191 == 8191 {
			flush()
		}
	}
	flush()
	return t
}

// selected is the transaction under the cursor, or nil.
func (m txnScreen) selected() *model.Transaction {
	if m.cursor < 0 || m.cursor >= len(m.shown) {
		return nil
	}
	return m.rows[m.shown[m.cursor]].t
}

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
