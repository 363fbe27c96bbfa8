package ui

import (
	"strconv"
	"strings"
)

// gridView draws the balances grid: column header, the visible window of
// headings and rows, and the totals block. It reads state prepared in Update
// and does O(visible rows) work per frame.
type gridView struct {
	st     *Styles
	lay    layout
	layRev uint64
	bk     *book
	g      *gridState
	cc     classifyCtx
	cache  *renderCache
}

// View renders exactly height lines (the layout's grid height).
func (v gridView) View(width, height int) string {
	l := v.lay
	lines := make([]string, 0, height)
	lines = append(lines, v.cache.part(partKey{kind: partColumnHeader, layRev: v.layRev, gridRev: v.g.rev}, v.columnHeader))

	end := min(v.g.offset+l.bodyH, len(v.g.items))
	selItem := -1
	if len(v.g.itemAt) > 0 {
		selItem = v.g.itemAt[v.g.cursor]
	}
	for n := v.g.offset; n < end; n++ {
		it := v.g.items[n]
		if it.row < 0 {
			lines = append(lines, v.cache.part(partKey{kind: partHeading, layRev: v.layRev, gridRev: v.g.rev, text: it.group},
				func() string { return v.heading(it) }))
			continue
		}
		lines = append(lines, v.row(it.row, n == selItem))
	}
	if len(v.g.items) == 0 {
		msg := "  no account matches the filter"
		if v.g.total == 0 {
			msg = "  the bank returned no balances"
		}
		lines = append(lines, v.st.Muted.Render(msg))
	}
	for len(lines) < height-l.totalsHeight() {
		lines = append(lines, "")
	}
	body := strings.Join(lines[:height-l.totalsHeight()], "\n")
	if l.totalsHeight() == 0 {
		return body
	}
	totals := v.cache.part(partKey{kind: partTotals, layRev: v.layRev, gridRev: v.g.rev},
		func() string { return strings.Join(v.totals(width), "\n") })
	return body + "\n" + totals
}

func (v gridView) columnHeader() string {
	l := v.lay
	sorted := v.g.sortBy.column()
	var b strings.Builder
	b.WriteString("  ")
	first := true
	for c := range numCols {
		if !l.show[c] {
			continue
		}
		if !first {
			b.WriteString(gaps[l.gap])
		}
		first = false
		title, st := colTitles[c], v.st.ColHeader
		if c == sorted {
			if len([]rune(title))+2 <= l.w[c] {
				title += " "
			}
			title += arrow(v.g.desc)
			st = v.st.ColHeaderSorted
		}
		if c.rightAligned() || c == colAge {
			title = padLeft(title, l.w[c])
		} else {
			title = padRight(title, l.w[c])
		}
		b.WriteString(st.Render(title))
	}
	return b.String()
}

func arrow(desc bool) string {
	if desc {
		return "▼"
	}
	return "▲"
}

func (v gridView) heading(it item) string {
	name := truncate(it.group, v.lay.lineW-gutterW-16)
	return "  " + v.st.Group.Render(name) + v.st.Muted.Render(" · "+plural(it.count, "account"))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// totals renders the rule, one line per currency and the footnote.
func (v gridView) totals(width int) []string {
	l, tb := v.lay, &v.g.totals
	if len(tb.lines) == 0 {
		return nil
	}
	label := "── Totals by currency "
	if v.g.filter != "" {
		label = "── Totals by currency · filtered: " + strconv.Itoa(len(v.g.order)) + " of " + strconv.Itoa(v.g.total) + " accounts "
	}
	ruleW := max(l.lineW, 40)
	rule := label + strings.Repeat("─", max(ruleW-len([]rune(label)), 0))
	out := []string{v.st.Rule.Render(truncate(rule, width))}
	for _, ct := range tb.lines[:l.totalsShown] {
		out = append(out, v.totalLine(ct))
	}
	if l.footnote {
		var notes []string
		switch {
		case tb.anyIncomplete && tb.anyOffline:
			notes = append(notes, "* incomplete: a row lacks that amount or has no data (not summed), or is offline (last good)")
		case tb.anyIncomplete:
			notes = append(notes, "* incomplete: a row lacks that amount or has no data, and is not summed")
		}
		if l.totalsMore > 0 {
			notes = append(notes, "+"+plural(l.totalsMore, "more currency")+" not shown; filter to see")
		}
		out = append(out, v.st.Footnote.Render(truncate("  "+strings.Join(notes, " · "), width)))
	}
	return out
}

func (v gridView) totalLine(ct currencyTotal) string {
	l := v.lay
	var b strings.Builder
	b.WriteString("  ")
	first := true
	pendingMark := false
	for c := range numCols {
		if !l.show[c] || c == colNumber {
			continue // the label covers the number column, gap included
		}
		if !first {
			// An incomplete total's "*" sits in the gap after its amount, so
			// the digits stay aligned with the rows above.
			if pendingMark {
				b.WriteString(v.st.Footnote.Render("*"))
				b.WriteString(gaps[l.gap-1])
			} else {
				b.WriteString(gaps[l.gap])
			}
		}
		first = false
		pendingMark = false
		switch {
		case c == colName:
			// The label may use the number column too: totals have none.
			w := l.w[c]
			if l.show[colNumber] {
				w = l.x[colNumber] + l.w[colNumber] - l.x[colName]
			}
			label := totalLabel(ct, w)
			b.WriteString(v.st.TotalLabel.Render(padRight(label, w)))
		case c == colCcy:
			b.WriteString(v.st.TotalLabel.Render(padRight(ct.ccy, l.w[c])))
		case c.rightAligned():
			i := c.amountIndex()
			a := padLeft(ct.amt[i], l.w[c])
			switch {
			case ct.amt[i] == missing:
				b.WriteString(v.st.Missing.Render(a))
			case strings.HasPrefix(ct.amt[i], "-"):
				b.WriteString(v.st.TotalNegative.Render(a))
			default:
				b.WriteString(v.st.TotalLabel.Render(a))
			}
			pendingMark = ct.incomplete[i]
		default:
			b.WriteString(strings.Repeat(" ", l.w[c]))
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// totalLabel names a currency total in at most w cells, longest form first.
// A total that includes prior-day rows says so: it mixes a closed day's
// figures into today's position.
func totalLabel(ct currencyTotal, w int) string {
	forms := []string{"Total · " + plural(ct.accounts, "account")}
	if ct.priorDay > 0 {
		p := strconv.Itoa(ct.priorDay)
		forms = []string{
			"Total · " + plural(ct.accounts, "account") + ", " + p + " prior-day",
			"Total · " + strconv.Itoa(ct.accounts) + ", " + p + " prior-day",
			"Total ◌" + p + " prior-day",
			"Total ◌" + p,
		}
	}
	for _, f := range forms {
		if len([]rune(f)) <= w {
			return f
		}
	}
	return "Total"
}
