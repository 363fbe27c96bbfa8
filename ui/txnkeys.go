package ui

import (
	"charm.land/bubbles/v2/key"
)

// txnKeys is the transactions screen's keymap in its current state: typing
// dates, typing a filter, or browsing.
type txnKeys struct {
	k keyMap
	s *txnScreen
}

func (t txnKeys) ShortHelp() []key.Binding {
	k := t.k
	switch {
	case t.s.dating:
		return []key.Binding{k.DatesApply, k.DatesCancel, k.FilterErase, k.ForceQuit}
	case t.s.filtering:
		return filterKeys{k}.ShortHelp()
	}
	detail := k.Detail
	if t.s.detail {
		detail = k.CloseDetail
	}
	return []key.Binding{k.Move, detail, k.Filter, k.Presets, k.Dates, k.Sort, k.Back, k.Help, k.Quit}
}

func (t txnKeys) FullHelp() [][]key.Binding {
	k := t.k
	switch {
	case t.s.dating:
		return [][]key.Binding{{k.DatesApply, k.DatesCancel, k.FilterErase, k.ForceQuit}}
	case t.s.filtering:
		return filterKeys{k}.FullHelp()
	}
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Detail, k.FullError, k.Filter, k.Sort, k.Reverse, k.Reload},
		{k.Preset[0], k.Preset[1], k.Preset[2], k.Preset[3], k.Preset[4], k.Dates},
		{k.Back, k.Help, k.Quit},
	}
}

// HelpNotes explain the filter language and the reconciliation line.
func (m txnScreen) HelpNotes() []HelpSection {
	return []HelpSection{
		{Title: "Filter (/) — terms combine; all must hold", Lines: []string{
			"wire        text in description, category, references, narrative",
			">1000 <50   amount over / under (also >= <=); debit or credit",
			"dr  cr      debits only, credits only",
			"195         a three-digit number is a BAI type code",
		}},
		{Title: "Marks", Lines: []string{
			"*           value date differs from the booking day (details show both)",
			"✓ ✗         a single closed day: opening + credits − debits = closing",
			"            ledger, over every item of the day, not only those shown",
		}},
	}
}
