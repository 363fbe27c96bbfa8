package ui

import (
	"context"
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"

	"cashpos/model"
)

// payBook is every payment in the journal as the screens show it, and the
// polling of those still in flight: one slot per payment, so each answer
// lands on the payment that asked and a stale one is dropped. The payment
// screens and the dashboard's pending outflow read it in View.
//
// It is the one piece of shared mutable state of the UI: only the root's
// Update writes it (onPay, on the UI goroutine) before the message is
// broadcast, so every screen sees the same payments in the same frame.
type payBook struct {
	byID    map[string]*payEntry
	order   []string // end-to-end ids, newest first
	rev     uint64   // moves on every change
	loaded  bool     // the journal has been read once
	loadErr error
}

type payEntry struct {
	p    model.Payment
	slot slot
	next time.Duration // delay before the next lookup; 0 when not polling
	err  error         // the journal failed on the last step
}

func newPayBook() *payBook { return &payBook{byID: map[string]*payEntry{}} }

// Messages of the payment machinery. payMsg marks those the root hands to
// the book before broadcasting them.
type (
	payMsg interface{ payMsg() }
	// payJournalMsg is the journal read at start (safety rule 3: every
	// payment not terminal resumes polling).
	payJournalMsg struct {
		ps  []model.Payment
		err error
	}
	// payPollMsg is the timer of one payment's next lookup.
	payPollMsg struct {
		e2e string
		t   ticket
	}
	// payStepMsg is one lookup's answer.
	payStepMsg struct {
		e2e  string
		t    ticket
		p    model.Payment
		next time.Duration
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
func (payPollMsg) payMsg()      {}
func (payStepMsg) payMsg()      {}
func (paySubmittedMsg) payMsg() {}

// loadJournalCmd reads the journal once at start.
func loadJournalCmd(ctx context.Context, pay Payments) tea.Cmd {
	if pay == nil {
		return nil
	}
	return func() tea.Msg {
		ps, err := pay.List(ctx)
		return payJournalMsg{ps: ps, err: err}
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
		return b.onJournal(c, msg)
	case payPollMsg:
		if e := b.byID[msg.e2e]; e != nil && e.slot.live(msg.t) {
			return b.step(c, e)
		}
	case payStepMsg:
		return b.onStep(c, msg)
	case paySubmittedMsg:
		if msg.err != nil || msg.p.IDs.EndToEndID == "" {
			return nil
		}
		e := b.put(msg.p)
		return b.follow(c, e, 0)
	}
	return nil
}

func (b *payBook) onJournal(c *common, msg payJournalMsg) tea.Cmd {
	b.loaded, b.loadErr = true, msg.err
	var cmds []tea.Cmd
	for _, p := range msg.ps {
		if _, known := b.byID[p.IDs.EndToEndID]; known {
			continue // submitted here before the journal read answered
		}
		e := b.put(p)
		cmds = append(cmds, b.follow(c, e, 0))
	}
	b.rev++
	return tea.Batch(cmds...)
}

func (b *payBook) onStep(c *common, msg payStepMsg) tea.Cmd {
	e := b.byID[msg.e2e]
	if e == nil || !e.slot.current(msg.t) {
		return nil
	}
	e.slot = e.slot.finish()
	e.err = msg.err
	if msg.err == nil {
		e.p = msg.p
	}
	b.rev++
	if msg.err != nil {
		return b.follow(c, e, max(e.next*2, time.Second)) // the journal failed: try again later
	}
	return b.follow(c, e, msg.next)
}

// follow schedules the next lookup of a payment in flight: now when d is 0
// and the payment is not terminal, after d otherwise.
func (b *payBook) follow(c *common, e *payEntry, d time.Duration) tea.Cmd {
	if e.p.Status.Terminal() || c.opts.Payments == nil {
		e.next = 0
		return nil
	}
	e.next = d
	if d <= 0 {
		return b.step(c, e)
	}
	var t ticket
	e.slot, t = e.slot.arm()
	return c.after(d, payPollMsg{e2e: e.p.IDs.EndToEndID, t: t})
}

// step starts one lookup of e.
func (b *payBook) step(c *common, e *payEntry) tea.Cmd {
	var t ticket
	var ctx context.Context
	e.slot, t, ctx = e.slot.start(c.ctx)
	pay, e2e := c.opts.Payments, e.p.IDs.EndToEndID
	return func() tea.Msg {
		p, next, err := pay.Step(ctx, e2e)
		return payStepMsg{e2e: e2e, t: t, p: p, next: next, err: err}
	}
}

// put adds or replaces a payment and keeps the order newest first.
func (b *payBook) put(p model.Payment) *payEntry {
	id := p.IDs.EndToEndID
	e, ok := b.byID[id]
	if !ok {
		e = &payEntry{slot: newSlot()}
		b.byID[id] = e
		b.order = append(b.order, id)
	}
	e.p = p
	slices.SortStableFunc(b.order, func(x, y string) int {
		return b.byID[y].p.CreatedAt.Compare(b.byID[x].p.CreatedAt)
	})
	b.rev++
	return e
}

// get returns a payment by end-to-end id.
func (b *payBook) get(e2e string) (payEntry, bool) {
	e, ok := b.byID[e2e]
	if !ok {
		return payEntry{}, false
	}
	return *e, true
}

// payments lists every payment, newest first.
func (b *payBook) payments() []model.Payment {
	out := make([]model.Payment, len(b.order))
	for i, id := range b.order {
		out[i] = b.byID[id].p
	}
	return out
}

// inFlight counts the payments not terminal.
func (b *payBook) inFlight() int {
	n := 0
	for _, e := range b.byID {
		if !e.p.Status.Terminal() {
			n++
		}
	}
	return n
}

// stop cancels every lookup in flight (the program ends).
func (b *payBook) stop() {
	for _, e := range b.byID {
		e.slot = e.slot.stop()
	}
}
