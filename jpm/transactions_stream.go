package jpm

import (
	"context"
	"fmt"

	"cashpos/model"
)

// txnStream runs one multi-window fetch. One goroutine per page request
// (at most Concurrency sending at once) reports to results; the consumer —
// the iterator's own goroutine — owns every other field, so no lock is
// needed. Page 1 of every window goes out at once; the remaining pages of
// a window go out together as soon as page 1 says how many there are, so
// the wall time is about two round trips per window, not one per page.
type txnStream struct {
	c       *Client
	p       *txnPlan
	ctx     context.Context // the caller's, for telling its end from a window's
	results chan pageResult
	sem     chan struct{}
	pending int // requests launched whose result has not been received
	windows []*windowState
	seen    map[string]bool // transactionIds delivered so far
	prog    TransactionProgress
}

type pageResult struct {
	window int
	page   int
	pg     *TransactionPage
	err    error
}

// windowState is one window's pages in flight.
type windowState struct {
	w        Window
	ctx      context.Context
	cancel   context.CancelFunc
	launched int // highest page number requested
	received int
	known    int // pages counted in Progress.PagesKnown for this window
	records  int // largest totalRecords any page reported
	failed   bool
	ids      map[string]bool      // every id the window's pages held
	booked   []*model.Transaction // items booked inside the window, each once, for the cache
}

func (c *Client) streamTransactions(parent context.Context, p *txnPlan, yield func(TransactionBatch, error) bool) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	s := &txnStream{
		c: c, p: p, ctx: parent, results: make(chan pageResult),
		sem: make(chan struct{}, c.concurrency), seen: map[string]bool{},
	}
	defer s.drain(cancel)
	s.prog.Windows = len(p.windows) + len(p.cached)
	s.prog.PagesKnown = len(p.windows)
	for _, w := range p.cached {
		s.prog.WindowsDone++
		s.prog.Cached++
		b := s.deliver(w, 0, c.txnCache.get(p.q.Account.ID, w.From, w.To))
		if !yield(b, nil) {
			return
		}
	}
	for _, w := range p.windows {
		wctx, wcancel := context.WithCancel(ctx)
		ws := &windowState{w: w, ctx: wctx, cancel: wcancel, known: 1, ids: map[string]bool{}}
		s.windows = append(s.windows, ws)
		s.launch(len(s.windows)-1, 1)
	}
	for s.pending > 0 {
		r := <-s.results
		s.pending--
		if err := parent.Err(); err != nil {
			yield(TransactionBatch{Progress: s.prog}, fmt.Errorf("%s: %w", apiTransactions, err))
			return
		}
		b, err, ok := s.handle(r)
		if ok && !yield(b, err) {
			return
		}
	}
}

// drain cancels what is still in flight and waits for every request
// goroutine to report, so none outlives the iterator.
func (s *txnStream) drain(cancel context.CancelFunc) {
	cancel()
	for s.pending > 0 {
		<-s.results
		s.pending--
	}
	for _, ws := range s.windows {
		ws.cancel()
	}
}

// launch requests page of window i in its own goroutine.
func (s *txnStream) launch(i, page int) {
	ws := s.windows[i]
	ws.launched = max(ws.launched, page)
	s.pending++
	go func() {
		select {
		case s.sem <- struct{}{}:
		case <-ws.ctx.Done():
			s.results <- pageResult{window: i, page: page, err: ws.ctx.Err()}
			return
		}
		pg, err := s.c.fetchTxnPage(ws.ctx, s.p.q.Account, ws.w, page, 0)
		<-s.sem
		s.results <- pageResult{window: i, page: page, pg: pg, err: err}
	}()
}

