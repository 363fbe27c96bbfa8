package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"cashpos/model"
)

// stripField is what y copies from the detail strip: the account number
// (the default), or one of the four balances, chosen with ←/→.
type stripField int

const (
	fieldNumber stripField = iota
	fieldOpenAvail
	fieldOpenLedger
	fieldEndAvail
	fieldEndLedger
	numFields
)

var fieldNames = [numFields]string{
	"account number", "opening available", "opening ledger", "ending available", "ending ledger",
}

// column maps a balance field to its model column.
func (f stripField) column() model.Column { return model.AmountColumns[f-fieldOpenAvail] }

// onStripKey handles the keys of the detail strip; ok is false when msg is
// not one of them.
func (m dashboard) onStripKey(msg tea.KeyPressMsg) (Screen, tea.Cmd, bool) {
	k := m.keys
	switch {
	case key.Matches(msg, k.FieldNext):
		m.focus = (m.focus + 1) % numFields
		m.note = "y copies the " + fieldNames[m.focus]
		return m, nil, true
	case key.Matches(msg, k.FieldPrev):
		m.focus = (m.focus + numFields - 1) % numFields
		m.note = "y copies the " + fieldNames[m.focus]
		return m, nil, true
	case key.Matches(msg, k.Copy):
		s, cmd := m.copySelected()
		return s, cmd, true
	case key.Matches(msg, k.FullNumber):
		m.showFull = !m.showFull
		return m, nil, true
	case key.Matches(msg, k.FullError):
		if m.fetchErr == nil {
			m.showErr = false
			m.note = "e: no refresh error to show"
			return m, nil, true
		}
		m.showErr = !m.showErr
		return m.relaid(), nil, true
	}
	return m, nil, false
}

// copySelected puts the focused field of the selected account on the
// clipboard through the terminal (OSC 52, which works over SSH), and says
// what was copied. Amounts go as plain decimals ("-1234.50"), the form a
// spreadsheet or a payment form takes; the terminal may refuse OSC 52
// silently, so the note says it was sent, not that it arrived.
func (m dashboard) copySelected() (Screen, tea.Cmd) {
	if m.bk == nil || len(m.grid.order) == 0 {
		m.note = "y: no account selected"
		return m, nil
	}
	i := m.grid.order[m.grid.cursor]
	b, name := &m.bk.bals[i], m.bk.rows[i].name
	var text string
	switch {
	case m.focus == fieldNumber:
		text = clean(b.Account.ID)
	case b.Problem != nil:
		m.note = "y: " + name + " has no " + fieldNames[m.focus] + " (no data)"
		return m, nil
	default:
		v := b.Amount(m.focus.column())
		if !v.Valid {
			m.note = "y: " + name + " has no " + fieldNames[m.focus] + " (not reported)"
			return m, nil
		}
		text = model.FormatPlain(v.Decimal, b.Account.Currency.Decimals)
	}
	m.note = "copied to the clipboard: " + text + " (" + fieldNames[m.focus] + ", " + name + ")"
	return m, tea.SetClipboard(text)
}

// unknownKey answers a printable key that does nothing here, so a key
// pressed in hope is never met with silence.
func (m dashboard) unknownKey(msg tea.KeyPressMsg) dashboard {
	if msg.Text == "" || msg.Mod.Contains(tea.ModCtrl) || msg.Mod.Contains(tea.ModAlt) {
		return m
	}
	m.note = clean(msg.Text) + ": not a key here · ? lists the keys"
	return m
}
