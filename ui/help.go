package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"

	"cashpos/model"
)

// helpView is the full help (`?`): the focused screen's keymap, laid out by
// the bubbles help component, and the screen's notes (a legend of markers).
type helpView struct {
	st    *Styles
	help  help.Model
	keys  help.KeyMap
	title string
	notes []HelpSection
}

func (h helpView) View(width, height int) string {
	return h.page(width, height, 0)
}

// lines is the whole help, one string per screen line.
func (h helpView) lines(width int) []string {
	hm := h.help
	hm.SetWidth(width - 4)
	var b strings.Builder
	b.WriteString(h.st.ScreenKey.Render("Keys — " + h.title))
	b.WriteString("\n\n")
	b.WriteString(hm.FullHelpView(h.keys.FullHelp()))
	b.WriteString("\n")
	for _, sec := range h.notes {
		b.WriteString("\n") // a blank line before each section
		b.WriteString(h.st.ScreenKey.Render(sec.Title))
		b.WriteString("\n")
		for _, l := range sec.Lines {
			b.WriteString(l)
			b.WriteString("\n")
		}
	}
	return strings.Split(indent(strings.TrimRight(b.String(), "\n"), "  "), "\n")
}

// page is height lines of the help from line offset (clamped): on a small
// terminal the help scrolls rather than losing its last sections.
func (h helpView) page(width, height, offset int) string {
	lines := h.lines(width)
	offset = min(max(offset, 0), max(len(lines)-height, 0))
	return fitBlock(strings.Join(lines[offset:], "\n"), width, height)
}

// scrollNote says which lines are in view when the help does not fit.
func (h helpView) scrollNote(width, height, offset int) string {
	n := len(h.lines(width))
	if n <= height {
		return ""
	}
	offset = min(max(offset, 0), n-height)
	return h.st.Muted.Render("lines " + strconv.Itoa(offset+1) + "–" + strconv.Itoa(offset+height) + " of " + strconv.Itoa(n) + " · ↑↓/jk scroll")
}

// markerLegend explains the dashboard's row markers.
func markerLegend(st *Styles, th model.Thresholds) []string {
	aging, stale := shortDuration(th.Aging), shortDuration(th.Stale)
	mark := func(f model.Freshness, text string) string {
		return st.Freshness[f].Render(padRight(st.g.mark(f), statusW)) + "  " + text
	}
	return []string{
		mark(model.Fresh, "bank record younger than "+aging),
		mark(model.Aging, "older than "+aging),
		mark(model.Stale, "older than "+stale+", or not rolled to the account's business day"),
		mark(model.PriorDay, "final figures: a closed day, or the last business day on a holiday"),
		st.Freshness[model.Offline].Render(padRight(st.g.offline+st.g.fresh[model.Stale]+" stale", statusW)) +
			"  offline: last good data, the row's own marker after " + st.g.offline,
		st.NoData.Render(padRight("! no data", statusW)) + "  the bank's error instead of data; a trailing ! is a row note",
		st.Muted.Render(padRight("—", statusW)) + "  amount not reported (never shown as 0)",
		st.Muted.Render(padRight("*", statusW)) + "  incomplete total: a missing amount or row, or offline rows",
		st.Muted.Render(padRight("Total "+st.g.priorTotal+"N", statusW)) + "  a total that includes N prior-day rows (mixes days)",
		st.Muted.Render(padRight("≈1.23bn", statusW)) + "  rounded to fit a narrow column; the strip shows the account exact",
		st.Muted.Render(padRight("Age", statusW)) + "  since the bank's record time; BDA v2 sends none: since fetched",
		st.Muted.Render(padRight("float", statusW)) + "  in the strip: ledger minus available (uncollected funds, holds)",
	}
}

func indent(s, pad string) string {
	return pad + strings.ReplaceAll(s, "\n", "\n"+pad)
}
