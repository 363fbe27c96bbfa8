package ui

import (
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// maxFilter bounds the filter text.
const maxFilter = 64

// onKey routes a key to the part of the dashboard in focus; the root has
// already taken quit and help. Keys are matched only through the keymap.
func (m dashboard) onKey(msg tea.KeyPressMsg) (Screen, tea.Cmd) {
	m.note = ""
	switch {
	case m.screen() != screenGrid || m.lay.tooSmall:
		return m.onMessageKey(msg)
	case m.grid.filtering:
		return m.onFilterKey(msg)
	}
	return m.onGridKey(msg)
}

func (m dashboard) onGridKey(msg tea.KeyPressMsg) (Screen, tea.Cmd) {
	if s, cmd, ok := m.onGroupKey(msg); ok {
		return s, cmd
	}
	k, g, page := m.keys, m.grid, pageSize(m.lay.bodyH)
	if to, ok := k.nav().target(msg, g.cursor, page, len(g.order)-1); ok {
		return m.moveTo(to)
	}
	switch {
	case key.Matches(msg, k.Filter):
		m.grid.filtering = true
		return m, nil
	case key.Matches(msg, k.ClearFilter):
		if g.filter == "" {
			return m, nil
		}
		m.grid.filter = ""
		return m.refilter(), nil
	case key.Matches(msg, k.Sort):
		m.grid.sortBy = nextSort(g.sortBy, m.lay)
		m.grid.desc = false
		return m.regrid()
	case key.Matches(msg, k.Reverse):
		m.grid.desc = !g.desc
		return m.regrid()
	case key.Matches(msg, k.Refresh):
		return m.refreshNow()
	case key.Matches(msg, k.ToggleAuto):
		return m.toggleAuto()
	case key.Matches(msg, k.Open):
		return m.openTransactions()
	case key.Matches(msg, k.NewPayment), key.Matches(msg, k.Payments):
		return m.openPayments(key.Matches(msg, k.NewPayment))
	}
	if s, cmd, ok := m.onStripKey(msg); ok {
		return s, cmd
	}
	return m.unknownKey(msg), nil
}

// openTransactions pushes the selected account's transactions screen.
func (m dashboard) openTransactions() (Screen, tea.Cmd) {
	if m.bk == nil || m.grid.cursor >= len(m.grid.order) {
		return m, nil
	}
	b := m.bk.bals[m.grid.order[m.grid.cursor]]
	return m, push(m.id, newTxnScreen(m.common, b.Account, &b))
}

func (m dashboard) moveTo(n int) (Screen, tea.Cmd) {
	g := m.grid.moved(n, m.bk, m.lay.bodyH)
	if g.cursor == m.grid.cursor && g.offset == m.grid.offset {
		return m, nil
	}
	m.grid = g
	return m, nil
}

func (m dashboard) onFilterKey(msg tea.KeyPressMsg) (Screen, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.FilterKeep):
		m.grid.filtering = false
		return m, nil
	case key.Matches(msg, k.FilterCancel):
		m.grid.filtering = false
		if m.grid.filter == "" {
			return m, nil
		}
		m.grid.filter = ""
		return m.refilter(), nil
	case key.Matches(msg, k.FilterErase):
		if m.grid.filter == "" {
			return m, nil
		}
		_, size := utf8.DecodeLastRuneInString(m.grid.filter)
		m.grid.filter = m.grid.filter[:len(m.grid.filter)-size]
		return m.refilter(), nil
	case key.Matches(msg, k.FilterUp):
		return m.moveTo(m.grid.cursor - 1)
	case key.Matches(msg, k.FilterDown):
		return m.moveTo(m.grid.cursor + 1)
	}
	if msg.Text == "" || msg.Mod.Contains(tea.ModCtrl) || msg.Mod.Contains(tea.ModAlt) {
		return m, nil
	}
	return m.appendFilter(msg.Text)
}

func (m dashboard) onPaste(msg tea.PasteMsg) (Screen, tea.Cmd) {
	if !m.grid.filtering {
		return m, nil
	}
	return m.appendFilter(firstLine(msg.Content))
}

func (m dashboard) appendFilter(s string) (Screen, tea.Cmd) {
	s = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return -1
		}
		return r
	}, s)
	if s == "" || utf8.RuneCountInString(m.grid.filter+s) > maxFilter {
		return m, nil
	}
	m.grid.filter += s
	return m.refilter(), nil
}

// onMessageKey serves the screens without a grid: retry and auto (the root
// has help and quit).
func (m dashboard) onMessageKey(msg tea.KeyPressMsg) (Screen, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Retry):
		return m.refreshNow()
	case key.Matches(msg, k.ToggleAuto) && m.fatal == fatalNone:
		return m.toggleAuto()
	}
	return m, nil
}

func (m dashboard) toggleAuto() (Screen, tea.Cmd) {
	m.auto = !m.auto
	if !m.auto || m.inFlight() {
		// Pausing orphans the pending timer; a refresh in flight will arm
		// the next one when it lands.
		m.slot = m.slot.disarm()
		return m, nil
	}
	return m.scheduleRefresh()
}
