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
	// note answers the last key when it could not act (e.g. a screen that
	// does not exist yet); it takes the left side until the next key.
	note string
	// pos is the position indicator, when rows are out of view.
	pos string
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
	case s.note != "":
		left = s.st.BannerWarn.Render(s.note)
	default:
		left = s.st.Muted.Render(plural(g.total, "account"))
	}
	if s.pos != "" && s.note == "" {
		left += s.st.Muted.Render(" · " + s.pos)
	}
	right := ""
	if g.sortBy != sortNone || g.desc || g.sorting {
		text := "sort: " + sortNames[g.sortBy] + " " + s.st.g.arrow(g.desc)
		if g.sortBy >= sortOpenAvail && g.sortBy <= sortEndLedger {
			text += " within currency"
		}
		if g.sorting {
			// The rows still show the previous order until the new one lands.
			text = "sorting…  " + text
		}
		right = s.st.Muted.Render(text)
	}
	if !g.filtering && g.filter == "" {
		if note := s.hiddenNote(width - lipgloss.Width(left) - lipgloss.Width(right) - 1); note != "" {
			left += s.st.Muted.Render(note)
		}
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

// hiddenNote says which columns were dropped for width in at most room
// cells: the names when they fit, else a count, else nothing. The sort on
// the right always wins the space, since it may name a hidden column.
func (s statusView) hiddenNote(room int) string {
	if s.hidden == "" {
		return ""
	}
	long := " · hidden for width: " + s.hidden
	if lipgloss.Width(long) <= room {
		return long
	}
	short := " · " + plural(strings.Count(s.hidden, ",")+1, "column") + " hidden"
	if lipgloss.Width(short) <= room {
		return short
	}
	return ""
}
