package ui

import (
	"sort"

	"github.com/charmbracelet/x/ansi"

	"cashpos/model"
)

// currencyTotal is one line of the totals block, formatted once.
type currencyTotal struct {
	ccy        string
	accounts   int // rows with data
	priorDay   int // of which a closed prior day's figures
	problems   int // rows with no data (a Problem), not summed
	amt        [4]string
	incomplete [4]bool // some row lacked this amount or had no data
}

// totalsBlock holds the per-currency totals of the rows shown. There is never
// a total across currencies.
type totalsBlock struct {
	lines         []currencyTotal
	amtW          [4]int
	anyIncomplete bool
	anyOffline    bool // some total holds last good figures carried over
}

func newTotalsBlock(bk *book, order []int) totalsBlock {
	balances := make([]model.Balance, 0, len(order))
	for _, i := range order {
		balances = append(balances, bk.rows[i].b)
	}
	// model's totals count rows without data per currency (a currency
	// whose every row failed still gets a line, so its absence from the
	// sums is visible) and leave out rows with no currency at all, which
	// the banner names instead: there is no currency-less total.
	var tb totalsBlock
	for _, t := range model.TotalsByCurrency(balances) {
		ct := currencyTotal{ccy: clean(t.Currency.Code), accounts: t.Accounts, priorDay: t.PriorDay, problems: t.Problems}
		tb.anyOffline = tb.anyOffline || t.Offline > 0
		for c := range ct.amt {
			ct.incomplete[c] = t.Incomplete(c)
			if !t.HasFigure(c) {
				ct.amt[c] = missing
				continue
			}
			ct.amt[c] = model.FormatAmount(t.Amounts[c], t.Currency.Decimals)
		}
		tb.lines = append(tb.lines, ct)
	}
	sort.SliceStable(tb.lines, func(i, j int) bool { return tb.lines[i].ccy < tb.lines[j].ccy })
	for _, ct := range tb.lines {
		for c := range ct.amt {
			tb.amtW[c] = max(tb.amtW[c], ansi.StringWidth(ct.amt[c]))
			tb.anyIncomplete = tb.anyIncomplete || ct.incomplete[c]
		}
	}
	return tb
}
