package ui

import (
	"github.com/shopspring/decimal"

	"cashpos/model"
)

// The list the transactions screen shows: which rows (filter over a sort
// order), their totals and the selection.

// txnTotals are the debits, credits and net of the rows shown, in the
// account's currency; items in another currency are counted, not summed.
type txnTotals struct {
	count, other    int
	debits, credits decimal.Decimal
}

func (t txnTotals) net() decimal.Decimal { return t.credits.Sub(t.debits) }

func (t txnTotals) plus(u txnTotals) txnTotals {
	return txnTotals{
		count: t.count + u.count, other: t.other + u.other,
		debits: t.debits.Add(u.debits), credits: t.credits.Add(u.credits),
	}
}

// order is the rows in the current sort, built once per rows and key.
func (m txnScreen) order() []int32 {
	p := m.perms.by[m.sortBy]
	if p == nil {
		p = permutation(m.rows, m.sortBy)
		m.perms.by[m.sortBy] = p
	}
	if !m.desc {
		return p
	}
	r := make([]int32, len(p))
	for i, v := range p {
		r[len(p)-1-i] = v
	}
	return r
}

// reshow applies the filter. With narrow, it filters what is shown now
// (a longer query only removes rows), else every row in sort order. The
// selection stays on the same transaction when it is still shown.
func (m txnScreen) reshow(narrow bool) txnScreen {
	m = m.reshowOnly(narrow)
	m.totals = m.sum(m.shown)
	return m
}

// reshowOnly is reshow without the totals, for a caller that knows them.
func (m txnScreen) reshowOnly(narrow bool) txnScreen {
	src := m.shown
	if !narrow {
		src = m.order()
	}
	shown := src
	if !m.filter.empty() {
		shown = make([]int32, 0, len(src)/4)
		for _, i := range src {
			if m.filter.match(&m.rows[i]) {
				shown = append(shown, i)
			}
		}
	}
	m.shown = shown
	m.cursor = 0
	if m.selID != "" {
		for n, i := range shown {
			if m.rows[i].t.ID == m.selID {
				m.cursor = n
				break
			}
		}
	}
	m.offset = m.scrolled()
	return m
}

// sum totals the rows shown: in integer millionths (exact; an item is at
// most 10^15 of them, so 9,000 items cannot overflow and the running sums
// are moved into decimals every 8,192 items), or in decimals for an
// amount that is not exact in millionths.
func (m txnScreen) sum(shown []int32) txnTotals {
	return m.sumOf(len(shown), func(n int) *txnRow { return &m.rows[shown[n]] })
}

// sumRows totals the rows of a page that the filter shows.
func (m txnScreen) sumRows(rows []txnRow) txnTotals {
	if m.filter.empty() {
		return m.sumOf(len(rows), func(n int) *txnRow { return &rows[n] })
	}
	var keep []int32
	for n := range rows {
		if m.filter.match(&rows[n]) {
			keep = append(keep, int32(n))
		}
	}
	return m.sumOf(len(keep), func(n int) *txnRow { return &rows[keep[n]] })
}

func (m txnScreen) sumOf(count int, row func(int) *txnRow) txnTotals {
	t := txnTotals{debits: decimal.Zero, credits: decimal.Zero}
	code := m.account.Currency.Code
	var dr, cr int64
	flush := func() {
		t.debits = t.debits.Add(decimal.New(dr, -microScale))
		t.credits = t.credits.Add(decimal.New(cr, -microScale))
		dr, cr = 0, 0
	}
	for n := range count {
		r := row(n)
		x := r.t
		if code != "" && x.Currency.Code != code {
			t.other++
			continue
		}
		t.count++
		switch {
		case r.ok && x.IsDebit():
			dr += r.micro
		case r.ok:
			cr += r.micro
		case x.IsDebit():
			t.debits = t.debits.Add(x.Amount)
		default:
			t.credits = t.credits.Add(x.Amount)
		}
		if n&8191 == 8191 {
			flush()
		}
	}
	flush()
	return t
}

// selected is the transaction under the cursor, or nil.
func (m txnScreen) selected() *model.Transaction {
	if m.cursor < 0 || m.cursor >= len(m.shown) {
		return nil
	}
	return m.rows[m.shown[m.cursor]].t
}
