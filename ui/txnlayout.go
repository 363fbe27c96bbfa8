package ui

import (
	"math"
	"unicode/utf8"

	"cashpos/model"
)

// txnWidths are the natural widths of the data's columns.
type txnWidths struct{ typ, ref, amt int }

func measure(rows []txnRow) txnWidths {
	var w txnWidths
	for i := range rows {
		t := rows[i].t
		w.typ = max(w.typ, utf8.RuneCountInString(typeText(t)))
		w.ref = max(w.ref, utf8.RuneCountInString(t.References.Primary()))
		w.amt = max(w.amt, len(model.FormatAmount(t.Amount, t.Currency.Decimals)))
	}
	return w
}

func (a txnWidths) union(b txnWidths) txnWidths {
	return txnWidths{typ: max(a.typ, b.typ), ref: max(a.ref, b.ref), amt: max(a.amt, b.amt)}
}

// typeText is the type column: BAI code and category, "195 Wire in".
func typeText(t *model.Transaction) string {
	code := t.BAI.Code
	if code == "" {
		code = "—"
	}
	return code + " " + string(t.Category)
}

const (
	txnDateW     = 11 // 2026-11-20 and a "*" when the item was booked on another day
	txnTypeMin   = 12 // "195 Wire in" and most categories
	txnTypeMax   = 24
	txnRefMin    = 10
	txnRefMax    = 20
	txnDescMin   = 12
	txnDescFirst = 14 // the description grows this far before the type does
	txnDescWant  = 24
	// txnFixedLines are the body lines besides the list: the range bar,
	// the column header, the totals and the reconciliation line.
	txnFixedLines = 4
	txnListMin    = 3
)

// txnLayout is computed on resize, when the data's widths change and when
// the detail pane opens or closes; never per frame.
type txnLayout struct {
	tooSmall bool
	bodyH    int
	listH    int // rows of transactions shown
	detailH  int // lines of the detail pane, its title included; 0 when closed
	gap      int
	showRef  bool
	wType    int
	wDesc    int
	wRef     int
	wAmt     int
}

func (m txnScreen) relayout() txnScreen {
	l := txnLayout{bodyH: m.height - chromeLines}
	if m.width < minWidth || m.height < minHeight {
		m.lay = txnLayout{tooSmall: true}
		return m
	}
	l.fitColumns(m.width, m.w)
	room := l.bodyH - txnFixedLines
	if m.detail {
		// The pane takes what the selected item needs (all of its
		// narrative), at least 7 lines, and leaves the list 3 rows.
		need := 2
		if t := m.selected(); t != nil {
			need = len(detailText(t, m.width, m.account.Location())) + 1
		}
		l.detailH = max(min(max(need, 7), room-txnListMin), 1)
	}
	if m.showErr {
		// The problems pane takes what its text needs, and leaves the
		// list 3 rows.
		need := len(m.problemLines(m.width, math.MaxInt)) + 1
		l.detailH = max(min(need, room-txnListMin), 1)
	}
	l.listH = max(room-l.detailH, 1)
	m.lay = l
	m.offset = m.scrolled()
	return m
}

// fitColumns shares what the date and amount columns leave between type,
// description and reference: each gets its minimum, then the description
// a little, the type to its natural width (the category says more than
// the bank's short description), the description to a useful width, the
// reference to its natural width, and the description the rest. When even the minimums do
// not fit, the reference goes (the detail pane still shows it). Amounts
// are never cut.
func (l *txnLayout) fitColumns(width int, w txnWidths) {
	l.wAmt = max(w.amt, len("Credit"))
	natType := min(max(w.typ, txnTypeMin), txnTypeMax)
	natRef := min(max(w.ref, txnRefMin), txnRefMax)
	l.gap, l.showRef = 2, true
	if width-(gutterW+txnDateW+2*l.wAmt+5*2) < natType+natRef+txnDescWant {
		l.gap = 1
	}
	rest := width - (gutterW + txnDateW + 2*l.wAmt + 5*l.gap)
	if rest < txnTypeMin+txnRefMin+txnDescMin {
		l.showRef = false
		rest += l.gap
	}
	l.wType, l.wDesc, l.wRef = txnTypeMin, txnDescMin, 0
	if l.showRef {
		l.wRef = txnRefMin
	}
	spare := rest - l.wType - l.wDesc - l.wRef
	grow := func(w *int, to int) {
		n := max(min(spare, to-*w), 0)
		*w += n
		spare -= n
	}
	grow(&l.wDesc, txnDescFirst)
	grow(&l.wType, natType)
	grow(&l.wDesc, txnDescWant)
	if l.showRef {
		grow(&l.wRef, natRef)
	}
	l.wDesc += max(spare, 0)
}

// scrolled is the smallest change of offset that shows the cursor.
func (m txnScreen) scrolled() int {
	h := max(m.lay.listH, 1)
	off := m.offset
	if m.cursor < off {
		off = m.cursor
	}
	if m.cursor >= off+h {
		off = m.cursor - h + 1
	}
	return min(max(off, 0), max(len(m.shown)-h, 0))
}