// handle takes one page result: a failure fails its window (once); a page
// schedules any pages it reveals, and is de-duplicated into a batch.
// ok is false for a result that yields nothing (a late page of a window
// that has already failed).
func (s *txnStream) handle(r pageResult) (b TransactionBatch, err error, ok bool) {
	ws := s.windows[r.window]
	if ws.failed {
		return b, nil, false
	}
	if r.err != nil {
		return s.fail(ws, r.page, r.err), &WindowError{Window: ws.w, Err: r.err}, true
	}
	ws.received++
	s.prog.PagesDone++
	ws.records = max(ws.records, r.pg.TotalRecords)
	s.grow(r.window, r.pg.TotalPages)
	ws.keep(r.pg.Transactions)
	complete := ws.received == ws.launched
	if complete {
		// Checked before delivering, so a page that fails its window is
		// not half delivered: its items are neither yielded nor marked seen.
		if err := s.countCheck(ws); err != nil {
			return s.fail(ws, r.page, err), &WindowError{Window: ws.w, Err: err}, true
		}
	}
	b = s.deliver(ws.w, r.page, r.pg.Transactions)
	if complete {
		s.finish(ws)
	}
	b.Progress = s.prog
	return b, nil, true
}

// grow launches the pages a window has just been found to have.
func (s *txnStream) grow(i, total int) {
	ws := s.windows[i]
	if total > ws.known {
		s.prog.PagesKnown += total - ws.known
		ws.known = total
	}
	for ws.launched < total {
		s.launch(i, ws.launched+1)
	}
}

// fail marks a window failed and stops its other pages.
func (s *txnStream) fail(ws *windowState, page int, _ error) TransactionBatch {
	ws.failed = true
	ws.cancel()
	s.prog.WindowsDone++
	s.prog.Failed++
	s.prog.PagesKnown -= max(ws.known-ws.received, 0) // pages that will not come
	return TransactionBatch{Window: ws.w, Page: page, Progress: s.prog}
}

// countCheck compares a complete closed window with the count the bank
// announced: a closed day cannot gain items between pages, so fewer
// distinct items than totalRecords means its pages lost some.
func (s *txnStream) countCheck(ws *windowState) error {
	if ws.w.Relative == "" && ws.w.To.Before(s.p.closed) && len(ws.ids) < ws.records {
		return &APIError{API: apiTransactions, HTTPStatus: 200, malformed: true,
			Message: fmt.Sprintf("the bank announced %d records but its pages held %d distinct ones", ws.records, len(ws.ids))}
	}
	return nil
}

// finish completes a window whose every page arrived and passed
// countCheck, caching its closed days.
func (s *txnStream) finish(ws *windowState) {
	s.prog.WindowsDone++
	if ws.w.Relative == "" {
		s.c.txnCache.put(s.p.q.Account.ID, ws.w.From, ws.w.To, s.p.closed, ws.booked)
	}
	ws.booked = nil
}

// keep records a window's items for its count check and the cache. The
// cache gets pointers to the page's own items (the ones delivered), not
// copies: one copy of each transaction in the process (issue 9).
func (ws *windowState) keep(items []model.Transaction) {
	from, to := ymd(ws.w.From), ymd(ws.w.To)
	for i := range items {
		t := &items[i]
		dup := ws.ids[t.ID]
		ws.ids[t.ID] = true
		if dup || ws.w.Relative != "" || t.AsOfDate < from || t.AsOfDate > to {
			continue
		}
		ws.booked = append(ws.booked, t)
	}
}

// deliver is the batch for items of one page or cached run: those booked
// inside the query's days and not delivered before.
//
// When every item is new (the usual page) the batch is the page's own
// slice, not a copy: the screen and the session cache then share one copy
// of each transaction. Otherwise the kept items are copied, exactly sized.
func (s *txnStream) deliver(w Window, page int, items []model.Transaction) TransactionBatch {
	b := TransactionBatch{Window: w, Page: page, Progress: s.prog}
	keep := make([]bool, len(items))
	n := 0
	for i := range items {
		t := &items[i]
		switch {
		case !s.p.inRange(t.AsOfDate):
			b.OutsideRange++
		case s.seen[t.ID]:
			b.Duplicates++
		default:
			s.seen[t.ID] = true
			keep[i] = true
			n++
		}
	}
	if n == len(items) && n > 0 {
		b.New = items
		return b
	}
	if n > 0 {
		b.New = make([]model.Transaction, 0, n)
	}
	for i, k := range keep {
		if k {
			b.New = append(b.New, items[i])
		}
	}
	return b
}
