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
		parts = append(parts, "cached "+dateClock(h.lastGood, h.now))
	default:
		parts = append(parts, "updated "+dateClock(h.lastGood, h.now))
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
		return m.refreshingState()
	case m.fatal != fatalNone:
		return "stopped: r to retry"
	case !m.auto:
		return "paused (R)"
	}
	return "auto every " + shortDuration(m.opts.RefreshInterval)
}

// refreshingState is "refreshing…", with the elapsed time once a second has
// passed ("refreshing… 12s", "refreshing… 2m05s"): a slow refresh says it is
// alive. It fits the header's fixed refresh slot; what the refresh waits
// on (a retry, and why) is the banner's (see waitingOn).
func (m dashboard) refreshingState() string {
	el := m.opts.Now().Sub(m.fetchStarted)
	switch {
	case m.fetchStarted.IsZero() || el < time.Second:
		return "refreshing…"
	case el < time.Minute:
		return "refreshing… " + strconv.Itoa(int(el/time.Second)) + "s"
	case el < 100*time.Minute:
		return "refreshing… " + strconv.Itoa(int(el/time.Minute)) + "m" + pad2(int(el%time.Minute/time.Second)) + "s"
	}
	return "refreshing… 99m+"
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// waitingOn says what the refresh in flight waits on, for the banner:
// "rate limited — retry in 2 s (attempt 3 of 5, balances v1)"; "" when the
// bank client has reported no pause.
func (m dashboard) waitingOn() string {
	p := m.progress
	if !m.inFlight() || p.Attempt == 0 {
		return ""
	}
	left := p.At.Add(p.Wait).Sub(m.opts.Now())
	when := "retrying now"
	if left >= time.Second {
		when = "retry in " + strconv.Itoa(int((left+time.Second-1)/time.Second)) + " s"
	}
	return clean(p.Reason) + " — " + when + " (attempt " + strconv.Itoa(p.Attempt) + " of " + strconv.Itoa(p.Of) + ", " + clean(p.API) + ")"
}

// refreshSlotWidth is the width of the widest text refreshState can show.
func (m dashboard) refreshSlotWidth() int {
	w := lipgloss.Width("auto every " + shortDuration(m.opts.RefreshInterval))
	for _, s := range []string{"refreshing… 99m59s", "stopped: r to retry", "paused (R)"} {
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

// dateClock is the header's time: always with the date ("Fri 20 Nov
// 15:04:00 EST"), since a screen left open overnight, or read on a jump host
// in another zone, must say which day its figures are from; the year only
// when it is not the current one.
func dateClock(t, now time.Time) string {
	if t.IsZero() {
		return "an unknown time"
	}
	t = t.In(now.Location())
	layout := "Mon 2 Jan 15:04:05 MST"
	if t.Year() != now.Year() {
		layout = "Mon 2 Jan 2006 15:04:05 MST"
	}
	return t.Format(layout)
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
