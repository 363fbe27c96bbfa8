package ui

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
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
	strip  stripView // the selected row is filled in by View

	collapsed   bool // group subtotals instead of accounts
	groups      []groupSubtotal
	groupOffset int
	subtotals   map[string]groupSubtotal // by group name, for the headings
}

// View renders exactly height lines (the layout's grid height).
func (v gridView) View(width, height int) string {
	l := v.lay
	lines := make([]string, 0, height)
	lines = append(lines, v.cache.part(partKey{kind: partColumnHeader, layRev: v.layRev, gridRev: v.g.rev}, v.columnHeader))

	if v.collapsed {
		lines = append(lines, v.groupBody(v.groups, v.groupOffset, l.bodyH)...)
	}
	end := min(v.g.offset+l.bodyH, len(v.g.items))
	if v.collapsed {
		end = v.g.offset // the accounts are folded into their groups
	}
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
	if len(v.g.items) == 0 && !v.collapsed {
		msg := "  no account matches the filter"
		if v.g.total == 0 {
			msg = "  the bank returned no balances"
		}
		lines = append(lines, v.st.Muted.Render(msg))
	}
	listH := height - l.totalsHeight() - l.stripHeight()
	for len(lines) < listH {
		lines = append(lines, "")
	}
	out := strings.Join(lines[:listH], "\n")
	if l.totalsHeight() > 0 {
		out += "\n" + v.cache.part(partKey{kind: partTotals, layRev: v.layRev, gridRev: v.g.rev},
			func() string { return strings.Join(v.totals(width), "\n") })
	}
	if l.strip {
		out += "\n" + v.stripLines(width)
	}
	return out
}

// stripLines draws the detail strip of the selected row, or a blank strip
// when no row is shown.
func (v gridView) stripLines(width int) string {
	n := v.lay.stripHeight()
	if len(v.g.order) == 0 {
		return strings.Repeat("\n", n-1)
	}
	sv := v.strip
	sv.bk, sv.i = v.bk, v.g.order[v.g.cursor]
	// The strip changes with the selection, its options and the minute
	// (its age and marker), not with every frame.
	k := partKey{kind: partStrip, layRev: v.layRev, gridRev: v.bk.rev,
		text: strconv.Itoa(sv.i) + "|" + strconv.FormatInt(sv.now.Unix()/60, 10) + "|" +
			flag(sv.offline) + flag(sv.showFull) + flag(sv.showErr && sv.fetchErr != nil) + strconv.Itoa(int(sv.focus)) + "|" + strconv.Itoa(n)}
	if sv.showErr && sv.fetchErr != nil {
		k.text += "|" + sv.fetchErr.Error()
	}
	return v.cache.part(k, func() string { return sv.View(width, n) })
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
			title += v.st.g.arrow(v.g.desc)
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

// heading is a group's line: its name and accounts in view and, when the
// group holds one currency, its subtotal in the amount columns (a group of
// several currencies says so: c lists one subtotal per currency).
func (v gridView) heading(it item) string {
	sub, ok := v.subtotals[it.group]
	if v.collapsed {
		ok = false // the folded view lists the subtotals under the heading
	}
	if ok && len(sub.block.lines) == 1 {
		return v.amountsLine(sub.block.lines[0], v.st.Group, func(w int) string {
			return firstFit(w, it.group+" · "+plural(it.count, "account"), it.group+" · "+strconv.Itoa(it.count), it.group)
		})
	}
	name := truncate(it.group, v.lay.lineW-gutterW-16)
	line := "  " + v.st.Group.Render(name) + v.st.Muted.Render(" · "+plural(it.count, "account"))
	if ok && len(sub.block.lines) > 1 {
		line += v.st.Muted.Render(" · " + strconv.Itoa(len(sub.block.lines)) + " currencies: c for subtotals")
	}
	return line
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
	// The totals cover every row the filter lets through, scrolled out of
	// view or not; the label says how many.
	r := v.st.g.rule
	label := r + r + " Totals by currency · all " + plural(v.g.total, "account") + " "
	if v.g.filter != "" {
		label = r + r + " Totals by currency · filtered: " + strconv.Itoa(len(v.g.order)) + " of " + plural(v.g.total, "account") + " "
	}
	if n := v.bk.noCurrency; n > 0 {
		label += "· " + strconv.Itoa(n) + " in no total (currency unknown) " // every total may lack it
	}
	ruleW := max(l.lineW, 40)
	rule := label + strings.Repeat(r, max(ruleW-len([]rune(label)), 0))
	out := []string{v.st.Rule.Render(truncate(rule, width))}
	for _, ct := range tb.lines[:l.totalsShown] {
		out = append(out, v.totalLine(ct))
	}
	if l.footnote {
		var notes []string
		switch {
		case tb.anyIncomplete && l.capped:
			notes = append(notes, "* incomplete: not summed, or offline", "≈ rounded: strip shows exact")
		case tb.anyOffline && !tb.anyLacking:
			notes = append(notes, "* incomplete: includes offline rows (last good data, not live)")
		case tb.anyIncomplete && tb.anyOffline:
			notes = append(notes, firstFit(width-2,
				"* incomplete: a row lacks that amount or has no data (not summed), or is offline (last good)",
				"* incomplete: a row lacks an amount or has no data, or is offline (last good)",
				"* incomplete: missing amounts or rows, or offline rows (last good)"))
		case tb.anyIncomplete:
			notes = append(notes, "* incomplete: a row lacks that amount or has no data, and is not summed")
		case l.capped:
			notes = append(notes, "≈ rounded to fit the column: the strip shows the selected account exact")
		}
		if l.totalsMore > 0 {
			notes = append(notes, "+"+plural(l.totalsMore, "more currency")+" not shown; filter to see")
		}
		out = append(out, v.st.Footnote.Render(truncate("  "+strings.Join(notes, " · "), width)))
	}
	return out
}

func (v gridView) totalLine(ct currencyTotal) string {
	return v.amountsLine(ct, v.st.TotalLabel, func(w int) string { return totalLabel(ct, w, v.st.g.priorTotal) })
}

// amountsLine draws a total's currency and amounts in the grid's columns,
// after a label drawn by label in the name (and number) columns' width.
func (v gridView) amountsLine(ct currencyTotal, labelStyle lipgloss.Style, label func(w int) string) string {
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
			b.WriteString(labelStyle.Render(padRight(label(w), w)))
		case c == colCcy:
			b.WriteString(v.st.TotalLabel.Render(padRight(ct.ccy, l.w[c])))
		case c.rightAligned():
			i := c.amountIndex()
			a := padLeft(fitAmount(ct.amt[i], ct.exact[i], l.w[c]), l.w[c])
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
// mark is the prior-day glyph before the count in the short forms ("" on
// an ASCII terminal, where "-1" would read as a negative number).
func totalLabel(ct currencyTotal, w int, mark string) string {
	forms := []string{"Total · " + plural(ct.accounts, "account")}
	if ct.priorDay > 0 {
		p := strconv.Itoa(ct.priorDay)
		forms = []string{
			"Total · " + plural(ct.accounts, "account") + ", " + p + " prior-day",
			"Total · " + strconv.Itoa(ct.accounts) + ", " + p + " prior-day",
			"Total " + mark + p + " prior-day",
			"Total " + mark + p,
		}
	}
	for _, f := range forms {
		if len([]rune(f)) <= w {
			return f
		}
	}
	return "Total"
}
