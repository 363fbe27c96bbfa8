package ui

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/shopspring/decimal"

	"cashpos/model"
)

// View draws the transactions screen's parts of the frame. Only the
// visible rows are formatted.
func (m txnScreen) View(width, height int) Frame {
	return Frame{
		Header: m.header(width),
		Banner: m.banner(width),
		Body:   m.body(width, height),
		Status: m.status(width),
	}
}

func (m txnScreen) header(width int) string {
	left := m.st.Title.Render("cashpos")
	if b := badge(m.st, m.opts.Env); b != "" {
		left += "  " + b
	}
	a := m.account
	right := "transactions · " + clean(a.DisplayName()) + " " + a.MaskedNumber()
	if a.Currency.Code != "" {
		right += " · " + a.Currency.Code
	}
	room := width - lipgloss.Width(left) - 2
	// When the list was read matters for the current day, which moves.
	if !m.fetchedAt.IsZero() {
		at := " · fetched " + clock(m.fetchedAt, m.opts.Now(), true)
		if lipgloss.Width(right+at) <= room {
			right += at
		}
	}
	right = truncate(right, room)
	gap := max(width-lipgloss.Width(left)-lipgloss.Width(right), 1)
	return left + strings.Repeat(" ", gap) + m.st.Muted.Render(right)
}

// banner says what is happening to the data: loading with progress, a
// window that could not be read, or a fetch that stopped.
func (m txnScreen) banner(width int) string {
	line := bannerView{}.line
	switch {
	case m.err != nil:
		return line(m.st.BannerOffline, "could not load transactions: ", firstLine(m.err.Error()), " · e: why · r retries", width)
	case len(m.gaps) > 0:
		g := m.gaps[0]
		msg := g.days + " could not be read (" + firstLine(g.err.Error()) + ")"
		if len(m.gaps) > 1 {
			msg = plural(len(m.gaps), "window") + " could not be read, first " + msg
		}
		// The days come first: a narrow banner drops the advice before it
		// cuts them (e shows it all).
		suffix := firstFit(width-2-ansi.StringWidth("PARTIAL — "+msg),
			"; totals leave those days out · e: why · r retries",
			"; not in the totals · e: why · r retries", " · e: why · r retries", " · e: why")
		return line(m.st.BannerWarn, "PARTIAL — ", msg, suffix, width)
	case m.loading():
		return line(m.st.BannerInfo, "", "loading… "+progressText(m.prog), "", width)
	case m.dups > 0 || m.outside > 0:
		return line(m.st.BannerInfo, "", m.notes(), "", width)
	}
	return ""
}

// notes say what the client left out on purpose, so no item is dropped
// silently: repeats of an item, and items booked outside the range.
func (m txnScreen) notes() string {
	var parts []string
	if m.dups > 0 {
		parts = append(parts, "the bank sent "+plural(m.dups, "item")+" more than once; each is listed once")
	}
	if m.outside > 0 {
		parts = append(parts, plural(m.outside, "item")+" booked outside these days left to their own day")
	}
	return strings.Join(parts, " · ")
}

// progressText is "windows 2/7 · pages 12/19 · 3 cached".
func progressText(p TxnProgress) string {
	if p.Windows == 0 {
		return "asking the bank"
	}
	s := "windows " + strconv.Itoa(p.WindowsDone) + "/" + strconv.Itoa(p.Windows) +
		" · pages " + strconv.Itoa(p.PagesDone) + "/" + strconv.Itoa(p.PagesKnown)
	if p.Cached > 0 {
		s += " · " + strconv.Itoa(p.Cached) + " from this session's cache"
	}
	return s
}

func (m txnScreen) body(width, height int) string {
	l := m.lay
	lines := make([]string, 0, height)
	lines = append(lines, m.rangeBar(width), m.columnHeader())
	lines = append(lines, m.list()...)
	lines = append(lines, m.totalsLine(width), m.reconLine(width))
	switch {
	case l.detailH > 0 && m.showErr:
		lines = append(lines, m.problemPane(width, l.detailH)...)
	case l.detailH > 0:
		lines = append(lines, m.detailPane(width, l.detailH)...)
	}
	return fitBlock(strings.Join(lines, "\n"), width, height)
}

var presetShort = [...]string{"today", "prior", "5d", "MTD", "31d", "dates"}

