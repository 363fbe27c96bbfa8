package jpm

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"cashpos/model"
)

// Transaction Details v3 (jpm-api.md §5): GET {Transactions}/transactions
// with accountIds, relativeDateType or startDate/endDate, and pageNumber.
//
// How a screen uses it (all methods are safe for concurrent use; one Client
// per session keeps the closed-day cache):
//
//	q := jpm.TransactionQuery{Account: ref, Relative: jpm.CurrentDay}         // or From/To
//	for b, err := range client.TransactionPages(ctx, q) {                     // in a tea.Cmd goroutine
//		// send b (b.New items, b.Progress: windows/pages done) or the
//		// *WindowError (b.Window names the missing days) to the model;
//		// break, or cancel ctx, to abandon the fetch (esc, new range)
//	}
//	// model side: append b.New, sort with model.CompareTransactions,
//	// totals with model.TotalTransactions.
//	if client.IsClosedDay(ref, day) {                                         // single-day view
//		rec, err := client.ReconcileDay(ctx, ref, day)                        // rec.Pass(), rec.Difference, rec.String()
//	}
//
// Or in one call: Transactions (merged, sorted, de-duplicated, with Gaps).
// Categories are already set on every item (Options.Categories).
const (
	apiTransactions = "transactions v3"
	// txnMaxDays is the bank's limit on startDate..endDate, counted
	// inclusively (§5.1 "max 5 days").
	txnMaxDays = 5
	// txnMaxPageSize is the largest page the bank serves (§5.1).
	txnMaxPageSize = 1000
	// txnMaxPages bounds how many pages one window may claim, so a
	// broken totalPages cannot keep the client fetching forever.
	txnMaxPages = 1000
)

// TransactionQuery selects one account's transactions: either a relative
// day (CurrentDay, PriorDay) or calendar days From..To inclusive, never
// both. A range of any length is accepted by Transactions and
// TransactionPages, which cut it into the bank's 5-day windows;
// TransactionsPage takes one window only.
//
// Days are calendar dates (the time of day and location of From/To are
// ignored beyond their date); "closed" means before the account's current
// business day in its own time zone (Account.TimeZone, else New York).
type TransactionQuery struct {
	Account  model.AccountRef
	Relative RelativeDay // CurrentDay or PriorDay; "" for a date range
	From, To time.Time   // inclusive calendar days; zero for a relative day
}

// ListOptions select one page, as go-github's ListOptions do.
type ListOptions struct {
	// Page is 1-based; 0 means 1.
	Page int
	// PageSize is the records per page, 1..1000; 0 leaves it to the bank
	// (its default page is smaller than 1000, so a busy account spans
	// several pages). Sent as pageSize: as a request parameter it is
	// UNCONFIRMED (jpm-api §5.2), so the client never relies on the bank
	// honouring it and always follows totalPages.
	PageSize int
}

// Window is one request's worth of days: a 5-day (or shorter) date range,
// or a relative day. It names what is missing when a request fails.
type Window struct {
	Relative RelativeDay // set for a relative-day query; From/To zero then
	From, To time.Time   // inclusive calendar days (midnight UTC)
}

// String is "2026-11-02..2026-11-06", "2026-11-02" or "CURRENT_DAY".
func (w Window) String() string {
	switch {
	case w.Relative != "":
		return string(w.Relative)
	case w.From.Equal(w.To):
		return ymd(w.From)
	default:
		return ymd(w.From) + ".." + ymd(w.To)
	}
}

// TransactionPage is one page as the bank sent it, decoded and categorised.
type TransactionPage struct {
	Window Window
	// Transactions are this page's items in the bank's order. Within a
	// page they are as sent (a repeat of an item on an earlier page is NOT
	// removed here; Transactions/TransactionPages de-duplicate).
	Transactions []model.Transaction
	Page         int // pagination.pageNumber
	TotalPages   int // pagination.totalPages (0 for an empty result)
	TotalRecords int // pagination.totalRecords
	PageSize     int // pagination.pageSize
	// NextPage is the page to ask for next, 0 after the last.
	NextPage int
}

// TransactionProgress is how far a multi-window fetch has got, for a
// loading line such as "windows 3/7, pages 12/19".
type TransactionProgress struct {
	Windows     int // windows planned (5-day ranges, or 1 for a relative day)
	WindowsDone int // windows finished: every page received, or failed
	Failed      int // windows that failed (their days are a gap)
	PagesDone   int // pages received so far, across windows
	// PagesKnown is the pages known to exist so far: totalPages of every
	// window whose first page has arrived, plus one for each window still
	// waiting for its first page. It grows as first pages arrive.
	PagesKnown int
	Cached     int // windows served from the session cache, no request made
}

// TransactionBatch is one step of TransactionPages: the items of one page
// (or one cached window) that this fetch has not delivered before.
type TransactionBatch struct {
	Window Window
	Page   int // 0 for a batch served from the cache
	// New are this page's items not delivered earlier in this fetch,
	// restricted to the query's days (see TransactionResult.OutsideRange),
	// in the bank's order. The UI appends them and sorts with
	// model.CompareTransactions; the final order is Transactions'.
	// Read-only: usually the decoded page itself, which the session cache
	// also points into (one copy of each item per process).
	New []model.Transaction
	// Duplicates counts items of this page dropped because an earlier
	// page or window already delivered the same transactionId.
	Duplicates int
	// OutsideRange counts items of this page booked outside the query's
	// days (see TransactionResult.OutsideRange).
	OutsideRange int
	Progress     TransactionProgress
}

// WindowError is a window that could not be read completely: its days are
// a gap in the result. Err is the typed API/network error of the failing
// request (errors.Is finds model.ErrUnavailable and friends through it).
type WindowError struct {
	Window Window
	Err    error
}

