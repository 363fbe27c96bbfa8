package ui

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// Screen is one level of the root's stack: the dashboard at the bottom, then
// whatever enter (or a screen's own key) opened on top of it. A screen owns
// its state, its keys, its view and its asynchronous work (see slot); the
// root owns what they share (size, styles, clock, environment, help) and
// asks only the top screen what has focus.
//
// Screens are values: Update returns the changed copy. The root delivers key
// and paste messages to the top screen only, and every other message (window
// size, answers, ticks) to every screen on the stack, each of which keeps
// what its own slots asked for and ignores the rest — so the dashboard keeps
// refreshing underneath a screen opened from it.
type Screen interface {
	// ID is unique in the program; navigation requests carry it so that a
	// second esc or enter that arrives before the first took effect is not
	// applied twice.
	ID() uint64
	// Title names the screen in the help ("balances", "transactions").
	Title() string
	// Keys is the keymap in focus: the hint line and the help are built
	// from it, so they always describe what the keys do right now.
	Keys() help.KeyMap
	// CapturesText says a text field has focus (a filter, a form field):
	// q, r, ? and the like are letters, and only ctrl+c reaches the root.
	CapturesText() bool
	// Init starts the screen's work when it is pushed.
	Init() tea.Cmd
	Update(msg tea.Msg) (Screen, tea.Cmd)
	// View draws the frame's parts at width; the body gets height lines.
	View(width, height int) Frame
	// HelpNotes are the sections under the keys in the full help (a
	// legend of markers, the filter language).
	HelpNotes() []HelpSection
	// Dirty says the screen holds input that quitting would lose (a
	// payment form being filled in): ctrl+c or q then asks once before
	// quitting.
	Dirty() bool
	// Close cancels the screen's work: it was popped, or the program ends.
	Close()
}

// Frame is what a screen contributes to the root's frame. The root draws,
// top to bottom: Header, Banner, Body (or the help), Status and the key
// hints. Header and Status are one line each, Banner one line or empty, and
// Body exactly the height it was given.
type Frame struct {
	Header string // the top line, environment badge first (see headerView)
	Banner string // what is wrong with the data on screen, or ""
	Body   string
	Status string // filter, counts, position, sort; or a one-key note
}

// HelpSection is a titled block of lines in the full help.
type HelpSection struct {
	Title string
	Lines []string
}

// Navigation requests. A screen returns push(m.ID(), next) to open a screen
// above itself, replace(m.ID(), next) to hand its place to another (a
// review that becomes the live status), or pop(m.ID()) to go back. The
// root applies a request only while its sender is on top, so a key
// repeated before the first request landed does nothing.
type (
	pushMsg struct {
		from    uint64
		s       Screen
		replace bool
	}
	popMsg struct{ from uint64 }
)

func push(from uint64, s Screen) tea.Cmd {
	return func() tea.Msg { return pushMsg{from: from, s: s} }
}

func replace(from uint64, s Screen) tea.Cmd {
	return func() tea.Msg { return pushMsg{from: from, s: s, replace: true} }
}

func pop(from uint64) tea.Cmd {
	return func() tea.Msg { return popMsg{from: from} }
}
