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

// gridState is the grid's selection, sort and filter. Its slices are
// replaced, never edited in place, so copies of the model never share a
// mutation.
//
// How keys stay cheap at 100,000 accounts:
//   - perm is every row in display order (sort, then grouping), computed
//     once per data set and sort (book.perms) — off the UI goroutine when
//     that takes longer than a frame (see sortjob.go).
//   - steps is the filter's history: steps[0] is perm unfiltered, each next
//     step the rows of the one before that match a longer needle, with its
//     per-currency totals. Typing filters the previous result; backspace
//     pops a step; totals follow by adding or removing the rows that
//     changed. The last step is what is shown.
type gridState struct {
	sortBy sortKey
	desc   bool

	filter    string
	filtering bool // typing into the filter

	perm  []int        // every row in display order; shared, never edited
	steps []filterStep // filter history; the last is shown

	order  []int  // rows shown, in display order (the last step's)
	items  []item // body lines: headings and rows
	itemAt []int  // index in items of order[i]
	total  int    // rows in the book

	cursor int      // index into order
	selKey rowKeyID // identity of the selected row, kept across refreshes
	selRow int      // book row of the selection in the book of selRev, or -1
	selRev uint64
	offset int // first body line shown

	totals totalsBlock
	rev    uint64 // moves on every rebuild; keys cached headers and totals

	// sorting is set while a sort runs off the UI goroutine; the order
	// shown until it lands is the previous one.
	sorting bool

	// cc is the instant status-word filters are judged at (see matches);
	// the dashboard sets it before re-applying the filter.
	cc classifyCtx
}

// filterStep is one filter result: the rows of perm matching needle, in
// display order, their body lines and their per-currency totals.
type filterStep struct {
	needle string
	order  []int
	items  []item
	itemAt []int
	sums   totals
}

// needleOf is the filter as matched: trimmed and lower-cased.
func needleOf(filter string) string { return strings.ToLower(strings.TrimSpace(filter)) }

// matches says whether book row i matches a (lower-case, non-empty) needle.
// It is the one place the filter decides; extending what a filter matches
// (group, currency, status words) means extending this and the haystack in
// prepareBook. Narrowing relies on one property: a row that does not match
// a needle matches no longer needle that starts with it.
//
// A needle that is a status word (see statusWords) also matches the rows in
// that state at cc; the state moves with the clock, so such a needle is
// matched by a fresh scan of every row (refilter), never by narrowing.
func matches(bk *book, i int, needle string, cc classifyCtx) bool {
	return matcher(bk, needle, cc)(i)
}

// matcher is matches for one needle, with what depends only on the needle
// decided once rather than per row.
func matcher(bk *book, needle string, cc classifyCtx) func(i int) bool {
	if isStatusWord(needle) {
		return func(i int) bool {
			return strings.Contains(bk.rows[i].search, needle) || hasStatus(bk, i, needle, cc)
		}
	}
	return func(i int) bool { return strings.Contains(bk.rows[i].search, needle) }
}

// withPerm shows bk in the display order perm: new data or a new sort. The
// filter is re-applied from scratch (one scan of the book).
func (g gridState) withPerm(bk *book, perm []int) gridState {
	g.sorting = false
	g.perm = perm
	g.total = 0
	g.steps = nil
	if bk == nil {
		g.order, g.items, g.itemAt, g.totals = nil, nil, nil, totalsBlock{}
		g.rev++
		return g
	}
	g.total = len(bk.rows)
	items, itemAt := bodyLines(bk, perm)
	g.steps = []filterStep{{order: perm, items: items, itemAt: itemAt, sums: bk.all}}
	return g.refilter(bk)
}

// refilter brings the shown rows in line with g.filter: it pops the steps
// whose needle is not a prefix of the new one (backspace), then narrows the
// last step to the new needle if they differ (typing). Neither touches more
// than the rows of the step it starts from.
func (g gridState) refilter(bk *book) gridState {
	if bk == nil || len(g.steps) == 0 {
		return g.show(bk)
	}
	needle := needleOf(g.filter)
	n := len(g.steps)
	for n > 1 && !strings.HasPrefix(needle, g.steps[n-1].needle) {
		n--
	}
	if isStatusWord(needle) {
		n = 1 // rows enter by their state, not their text: scan them all
	}
	g.steps = g.steps[:n:n] // capped: an append never writes into a copy's array
	if top := g.steps[n-1]; top.needle != needle {
		g.steps = append(g.steps, narrow(bk, top, needle, g.cc))
	}
	return g.show(bk)
}

