package ui

import (
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
	return fitBlock(indent(strings.TrimRight(b.String(), "\n"), "  "), width, height)
}

// markerLegend explains the dashboard's row markers.
func markerLegend(st *Styles, th model.Thresholds) []string {
	aging, stale := shortDuration(th.Aging), shortDuration(th.Stale)
	mark := func(f model.Freshness, text string) string {
		return st.Freshness[f].Render(padRight(f.Glyph()+" "+f.Word(), statusW)) + "  " + text
	}
	return []string{
		mark(model.Fresh, "bank record younger than "+aging),
		mark(model.Aging, "older than "+aging),
		mark(model.Stale, "older than "+stale+", or a current-day row not yet rolled to today"),
		mark(model.PriorDay, "a closed day: final numbers, age does not matter"),
		mark(model.Offline, "last good data; the latest refresh failed"),
		st.NoData.Render(padRight("! no data", statusW)) + "  the bank's error instead of data; a trailing ! is a row note",
		st.Muted.Render(padRight("—", statusW)) + "  amount not reported (never shown as 0)",
		st.Muted.Render(padRight("*", statusW)) + "  incomplete total: a missing amount or row, or offline rows",
		st.Muted.Render(padRight("Total ◌N", statusW)) + "  a total that includes N prior-day rows (mixes days)",
		st.Muted.Render(padRight("Age", statusW)) + "  since the bank's record time; BDA v2 sends none: since fetched",
	}
}

func indent(s, pad string) string {
	return pad + strings.ReplaceAll(s, "\n", "\n"+pad)
}
