package ui

import (
	"github.com/shopspring/decimal"

	"cashpos/model"
)

// intradayLine answers "why did today's balance move?" for the current day:
// the opening ledger plus the items booked so far, against the bank's
// current ledger from the dashboard. It is not a reconciliation — the day
// is open, and the balance and the item list are two reports that may be
// taken at different moments — so a difference is stated, not flagged as
// an error. ok is false when there is nothing honest to show (no current
// balance for today, items still loading or incomplete).
func (m txnScreen) intradayLine(width int) (string, bool) {
	b := m.current
	if b == nil || !m.rng.single() || !m.rng.from.Equal(m.today) || m.loading() || m.err != nil || len(m.gaps) > 0 {
		return "", false
	}
	if !b.CurrentDay || b.AsOfDate != m.today.Format("2006-01-02") || !b.OpeningLedger.Valid || !b.EndingLedger.Valid {
		return "", false
	}
	txns := make([]model.Transaction, len(m.rows))
	for i := range m.rows {
		txns[i] = *m.rows[i].t
	}
	r := model.Reconcile(model.DayLedger{
		AccountID: b.Account.ID, Date: b.AsOfDate, Currency: b.Account.Currency,
		Opening: b.OpeningLedger.Decimal, Closing: b.EndingLedger.Decimal,
	}, txns)
	f := func(x decimal.Decimal) string { return model.FormatAmount(x, r.Currency.Decimals) }
	at := ""
	if t := timeOf(b.RecordTime, m.account.Location()); t != "" {
		at = " (record" + t + ")"
	}
	if r.Difference.IsZero() {
		return m.st.Freshness[model.Fresh].Render(fitFirst(width,
			"today so far ✓ opening "+f(r.Opening)+" + credits "+f(r.Credits)+" − debits "+f(r.Debits)+" = current ledger "+f(r.Closing)+at,
			"today so far ✓ opening + items = current ledger "+f(r.Closing),
			"today so far ✓ items explain the ledger",
		)), true
	}
	return m.st.Muted.Render(fitFirst(width,
		"today so far: opening "+f(r.Opening)+" + items "+signed(r.Expected.Sub(r.Opening), r.Currency.Decimals)+" = "+f(r.Expected)+"; current ledger "+f(r.Closing)+at+" differs by "+f(r.Difference)+": the two reports are from different moments (r reloads)",
		"today so far: items give "+f(r.Expected)+", current ledger "+f(r.Closing)+", differs by "+f(r.Difference)+" (r reloads)",
		"today so far: differs by "+f(r.Difference)+" (r reloads)",
	)), true
}
