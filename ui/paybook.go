package ui

import (
	"context"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	tea "charm.land/bubbletea/v2"

	"cashpos/model"
)

// payBook is every payment in the journal as the screens show it, kept
// current by the engine's background followers (Payments.Changes): the
// engine polls with backoff and Retry-After, the screens only listen. The
// payment screens and the dashboard's pending outflow read it in View.
//
// It is the one piece of shared mutable state of the UI: only the root's
// Update writes it (onPay, on the UI goroutine) before the message is
// broadcast, so every screen sees the same payments in the same frame.
type payBook struct {
	byID    map[string]model.Payment
	order   []string // end-to-end ids, newest first
	rev     uint64   // moves on every change
	loaded  bool     // the journal has been read once
	loadErr error

	list    []model.Payment // payments() of revision listRev, built on demand
	listRev uint64
	index   map[string]int // position of each id in order (and list)

	outflows map[outflowKey]outflowSum // pending outflow memo of revision outRev
	outRev   uint64

	byAcct     map[string]outflowSum // pendingByAccount of byAcctBook at byAcctRev
	byAcctBook *book
	byAcctRev  uint64
}

type outflowKey struct {
	account string
	since   time.Time
}

type outflowSum struct {
	sum decimal.Decimal
	n   int
}

func newPayBook() *payBook { return &payBook{byID: map[string]model.Payment{}} }

// Messages of the payment machinery. payMsg marks those the root hands to
// the book before broadcasting them.
type (
	payMsg interface{ payMsg() }
	// payJournalMsg is the journal read at start.
	payJournalMsg struct {
		ps  []model.Payment
		err error
	}
	// payChangedMsg is one change a follower saw.
	payChangedMsg struct{ p model.Payment }
	// payRefreshedMsg is a lookup the analyst asked for (r on the status).
	payRefreshedMsg struct {
		from uint64
		p    model.Payment
		err  error
	}
	// paySubmittedMsg is Submit's answer for the screen that confirmed it.
	paySubmittedMsg struct {
		from uint64
		ids  model.PaymentIDs
		p    model.Payment
		err  error
	}
)

func (payJournalMsg) payMsg()   {}
func (payChangedMsg) payMsg()   {}
func (paySubmittedMsg) payMsg() {}
func (payRefreshedMsg) payMsg() {}

// startPayCmd reads the journal once and starts listening to the followers.
func startPayCmd(ctx context.Context, pay Payments) tea.Cmd {
	if pay == nil {
		return nil
	}
	return tea.Batch(func() tea.Msg {
		ps, err := pay.List(ctx)
		return payJournalMsg{ps: ps, err: err}
	}, listenCmd(ctx, pay.Changes()))
}

// listenCmd waits for the next change; the book re-arms it after each.
func listenCmd(ctx context.Context, ch <-chan model.Payment) tea.Cmd {
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		select {
		case p := <-ch:
			return payChangedMsg{p: p}
		case <-ctx.Done():
			return nil
		}
	}
}

// onPay lets the book record a payment message, then hands it to every
// screen.
func (m Model) onPay(msg payMsg) (tea.Model, tea.Cmd) {
	cmd := m.pay.apply(m.common, msg)
	next, cmd2 := m.broadcast(msg)
	return next, tea.Batch(cmd, cmd2)
}

func (b *payBook) apply(c *common, msg payMsg) tea.Cmd {
	switch msg := msg.(type) {
	case payJournalMsg:
		b.loaded, b.loadErr = true, msg.err
		for _, p := range msg.ps {
			b.put(p)
		}
		b.sort()
	case payChangedMsg:
		if b.put(msg.p) {
			b.sort()
		}
		return listenCmd(c.ctx, c.opts.Payments.Changes())
	case payRefreshedMsg:
		if msg.err == nil && b.put(msg.p) {
			b.sort()
		}
	case paySubmittedMsg:
		if msg.err != nil || msg.p.IDs.EndToEndID == "" {
			return nil
		}
		if b.put(msg.p) {
			b.sort()
		}
		pay, ctx, e2e := c.opts.Payments, c.ctx, msg.p.IDs.EndToEndID
		return func() tea.Msg { pay.Track(ctx, e2e); return nil }
	}
	return nil
}

