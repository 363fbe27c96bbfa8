package mock

import "time"

// A payment moves the debtor's balances in the demo book: from acceptance
// its amount is held off the available balance; once completed it is off
// the ledger too; a rejection, cancellation or return gives it back. The
// bank's balance feed shows this from the next 15-minute cycle (the
// snapshot's recordTimestamp), as a real intraday feed would: a payment made
// after the last snapshot is the dashboard's "pending outflow".
//
// Only the current day's intraday figures move; prior-day reports stay as
// the seed made them (a demo running past midnight would see the day's
// closing balance ignore that day's payments — a simplification).

// outflows sums the debtor's payments as they stood at the snapshot time t.
func (b *Bank) outflows(accountID string, t time.Time) (ledger, available money) {
	b.gp2.mu.Lock()
	defer b.gp2.mu.Unlock()
	for _, p := range b.gp2.all {
		if p.debtor != accountID || p.created.After(t) {
			continue
		}
		st := p.stageAt(t)
		if st.debitsAvailable() {
			available += p.amount
		}
		if st.debitsLedger() {
			ledger += p.amount
		}
	}
	return ledger, available
}

// canFund reports whether the debtor's available balance now, less what
// its payments hold now, covers amount. It takes gp2.mu itself (through
// outflows), so callers must not hold it; two payments racing for the
// last dollar may both pass, which a demo bank can live with.
func (b *Bank) canFund(accountID string, amount money, now time.Time) bool {
	a := b.accountByID(accountID)
	if a == nil {
		return false
	}
	snap := b.current(a, now)
	gross := snap.endAvail
	if snap.currentDay {
		_, atRecord := b.outflows(a.id, snap.record)
		gross += atRecord // the feed's figure already holds these
	}
	_, heldNow := b.outflows(a.id, now)
	return gross-heldNow >= amount
}
