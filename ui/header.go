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
	parts = append(parts, h.refresh)
	right := strings.Join(parts, " · ")
	lw := lipgloss.Width(left)
	if lw+2+lipgloss.Width(right) > width {
		right = h.refresh
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

// refreshingState is "refreshing…", with the elapsed seconds once a second
// has passed and the attempt once a retry is under way: a slow refresh
// says it is alive and how hard it is trying.
func (m dashboard) refreshingState() string {
	s := "refreshing…"
	if el := m.opts.Now().Sub(m.fetchStarted); !m.fetchStarted.IsZero() && el >= time.Second {
		s += " " + strconv.Itoa(int(el/time.Second)) + "s"
	}
	if p := m.progress; p.Attempt > 0 {
		s += " · attempt " + strconv.Itoa(p.Attempt) + " of " + strconv.Itoa(p.Of)
	}
	return s
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
