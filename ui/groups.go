package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Group subtotals. Analysts think in configured groups ("US Operating",
// "Europe"); c collapses the list to one subtotal line per group and
// currency (never a sum across currencies), c again shows the accounts.
// The subtotals cover the rows the filter lets through, like the totals.

// groupSubtotal is one configured group's per-currency subtotals.
type groupSubtotal struct {
	name     string
	accounts int // rows of the group in view
	block    totalsBlock
}

// groupSubtotals sums the rows in order by group, with the book's
// incremental per-currency totals. It is linear in the rows shown and runs
// in Update, only while the groups are collapsed, once per grid change.
func groupSubtotals(bk *book, order []int, offline bool) []groupSubtotal {
	if bk == nil || !bk.hasGroups {
		return nil
	}
	sums := make([]totals, len(bk.groups))
	counts := make([]int, len(bk.groups))
	for _, i := range order {
		g := bk.rows[i].group
		if sums[g] == nil {
			sums[g] = make(totals, len(bk.ccys))
		}
		sums[g].add(bk, i)
		counts[g]++
	}
	var out []groupSubtotal
	for g, t := range sums {
		if t == nil {
			continue
		}
		out = append(out, groupSubtotal{name: bk.groups[g], accounts: counts[g], block: t.block(bk, offline)})
	}
	return out
}

// groupLines is the number of body lines the collapsed view draws: each
// group's heading and one line per currency.
func groupLines(gs []groupSubtotal) int {
	n := 0
	for _, g := range gs {
		n += 1 + len(g.block.lines)
	}
	return n
}

// widest widens tb's amount widths to fit the group subtotals: a subtotal
// can outgrow the currency total when groups offset each other, and an
// amount is never cut.
func widest(tb totalsBlock, gs []groupSubtotal) totalsBlock {
	for _, g := range gs {
		for c := range tb.amtW {
			tb.amtW[c] = max(tb.amtW[c], g.block.amtW[c])
		}
		tb.anyIncomplete = tb.anyIncomplete || g.block.anyIncomplete
	}
	return tb
}

// onGroupKey toggles the collapsed view, or scrolls it; ok is false for a
// key it does not handle.
func (m dashboard) onGroupKey(msg tea.KeyPressMsg) (Screen, tea.Cmd, bool) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Collapse):
		if m.bk == nil || !m.bk.hasGroups {
			m.note = "c: no groups configured (group = \"…\" on an [[accounts]] entry)"
			return m, nil, true
		}
		m.collapsed = !m.collapsed
		m.groupOffset = 0
		return m.regroup(), nil, true
	case !m.collapsed:
		return m, nil, false
	}
	if to, ok := k.nav().target(msg, m.groupOffset, pageSize(m.lay.bodyH), groupLines(m.groups)); ok {
		return m.scrollGroups(to - m.groupOffset), nil, true
	}
	return m, nil, false
}

func (m dashboard) scrollGroups(by int) dashboard {
	m.groupOffset = min(max(m.groupOffset+by, 0), max(groupLines(m.groups)-m.lay.bodyH, 0))
	return m
}

// headingSubtotalsMax bounds the rows summed for the group headings'
// subtotals on every filter or data change (linear in the rows shown);
// above it the subtotals are computed only for the folded view (c).
const headingSubtotalsMax = 20000

// wantsSubtotals says whether the group subtotals are kept: for the folded
// view, and for the headings of a grouped book of moderate size.
func (m dashboard) wantsSubtotals() bool {
	return m.bk != nil && m.bk.hasGroups && (m.collapsed || len(m.grid.order) <= headingSubtotalsMax)
}

// subtotalsByName indexes the subtotals for the headings.
func subtotalsByName(gs []groupSubtotal) map[string]groupSubtotal {
	if len(gs) == 0 {
		return nil
	}
	out := make(map[string]groupSubtotal, len(gs))
	for _, g := range gs {
		out[g.name] = g
	}
	return out
}

// regroup recomputes the subtotals after the data, the filter or the
// collapse changed, and the layout that must fit them.
func (m dashboard) regroup() dashboard {
	m.groupsBook = nil // force
	m = m.relayout()
	return m.scrollGroups(0)
}

// groupBody draws the collapsed view: per group, its heading (name and
// accounts in view), then its subtotal in each currency, drawn as the
// totals are.
func (v gridView) groupBody(gs []groupSubtotal, offset, h int) []string {
	var lines []string
	for _, g := range gs {
		lines = append(lines, v.heading(item{row: -1, group: g.name, count: g.accounts}))
		for _, ct := range g.block.lines {
			lines = append(lines, v.totalLine(ct))
		}
	}
	lines = lines[min(offset, len(lines)):]
	return lines[:min(len(lines), h)]
}

// headingSubtotals are the subtotals the headings show, when they are kept
// for the grid on screen.
func (m dashboard) headingSubtotals() map[string]groupSubtotal {
	if !m.wantsSubtotals() || m.groupsRev != m.grid.rev || m.groupsBook != m.bk {
		return nil
	}
	return m.groupsByName
}
