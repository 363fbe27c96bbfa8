package ui

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"cashpos/model"
)

var (
	errNoTxnAPI    = errors.New("this connection has no transactions API configured")
	errNoLedgerAPI = errors.New("no balance history to check against")
)

// Messages of the transactions screen, each addressed by its ticket.
type (
	// txnPageMsg is one page, prepared; next waits for the one after.
	txnPageMsg struct {
		t     ticket
		rows  []txnRow
		batch TxnBatch // New is dropped once rows are built
		next  tea.Cmd
	}
	// txnEndMsg ends a fetch: err is nil when every window was read (gaps
	// are reported by their pages), else why the fetch stopped.
	txnEndMsg struct {
		t   ticket
		err error
	}
	// ledgerMsg is the closed day's opening and closing ledger.
	ledgerMsg struct {
		t   ticket
		l   model.DayLedger
		err error
	}
)

// streamTxns runs fetch in a goroutine and hands its pages to the event
// loop one message at a time, each with the command that waits for the
// next, so the first page is on screen while the rest load and keys are
// never blocked. When ctx ends (a newer range, esc, quit) the goroutine
// stops, which breaks the client's iterator and cancels its requests.
func streamTxns(ctx context.Context, t ticket, fetch TxnFetch, q TxnQuery) tea.Cmd {
	return func() tea.Msg {
		if fetch == nil {
			return txnEndMsg{t: t, err: errNoTxnAPI}
		}
		ch := make(chan tea.Msg, 1)
		go pumpTxns(ctx, t, fetch, q, ch)
		return nextTxn(ch)()
	}
}

func pumpTxns(ctx context.Context, t ticket, fetch TxnFetch, q TxnQuery, ch chan<- tea.Msg) {
	defer close(ch)
	send := func(msg tea.Msg) bool {
		select {
		case ch <- msg:
			return true
		case <-ctx.Done():
			return false
		}
	}
	for b, err := range fetch(ctx, q) {
		if err != nil {
			send(txnEndMsg{t: t, err: err})
			return
		}
		rows := prepareRows(b.New)
		b.New = nil
		if !send(txnPageMsg{t: t, rows: rows, batch: b}) {
			return
		}
	}
	send(txnEndMsg{t: t})
}

// nextTxn waits for the pump's next message; nil once it has stopped.
func nextTxn(ch <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil
		}
		if p, isPage := msg.(txnPageMsg); isPage {
			p.next = nextTxn(ch)
			return p
		}
		return msg
	}
}

func ledgerCmd(ctx context.Context, t ticket, fetch DayLedgerFetch, a model.Account, day time.Time) tea.Cmd {
	return func() tea.Msg {
		if fetch == nil {
			return ledgerMsg{t: t, err: errNoLedgerAPI}
		}
		l, err := fetch(ctx, a, day)
		return ledgerMsg{t: t, l: l, err: err}
	}
}
