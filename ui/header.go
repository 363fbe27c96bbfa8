package ui

import (
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
)

// headerView is the top line: product, environment badge, when the data on
// screen was fetched and what the refresh is doing. It shows no countdown:
// that would need a per-second tick.
type headerView struct {
	st       *Styles
	env      Env
	lastGood time.Time // fetch time of the data on screen; zero when none
	cached   bool
	refresh  string
	// refreshW is the width of the widest refresh state: the state is
	// padded to it so that "refreshing…" replacing "auto every 60s" rewrites
	// only those cells, not the whole right side shifted over.
	refreshW int
	now      time.Time
}

func (h headerView) View(width int) string {
	left := h.st.Title.Render("cashpos")
	if b := badge(h.st, h.env); b != "" {
		left += "  " + b
	}
	var parts []string
	switch {
	case h.lastGood.IsZero():
		parts = append(parts, "no data yet")
	case h.cached:
		parts = append(parts, "cached "+clock(h.lastGood, h.now, true))
	default:
		parts = append(parts, "updated "+clock(h.lastGood, h.now, true))
	}
	refresh := padRight(h.refresh, max(h.refreshW, lipgloss.Width(h.refresh)))
	parts = append(parts, refresh)
	right := strings.Join(parts, " · ")
	lw := lipgloss.Width(left)
	if lw+2+lipgloss.Width(right) > width {
		right = refresh
	}
	gap := max(width-lw-lipgloss.Width(right), 1)
	return left + strings.Repeat(" ", gap) + h.st.Muted.Render(right)
}

// badge is the environment marker. Production is loud and unmistakable
// without colour: arrows, capitals, reverse and bold.
func badge(st *Styles, env Env) string {
	switch {
	case env.String() == "":
		return ""
	case env.Production():
		return st.BadgeProd.Render(" ▲ PRODUCTION ▲ ")
	}
	return st.Badge.Render(" " + env.String() + " ")
}

// refreshState is the header's word on refreshing: static text only.
func (m dashboard) refreshState() string {
	switch {
	case m.inFlight():
		return "refreshing…"
	case m.fatal != fatalNone:
		return "stopped: r to retry"
	case !m.auto:
		return "paused (R)"
	}
	return "auto every " + shortDuration(m.opts.RefreshInterval)
}

// refreshSlotWidth is the width of the widest text refreshState can show.
func (m dashboard) refreshSlotWidth() int {
	w := lipgloss.Width("auto every " + shortDuration(m.opts.RefreshInterval))
	for _, s := range []string{"refreshing…", "stopped: r to retry", "paused (R)"} {
		w = max(w, lipgloss.Width(s))
	}
	return w
}

// shortDuration renders an interval as "60s", "5m", "1h".
func shortDuration(d time.Duration) string {
	switch {
	case d < 2*time.Minute || d%time.Minute != 0:
		return strconv.Itoa(int(d.Round(time.Second)/time.Second)) + "s"
	case d < 2*time.Hour || d%time.Hour != 0:
		return strconv.Itoa(int(d/time.Minute)) + "m"
	}
	return strconv.Itoa(int(d/time.Hour)) + "h"
}

// clock shows t in the clock's zone: the time of day when t is today there,
// else with its date, because "14:02" from yesterday would be a lie. The
// zone is named: over SSH the jump host's zone is often not the analyst's.
func clock(t, now time.Time, seconds bool) string {
	if t.IsZero() {
		return "an unknown time"
	}
	t = t.In(now.Location())
	layout := "15:04"
	if seconds {
		layout = "15:04:05"
	}
	layout += " MST"
	y1, m1, d1 := t.Date()
	y2, m2, d2 := now.Date()
	if y1 != y2 || m1 != m2 || d1 != d2 {
		layout = "2006-01-02 " + layout
	}
	return t.Format(layout)
}