// rangeBar shows the presets with the chosen one reversed, and the days
// the list covers; narrower terminals get shorter names, then the days alone.
func (m txnScreen) rangeBar(width int) string {
	days := m.rng.String()
	what := days
	switch {
	case m.rng.single() && !m.rng.to.Before(m.today):
		what += " · current day"
	case m.rng.single():
		what += " · closed day"
	default:
		what += " · " + strconv.Itoa(m.rng.days()) + " days"
	}
	for _, c := range []struct {
		names []string
		what  string
	}{{presetNames[:], what}, {presetShort[:], what}, {presetShort[:], days}} {
		bar := m.presetBar(c.names)
		if lipgloss.Width(bar)+2+lipgloss.Width(c.what) <= width {
			return bar + strings.Repeat(" ", width-lipgloss.Width(bar)-lipgloss.Width(c.what)) + m.st.ScreenKey.Render(c.what)
		}
	}
	return m.st.ScreenKey.Render(truncate(what, width))
}

func (m txnScreen) presetBar(names []string) string {
	var b strings.Builder
	for p, name := range names {
		label := strconv.Itoa(p+1) + " " + name
		if rangePreset(p) == rangeTyped {
			label = "d " + name
		}
		if rangePreset(p) == m.rng.preset {
			b.WriteString(m.st.Selected.Render(" " + label + " "))
		} else {
			b.WriteString(m.st.Muted.Render(" " + label + " "))
		}
	}
	return b.String()
}

func (m txnScreen) columnHeader() string {
	l := m.lay
	arrow := func(s txnSort, title string, w int, right bool) string {
		if m.sortBy == s && (s != txnSortDate || m.desc) {
			title += " " + arrowOf(m.desc)
		}
		if right {
			return padLeft(title, w)
		}
		return padRight(title, w)
	}
	cells := []string{
		arrow(txnSortDate, "Value date", txnDateW, false),
		arrow(txnSortType, "Type", l.wType, false),
		arrow(txnSortDescription, "Description", l.wDesc, false),
	}
	if l.showRef {
		cells = append(cells, arrow(txnSortReference, "Reference", l.wRef, false))
	}
	cells = append(cells, arrow(txnSortAmount, "Debit", l.wAmt, true), arrow(txnSortAmount, "Credit", l.wAmt, true))
	return m.st.ColHeader.Render("  " + strings.Join(cells, gaps[l.gap]))
}

func arrowOf(desc bool) string {
	if desc {
		return "▼"
	}
	return "▲"
}

// list is the visible rows, or a message in their place.
func (m txnScreen) list() []string {
	h := m.lay.listH
	if len(m.shown) == 0 {
		return m.emptyList(h)
	}
	end := min(m.offset+h, len(m.shown))
	out := make([]string, 0, h)
	for n := m.offset; n < end; n++ {
		out = append(out, m.row(m.rows[m.shown[n]].t, n == m.cursor))
	}
	return out
}

func (m txnScreen) emptyList(h int) []string {
	var msg string
	switch {
	case m.err != nil && len(m.rows) == 0:
		msg = "No transactions could be read for " + m.rng.String() + ". r retries, esc goes back."
	case m.loading():
		msg = "Loading transactions for " + m.rng.String() + "…"
	case len(m.rows) > 0:
		msg = "No transaction matches the filter (" + strconv.Itoa(len(m.rows)) + " loaded). esc clears it."
	case len(m.gaps) > 0:
		msg = "No transactions were read: the bank did not answer for these days."
	case m.rng.single():
		msg = "No transactions booked on " + m.rng.String() + "."
	default:
		msg = "No transactions booked from " + m.rng.from.Format("2006-01-02") + " to " + m.rng.to.Format("2006-01-02") + "."
	}
	out := make([]string, h)
	out[min(h/2, h-1)] = "  " + m.st.ScreenKey.Render(msg)
	return out
}

