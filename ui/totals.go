package ui

import (
	"github.com/charmbracelet/x/ansi"
	"github.com/shopspring/decimal"

	"cashpos/model"
)

// ccyTotal is the running total of one currency over a set of rows. It is
// kept as counts and exact accumulators, so a filter step adds or removes
// only the rows that changed instead of re-summing the book.
type ccyTotal struct {
	accounts int // rows with data
	priorDay int // of which a closed prior day's figures
	offline  int // of which last good figures carried over
	problems int // rows with no data (a Problem), counted, never summed
	have     [4]int
	sum      [4]acc
}

// totals are the per-currency running totals of a set of rows, indexed like
// book.ccys. There is never a total across currencies, and, as in
// model.TotalsByCurrency, a row without a currency code joins no total (it
// can only be a Problem row; the banner names it). Group subtotals can
// be kept the same way: one totals per group, fed by add and remove.
type totals []ccyTotal

func (t totals) clone() totals { return append(totals(nil), t...) }

// add counts book row i into the totals.
func (t totals) add(bk *book, i int) {
	r, b := &bk.rows[i], &bk.bals[i]
	if bk.ccys[r.ccy].Code == "" {
		return
	}
	ct := &t[r.ccy]
	if b.Problem != nil {
		ct.problems++
		return
	}
	ct.accounts++
	if !b.CurrentDay {
		ct.priorDay++
	}
	if b.Offline {
		ct.offline++
	}
	for c, a := range r.amt {
		switch a.state {
		case amountUnits:
			ct.sum[c].add(a.units)
		case amountBig:
			ct.sum[c].big = ct.sum[c].big.Add(b.Amount(model.AmountColumns[c]).Decimal)
		default:
			continue
		}
		ct.have[c]++
	}
}

// remove takes book row i, previously added, out of the totals.
func (t totals) remove(bk *book, i int) {
	r, b := &bk.rows[i], &bk.bals[i]
	if bk.ccys[r.ccy].Code == "" {
		return
	}
	ct := &t[r.ccy]
	if b.Problem != nil {
		ct.problems--
		return
	}
	ct.accounts--
	if !b.CurrentDay {
		ct.priorDay--
	}
	if b.Offline {
		ct.offline--
	}
	for c, a := range r.amt {
		switch a.state {
		case amountUnits:
			ct.sum[c].sub(a.units)
		case amountBig:
			ct.sum[c].big = ct.sum[c].big.Sub(b.Amount(model.AmountColumns[c]).Decimal)
		default:
			continue
		}
		ct.have[c]--
	}
}

// sumOf is the totals of the rows in order, summed from scratch.
func sumOf(bk *book, order []int) totals {
	t := make(totals, len(bk.ccys))
	for _, i := range order {
		t.add(bk, i)
	}
	return t
}

// currencyTotal is one line of the totals block, formatted once.
type currencyTotal struct {
	ccy        string
	accounts   int // rows with data
	priorDay   int // of which a closed prior day's figures
	problems   int // rows with no data (a Problem), not summed
	amt        [4]string
	exact      [4]decimal.NullDecimal // the sums, for a rounded form when amt is too wide
	incomplete [4]bool                // some row lacked this amount or had no data
}

// totalsBlock holds the per-currency totals of the rows shown, formatted.
// Formatting costs a few currencies, not the rows.
type totalsBlock struct {
	lines         []currencyTotal
	amtW          [4]int
	anyIncomplete bool
	anyOffline    bool // some total holds last good figures carried over
	anyLacking    bool // some total lacks a row's amount or a row with no data
}

// block formats the totals in currency-code order. A currency whose every
// row failed still gets a line, so its absence from the sums is visible.
// offline is the screen's state: when the whole book is last good data (the
// cached book at start, or the last refresh failed) every row with data is
// offline, as in the reports, though no row carries its own Offline flag.
func (t totals) block(bk *book, offline bool) totalsBlock {
	var tb totalsBlock
	for k, tt := range t {
		if tt.accounts == 0 && tt.problems == 0 {
			continue
		}
		if offline {
			tt.offline = tt.accounts
		}
		ct := currencyTotal{ccy: bk.ccys[k].Code, accounts: tt.accounts, priorDay: tt.priorDay, problems: tt.problems}
		tb.anyOffline = tb.anyOffline || tt.offline > 0
		for c := range ct.amt {
			// As model.CurrencyTotal.Incomplete: a row lacked the amount,
			// had no data, or is last good figures carried over offline.
			lacking := tt.have[c] < tt.accounts || tt.problems > 0
			tb.anyLacking = tb.anyLacking || lacking
			ct.incomplete[c] = lacking || tt.offline > 0
			if tt.have[c] == 0 {
				ct.amt[c] = missing
				continue
			}
			ct.exact[c] = decimal.NewNullDecimal(tt.sum[c].decimal())
			ct.amt[c] = model.FormatAmount(ct.exact[c].Decimal, bk.ccys[k].Decimals)
		}
		tb.lines = append(tb.lines, ct)
	}
	for _, ct := range tb.lines {
		for c := range ct.amt {
			tb.amtW[c] = max(tb.amtW[c], ansi.StringWidth(ct.amt[c]))
			tb.anyIncomplete = tb.anyIncomplete || ct.incomplete[c]
		}
	}
	return tb
}
