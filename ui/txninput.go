package ui

import (
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// maxDateText bounds the typed range ("2026-11-02 .. 2026-11-06" is 24).
const maxDateText = 32

func (m txnScreen) onKey(msg tea.KeyPressMsg) (Screen, tea.Cmd) {
	switch {
	case m.dating:
		return m.onDateKey(msg)
	case m.filtering:
		return m.onFilterKey(msg)
	}
	k, page := m.keys, max(m.lay.listH-1, 1)
	if to, ok := k.nav().target(msg, m.cursor, page, len(m.shown)-1); ok {
		return m.moveTo(to)
	}
	switch {
	case key.Matches(msg, k.Back):
		return m.back()
	case key.Matches(msg, k.Detail):
		m.detail = !m.detail
		m.showErr = m.showErr && !m.detail // one pane at a time
		return m.relayout(), nil
	case key.Matches(msg, k.FullError):
		return m.toggleProblems(), nil
	case key.Matches(msg, k.Filter):
		m.filtering = true
		return m, nil
	case key.Matches(msg, k.Sort):
		m.sortBy = (m.sortBy + 1) % numTxnSorts
		m.desc = false
		return m.reshow(false), nil
	case key.Matches(msg, k.Reverse):
		m.desc = !m.desc
		return m.reshow(false), nil
	case key.Matches(msg, k.Reload):
		return m.load()
	case key.Matches(msg, k.Dates):
		m.dating, m.dateText, m.dateErr = true, "", ""
		return m, nil
	}
	for p := range numPresets {
		if key.Matches(msg, k.Preset[p]) {
			m.today = dateOf(m.opts.Now(), m.account.Location())
			m.rng = presetRange(rangePreset(p), m.today, m.account)
			return m.load()
		}
	}
	return m, nil
}

// back closes the detail pane, else clears the filter, else returns to the
// dashboard: esc undoes one thing at a time.
func (m txnScreen) back() (Screen, tea.Cmd) {
	switch {
	case m.detail || m.showErr:
		m.detail, m.showErr = false, false
		return m.relayout(), nil
	case m.filterText != "":
		m.filterText, m.filter = "", txnFilter{}
		return m.reshow(false), nil
	}
	return m, pop(m.id)
}

func (m txnScreen) moveTo(n int) (Screen, tea.Cmd) {
	if len(m.shown) == 0 {
		return m, nil
	}
	n = min(max(n, 0), len(m.shown)-1)
	if n == m.cursor {
		return m, nil
	}
	m.cursor = n
	m.selID = m.rows[m.shown[n]].t.ID
	if m.detail {
		return m.relayout(), nil // the pane fits the newly selected item
	}
	m.offset = m.scrolled()
	return m, nil
}

func (m txnScreen) onFilterKey(msg tea.KeyPressMsg) (Screen, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.FilterKeep):
		m.filtering = false
		return m, nil
	case key.Matches(msg, k.FilterCancel):
		m.filtering = false
		if m.filterText == "" {
			return m, nil
		}
		m.filterText, m.filter = "", txnFilter{}
		return m.reshow(false), nil
	case key.Matches(msg, k.FilterErase):
		if m.filterText == "" {
			return m, nil
		}
		_, size := utf8.DecodeLastRuneInString(m.filterText)
		return m.setFilter(m.filterText[:len(m.filterText)-size])
	case key.Matches(msg, k.FilterUp):
		return m.moveTo(m.cursor - 1)
	case key.Matches(msg, k.FilterDown):
		return m.moveTo(m.cursor + 1)
	}
	if msg.Text == "" || msg.Mod.Contains(tea.ModCtrl) || msg.Mod.Contains(tea.ModAlt) {
		return m, nil
	}
	return m.appendFilter(msg.Text)
}

func (m txnScreen) onPaste(msg tea.PasteMsg) (Screen, tea.Cmd) {
	switch {
	case m.filtering:
		return m.appendFilter(firstLine(msg.Content))
	case m.dating:
		return m.appendDate(firstLine(msg.Content))
	}
	return m, nil
}

func (m txnScreen) appendFilter(s string) (Screen, tea.Cmd) {
	s = printable(s)
	if s == "" || utf8.RuneCountInString(m.filterText+s) > maxFilter {
		return m, nil
	}
	return m.setFilter(m.filterText + s)
}

// setFilter applies a new filter text, narrowing the rows shown when the
// new filter can only remove rows from them.
func (m txnScreen) setFilter(text string) (Screen, tea.Cmd) {
	f := parseFilter(text)
	narrow := f.narrows(m.filter)
	m.filterText, m.filter = text, f
	return m.reshow(narrow), nil
}

func (m txnScreen) onDateKey(msg tea.KeyPressMsg) (Screen, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.DatesApply):
		today := dateOf(m.opts.Now(), m.account.Location())
		r, err := parseRange(m.dateText, today)
		if err != nil {
			m.dateErr = err.Error()
			return m, nil
		}
		m.dating, m.today, m.rng = false, today, r
		return m.load()
	case key.Matches(msg, k.DatesCancel):
		m.dating = false
		return m, nil
	case key.Matches(msg, k.FilterErase):
		if m.dateText == "" {
			return m, nil
		}
		m.dateText = m.dateText[:len(m.dateText)-1]
		m.dateErr = ""
		return m, nil
	}
	if msg.Text == "" || msg.Mod.Contains(tea.ModCtrl) || msg.Mod.Contains(tea.ModAlt) {
		return m, nil
	}
	return m.appendDate(msg.Text)
}

// appendDate keeps what a date range can contain: digits, dashes, dots,
// spaces and the word "to".
func (m txnScreen) appendDate(s string) (Screen, tea.Cmd) {
	s = strings.Map(func(r rune) rune {
		if (r >= '0' && r <= '9') || strings.ContainsRune("-. to", r) {
			return r
		}
		return -1
	}, s)
	if s == "" || len(m.dateText+s) > maxDateText {
		return m, nil
	}
	m.dateText += s
	m.dateErr = ""
	return m, nil
}

// printable drops control characters from typed or pasted text.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return -1
		}
		return r
	}, s)
}
