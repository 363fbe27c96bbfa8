package mock

import "time"

// A payment moves the debtor's balances in the demo book: from acceptance
// its amount is held off the available balance; once completed it is a
// debit item on the ledger (transactions_pay.go), booked at that instant;
// a rejection or cancellation releases the hold, and a return credits the
// amount back with a second item. The bank's balance feed shows this from
// the next 15-minute cycle (the snapshot's recordTimestamp), as a real
// intraday feed would: a payment made after the last snapshot is the
// dashboard's "pending outflow". The items stay in the book, so the day's
// closing ledger and every later opening include them.

// outflows sums the debtor's payments as they stood at the snapshot time t:
// ledger what completed payments took off the ledger, available what
// accepted ones took off the available balance.
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

// pendingHolds is what the debtor's payments hold off the available balance
// at t without having been booked on the ledger yet.
func (b *Bank) pendingHolds(accountID string, t time.Time) money {
	ledger, available := b.outflows(accountID, t)
	return available - ledger
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
	_, atRecord := b.outflows(a.id, snap.record)
	gross := snap.endAvail + atRecord // the feed's figure (current or prior day) already holds these
	_, heldNow := b.outflows(a.id, now)
	return gross-heldNow >= amount
}
