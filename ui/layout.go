package ui

import (
	"math"
	"strings"
)

// colID names a grid column, in display order.
type colID int

const (
	colName colID = iota
	colNumber
	colCcy
	colOpenAvail
	colOpenLedger
	colEndAvail
	colEndLedger
	colAsOf
	colAge
	colStatus
	numCols
)

var colTitles = [numCols]string{
	"Account", "Number", "Ccy", "Open avail", "Open ledger",
	"End avail", "End ledger", "As of", "Age", "Status",
}

// rightAligned columns hold amounts.
func (c colID) rightAligned() bool { return c >= colOpenAvail && c <= colEndLedger }

// amountIndex maps an amount column to model.AmountColumns' index.
func (c colID) amountIndex() int { return int(c - colOpenAvail) }

// dropOrder is the order in which columns leave as the terminal narrows,
// least needed first: the masked number and the as-of date (both in the
// detail strip, and the marker says when the date is not today's), then
// opening ledger, then opening available (the strip shows the selected
// account's four balances whatever the width). Name, currency, ending
// available, ending ledger, age and the staleness marker always stay.
// Amounts are never truncated: a column is dropped rather than shown cut.
var dropOrder = [...]colID{colNumber, colAsOf, colOpenLedger, colOpenAvail}

const (
	minWidth, minHeight = 80, 24

	gutterW   = 2  // "▸ " selection marker
	nameMin   = 18 // below this, drop a column instead: names tell accounts apart
	nameFloor = 14 // the least a name gets before amounts are rounded to fit
	nameMax   = 32
	asOfW     = 10 // 2026-11-20
	ageW      = 6  // 47h59m
	statusW   = 12 // "✕◌ prior-day": an offline row keeps its own marker
	arrowW    = 1  // "▲" after a sorted column's title (" ▲" when there is room)

	// chromeLines are the lines outside the grid: header, banner, status
	// line and key hints.
	chromeLines = 4
	minBodyRows = 5
)

// layout is computed once per WindowSizeMsg (and when the data's natural
// widths or the number of totals change), never per frame. It is comparable,
// so an unchanged layout keeps the row cache warm.
type layout struct {
	width, height int
	tooSmall      bool

	show  [numCols]bool
	w     [numCols]int
	x     [numCols]int // first cell of each shown column
	gap   int
	lineW int // width of a grid line

	gridH       int  // lines for the grid component (column header to footnote)
	bodyH       int  // lines for headings and rows
	strip       bool // the detail strip of the selected account is drawn
	stripExtra  int  // lines the strip takes from the rows for a long error (e)
	capped      bool // amount columns narrowed: too-wide values drawn rounded
	totalsShown int  // currency lines shown
	totalsMore  int  // currencies left out for lack of room
	footnote    bool
}

// naturalWidths are the widths columns want: the data's (and the totals')
// widest value, at least the title plus room for a sort arrow.
func naturalWidths(d dims, tb totalsBlock) [numCols]int {
	var w [numCols]int
	for c := range numCols {
		w[c] = len([]rune(colTitles[c])) + arrowW
	}
	w[colName] = min(max(w[colName], d.name), nameMax)
	w[colNumber] = max(w[colNumber], d.number)
	w[colCcy] = max(w[colCcy], 3)
	for i := range 4 {
		c := colOpenAvail + colID(i)
		w[c] = max(w[c], d.amt[i], tb.amtW[i])
	}
	w[colAsOf] = max(w[colAsOf], asOfW)
	w[colAge] = max(w[colAge], ageW)
	w[colStatus] = max(w[colStatus], statusW)
	return w
}

func computeLayout(width, height int, d dims, tb totalsBlock) layout {
	l := layout{width: width, height: height}
	if width < minWidth || height < minHeight {
		l.tooSmall = true
		return l
	}
	nat := naturalWidths(d, tb)
	l.fitColumns(nat, tb.anyIncomplete)
	l.fitRows(len(tb.lines), tb.anyIncomplete, d.rows > 0)
	return l
}

// fitColumns keeps as many columns as fit, dropping in dropOrder. With all
// kept columns it prefers a two-space gap when the name still gets its
// natural width, else a one-space gap with the name at least nameMin.
func (l *layout) fitColumns(natural [numCols]int, marks bool) {
	for drops := 0; drops <= len(dropOrder); drops++ {
		show := shownAfter(drops)
		last := drops == len(dropOrder)
		switch {
		case l.fitNatural(natural, show, marks, 2, natural[colName]),
			l.fitNatural(natural, show, marks, 1, nameMin),
			// With nothing left to drop, a slightly shorter name is
			// better than rounding amounts.
			last && l.fitNatural(natural, show, marks, 1, nameFloor),
			// Before an amount column goes, narrow the widest amount
			// columns instead: the few values too wide for them are drawn
			// rounded (see compactAmount), exact in the detail strip.
			drops >= firstAmountDrop && l.fitCapped(natural, show, marks),
			last && l.fitNatural(natural, show, marks, 1, math.MinInt): // the name gets what is left
			return
		}
	}
}

// shownAfter is every column but the first drops of dropOrder.
func shownAfter(drops int) [numCols]bool {
	var show [numCols]bool
	for c := range numCols {
		show[c] = true
	}
	for _, c := range dropOrder[:drops] {
		show[c] = false
	}
	return show
}

