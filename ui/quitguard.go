package ui

import (
	tea "charm.land/bubbletea/v2"
)

// quitGuard is implemented by a screen holding work that ctrl+c would lose
// (a half-filled payment form, a payment being sent). ctrl+c is otherwise
// the root's alone — it must quit from anywhere, a text field included — so
// this is the one place the root asks a screen before quitting.
type quitGuard interface {
	// guardQuit returns the screen asking to confirm, and true; or false
	// when nothing would be lost.
	guardQuit() (Screen, bool)
}

// quitMsg is a screen's confirmed request to quit the program.
type quitMsg struct{}

func quitCmd() tea.Msg { return quitMsg{} }

// forceQuit is ctrl+c: quit, unless the top screen would lose work and has
// not asked yet (a second ctrl+c while it asks quits).
func (m Model) forceQuit(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	g, ok := m.top().(quitGuard)
	if !ok || m.showHelp {
		return m.quit()
	}
	s, ask := g.guardQuit()
	if !ask {
		return m.quit()
	}
	m.stack = append(m.stack[:len(m.stack)-1:len(m.stack)-1], s)
	return m, nil
}