// put adds or updates a payment and says whether it is new (the order
// then needs sorting). A view older than the one held (a shorter
// timeline: the journal read at start crossing a change already heard)
// does not replace it.
func (b *payBook) put(p model.Payment) bool {
	id := p.IDs.EndToEndID
	old, ok := b.byID[id]
	if ok && len(p.Timeline) < len(old.Timeline) {
		return false
	}
	b.byID[id] = p
	fresh := b.list != nil && b.listRev == b.rev
	b.rev++
	if !ok {
		b.order = append(b.order, id)
		return true
	}
	if fresh { // keep the list current in place rather than copy the journal
		b.list[b.index[id]] = p
		b.listRev = b.rev
	}
	return false
}

// sort puts the order newest first.
func (b *payBook) sort() {
	slices.SortStableFunc(b.order, func(x, y string) int {
		return b.byID[y].CreatedAt.Compare(b.byID[x].CreatedAt)
	})
	b.index = make(map[string]int, len(b.order))
	for i, id := range b.order {
		b.index[id] = i
	}
	b.rev++
}

// outflow is model.PendingOutflow over the book, remembered until the
// next change: the dashboard asks for it on every frame.
func (b *payBook) outflow(account string, since time.Time) (decimal.Decimal, int) {
	if b.outRev != b.rev || b.outflows == nil {
		b.outflows, b.outRev = map[outflowKey]outflowSum{}, b.rev
	}
	k := outflowKey{account, since}
	if o, ok := b.outflows[k]; ok {
		return o.sum, o.n
	}
	sum, n := model.PendingOutflow(b.payments(), account, since)
	b.outflows[k] = outflowSum{sum, n}
	return sum, n
}

// get returns a payment by end-to-end id.
func (b *payBook) get(e2e string) (model.Payment, bool) {
	p, ok := b.byID[e2e]
	return p, ok
}

// pendingByAccount is every account's pending outflow against the balance
// book bk (each account's latest record time, or its fetch time without
// one), in one pass over the payments, remembered until either changes.
func (b *payBook) pendingByAccount(bk *book) map[string]outflowSum {
	if bk == nil {
		return nil
	}
	if b.byAcct != nil && b.byAcctBook == bk && b.byAcctRev == b.rev {
		return b.byAcct
	}
	// Only accounts that payments debit matter: the map is built for those
	// few, not for every account of the book (at 100,000 accounts that
	// map cost the first frame after each refresh 25 ms).
	ps := b.payments()
	type bound struct {
		t      time.Time
		inBook bool
	}
	since := make(map[string]bound, len(ps))
	for i := range ps {
		since[ps[i].Intent.Debtor.AccountID] = bound{}
	}
	for i := range bk.bals {
		b := &bk.bals[i]
		old, debited := since[b.Account.ID]
		if !debited {
			continue
		}
		t := b.RecordTime
		if t.IsZero() {
			t = b.FetchedAt
		}
		if !old.inBook || t.After(old.t) {
			since[b.Account.ID] = bound{t: t, inBook: true}
		}
	}
	out := map[string]outflowSum{}
	for i := range ps {
		p := &ps[i]
		id := p.Intent.Debtor.AccountID
		if s := since[id]; s.inBook && p.CreatedAt.After(s.t) && !p.Status.Failed() {
			o := out[id]
			o.sum, o.n = o.sum.Add(p.Intent.Amount), o.n+1
			out[id] = o
		}
	}
	b.byAcct, b.byAcctBook, b.byAcctRev = out, bk, b.rev
	return out
}

// payments lists every payment, newest first. The slice is shared until
// the next change: callers read it, never change it. It is rebuilt at most
// once per change, so a frame costs no copy of the journal.
func (b *payBook) payments() []model.Payment {
	if b.list != nil && b.listRev == b.rev {
		return b.list
	}
	b.list = make([]model.Payment, len(b.order))
	for i, id := range b.order {
		b.list[i] = b.byID[id]
	}
	b.listRev = b.rev
	return b.list
}

// inFlight counts the payments not terminal.
func (b *payBook) inFlight() int {
	ps, n := b.payments(), 0
	for i := range ps {
		if !ps[i].Status.Terminal() {
			n++
		}
	}
	return n
}
