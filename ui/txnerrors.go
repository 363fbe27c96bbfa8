package ui

import (
	"math"
	"strings"

	"charm.land/lipgloss/v2"
)

// The banner has one line for what could not be read; e opens a pane in
// the detail area with the whole text: every window that failed with its
// error, the error that stopped the fetch, and why the day could not be
// reconciled. Like the dashboard's e, it is there to be read, not cut.

// hasProblems says whether there is anything for e to show.
func (m txnScreen) hasProblems() bool {
	return m.err != nil || len(m.gaps) > 0 || m.ledgerErr != nil
}

// problemTexts are the pane's paragraphs, unwrapped.
func (m txnScreen) problemTexts() []string {
	var out []string
	if m.err != nil {
		out = append(out, "the fetch stopped: "+oneLine(m.err.Error()))
	}
	for _, g := range m.gaps {
		out = append(out, g.days+" could not be read: "+oneLine(g.err.Error()))
	}
	if m.ledgerErr != nil {
		out = append(out, "the day's ledger could not be read, so the day is not reconciled: "+oneLine(m.ledgerErr.Error()))
	}
	if len(m.gaps) > 0 {
		out = append(out, "The totals leave those days out. r retries; e closes this.")
	} else {
		out = append(out, "r retries; e closes this.")
	}
	return out
}

// oneLine is bank or network text made safe and flat for the screen.
func oneLine(s string) string { return clean(strings.Join(strings.Fields(s), " ")) }

// problemLines are the pane's lines at width, without its title rule.
func (m txnScreen) problemLines(width, n int) []string {
	var out []string
	for _, p := range m.problemTexts() {
		out = append(out, wrapLines(m.st.BannerWarn, p, width, math.MaxInt)...)
	}
	if len(out) > n {
		out = append(out[:n-1], m.st.Muted.Render("  … a taller terminal shows the rest"))
	}
	return out
}

// problemPane is the e pane: a title rule and the lines, h lines in all.
func (m txnScreen) problemPane(width, h int) []string {
	title := "what could not be read"
	rule := m.st.Rule.Render("── ") + m.st.ScreenKey.Render(title) + " "
	rule += m.st.Rule.Render(strings.Repeat("─", max(width-lipgloss.Width(rule), 0)))
	return append([]string{rule}, m.problemLines(width, max(h-1, 1))...)
}

// toggleProblems opens or closes the e pane; it replaces the detail pane
// while open. With nothing failed there is nothing to open.
func (m txnScreen) toggleProblems() txnScreen {
	if !m.hasProblems() {
		m.showErr = false
		return m
	}
	m.showErr = !m.showErr
	if m.showErr {
		m.detail = false
	}
	return m.relayout()
}
