package ui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
)

// payKeys are the bindings of the payment screens, built by newPayKeys.
type payKeys struct {
	Next, Prev, Choose, Review, Enter, Cancel key.Binding
	Send, BackToForm                          key.Binding
	Back, Open, Up, Down, Quit, ForceQuit     key.Binding
	PageUp, PageDown, Top, Bottom             key.Binding
	Refresh, Yes, No                          key.Binding
	ChoosePrev, ChooseNext                    key.Binding // Choose is both, in the hints
}

func newPayKeys() payKeys {
	return payKeys{
		Next:       key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab/↓", "next")),
		Prev:       key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("⇧tab/↑", "back")),
		Choose:     key.NewBinding(key.WithKeys("left", "right", "space"), key.WithHelp("←/→", "choose")),
		ChoosePrev: key.NewBinding(key.WithKeys("left"), key.WithHelp("←", "previous choice")),
		ChooseNext: key.NewBinding(key.WithKeys("right", "space"), key.WithHelp("→/space", "next choice")),
		Review:     key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "review")),
		Enter:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next / review on the last")),
		Cancel:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Send:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "send once the amount matches")),
		BackToForm: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the form")),
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Up:         key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:       key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:     key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown:   key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Top:        key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "newest")),
		Bottom:     key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "oldest")),
		Quit:       key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		ForceQuit:  key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Refresh:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "look it up now")),
		Yes:        key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes")),
		No:         key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "no")),
	}
}

// bindings is a help.KeyMap of a fixed list.
type bindings []key.Binding

func (b bindings) ShortHelp() []key.Binding  { return b }
func (b bindings) FullHelp() [][]key.Binding { return [][]key.Binding{b} }

var _ help.KeyMap = bindings{}
