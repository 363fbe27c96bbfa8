package ui

import (
	"context"
	"slices"

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
	case payChangedMsg:
		b.put(msg.p)
		return listenCmd(c.ctx, c.opts.Payments.Changes())
	case paySubmittedMsg:
		if msg.err != nil || msg.p.IDs.EndToEndID == "" {
			return nil
		}
		b.put(msg.p)
		pay, ctx, e2e := c.opts.Payments, c.ctx, msg.p.IDs.EndToEndID
		return func() tea.Msg { pay.Track(ctx, e2e); return nil }
	}
	return nil
}

// put adds or updates a payment, keeping the order newest first. A view
// older than the one held (a shorter timeline: the journal read at start
// crossing a change already heard) does not replace it.
func (b *payBook) put(p model.Payment) {
	id := p.IDs.EndToEndID
	old, ok := b.byID[id]
	if ok && len(p.Timeline) < len(old.Timeline) {
		return
	}
	b.byID[id] = p
	b.rev++
	if ok {
		return
	}
	b.order = append(b.order, id)
	slices.SortStableFunc(b.order, func(x, y string) int {
		return b.byID[y].CreatedAt.Compare(b.byID[x].CreatedAt)
	})
}

// get returns a payment by end-to-end id.
func (b *payBook) get(e2e string) (model.Payment, bool) {
	p, ok := b.byID[e2e]
	return p, ok
}

// payments lists every payment, newest first.
func (b *payBook) payments() []model.Payment {
	out := make([]model.Payment, len(b.order))
	for i, id := range b.order {
		out[i] = b.byID[id]
	}
	return out
}

// inFlight counts the payments not terminal.
func (b *payBook) inFlight() int {
	n := 0
	for _, p := range b.byID {
		if !p.Status.Terminal() {
			n++
		}
	}
	return n
}
