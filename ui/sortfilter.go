package ui

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"cashpos/model"
)

// sortKey is the column the grid is sorted by; `s` cycles through them in
// this order, sortNone being the snapshot's (configuration) order.
type sortKey int

const (
	sortNone sortKey = iota
	sortName
	sortCurrency
	sortOpenAvail
	sortOpenLedger
	sortEndAvail
	sortEndLedger
	sortAsOf
	sortAge
	sortStatus
	numSortKeys
)

// sortNames are shown in the status line, where the sort stays visible even
// when its column has been dropped for width.
var sortNames = [numSortKeys]string{
	"snapshot order", "name", "currency", "opening available", "opening ledger",
	"ending available", "ending ledger", "as-of date", "age", "staleness",
}

// column returns the grid column a sort key marks with ▲/▼.
func (k sortKey) column() colID {
	switch k {
	case sortName:
		return colName
	case sortCurrency:
		return colCcy
	case sortOpenAvail:
		return colOpenAvail
	case sortOpenLedger:
		return colOpenLedger
	case sortEndAvail:
		return colEndAvail
	case sortEndLedger:
		return colEndLedger
	case sortAsOf:
		return colAsOf
	case sortAge:
		return colAge
	case sortStatus:
		return colStatus
	}
	return -1
}

// dependsOnClock says whether the order can change as time passes.
func (k sortKey) dependsOnClock() bool { return k == sortStatus }

// classifyCtx is what freshness depends on at one instant.
type classifyCtx struct {
	now     time.Time
	th      model.Thresholds
	offline bool
}

// item is one line of the grid body: a group heading or an account row.
type item struct {
	row   int // index into book.rows, or -1 for a heading
	group string
	count int // rows under a heading
}

// gridState is the grid's selection, sort and filter. Its slices are rebuilt
// (never edited in place) so copies of the model never share mutations.
type gridState struct {
	sortBy sortKey
	desc   bool

	filter    string
	filtering bool // typing into the filter

	order  []int  // rows shown, in display order
	items  []item // body lines: headings and rows
	itemAt []int  // index in items of order[i]
	total  int    // rows in the book

	cursor int    // index into order
	selKey string // identity of the selected row, kept across refreshes
	offset int    // first body line shown

	totals totalsBlock
	rev    uint64 // moves on every rebuild; keys cached headers and totals
}

// rebuild re-applies filter, sort and grouping to the book. It is O(n log n)
// and runs in Update on data, filter or sort changes, never in View.
func (g gridState) rebuild(bk *book, cc classifyCtx) gridState {
	g.rev++
	g.order, g.items, g.itemAt = nil, nil, nil
	g.total = 0
	if bk == nil {
		g.totals = totalsBlock{}
		return g
	}
	g.total = len(bk.rows)
	needle := strings.ToLower(strings.TrimSpace(g.filter))
	order := make([]int, 0, len(bk.rows))
	for i := range bk.rows {
		if needle == "" || strings.Contains(bk.rows[i].search, needle) {
			order = append(order, i)
		}
	}
	sortRows(order, bk.rows, g.sortBy, g.desc, cc)

	items := make([]item, 0, len(order)+len(bk.groups))
	if bk.hasGroups {
		byGroup := map[string][]int{}
		for _, i := range order {
			byGroup[bk.rows[i].group] = append(byGroup[bk.rows[i].group], i)
		}
		order = order[:0]
		for _, name := range bk.groups {
			members := byGroup[name]
			if len(members) == 0 {
				continue
			}
			items = append(items, item{row: -1, group: name, count: len(members)})
			for _, i := range members {
				items = append(items, item{row: i})
				order = append(order, i)
			}
		}
	} else {
		for _, i := range order {
			items = append(items, item{row: i})
		}
	}
	itemAt := make([]int, 0, len(order))
	for n, it := range items {
		if it.row >= 0 {
			itemAt = append(itemAt, n)
		}
	}
	g.order, g.items, g.itemAt = order, items, itemAt

	// Keep the selection on the same account when it is still shown, else
	// start from the first row shown.
	g.cursor = 0
	for n, i := range order {
		if bk.rows[i].key == g.selKey {
			g.cursor = n
			break
		}
	}
	g.selKey = g.selectedKey(bk)
	g.totals = newTotalsBlock(bk, order)
	return g
}

func (g gridState) selectedKey(bk *book) string {
	if bk == nil || len(g.order) == 0 {
		return ""
	}
	return bk.rows[g.order[g.cursor]].key
}

// sortRows sorts stably. Amounts compare as decimals, never as strings. Rows
// without the value (missing amount, a Problem) go last in both directions;
// reversing flips the comparison, not the slice, so ties keep their order.
func sortRows(order []int, rows []row, by sortKey, desc bool, cc classifyCtx) {
	if by == sortNone && !desc {
		return
	}
	var fresh []model.Freshness
	if by == sortStatus {
		fresh = make([]model.Freshness, len(rows))
		for _, i := range order {
			fresh[i] = freshnessOf(rows[i].b, cc)
		}
	}
	dir := 1
	if desc {
		dir = -1
	}
	slices.SortStableFunc(order, func(a, b int) int {
		ra, rb := &rows[a], &rows[b]
		switch by {
		case sortNone:
			return dir * cmp.Compare(ra.seq, rb.seq)
		case sortName:
			return dir * cmp.Or(
				cmp.Compare(ra.lname, rb.lname),
				cmp.Compare(ra.name, rb.name))
		case sortCurrency:
			return dir * cmp.Compare(ra.ccy, rb.ccy)
		case sortOpenAvail, sortOpenLedger, sortEndAvail, sortEndLedger:
			col := model.AmountColumns[by-sortOpenAvail]
			va, vb := ra.b.Amount(col), rb.b.Amount(col)
			okA, okB := va.Valid && ra.b.Problem == nil, vb.Valid && rb.b.Problem == nil
			if !okA || !okB {
				return missingLast(okA, okB)
			}
			// Amounts in different currencies are not comparable without
			// FX (¥1bn is about $7m): keep each currency together, in code
			// order whatever the direction, and sort amounts within it.
			return cmp.Or(cmp.Compare(ra.ccy, rb.ccy), dir*va.Decimal.Cmp(vb.Decimal))
		case sortAsOf:
			return dir * cmp.Compare(ra.b.AsOfDate, rb.b.AsOfDate)
		case sortAge:
			// Older basis = greater age.
			okA, okB := ra.b.Problem == nil, rb.b.Problem == nil
			if !okA || !okB {
				return missingLast(okA, okB)
			}
			return dir * rb.b.AgeBasis().Compare(ra.b.AgeBasis())
		case sortStatus:
			okA, okB := ra.b.Problem == nil, rb.b.Problem == nil
			if !okA || !okB {
				return missingLast(okA, okB)
			}
			return dir * cmp.Compare(fresh[a], fresh[b])
		}
		return 0
	})
}

func missingLast(okA, okB bool) int {
	switch {
	case okA == okB:
		return 0
	case okA:
		return -1
	default:
		return 1
	}
}

// freshnessOf classifies a row; rows with a Problem have no freshness of
// their own and are drawn as "no data". A row carried over from the last
// good data (b.Offline) is offline even when the rest of the book is live.
func freshnessOf(b model.Balance, cc classifyCtx) model.Freshness {
	return model.Classify(b, cc.now, cc.th, cc.offline || b.Offline)
}
