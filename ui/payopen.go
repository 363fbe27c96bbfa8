package ui

import (
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"cashpos/model"
)

// The dashboard's two doors to the payments (p and P) and its view of them
// (pending outflow), kept here so the dashboard's own files change by a line.

// openPayments opens the form for the selected account (p) or the list (P).
func (m dashboard) openPayments(form bool) (Screen, tea.Cmd) {
	if m.opts.Payments == nil {
		m.note = "payments are unavailable: no payment journal (the banner says why)"
		return m, nil
	}
	if !form {
		return m, push(m.id, newPayList(m.common))
	}
	r, ok := m.selectedRow()
	switch {
	case !ok:
		m.note = "select the account to pay from first"
		return m, nil
	case r.b.Account.Currency.Code != "USD":
		m.note = "wire and ACH here are USD only; " + r.name + " is a " + r.ccy + " account"
		return m, nil
	}
	debtor := model.Debtor{AccountID: r.b.Account.ID, Name: clean(r.b.Account.Name), ABA: model.ChaseABA}
	if debtor.Name == "" {
		debtor.Name = r.name
	}
	return m, push(m.id, newPayScreen(m.common, debtor, r.name+" "+r.number))
}

// acctView is a book row's balance with its display text, as the payment
// screens use it.
type acctView struct {
	b                 model.Balance
	name, number, ccy string
}

func (bk *book) view(i int) acctView {
	return acctView{b: bk.bals[i], name: bk.rows[i].name, number: bk.number(i), ccy: bk.ccys[bk.rows[i].ccy].Code}
}

// selectedRow is the row under the cursor.
func (m dashboard) selectedRow() (acctView, bool) {
	if m.bk == nil || m.grid.cursor >= len(m.grid.order) || len(m.grid.order) == 0 {
		return acctView{}, false
	}
	return m.bk.view(m.grid.order[m.grid.cursor]), true
}

// outflowBanner is the selected account's pending outflow: payments made
// here after its balance's record time, which the bank's figures cannot
// include yet, and the ending available once they are taken out. Without a
// record time (BDA v2 sends none) the fetch time is the bound, and it says
// so. "" when there is nothing pending.
func (m dashboard) outflowBanner(now time.Time) string {
	r, ok := m.selectedRow()
	if !ok || m.screen() != screenGrid {
		return ""
	}
	long, short, ok := pendingOutflowText(m.pay, r)
	if !ok {
		return m.otherOutflows(r)
	}
	line := long
	if ansi.StringWidth(long) > m.width {
		// The figures matter more than the whole name: the row is selected.
		name := truncate(r.name, max(m.width-ansi.StringWidth(short)+ansi.StringWidth(r.name), 8))
		line = strings.Replace(short, r.name, name, 1)
	}
	return m.st.BannerInfo.Render(truncate(line, m.width))
}

// otherOutflows names the accounts with pending outflow when the selected
// one has none, so the analyst knows where to look.
func (m dashboard) otherOutflows(sel acctView) string {
	by := m.pay.pendingByAccount(m.bk)
	if len(by) == 0 {
		return ""
	}
	var parts []string
	seen := map[string]bool{}
	for i := range m.bk.bals {
		if _, ok := by[m.bk.bals[i].Account.ID]; !ok {
			continue // most rows: no view built for them, every frame
		}
		r := m.bk.view(i)
		o := by[r.b.Account.ID]
		if seen[r.b.Account.ID] || r.b.Account.ID == sel.b.Account.ID {
			continue
		}
		seen[r.b.Account.ID] = true
		parts = append(parts, r.name+" "+model.FormatAmount(o.sum, r.b.Account.Currency.Decimals))
	}
	if len(parts) == 0 {
		return ""
	}
	line := "⇣ pending outflow, not yet in the bank's figures: " + strings.Join(parts, " · ")
	return m.st.BannerInfo.Render(truncate(line, m.width))
}

// pendingOutflowText describes row r's pending outflow, in a long and a
// short form, for the banner or a detail strip; false when there is none.
func pendingOutflowText(pb *payBook, r acctView) (long, short string, ok bool) {
	b := r.b
	since, basis := b.RecordTime, "record time"
	if since.IsZero() {
		since, basis = b.FetchedAt, "fetch (no record time)"
	}
	sum, n := pb.outflow(b.Account.ID, since)
	if n == 0 {
		return "", "", false
	}
	dec := b.Account.Currency.Decimals
	what := "1 payment"
	if n > 1 {
		what = strconv.Itoa(n) + " payments"
	}
	out := model.FormatAmount(sum, dec)
	long = "⇣ " + r.name + ": pending outflow " + out + " " + r.ccy + ", " + what + " since " + basis
	short = "⇣ " + r.name + ": " + out + " pending outflow"
	if b.EndingAvailable.Valid {
		proj := model.FormatAmount(b.EndingAvailable.Decimal.Sub(sum), dec)
		long += " · projected end available " + proj
		short = "⇣ " + r.name + ": projected end avail " + proj + " (" + out + " pending)"
	}
	return long, short, true
}
