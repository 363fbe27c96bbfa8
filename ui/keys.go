package ui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
)

// keyMap holds every binding of the dashboard (product.md §3). It is built by
// newKeyMap, never stored in a package variable. Each screen exposes the
// subset that applies to it as a help.KeyMap, so `?` and the hint line always
// describe the screen in focus.
type keyMap struct {
	// Move stands for up and down together in the one-line hints.
	Move key.Binding

	Up, Down, PageUp, PageDown, Top, Bottom key.Binding

	Filter, ClearFilter, Sort, Reverse key.Binding

	Refresh, Retry, ToggleAuto key.Binding

	// NewPayment (p) and Payments (P) open the payment screens.
	NewPayment, Payments key.Binding

	// Open (enter) opens the selected account's transactions; Back (esc)
	// returns to the screen below.
	Open, Back key.Binding

	// The transactions screen: the detail pane, reload, the range presets
	// (1–5) and a typed range (d).
	Detail, CloseDetail, Reload, Presets, Dates key.Binding
	Preset                                      [numPresets]key.Binding
	// While typing dates: enter applies, esc cancels.
	DatesApply, DatesCancel key.Binding

	// The detail strip: choose the field y copies, copy it, show the full
	// account number, show the last refresh error in full.
	FieldPrev, FieldNext, Copy, FullNumber, FullError key.Binding

	// Collapse (c) shows group subtotals instead of the accounts.
	Collapse key.Binding

	Help, CloseHelp, Quit, ForceQuit key.Binding

	// While typing a filter: only arrows move, since j and k are text.
	FilterKeep, FilterCancel, FilterErase, FilterUp, FilterDown key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Move:     key.NewBinding(key.WithKeys("up", "down", "k", "j"), key.WithHelp("↑↓/jk", "move")),
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "first row")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "last row")),

		Filter:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		ClearFilter: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		Sort:        key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort")),
		Reverse:     key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "reverse")),

		Refresh:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
		Retry:      key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "retry")),
		ToggleAuto: key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "auto on/off")),

		NewPayment: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "new payment")),
		Payments:   key.NewBinding(key.WithKeys("P"), key.WithHelp("P", "payments")),

		Open: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "history")),
		Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),

		Detail:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "details")),
		CloseDetail: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "hide details")),
		Reload:      key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reload")),
		Presets:     key.NewBinding(key.WithKeys("1", "2", "3", "4", "5"), key.WithHelp("1-5", "range")),
		Dates:       key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "type dates")),
		Preset: [numPresets]key.Binding{
			key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "today")),
			key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "prior business day")),
			key.NewBinding(key.WithKeys("3"), key.WithHelp("3", "last 5 days")),
			key.NewBinding(key.WithKeys("4"), key.WithHelp("4", "month to date")),
			key.NewBinding(key.WithKeys("5"), key.WithHelp("5", "last 31 days")),
		},
		DatesApply:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply")),
		DatesCancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),

		Collapse:   key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "group subtotals")),
		FieldPrev:  key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "field to copy")),
		FieldNext:  key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "field to copy")),
		Copy:       key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy it")),
		FullNumber: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "full number")),
		FullError:  key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "full error")),

		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		CloseHelp: key.NewBinding(key.WithKeys("?", "esc"), key.WithHelp("?/esc", "close help")),
		Quit:      key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),

		FilterKeep:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter")),
		FilterCancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		FilterErase:  key.NewBinding(key.WithKeys("backspace", "ctrl+h"), key.WithHelp("⌫", "erase")),
		FilterUp:     key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "up")),
		FilterDown:   key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "down")),
	}
}

// dashboardKeys is the balances grid's keymap.
type dashboardKeys struct{ k keyMap }

func (d dashboardKeys) ShortHelp() []key.Binding {
	k := d.k
	// R is left to the full help (the header shows "paused (R)"), so
	// that help and quit still fit at 80 columns.
	return []key.Binding{k.Move, k.Open, k.Filter, k.Sort, k.Refresh, k.Help, k.Quit}
}

func (d dashboardKeys) FullHelp() [][]key.Binding {
	k := d.k
	open := k.Open
	open.SetHelp("enter", "transactions")
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.NewPayment, k.Payments},
		{open, k.Filter, k.ClearFilter, k.Sort, k.Reverse, k.Collapse, k.Refresh, k.ToggleAuto},
		{k.Copy, k.FieldPrev, k.FieldNext, k.FullNumber, k.FullError, k.Help, k.Quit},
	}
}

// filterKeys is in focus while a filter is being typed: letters go to the
// filter, so q types a q and only ctrl+c quits.
type filterKeys struct{ k keyMap }

func (f filterKeys) ShortHelp() []key.Binding {
	k := f.k
	return []key.Binding{k.FilterKeep, k.FilterCancel, k.FilterErase, k.FilterUp, k.FilterDown, k.ForceQuit}
}

func (f filterKeys) FullHelp() [][]key.Binding {
	k := f.k
	return [][]key.Binding{{k.FilterKeep, k.FilterCancel, k.FilterErase}, {k.FilterUp, k.FilterDown, k.ForceQuit}}
}

// messageKeys is for the screens that replace the grid: loading and nothing
// loaded (where auto-refresh still runs, so R applies), and bad credentials
// or no accounts (retry by hand or quit).
type messageKeys struct {
	k        keyMap
	withAuto bool
}

func (f messageKeys) ShortHelp() []key.Binding {
	if f.withAuto {
		return []key.Binding{f.k.Retry, f.k.ToggleAuto, f.k.Help, f.k.Quit}
	}
	return []key.Binding{f.k.Retry, f.k.Help, f.k.Quit}
}

func (f messageKeys) FullHelp() [][]key.Binding {
	if f.withAuto {
		return [][]key.Binding{{f.k.Retry, f.k.ToggleAuto}, {f.k.Help, f.k.Quit}}
	}
	return [][]key.Binding{{f.k.Retry}, {f.k.Help, f.k.Quit}}
}

// helpKeys is in focus while the full help is open.
type helpKeys struct{ k keyMap }

func (h helpKeys) ShortHelp() []key.Binding { return []key.Binding{h.k.CloseHelp, h.k.Quit} }

func (h helpKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{h.k.CloseHelp, h.k.Quit}}
}

var (
	_ help.KeyMap = dashboardKeys{}
	_ help.KeyMap = filterKeys{}
	_ help.KeyMap = messageKeys{}
	_ help.KeyMap = helpKeys{}
)