// fitNatural places the shown columns at their natural widths with gap if
// the name still gets at least want cells (or its whole natural width).
func (l *layout) fitNatural(natural [numCols]int, show [numCols]bool, marks bool, gap, want int) bool {
	nat := withMarkRoom(natural, show, gap, marks)
	avail := l.width - fixedWidth(show, nat, gap)
	if avail < min(want, nat[colName]) {
		return false
	}
	l.place(show, nat, gap, max(min(avail, nat[colName]), 1))
	return true
}

// firstAmountDrop is the index in dropOrder of the first amount column.
const firstAmountDrop = 2

// minCap is the narrowest an amount column is capped to: room for its title
// and for any rounded amount ("≈-1,234.57tn").
const minCap = 13

// fitCapped caps the amount columns shown at the widest width that lets the
// name keep nameMin cells with one-space gaps, if that is at least minCap.
func (l *layout) fitCapped(natural [numCols]int, show [numCols]bool, marks bool) bool {
	nat := withMarkRoom(natural, show, 1, marks)
	// The name gets its share first: its whole width if a cap allows,
	// else nameMin.
	for _, want := range []int{nat[colName], min(nameMin, nat[colName])} {
		for cap := maxAmountWidth(nat, show) - 1; cap >= minCap; cap-- {
			capped := nat
			for c := colOpenAvail; c <= colEndLedger; c++ {
				capped[c] = min(capped[c], cap)
			}
			if avail := l.width - fixedWidth(show, capped, 1); avail >= want {
				l.place(show, capped, 1, min(avail, nat[colName]))
				l.capped = true
				return true
			}
		}
	}
	return false
}

func maxAmountWidth(nat [numCols]int, show [numCols]bool) int {
	w := 0
	for c := colOpenAvail; c <= colEndLedger; c++ {
		if show[c] {
			w = max(w, nat[c])
		}
	}
	return w
}

// withMarkRoom makes room for an incomplete total's "*", which sits in the
// gap after its amount: with a one-cell gap, the next shown amount column
// gets one spare cell so the mark never touches its digits.
func withMarkRoom(nat [numCols]int, show [numCols]bool, gap int, marks bool) [numCols]int {
	if !marks || gap > 1 {
		return nat
	}
	prevAmount := false
	for c := colOpenAvail; c <= colEndLedger; c++ {
		if !show[c] {
			continue
		}
		if prevAmount {
			nat[c]++
		}
		prevAmount = true
	}
	return nat
}

// fixedWidth is a line's width without the name column.
func fixedWidth(show [numCols]bool, nat [numCols]int, gap int) int {
	w, n := gutterW, 0
	for c := range numCols {
		if !show[c] {
			continue
		}
		n++
		if c != colName {
			w += nat[c]
		}
	}
	return w + gap*(n-1)
}

func (l *layout) place(show [numCols]bool, nat [numCols]int, gap, nameW int) {
	l.show, l.gap = show, gap
	x := gutterW
	for c := range numCols {
		if !show[c] {
			continue
		}
		if x > gutterW {
			x += gap
		}
		l.w[c] = nat[c]
		if c == colName {
			l.w[c] = nameW
		}
		l.x[c] = x
		x += l.w[c]
	}
	l.lineW = x
}

// fitRows splits the height between rows and the totals block: column
// header, rows, a rule, one line per currency, and a footnote line when a
// total is incomplete or currencies were left out.
func (l *layout) fitRows(nTotals int, incomplete, strip bool) {
	l.gridH = l.height - chromeLines
	room := l.gridH - 1 - minBodyRows // after the column header and the fewest rows
	if strip && room >= stripH {
		l.strip = true
		room -= stripH
	}
	if nTotals > 0 {
		room -= 2 // rule and footnote
		l.totalsShown = min(nTotals, max(room, 1))
		l.totalsMore = nTotals - l.totalsShown
		l.footnote = incomplete || l.totalsMore > 0 || l.capped
	}
	l.bodyH = max(l.gridH-1-l.totalsHeight()-l.stripHeight(), 1)
}

// stripHeight is the lines of the detail strip, or 0.
func (l layout) stripHeight() int {
	if l.strip {
		return stripH + l.stripExtra
	}
	return 0
}

// totalsHeight is the lines of the totals block: rule, currencies, footnote.
func (l layout) totalsHeight() int {
	if l.totalsShown == 0 {
		return 0
	}
	h := 1 + l.totalsShown
	if l.footnote {
		h++
	}
	return h
}

// amountSpan bounds the shown amount columns: a row with a Problem writes its
// message across them.
func (l layout) amountSpan() (from, to colID, ok bool) {
	from, to = -1, -1
	for c := colOpenAvail; c <= colEndLedger; c++ {
		if !l.show[c] {
			continue
		}
		if from < 0 {
			from = c
		}
		to = c
	}
	return from, to, from >= 0
}

// hiddenColumns lists the dropped columns' titles, lower-case, for the
// status line ("open ledger, open avail"); empty when everything shows.
func (l layout) hiddenColumns() string {
	var names []string
	for _, c := range dropOrder {
		if !l.show[c] {
			names = append(names, strings.ToLower(colTitles[c]))
		}
	}
	return strings.Join(names, ", ")
}

// withErrorRoom grows the strip over the rows so the full refresh error (e)
// is read whole, not cut: it takes what the error needs, leaving at least
// one row (the list still says where it is).
func (l layout) withErrorRoom(errLines int) layout {
	if !l.strip {
		return l
	}
	extra := min(max(errLines-(stripH-1), 0), l.bodyH-1)
	l.stripExtra = extra
	l.bodyH -= extra
	return l
}
