package mock

import (
	"bytes"
	"net/http"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// requests exercised for determinism: every data-bearing route.
var determinismCalls = []struct{ method, path, body string }{
	{http.MethodPost, BalanceV1Path, `{}`},
	{http.MethodPost, BalanceV1Path, `{"startDate":"2025-02-20","endDate":"2025-03-13"}`},
	{http.MethodPost, BalanceV1Path, `{"relativeDateType":"PRIOR_DAY"}`},
	{http.MethodGet, BDABalancesPath + "?pageSize=2", ``},
	{http.MethodPost, BDAInquiryPath, `{"accountIdentifiers":[{"number":"2000318274","financialInstitutionId":{"id":"CHASUS33MCY","idType":"BIC"}}],` +
		`"balanceTypes":["CLOSING_AVAILABLE","INTERIM_AVAILABLE"],"fromDate":"2025-03-01"}`},
}

func bodies(t *testing.T, f *fixture) [][]byte {
	t.Helper()
	tok := f.token(t)
	var out [][]byte
	for _, c := range determinismCalls {
		resp, body := f.call(t, c.method, c.path, tok, c.body)
		wantStatus(t, resp, body, http.StatusOK)
		out = append(out, body)
	}
	return out
}

func TestSameSeedAndClockGiveIdenticalBytes(t *testing.T) {
	a, b := bodies(t, newFixture(t, Options{Seed: 2024})), bodies(t, newFixture(t, Options{Seed: 2024}))
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			t.Errorf("call %d differs:\n%s\n%s", i, a[i], b[i])
		}
	}
	// Later in the same 15-minute cycle nothing changes either.
	f := newFixture(t, Options{Seed: 2024})
	f.clock.Set(fixedNow.Add(7 * time.Minute)) // 15:14:30, still the 15:00 cycle
	c := bodies(t, f)
	for i := range a {
		if !bytes.Equal(a[i], c[i]) {
			t.Errorf("call %d changed within one cycle", i)
		}
	}
}

// TestNextCycleMovesEndingBalances: the next cycle moves an ending ledger
// by exactly the items booked in between; at 11:07 in New York the busy
// accounts have some (Tokyo is just past midnight, the quiet ones may not).
func TestNextCycleMovesEndingBalances(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	before := f.v1(t, tok, `{}`)
	f.clock.Add(15 * time.Minute)
	after := f.v1(t, tok, `{}`)
	moved := 0
	for id, a := range before {
		acct := f.bank.v1ByID[id]
		x, y := a.BalanceList[0], after[id].BalanceList[0]
		if string(x.OpenLedger) != string(y.OpenLedger) {
			t.Errorf("%s opening changed within the day: %s -> %s", id, x.OpenLedger, y.OpenLedger)
		}
		if acct.priorDayOnly {
			if string(x.EndLedger) != string(y.EndLedger) {
				t.Errorf("%s should not move intraday", id)
			}
			continue
		}
		if x.RecordTimestamp == y.RecordTimestamp {
			t.Errorf("%s recordTimestamp did not advance", id)
		}
		from, _ := time.Parse(time.RFC3339, x.RecordTimestamp)
		to, _ := time.Parse(time.RFC3339, y.RecordTimestamp)
		want := netBetween(f.bank.dayBooked(acct, today(acct, fixedNow)), from, to)
		got := dec(t, y.EndLedger).Sub(dec(t, x.EndLedger))
		if !got.Equal(decimal.RequireFromString(want.format(acct.ccy.decimals))) {
			t.Errorf("%s moved %s in a cycle whose items net %s", id, got, want.format(acct.ccy.decimals))
		}
		if !got.IsZero() {
			moved++
		}
	}
	if moved < 5 {
		t.Errorf("only %d accounts moved", moved)
	}
}

// netBetween is the net of the items booked in (from, to].
func netBetween(items []mockTxn, from, to time.Time) money {
	_, a := bookedBy(items, from)
	_, b := bookedBy(items, to)
	return b - a
}