func (m txnScreen) row(t *model.Transaction, selected bool) string {
	l := m.lay
	date := clean(t.ValueDate)
	if date == "" {
		date = missing
	}
	if t.ValueDate != t.AsOfDate {
		date += "*" // value-dated on another day than it was booked
	}
	debit, credit := "", ""
	amount := model.FormatAmount(t.Amount, t.Currency.Decimals)
	if t.IsDebit() {
		debit = amount
	} else {
		credit = amount
	}
	cells := []string{
		padRight(date, txnDateW),
		padRight(clean(typeText(t)), l.wType),
		padRight(clean(t.Description), l.wDesc),
	}
	if l.showRef {
		cells = append(cells, padRight(clean(t.References.Primary()), l.wRef))
	}
	cells = append(cells, padLeft(debit, l.wAmt), padLeft(credit, l.wAmt))
	line := strings.Join(cells, gaps[l.gap])
	if selected {
		return m.st.Selected.Render("▸ " + line)
	}
	return "  " + line
}

// totalsLine is the debits, credits and net of the rows shown.
func (m txnScreen) totalsLine(width int) string {
	t := m.totals
	d := m.account.Currency.Decimals
	what := thousands(t.count) + " items"
	if t.count == 1 {
		what = "1 item"
	}
	if !m.filter.empty() {
		what += " shown"
	}
	parts := []string{
		m.st.TotalLabel.Render(what),
		"debits " + model.FormatAmount(t.debits, d),
		"credits " + model.FormatAmount(t.credits, d),
		m.st.TotalLabel.Render("net " + signed(t.net(), d)),
	}
	if t.other > 0 {
		parts = append(parts, m.st.Muted.Render(strconv.Itoa(t.other)+" in another currency, not summed"))
	}
	if m.loading() {
		parts = append(parts, m.st.Muted.Render("so far"))
	}
	if len(m.gaps) > 0 || (m.err != nil && len(m.rows) > 0) {
		parts = append(parts, m.st.BannerWarn.Render("incomplete"))
	}
	return truncate(strings.Join(parts, m.st.Muted.Render(" · ")), width)
}

// signed shows a net with an explicit sign: +1,000.00 or -1,000.00.
func signed(d decimal.Decimal, places int32) string {
	s := model.FormatAmount(d, places)
	if d.Sign() > 0 {
		return "+" + s
	}
	return s
}

// reconLine checks a single closed day: a pass with the sum, or the
// difference to the cent; otherwise why it is not checked.
func (m txnScreen) reconLine(width int) string {
	note := func(s string) string { return m.st.Muted.Render(truncate("reconciliation: "+s, width)) }
	switch {
	case !m.rng.single():
		return note("choose a single closed day (2 prior day) to check the ledger")
	case !m.rng.closedDay(m.today):
		if line, ok := m.intradayLine(width); ok {
			return line
		}
		return note("today is not closed yet; it has no closing ledger")
	case m.recon != nil && m.recon.Pass():
		return m.st.Freshness[model.Fresh].Render(fitFirst(width, reconTexts(*m.recon)...))
	case m.recon != nil:
		return m.st.ScreenTitle.Render(fitFirst(width, reconTexts(*m.recon)...))
	case m.ledgerErr != nil:
		return note("cannot check: " + firstLine(m.ledgerErr.Error()))
	case m.err != nil || len(m.gaps) > 0:
		return note("not checked: the day's transactions are incomplete")
	}
	return note("checking…")
}

// reconTexts are the reconciliation verdict from the fullest to the
// shortest; the screen shows the first that fits. Every form keeps the
// verdict and, for a failure, the difference to the cent.
func reconTexts(r model.Reconciliation) []string {
	d := r.Currency.Decimals
	f := func(x decimal.Decimal) string { return model.FormatAmount(x, d) }
	if r.Pass() {
		return []string{
			"✓ " + r.String(),
			"✓ reconciled: " + f(r.Opening) + " + " + f(r.Credits) + " − " + f(r.Debits) + " = " + f(r.Closing),
			"✓ reconciled: closing ledger " + f(r.Closing) + " matches",
		}
	}
	return []string{
		"✗ " + r.String(),
		"✗ does not reconcile: difference " + f(r.Difference) + " (closing " + f(r.Closing) + ", expected " + f(r.Expected) + ")",
		"✗ does not reconcile: difference " + f(r.Difference),
	}
}

// fitFirst is the first text that fits width, else the last one cut.
func fitFirst(width int, texts ...string) string {
	for _, t := range texts {
		if lipgloss.Width(t) <= width {
			return t
		}
	}
	return truncate(texts[len(texts)-1], width)
}