// Error is one line: "transactions v3 for 2026-11-02..2026-11-06: bank
// unavailable (HTTP 503 ...); ...".
func (e *WindowError) Error() string {
	return fmt.Sprintf("%s for %s: %s", apiTransactions, e.Window, strings.TrimPrefix(e.Err.Error(), apiTransactions+": "))
}

func (e *WindowError) Unwrap() error { return e.Err }

// TransactionResult is a complete multi-window fetch.
type TransactionResult struct {
	Query TransactionQuery
	// Transactions are merged from every window and page, each
	// transactionId once, sorted by model.CompareTransactions (as-of date,
	// value date, time, id).
	Transactions []model.Transaction
	// Gaps lists the windows that failed, in date order. Their days are
	// missing or incomplete; a non-empty Gaps means partial data and the
	// CLI exits 3 naming them.
	Gaps []WindowError
	// Duplicates counts repeated transactionIds dropped (across windows
	// and repeated pages). Reported, never silent.
	Duplicates int
	// OutsideRange counts items the bank returned for a window but booked
	// (asOfDate) outside the query's days: the bank also lists an item in
	// the window of its value date (UNCONFIRMED; the demo bank does), so a
	// back-valued item comes back twice. It belongs to the day it was
	// booked and is listed by the query covering that day, so the totals
	// and reconciliation of these days stay right.
	OutsideRange int
	Progress     TransactionProgress
}

// Partial reports whether some windows failed.
func (r TransactionResult) Partial() bool { return len(r.Gaps) > 0 }

// Transactions fetches every page of every window of q concurrently
// (bounded by Options.Concurrency), merges them in date order and
// de-duplicates by transactionId. Closed days already fetched in this
// session come from the cache.
//
// A window that fails after retries becomes a Gap and the others are still
// returned with a nil error. The error is non-nil only for a query the bank
// would refuse (nothing sent), when every window failed (the most telling
// error), or when ctx ended.
func (c *Client) Transactions(ctx context.Context, q TransactionQuery) (TransactionResult, error) {
	res := TransactionResult{Query: q}
	var errs []error
	var batches [][]model.Transaction
	n := 0
	for b, err := range c.TransactionPages(ctx, q) {
		res.Progress = b.Progress
		res.Duplicates += b.Duplicates
		res.OutsideRange += b.OutsideRange
		if err != nil {
			we, ok := err.(*WindowError)
			if !ok { // refused query or ended context: nothing usable
				return TransactionResult{Query: q}, err
			}
			res.Gaps = append(res.Gaps, *we)
			errs = append(errs, we)
			continue
		}
		batches = append(batches, b.New)
		n += len(b.New)
	}
	res.Transactions = make([]model.Transaction, 0, n)
	for _, b := range batches {
		res.Transactions = append(res.Transactions, b...)
	}
	if len(errs) > 0 && len(errs) == res.Progress.Windows {
		return TransactionResult{Query: q, Gaps: res.Gaps, Progress: res.Progress}, mostTelling(errs)
	}
	slices.SortFunc(res.Transactions, model.CompareTransactions)
	slices.SortFunc(res.Gaps, func(a, b WindowError) int { return a.Window.From.Compare(b.Window.From) })
	return res, nil
}

// AllTransactions iterates over q's transactions as they arrive (each
// transactionId once; arrival order, not date order), for a CLI that
// streams. A failed window yields one (zero Transaction, *WindowError) and
// iteration goes on with the other windows; a refused query or an ended
// context yields one error and stops. Breaking out of the loop cancels the
// outstanding requests.
func (c *Client) AllTransactions(ctx context.Context, q TransactionQuery) iter.Seq2[model.Transaction, error] {
	return func(yield func(model.Transaction, error) bool) {
		for b, err := range c.TransactionPages(ctx, q) {
			if err != nil {
				if !yield(model.Transaction{}, err) {
					return
				}
				continue
			}
			for _, t := range b.New {
				if !yield(t, nil) {
					return
				}
			}
		}
	}
}

// TransactionPages runs the same fetch as Transactions and yields each page
// as soon as it arrives, with progress, so a screen can show page one while
// the rest load. Pages of different windows arrive in any order; items are
// de-duplicated across everything yielded so far.
//
// Errors: a failed window yields (batch naming the window, *WindowError)
// and the other windows carry on; a query refused before sending, or an
// ended context, yields one plain error and stops. Breaking out of the loop
// cancels every outstanding request and waits for them to end.
func (c *Client) TransactionPages(ctx context.Context, q TransactionQuery) iter.Seq2[TransactionBatch, error] {
	return func(yield func(TransactionBatch, error) bool) {
		p, err := c.planTransactions(q)
		if err != nil {
			yield(TransactionBatch{}, err)
			return
		}
		c.streamTransactions(ctx, p, yield)
	}
}

// TransactionsPage fetches one page of one window: a relative day, or a
// date range of at most 5 days (a longer one is refused without sending:
// use Transactions). The items are categorised but not de-duplicated, and
// nothing is cached.
func (c *Client) TransactionsPage(ctx context.Context, q TransactionQuery, opt ListOptions) (*TransactionPage, error) {
	w, err := singleWindow(q)
	if err != nil {
		return nil, err
	}
	if err := opt.check(); err != nil {
		return nil, err
	}
	return c.fetchTxnPage(ctx, q.Account, w, max(opt.Page, 1), opt.PageSize)
}

func (o ListOptions) check() error {
	switch {
	case o.Page < 0:
		return refuse(apiTransactions, "page %d is not a page number; pages start at 1", o.Page)
	case o.PageSize < 0 || o.PageSize > txnMaxPageSize:
		return refuse(apiTransactions, "page size %d is outside 1..%d", o.PageSize, txnMaxPageSize)
	}
	return nil
}
