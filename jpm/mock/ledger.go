package mock

import "time"

// snapshot is one day's balance report for one account: the v1 balanceList
// entry, and the source of the v2 balances.
type snapshot struct {
	asOf       date
	record     time.Time // recordTimestamp: when the bank produced this snapshot
	currentDay bool
	openAvail  money
	openLedger money
	endAvail   money
	endLedger  money
}

// The balance model. Everything is a function of (seed, account, date,
// cycle) and the payments the bank holds, so any day can be computed
// directly and the same inputs always give the same amounts:
//
//   - seededClose(d) = base + a seeded drift for d; the seeded items of d
//     (transactions_gen.go) add up exactly to seededClose(d) − seededClose(d−1).
//   - closing(d) = seededClose(d) + what the account's payments booked
//     before the end of d (transactions_pay.go).
//   - opening(d) = closing(d-1), so "opening = prior day's ending" holds
//     exactly, for ledger and for available.
//   - intraday, the ledger is the opening plus every item booked on d up
//     to the snapshot's recordTimestamp — the transactions produce the
//     move, so Transaction Details for the current day (which reports up
//     to the same instant, transactions.go) always explains it. Each
//     15-minute cycle shows new numbers when items posted in it.
//   - available = ledger - holds - payments held but not yet booked. The
//     holds (float: uncollected funds) are seeded around the account's
//     typical float at each day's end and move from the opening's to the
//     closing's in step with the day's items, so available moves with the
//     ledger and the gap between them stays within the account's float.

// seededClose is the day-end ledger the seed draws for d, before payments.
func (b *Bank) seededClose(a *account, d date) money {
	return a.base + spread(newHasher(b.seed).str(a.id).str("close").i64(int64(d)).sum(), a.drift)
}

// closingLedger is the ledger at the end of d: the seeded close plus every
// payment item booked by then, on d or before.
func (b *Bank) closingLedger(a *account, d date) money {
	return b.seededClose(a, d) + b.paymentNetBefore(a, (d+1).midnight(a.loc))
}

// dayClose is the ledger and available balance at the end of d, which are
// also the opening balances of d+1. A payment accepted but not yet booked
// at midnight (one scheduled for a later day) is held off the available.
func (b *Bank) dayClose(a *account, d date) (ledger, avail money) {
	end := (d + 1).midnight(a.loc)
	ledger = b.closingLedger(a, d)
	return ledger, ledger - b.closingHolds(a, d) - b.pendingHolds(a.id, end.Add(-time.Nanosecond))
}

// closingHolds are the holds at the end of d; they are also the opening
// holds of d+1, which keeps opening available = prior ending available.
func (b *Bank) closingHolds(a *account, d date) money {
	return b.holds(a, "hold-close", int64(d))
}

func (b *Bank) holds(a *account, purpose string, n int64) money {
	if a.hold == 0 {
		return 0
	}
	return a.hold + spread(newHasher(b.seed).str(a.id).str(purpose).i64(n).sum(), a.hold/10)
}

// intradayHolds are the holds after posted of the total items of d have
// booked: the opening's holds moving to the closing's in step with the
// items, so the float changes only when items post and ends the day at the
// value the next day opens with.
func (b *Bank) intradayHolds(a *account, d date, posted, total int) money {
	open, end := b.closingHolds(a, d-1), b.closingHolds(a, d)
	if total == 0 {
		return open
	}
	return open + (end-open)*money(posted)/money(total)
}

// dayEnd is the report for a finished day d. Its recordTimestamp is the end
// of d in the account's zone: when the prior-day report could first exist.
func (b *Bank) dayEnd(a *account, d date) snapshot {
	openL, openA := b.dayClose(a, d-1)
	endL, endA := b.dayClose(a, d)
	return snapshot{
		asOf:       d,
		record:     (d + 1).midnight(a.loc).UTC(),
		currentDay: false,
		openLedger: openL,
		openAvail:  openA,
		endLedger:  endL,
		endAvail:   endA,
	}
}

// intraday is the current-day report of d as last refreshed at cycle c:
// the opening plus the items of d booked by the cycle's start. For the
// stale account c lags the clock, possibly into the previous day; no item
// of d is booked by then, so the report is today's with the opening as
// its ending (the feed is late, the report is still today's).
func (b *Bank) intraday(a *account, d date, c int64) snapshot {
	record := cycleStart(c)
	openL, openA := b.dayClose(a, d-1)
	seeded := b.dayBooked(a, d)
	n, moved := bookedBy(seeded, record)
	_, paid := bookedBy(b.paymentItemsOn(a, d), record)
	endL := openL + moved + paid
	return snapshot{
		asOf:       d,
		record:     record,
		currentDay: true,
		openLedger: openL,
		openAvail:  openA,
		endLedger:  endL,
		endAvail:   endL - b.intradayHolds(a, d, n, len(seeded)) - b.pendingHolds(a.id, record),
	}
}

// bookedBy counts the items (in posting order) booked by t, and their net.
func bookedBy(items []mockTxn, t time.Time) (n int, net money) {
	for i := range items {
		if items[i].posted.After(t) {
			break
		}
		n++
		net += items[i].signed()
	}
	return n, net
}

// today is the account's current business day at now. Every calendar day
// is a business day: weekends and holidays are not modelled (a simplification
// to keep the book deterministic and small; real reporting skips them).
func today(a *account, now time.Time) date { return dateOf(now, a.loc) }

// current is what the bank reports for "today" at now: the intraday snapshot
// of the latest cycle (lagged for the stale account), or, for an account
// with prior-day reporting only, the previous day's final report.
func (b *Bank) current(a *account, now time.Time) snapshot {
	d := today(a, now)
	if a.priorDayOnly {
		return b.dayEnd(a, d-1)
	}
	return b.intraday(a, d, cycleIndex(b.intradayCutoff(a, now)))
}

// onDate is the report for day d as seen at now, ok=false when there is none
// (a future day, or today for a prior-day-only account).
func (b *Bank) onDate(a *account, d date, now time.Time) (snapshot, bool) {
	t := today(a, now)
	switch {
	case d < t:
		return b.dayEnd(a, d), true
	case d == t && !a.priorDayOnly:
		return b.current(a, now), true
	default:
		return snapshot{}, false
	}
}
