package ui

import (
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/shopspring/decimal"

	"cashpos/model"
)

// detailPane shows the selected transaction in full: both dates, every
// reference, the whole narrative and the availability float.
func (m txnScreen) detailPane(width, h int) []string {
	t := m.selected()
	title := "details"
	if t != nil {
		title += " · " + clean(t.ID)
	}
	rule := m.st.Rule.Render("── ") + m.st.ScreenKey.Render(truncate(title, width-8)) + " "
	rule += m.st.Rule.Render(strings.Repeat("─", max(width-lipgloss.Width(rule), 0)))
	out := []string{rule}
	if t == nil {
		return append(out, m.st.Muted.Render("  no transaction selected"))
	}
	lines := detailText(t, width, m.account.Location())
	room := h - 1
	if len(lines) > room {
		more := len(lines) - room + 1
		lines = append(lines[:room-1], m.st.Muted.Render("… "+plural(more, "more line")+"; a taller terminal shows them"))
	}
	for _, l := range lines {
		out = append(out, "  "+l)
	}
	return out
}

// detailText is the pane's content at width, without its title rule.
func detailText(t *model.Transaction, width int, loc *time.Location) []string {
	var lines []string
	for _, segs := range detailLines(t, loc) {
		lines = append(lines, pack(segs, width-4)...)
	}
	return lines
}

// detailLines are the pane's lines, each as segments that pack() joins
// with " · " and wraps between segments.
func detailLines(t *model.Transaction, loc *time.Location) [][]string {
	d := t.Currency.Decimals
	dir := "credit"
	if t.IsDebit() {
		dir = "debit"
	}
	first := []string{
		dir + " " + model.FormatAmount(t.Amount, d) + " " + clean(t.Currency.Code),
		"booked " + orMissing(clean(t.AsOfDate)) + timeOf(t.AsOfTime, loc),
		"value " + orMissing(clean(t.ValueDate)) + timeOf(t.ValueTime, loc),
	}
	if t.Status != "" {
		first = append(first, "status "+clean(t.Status))
	}
	if t.Reversal {
		first = append(first, "REVERSAL")
	}
	typ := []string{"type " + orMissing(clean(t.BAI.Code)) + " " + clean(t.BAI.Description), "category " + clean(string(t.Category))}
	for _, kv := range [][2]string{{"group", t.BAI.GroupCode}, {"product", t.ProductGroup}, {"wire", t.WireType}, {"funds", t.FundsType}} {
		if kv[1] != "" {
			typ = append(typ, kv[0]+" "+clean(kv[1]))
		}
	}
	lines := [][]string{first, typ, references(t.References), availability(t.Availability, d)}
	if t.Description != "" {
		lines = append(lines, []string{"description " + clean(t.Description)})
	}
	if len(t.Narrative) == 0 {
		return append(lines, []string{"narrative: none sent"})
	}
	for _, n := range t.Narrative {
		lines = append(lines, []string{clean(n.Key) + ": " + clean(n.Text)})
	}
	return lines
}

// pack joins segments with " · " into lines of at most w cells, breaking
// between segments; a segment wider than w is wrapped on its own.
func pack(segs []string, w int) []string {
	var out []string
	cur := ""
	for _, s := range segs {
		switch {
		case cur == "":
			cur = s
		case ansi.StringWidth(cur)+3+ansi.StringWidth(s) <= w:
			cur += " · " + s
		default:
			out = append(out, cur)
			cur = s
		}
		if ansi.StringWidth(cur) > w {
			wrapped := strings.Split(ansi.Wrap(cur, w, ""), "\n")
			out = append(out, wrapped[:len(wrapped)-1]...)
			cur = wrapped[len(wrapped)-1]
		}
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

func references(r model.References) []string {
	parts := []string{"references:"}
	for _, kv := range [][2]string{{"customer", r.Customer}, {"bank", r.Bank}, {"wire", r.Wire}, {"check", r.Check}} {
		if kv[1] != "" {
			parts = append(parts, kv[0]+" "+clean(kv[1]))
		}
	}
	if len(parts) == 1 {
		return []string{"references: none sent"}
	}
	parts[1] = parts[0] + " " + parts[1]
	return parts[1:]
}

// availability is the float; a bucket the bank did not send is "—".
func availability(a model.Availability, d int32) []string {
	parts := []string{"available:"}
	for _, b := range []struct {
		name string
		v    decimal.NullDecimal
	}{{"immediate", a.Immediate()}, {"day 1", a.Day1()}, {"day 2", a.Day2()}, {"day 2+", a.Day2Plus()}, {"day 3+", a.Day3Plus()}} {
		v := missing
		if b.v.Valid {
			v = model.FormatAmount(b.v.Decimal, d)
		}
		parts = append(parts, b.name+" "+v)
	}
	parts[1] = parts[0] + " " + parts[1]
	return parts[1:]
}

func orMissing(s string) string {
	if s == "" {
		return missing
	}
	return s
}

// timeOf is " 14:02 EST" (in the account's zone) for a time the bank
// sent, else "".
func timeOf(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return " " + t.In(loc).Format("15:04 MST")
}
