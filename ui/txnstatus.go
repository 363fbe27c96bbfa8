package ui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/shopspring/decimal"

	"cashpos/model"
)

// status is the line above the hints: the date entry or the filter on the
// left with the position; the sort on the right.
func (m txnScreen) status(width int) string {
	st := m.st
	var left string
	count := " (" + thousands(len(m.shown)) + " of " + thousands(len(m.rows)) + ")"
	switch {
	case m.dating:
		left = st.FilterLabel.Render("dates: ") + m.dateText + st.Cursor.Render(" ")
		if m.dateErr != "" {
			left += " " + st.BannerWarn.Render(m.dateErr)
		} else {
			left += st.Muted.Render("  one day or two, like 2026-11-02 2026-11-06")
		}
		return truncate(left, width)
	case m.filtering:
		left = st.FilterLabel.Render("filter: ") + clean(m.filterText) + st.Cursor.Render(" ") + st.Muted.Render(count)
	case m.filterText != "":
		left = st.FilterLabel.Render("filter: ") + clean(m.filterText) + st.Muted.Render(count+" · esc clears")
	}
	if m.filter.bad != "" {
		left += " " + st.BannerWarn.Render("not an amount: "+clean(m.filter.bad))
	}
	if pos := m.position(); pos != "" {
		if left != "" {
			left += st.Muted.Render(" · ")
		}
		left += st.Muted.Render(pos)
	}
	right := ""
	if m.sortBy != txnSortDate || m.desc {
		right = st.Muted.Render("sort: " + txnSortNames[m.sortBy] + " " + arrowOf(m.desc))
	}
	lw, rw := lipgloss.Width(left), lipgloss.Width(right)
	if right == "" || lw+1+rw > width {
		return truncate(left, width)
	}
	return left + strings.Repeat(" ", width-lw-rw) + right
}

// position is "rows 21–40 of 1,204" when rows are out of view.
func (m txnScreen) position() string {
	n, h := len(m.shown), m.lay.listH
	if n <= h || h <= 0 {
		return ""
	}
	end := min(m.offset+h, n)
	return "rows " + thousands(m.offset+1) + "–" + thousands(end) + " of " + thousands(n)
}

func thousands(n int) string { return model.FormatAmount(decimal.NewFromInt(int64(n)), 0) }