func TestDifferentSeedsDiffer(t *testing.T) {
	a, b := bodies(t, newFixture(t, Options{Seed: 1})), bodies(t, newFixture(t, Options{Seed: 2}))
	if bytes.Equal(a[0], b[0]) {
		t.Error("seeds 1 and 2 produced the same book")
	}
}

// TestAvailableFollowsLedger: intraday, available is the ledger less the
// account's float, which stays within the seeded holds of the day's opening
// and closing (the typical float ±10%), so available moves with the ledger
// rather than on its own.
func TestAvailableFollowsLedger(t *testing.T) {
	b := New(Options{Seed: 5})
	for _, a := range b.v1 {
		if a.priorDayOnly {
			continue
		}
		d := today(a, fixedNow)
		lo, hi := b.closingHolds(a, d-1), b.closingHolds(a, d)
		lo, hi = min(lo, hi), max(lo, hi)
		for c := cycleIndex(d.midnight(a.loc)); c < cycleIndex((d + 1).midnight(a.loc)); c++ {
			s := b.intraday(a, d, c)
			if gap := s.endLedger - s.endAvail; gap < lo || gap > hi || (a.hold == 0 && gap != 0) {
				t.Fatalf("%s cycle %s: ledger - available = %s, outside the day's holds %s..%s", a.id,
					cycleStart(c).Format(time.RFC3339), gap.format(a.ccy.decimals), lo.format(a.ccy.decimals), hi.format(a.ccy.decimals))
			}
		}
	}
}

// TestInvariantsAroundTheClock checks, every 15 minutes over two days (so
// every zone crosses midnight), what the dashboard relies on.
func TestInvariantsAroundTheClock(t *testing.T) {
	b := New(Options{Seed: 11})
	start := time.Date(2025, 3, 8, 0, 0, 0, 0, time.UTC) // spans the US DST change of 9 March
	for now := start; now.Before(start.Add(48 * time.Hour)); now = now.Add(15 * time.Minute) {
		for _, a := range b.book {
			s := b.current(a, now)
			td := today(a, now)
			switch {
			case a.priorDayOnly:
				if s.currentDay || s.asOf != td-1 {
					t.Fatalf("%s at %s: prior-day-only gave %+v", a.id, now, s)
				}
			case !s.currentDay || s.asOf != td:
				t.Fatalf("%s at %s: asOf %s currentDay %v, want today %s", a.id, now, s.asOf, s.currentDay, td)
			}
			if s.record.After(now) {
				t.Fatalf("%s at %s: recordTimestamp %s in the future", a.id, now, s.record)
			}
			if lag := now.Sub(s.record); a.scenario == ScenarioStale && (lag < 3*time.Hour || lag >= 3*time.Hour+15*time.Minute) {
				t.Fatalf("stale lag %s", lag)
			}
			prev := b.dayEnd(a, s.asOf-1)
			if s.openLedger != prev.endLedger || s.openAvail != prev.endAvail {
				t.Fatalf("%s at %s: opening %d/%d != prior ending %d/%d", a.id, now, s.openLedger, s.openAvail, prev.endLedger, prev.endAvail)
			}
			if s.endAvail > s.endLedger {
				t.Fatalf("%s: available above ledger", a.id)
			}
			switch a.scenario {
			case ScenarioOverdrawn:
				if s.endLedger >= 0 || s.endAvail >= 0 || s.openLedger >= 0 {
					t.Fatalf("overdrawn account not negative: %+v", s)
				}
			case ScenarioZero:
				if s != (snapshot{asOf: s.asOf, record: s.record, currentDay: s.currentDay}) {
					t.Fatalf("zero account moved: %+v", s)
				}
			case ScenarioLarge:
				if n := len(s.endLedger.format(2)); n != 14 { // 11 digits + "." + 2
					t.Fatalf("large balance %s", s.endLedger.format(2))
				}
			}
		}
	}
}