// narrow keeps the rows of prev that match needle. Totals are updated from
// what changed: the removed rows are subtracted when they are fewer than
// the kept ones, else the kept ones are summed.
func narrow(bk *book, prev filterStep, needle string, cc classifyCtx) filterStep {
	// One allocation of the most it can keep, trimmed after if mostly
	// unused: growing by appends copied 3 MB per key at 100,000 rows.
	kept := make([]int, 0, len(prev.order))
	match := matcher(bk, needle, cc)
	for _, i := range prev.order {
		if match(i) {
			kept = append(kept, i)
		}
	}
	if cap(kept) > 2*len(kept)+64 {
		kept = slices.Clone(kept)
	}
	if len(kept) == len(prev.order) {
		// Nothing left the result (a common first letter): share it.
		prev.needle = needle
		return prev
	}
	step := filterStep{needle: needle, order: slices.Clip(kept)}
	if removed := len(prev.order) - len(kept); removed < len(kept) {
		step.sums = prev.sums.clone()
		k := 0
		for _, i := range prev.order {
			if k < len(kept) && kept[k] == i {
				k++
				continue
			}
			step.sums.remove(bk, i)
		}
	} else {
		step.sums = sumOf(bk, kept)
	}
	step.items, step.itemAt = bodyLines(bk, step.order)
	return step
}

// bodyLines lays rows out as body lines, with a heading before each group's
// first row when the book has groups. order is grouped already (perm is).
func bodyLines(bk *book, order []int) ([]item, []int) {
	items := make([]item, 0, len(order)+len(bk.groups))
	itemAt := make([]int, 0, len(order))
	head, group := -1, int32(-1)
	for _, i := range order {
		if g := bk.rows[i].group; bk.hasGroups && (head < 0 || g != group) {
			head, group = len(items), g
			items = append(items, item{row: -1, group: bk.groups[g]})
		}
		if head >= 0 {
			items[head].count++
		}
		itemAt = append(itemAt, len(items))
		items = append(items, item{row: i})
	}
	return items, itemAt
}

// show makes the last step the one on screen and puts the cursor back on
// the selected account when it is still shown, else on the first row.
func (g gridState) show(bk *book) gridState {
	g.rev++
	if bk == nil || len(g.steps) == 0 {
		g.order, g.items, g.itemAt, g.totals = nil, nil, nil, totalsBlock{}
		return g
	}
	top := g.steps[len(g.steps)-1]
	g.order, g.items, g.itemAt = top.order, top.items, top.itemAt
	g.totals = top.sums.block(bk, g.cc.offline)
	sel := g.selectedRow(bk)
	g.cursor = 0
	if sel >= 0 {
		if n := slices.Index(g.order, sel); n >= 0 {
			g.cursor = n
		}
	}
	return g.selected(bk)
}

// selectedRow finds the selected account's row in bk: by its remembered
// index when bk is the book it was selected in, else by id and date.
func (g gridState) selectedRow(bk *book) int {
	if g.selKey == (rowKeyID{}) {
		return -1
	}
	if g.selRev == bk.rev && g.selRow >= 0 {
		return g.selRow
	}
	for i := range bk.bals {
		if bk.key(i) == g.selKey {
			return i
		}
	}
	return -1
}

// selected records which account the cursor is on.
func (g gridState) selected(bk *book) gridState {
	g.selKey, g.selRow, g.selRev = rowKeyID{}, -1, 0
	if bk == nil || len(g.order) == 0 {
		return g
	}
	g.selRow = g.order[g.cursor]
	g.selKey, g.selRev = bk.key(g.selRow), bk.rev
	return g
}

// permKey names one display order of a book. The clock matters only to the
// staleness sort.
type permKey struct {
	by      sortKey
	desc    bool
	minute  int64
	offline bool
}

func keyFor(by sortKey, desc bool, cc classifyCtx) permKey {
	k := permKey{by: by, desc: desc}
	if by.dependsOnClock() {
		k.minute, k.offline = cc.now.Unix()/60, cc.offline
	}
	return k
}

