package ui

import (
	"math"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/shopspring/decimal"

	"cashpos/model"
)

// stripH is the detail strip's height: a rule naming the account, then the
// amounts (a heading and the opening and ending lines) beside what the
// analyst needs to trust them.
const stripH = 4

// stripView is the detail strip under the list: the selected account in
// full, so that every balance of the selected account is one glance away
// even when the terminal is too narrow for all four amount columns.
type stripView struct {
	st       *Styles
	bk       *book
	i        int // the selected row
	now      time.Time
	th       model.Thresholds
	offline  bool
	showFull bool  // the full account number instead of the masked one
	fetchErr error // the last refresh's error, shown in full on request
	showErr  bool
	focus    stripField // what y copies, marked
}

// View renders exactly n lines (stripH, or more for a long error under e)
// of at most width cells.
func (v stripView) View(width, n int) string {
	lines := []string{v.title(width)}
	switch {
	case v.showErr && v.fetchErr != nil:
		lines = append(lines, errorLines(v.st, v.fetchErr, width, n-1)...)
	case v.bk.bals[v.i].Problem != nil:
		lines = append(lines, v.problemLines(width)...)
	default:
		lines = append(lines, v.amountLines(width)...)
	}
	for len(lines) < n {
		lines = append(lines, "")
	}
	return strings.Join(lines[:n], "\n")
}

// title is a rule carrying the account's full name, number, currency, group
// and bank.
func (v stripView) title(width int) string {
	g, name := v.st.g, v.bk.rows[v.i].name
	a := v.bk.bals[v.i].Account
	number := v.bk.number(v.i)
	if v.showFull {
		number = clean(a.ID)
	}
	if v.focus == fieldNumber {
		number = "[" + number + "]" // y copies it
	}
	parts := []string{number, v.bk.ccys[v.bk.rows[v.i].ccy].Code}
	for _, s := range []string{clean(a.Group), clean(a.BankName)} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if a.Label != "" && a.Name != "" && a.Label != a.Name {
		parts = append(parts, "bank name "+clean(a.Name))
	}
	prefix := g.rule + g.rule + " "
	name = truncate(name, max(width-4, 1))
	used := ansi.StringWidth(prefix) + ansi.StringWidth(name)
	rest := truncate(" · "+strings.Join(parts, " · ")+" ", max(width-used, 0))
	fill := max(width-used-ansi.StringWidth(rest), 0)
	return v.st.Rule.Render(prefix) + v.st.StripTitle.Render(name) + v.st.Rule.Render(rest+strings.Repeat(g.rule, fill))
}

// amountLines: the four balances and the float (ledger minus available:
// uncollected funds and holds) beside the marker's reason, the business day
// and the times.
func (v stripView) amountLines(width int) []string {
	b := &v.bk.bals[v.i]
	dec := b.Account.Currency.Decimals
	cell := func(c model.Column) string { return v.bk.amountText(v.i, int(c)) }
	oa, ol := cell(model.OpeningAvailable), cell(model.OpeningLedger)
	ea, el := cell(model.EndingAvailable), cell(model.EndingLedger)
	of, ef := floatOf(b.OpeningLedger, b.OpeningAvailable, dec), floatOf(b.EndingLedger, b.EndingAvailable, dec)
	aw := len("available")
	for _, s := range []string{oa, ol, ea, el, of, ef} {
		aw = max(aw, ansi.StringWidth(s))
	}
	lab := func(s string) string { return v.st.Muted.Render("  " + padRight(s, 7)) }
	amt := func(s string, f stripField) string {
		cell := padLeft(s, aw)
		if f == v.focus && f != fieldNumber {
			return "  " + v.st.StripFocus.Render(cell)
		}
		return "  " + v.st.StripAmount.Render(cell)
	}
	left := [3]string{
		lab("") + v.st.Muted.Render("  "+padLeft("available", aw)+"  "+padLeft("ledger", aw)+"  "+padLeft("float", aw)),
		lab("opening") + amt(oa, fieldOpenAvail) + amt(ol, fieldOpenLedger) + amt(of, -1),
		lab("ending") + amt(ea, fieldEndAvail) + amt(el, fieldEndLedger) + amt(ef, -1),
	}
	leftW := 2 + 7 + 3*(2+aw)
	room := width - leftW - 3
	info := v.info(room)
	out := make([]string, 3)
	for i, l := range left {
		if room > 0 && info[i] != "" {
			l += v.st.Muted.Render(" "+v.st.g.sep+" ") + truncate(info[i], room)
		}
		out[i] = l
	}
	return out
}

