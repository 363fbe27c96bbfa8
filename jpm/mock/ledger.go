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

// The balance model. Everything is a pure function of (seed, account, date,
// cycle) so any day can be computed directly and the same inputs always give
// the same amounts:
//
//   - closing(d) = base + a seeded drift for d: the day-end ledger balance.
//   - opening(d) = closing(d-1), so "opening = prior day's ending" holds
//     exactly, for ledger and for available.
//   - intraday, the ledger walks from opening(d) towards closing(d) in
//     proportion to the time elapsed in the account's day, plus a seeded
//     per-cycle wiggle of up to ±move, so every 15-minute cycle shows new
//     numbers.
//   - available = ledger - holds, holds seeded around the account's typical
//     float.

func (b *Bank) closingLedger(a *account, d date) money {
	return a.base + spread(newHasher(b.seed).str(a.id).str("close").i64(int64(d)).sum(), a.drift)
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

// dayEnd is the report for a finished day d. Its recordTimestamp is the end
// of d in the account's zone: when the prior-day report could first exist.
func (b *Bank) dayEnd(a *account, d date) snapshot {
	openL, endL := b.closingLedger(a, d-1), b.closingLedger(a, d)
	return snapshot{
		asOf:       d,
		record:     (d + 1).midnight(a.loc).UTC(),
		currentDay: false,
		openLedger: openL,
		openAvail:  openL - b.closingHolds(a, d-1),
		endLedger:  endL,
		endAvail:   endL - b.closingHolds(a, d),
	}
}

// intraday is the current-day report of d as last refreshed at cycle c.
// For the stale account c lags the clock, possibly into the previous day;
// the amounts are then clamped to the start of d so asOfDate stays today
// (the feed is late, the report is still today's).
func (b *Bank) intraday(a *account, d date, c int64) snapshot {
	record := cycleStart(c)
	mid, next := d.midnight(a.loc), (d + 1).midnight(a.loc)
	dayLen := int64(next.Sub(mid) / time.Second)
	elapsed := int64(record.Sub(mid) / time.Second)
	elapsed = max(0, min(elapsed, dayLen-1))

	openL, closeL := b.closingLedger(a, d-1), b.closingLedger(a, d)
	// |closeL-openL| <= 2*maxDrift and dayLen <= 90000 s, so no overflow.
	endL := openL + (closeL-openL)*money(elapsed)/money(dayLen) +
		spread(newHasher(b.seed).str(a.id).str("cycle").i64(c).sum(), a.move)
	paidL, paidA := b.outflows(a.id, record) // payments (payments_balance.go)
	return snapshot{
		asOf:       d,
		record:     record,
		currentDay: true,
		openLedger: openL,
		openAvail:  openL - b.closingHolds(a, d-1),
		endLedger:  endL - paidL,
		endAvail:   endL - b.holds(a, "hold-cycle", c) - paidA,
	}
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
	return b.intraday(a, d, cycleIndex(now.Add(-a.staleBy)))
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