// computePerm sorts every row of bk for k, then groups them (stably, in the
// book's group order). Sort keys are computed once here, not per
// comparison. It only reads the book, so it may run off the UI goroutine.
func computePerm(bk *book, k permKey, cc classifyCtx) []int {
	order := identity(len(bk.rows))
	sortRows(order, bk, k.by, k.desc, cc)
	if !bk.hasGroups {
		return order
	}
	start := make([]int, len(bk.groups)+1)
	for i := range bk.rows {
		start[bk.rows[i].group+1]++
	}
	for g := 1; g < len(start); g++ {
		start[g] += start[g-1]
	}
	grouped := make([]int, len(order))
	for _, i := range order {
		g := bk.rows[i].group
		grouped[start[g]] = i
		start[g]++
	}
	return grouped
}

// sortRows sorts, ties in snapshot order. Amounts compare as exact numbers, never as
// strings. Rows without the value (missing amount, a Problem) go last in
// both directions; reversing flips the comparison, not the slice, so ties
// keep their order.
func sortRows(order []int, bk *book, by sortKey, desc bool, cc classifyCtx) {
	if by == sortNone && !desc {
		return
	}
	dir := 1
	if desc {
		dir = -1
	}
	rows, bals := bk.rows, bk.bals
	var cmpFn func(a, b int) int
	switch by {
	case sortNone:
		cmpFn = func(a, b int) int { return dir * cmp.Compare(a, b) }
	case sortName:
		lname := make([]string, len(rows))
		for _, i := range order {
			lname[i] = strings.ToLower(rows[i].name)
		}
		cmpFn = func(a, b int) int {
			return dir * cmp.Or(cmp.Compare(lname[a], lname[b]), cmp.Compare(rows[a].name, rows[b].name))
		}
	case sortCurrency:
		cmpFn = func(a, b int) int { return dir * cmp.Compare(rows[a].ccy, rows[b].ccy) }
	case sortOpenAvail, sortOpenLedger, sortEndAvail, sortEndLedger:
		c := int(by - sortOpenAvail)
		cmpFn = func(a, b int) int {
			okA, okB := rows[a].amt[c].state != amountMissing, rows[b].amt[c].state != amountMissing
			if !okA || !okB {
				return missingLast(okA, okB)
			}
			// Amounts in different currencies are not comparable without
			// FX (¥1bn is about $7m): keep each currency together, in code
			// order whatever the direction, and sort amounts within it.
			return cmp.Or(cmp.Compare(rows[a].ccy, rows[b].ccy), dir*bk.cmpAmount(a, b, c))
		}
	case sortAsOf:
		cmpFn = func(a, b int) int { return dir * cmp.Compare(bals[a].AsOfDate, bals[b].AsOfDate) }
	case sortAge:
		cmpFn = func(a, b int) int {
			// Older basis = greater age.
			okA, okB := bals[a].Problem == nil, bals[b].Problem == nil
			if !okA || !okB {
				return missingLast(okA, okB)
			}
			return dir * bals[b].AgeBasis().Compare(bals[a].AgeBasis())
		}
	case sortStatus:
		fresh := make([]model.Freshness, len(rows))
		for _, i := range order {
			fresh[i] = freshnessOf(bals[i], cc)
		}
		cmpFn = func(a, b int) int {
			okA, okB := bals[a].Problem == nil, bals[b].Problem == nil
			if !okA || !okB {
				return missingLast(okA, okB)
			}
			return dir * cmp.Compare(fresh[a], fresh[b])
		}
	default:
		return
	}
	// Ties keep snapshot order: the index breaks them, which makes the
	// faster unstable sort give the stable sort's result.
	slices.SortFunc(order, func(a, b int) int { return cmp.Or(cmpFn(a, b), cmp.Compare(a, b)) })
}

// cmpAmount compares amount column c of rows a and b, both present.
func (bk *book) cmpAmount(a, b, c int) int {
	x, y := bk.rows[a].amt[c], bk.rows[b].amt[c]
	if x.state == amountUnits && y.state == amountUnits {
		return cmp.Compare(x.units, y.units)
	}
	col := model.AmountColumns[c]
	return bk.bals[a].Amount(col).Decimal.Cmp(bk.bals[b].Amount(col).Decimal)
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
