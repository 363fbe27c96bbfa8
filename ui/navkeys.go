package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// navKeys are the six movement bindings every list shares (dashboard,
// group subtotals, transactions, payments list), so each screen asks one
// question — where does this key move the cursor? — instead of repeating
// the same switch.
type navKeys struct{ Up, Down, PageUp, PageDown, Top, Bottom key.Binding }

func (k keyMap) nav() navKeys  { return navKeys{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom} }
func (k payKeys) nav() navKeys { return navKeys{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom} }

// target is where msg moves a cursor at cursor in a list whose last index
// is last, a page being page rows; ok is false when msg is not a movement
// key. The caller clamps, as it does for any move.
func (n navKeys) target(msg tea.KeyPressMsg, cursor, page, last int) (to int, ok bool) {
	switch {
	case key.Matches(msg, n.Up):
		return cursor - 1, true
	case key.Matches(msg, n.Down):
		return cursor + 1, true
	case key.Matches(msg, n.PageUp):
		return cursor - page, true
	case key.Matches(msg, n.PageDown):
		return cursor + page, true
	case key.Matches(msg, n.Top):
		return 0, true
	case key.Matches(msg, n.Bottom):
		return last, true
	}
	return cursor, false
}