// info is what the analyst needs to trust the figures, longest form when it
// fits in room cells: the marker and why (with the row's note, if any), the
// business day, the times.
func (v stripView) info(room int) [3]string {
	b := v.bk.bals[v.i]
	own := model.ClassifyLive(b, v.now, v.th)
	mark, why := v.markWhy(b, own)
	age := model.FormatAge(model.Age(b, v.now))
	// A note beats the reason's long form: the age is in the row already.
	first := firstFit(room, mark+" — "+why, mark+" "+age)
	if note := noteSuffix(b); note != "" {
		first = firstFit(room, mark+" — "+why+note, mark+" "+age+note) // cut if it must be
	}
	day := firstFit(room, "figures for "+model.FiguresDay(b, v.now), model.FiguresDay(b, v.now),
		model.FiguresDayShort(b, v.now), "as of "+clean(b.AsOfDate))
	basis := "record " + clock(b.RecordTime, v.now, true)
	short := "record " + b.RecordTime.In(v.now.Location()).Format("Mon 15:04 MST")
	if b.RecordTime.IsZero() {
		basis, short = "no record time (BDA v2): aged from fetch", "no record time"
	}
	times := firstFit(room, basis+" · fetched "+clock(b.FetchedAt, v.now, true), basis, short)
	return [3]string{v.st.Freshness[own].Render(truncate(first, max(room, 0))), day, times}
}

// markWhy is the row's own marker (under ✕ when its figures are the last
// good ones) and the reason for it.
func (v stripView) markWhy(b model.Balance, own model.Freshness) (mark, why string) {
	age := model.FormatAge(model.Age(b, v.now))
	switch own {
	case model.Fresh:
		why = "record " + age + " old"
		if age == "now" {
			why = "record just now"
		}
	case model.Aging:
		why = "record " + age + " old, over " + shortDuration(v.th.Aging)
	case model.Stale:
		why = "record " + age + " old, over " + shortDuration(v.th.Stale)
		if b.AsOfDate != b.Account.Today(v.now).Format(time.DateOnly) {
			why = "not rolled to today's business day"
		}
	case model.PriorDay:
		why = "a closed day's final figures"
	}
	mark = v.st.g.mark(own)
	if v.offline || b.Offline { // the screen, or this row carried over
		mark = v.st.g.offlineMark(own)
		why = "last good data; " + why
	}
	return mark, why
}

// noteSuffix is the row's note (the "!" in its status cell), if any.
func noteSuffix(b model.Balance) string {
	if b.Note == "" {
		return ""
	}
	return " · ! " + clean(b.Note)
}

// firstFit is the first of forms that fits in room cells, else the last.
func firstFit(room int, forms ...string) string {
	for _, f := range forms {
		if ansi.StringWidth(f) <= room {
			return f
		}
	}
	return forms[len(forms)-1]
}

// problemLines: an account the bank answered with an error has no amounts;
// the error is shown whole, wrapped over the strip.
func (v stripView) problemLines(width int) []string {
	p := v.bk.bals[v.i].Problem
	text := "! no data — the bank answered for this account: " + clean(strings.TrimSpace(p.Code+" "+p.Message)) +
		". Its amounts are not in the totals."
	return wrapLines(v.st.NoData, text, width, stripH-1)
}

// errorLines show the last refresh's error in full (e), for when the banner
// had to cut it, wrapped to width in at most n lines; the layout gives the
// strip room for all of them (withErrorRoom) unless the terminal is too short.
func errorLines(st *Styles, err error, width, n int) []string {
	text := "(e: back to the account) last refresh failed: " + clean(strings.Join(strings.Fields(err.Error()), " "))
	return wrapLines(st.BannerWarn, text, width, n)
}

// errorText is every line of errorLines.
func errorText(st *Styles, err error, width int) []string {
	return errorLines(st, err, width, math.MaxInt)
}

// wrapLines wraps text over at most n lines, breaking at spaces (and after
// hyphens) and inside a word only when it is longer than a line, so ids and
// URLs are never cut; what does not fit in n lines ends the last one in "…".
func wrapLines(st interface{ Render(...string) string }, text string, width, n int) []string {
	wrapped := strings.Split(ansi.Wrap(text, max(width-4, 10), " "), "\n")
	var out []string
	for i, l := range wrapped {
		if i == n-1 && len(wrapped) > n {
			l = truncate(l+" "+strings.Join(wrapped[n:], " "), width-2)
		}
		if i >= n {
			break
		}
		out = append(out, "  "+st.Render(truncate(l, width-2)))
	}
	return out
}

// floatOf is ledger minus available, when both are reported.
func floatOf(ledger, avail decimal.NullDecimal, dec int32) string {
	if !ledger.Valid || !avail.Valid {
		return missing
	}
	return model.FormatAmount(ledger.Decimal.Sub(avail.Decimal), dec)
}
