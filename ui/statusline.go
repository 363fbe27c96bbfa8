package ui

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
)

// statusView is the line above the key hints: the filter (being typed or
// applied) with its match count on the left, the sort on the right. The sort
// is named here too because its column may have been dropped for width.
type statusView struct {
	st    *Styles
	g     *gridState
	bk    *book
	shown bool // the grid is the screen in focus
	// hidden names the columns dropped for width, so the analyst knows the
	// opening balances exist and how to get them back.
	hidden string
}

func (s statusView) View(width int) string {
	if !s.shown || s.bk == nil {
		return ""
	}
	g := s.g
	var left string
	count := " (" + strconv.Itoa(len(g.order)) + " of " + strconv.Itoa(g.total) + ")"
	switch {
	case g.filtering:
		left = s.st.FilterLabel.Render("filter: ") + g.filter + s.st.Cursor.Render(" ") + s.st.Muted.Render(count)
	case g.filter != "":
		left = s.st.FilterLabel.Render("filter: ") + g.filter + s.st.Muted.Render(count+" · esc clears")
	default:
		left = s.st.Muted.Render(plural(g.total, "account"))
		if s.hidden != "" {
			left += s.st.Muted.Render(" · hidden for width: " + s.hidden)
		}
	}
	right := ""
	if g.sortBy != sortNone || g.desc {
		right = s.st.Muted.Render("sort: " + sortNames[g.sortBy] + " " + arrow(g.desc))
	}
	lw, rw := lipgloss.Width(left), lipgloss.Width(right)
	if lw+1+rw > width {
		return truncate(left, width)
	}
	if right == "" {
		return left
	}
	return left + strings.Repeat(" ", width-lw-rw) + right
}
