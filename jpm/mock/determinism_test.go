package mock

import (
	"bytes"
	"net/http"
	"testing"
	"time"
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
		switch {
		case acct.priorDayOnly, acct.scenario == ScenarioZero:
			if string(x.EndLedger) != string(y.EndLedger) {
				t.Errorf("%s should not move intraday", id)
			}
		default:
			if string(x.EndLedger) == string(y.EndLedger) {
				t.Errorf("%s ending ledger did not move: %s", id, x.EndLedger)
			}
			if x.RecordTimestamp == y.RecordTimestamp {
				t.Errorf("%s recordTimestamp did not advance", id)
			}
			moved++
		}
	}
	if moved < 10 {
		t.Errorf("only %d accounts moved", moved)
	}
}

func TestDifferentSeedsDiffer(t *testing.T) {
	a, b := bodies(t, newFixture(t, Options{Seed: 1})), bodies(t, newFixture(t, Options{Seed: 2}))
	if bytes.Equal(a[0], b[0]) {
		t.Error("seeds 1 and 2 produced the same book")
	}
}

func TestIntradayMovesAreSmall(t *testing.T) {
	// Consecutive cycles differ by the interpolated day move plus at most
	// two wiggles: a treasury analyst sees plausible, not wild, changes.
	b := New(Options{Seed: 5})
	for _, a := range b.v1 {
		d := today(a, fixedNow)
		prev := b.intraday(a, d, cycleIndex(fixedNow)-1).endLedger
		cur := b.intraday(a, d, cycleIndex(fixedNow)).endLedger
		limit := 2*a.move + 2*a.drift/48 + 1
		if diff := cur - prev; diff > limit || -diff > limit {
			t.Errorf("%s moved %s in one cycle (limit %s)", a.id, diff.format(a.ccy.decimals), limit.format(a.ccy.decimals))
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
