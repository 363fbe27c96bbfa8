package ui

import (
	"context"
	"iter"
	"time"

	"cashpos/model"
)

// TxnQuery is what the transactions screen asks the bank for: one account's
// items booked on calendar days From..To inclusive, in the account's own
// business day. main turns it into the client's query; the client cuts it
// into the bank's 5-day windows.
type TxnQuery struct {
	Account  model.Account
	From, To time.Time // dates (midnight UTC); From == To for one day
	// CurrentDay marks a query for today alone: the bank is asked for its
	// current day (relativeDateType CURRENT_DAY), which is still moving.
	CurrentDay bool
}

// TxnProgress is how far a fetch has got, for the loading line.
type TxnProgress struct {
	Windows     int // 5-day windows planned
	WindowsDone int // windows finished (all pages, or failed)
	Failed      int // windows that failed: their days are a gap
	PagesDone   int // pages received so far
	PagesKnown  int // pages known to exist so far (grows as first pages land)
	Cached      int // windows served from the session cache
}

// TxnBatch is one step of a fetch: the items of one page not delivered
// before (each transactionId once), or one window that failed.
type TxnBatch struct {
	New          []model.Transaction
	Duplicates   int // repeated transactionIds the client dropped
	OutsideRange int // items booked outside the query's days, left to their own day
	// Gap names the days of a window that could not be read ("2026-11-02..2026-11-06")
	// and GapErr says why; the other windows carry on.
	Gap      string
	GapErr   error
	Progress TxnProgress
}

// TxnFetch streams a query page by page, as the pages arrive. A failed
// window is a batch with Gap set; an error ends the stream (the query was
// refused, or ctx ended). Breaking out of the loop cancels what is still in
// flight.
type TxnFetch func(ctx context.Context, q TxnQuery) iter.Seq2[TxnBatch, error]

// DayLedgerFetch reads a closed day's opening and closing ledger balance,
// for the reconciliation line.
type DayLedgerFetch func(ctx context.Context, a model.Account, day time.Time) (model.DayLedger, error)
