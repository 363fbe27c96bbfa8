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
}

func newTotalsBlock(bk *book, order []int) totalsBlock {
	balances := make([]model.Balance, 0, len(order))
	problems := map[string]int{}
	for _, i := range order {
		b := bk.rows[i].b
		balances = append(balances, b)
		if b.Problem != nil {
			problems[b.Account.Currency.Code]++
		}
	}
	var tb totalsBlock
	seen := map[string]bool{}
	for _, t := range model.TotalsByCurrency(balances) {
		ct := currencyTotal{ccy: t.Currency.Code, accounts: t.Accounts, priorDay: t.PriorDay, problems: problems[t.Currency.Code]}
		seen[ct.ccy] = true
		for c := range ct.amt {
			ct.incomplete[c] = t.Missing[c] > 0 || ct.problems > 0
			if t.Missing[c] == t.Accounts {
				ct.amt[c] = missing
				continue
			}
			ct.amt[c] = model.FormatAmount(t.Amounts[c], t.Currency.Decimals)
		}
		tb.lines = append(tb.lines, ct)
	}
	// A currency whose every row failed still gets a line, so its absence
	// from the sums is visible.
	for code, n := range problems {
		if seen[code] {
			continue
		}
		ct := currencyTotal{ccy: code, problems: n}
		for c := range ct.amt {
			ct.amt[c], ct.incomplete[c] = missing, true
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
