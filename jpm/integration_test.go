package jpm_test

// Integration tests: the real client (package jpm) against the mock bank
// (package jpm/mock) over real loopback HTTP. The mock's clock and the
// client's clock are the same fixed instant, and the client's Sleep only
// records what it was asked to wait, so every run sees the same bytes and
// no test waits for a backoff.

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"cashpos/jpm"
	"cashpos/jpm/mock"
	"cashpos/model"
)

// fixedNow is a Friday afternoon in New York: 20:04 in London, 21:04 in
// Frankfurt, 23:04 in Bahrain and already 05:04 on Saturday the 21st in
// Tokyo, so an account whose zone were taken as New York's would read stale.
var fixedNow = time.Date(2026, 11, 20, 15, 4, 0, 0, mustLoad("America/New_York"))

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// sleepLog is the client's injected Sleep: it records the durations and
// returns at once.
type sleepLog struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleepLog) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleepLog) got() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.d)
}

// env is one mock bank served on loopback by httptest, plus a counter of
// token-endpoint calls (the bank's own counter excludes them).
type env struct {
	tb         testing.TB
	bank       *mock.Bank
	srv        *httptest.Server
	transport  *http.Transport
	tokenCalls atomic.Int64
	sleeps     *sleepLog
	// before, when set, runs ahead of the bank for every API request
	// (not the token call); tests use it to hold requests at a barrier.
	before atomic.Pointer[func(*http.Request)]
}

func newEnv(tb testing.TB, o mock.Options) *env {
	tb.Helper()
	if o.Now == nil {
		o.Now = func() time.Time { return fixedNow }
	}
	if o.Seed == 0 {
		o.Seed = 7
	}
	e := &env{tb: tb, bank: mock.New(o), sleeps: &sleepLog{}}
	e.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == mock.TokenPath {
			e.tokenCalls.Add(1)
		} else if f := e.before.Load(); f != nil {
			(*f)(r)
		}
		e.bank.ServeHTTP(w, r)
	}))
	tb.Cleanup(e.srv.Close)
	// A transport of our own, so tests never share keep-alive connections.
	e.transport = http.DefaultTransport.(*http.Transport).Clone()
	tb.Cleanup(e.transport.CloseIdleConnections) // runs before srv.Close
	return e
}

func (e *env) options() jpm.Options {
	base := e.srv.URL
	return jpm.Options{
		Endpoints: jpm.Endpoints{
			Balance: base + "/accessapi",
			BDA:     base + "/account/v2",
			Token:   base + mock.TokenPath,
		},
		ClientID:     mock.DefaultClientID,
		ClientSecret: mock.DefaultClientSecret,
		Scope:        "jpm:payments:sandbox",
		HTTPClient:   &http.Client{Transport: e.transport},
		Timeout:      10 * time.Second,
		Now:          func() time.Time { return fixedNow },
		Sleep:        e.sleeps.sleep,
		Rand:         func() float64 { return 0.5 },
	}
}

func (e *env) client(mutate ...func(*jpm.Options)) *jpm.Client {
	e.tb.Helper()
	o := e.options()
	for _, m := range mutate {
		m(&o)
	}
	c, err := jpm.New(o)
	if err != nil {
		e.tb.Fatalf("jpm.New: %v", err)
	}
	return c
}

func withDiscoverBDA(o *jpm.Options) { o.DiscoverBDA = true }

func plain(d decimal.NullDecimal, decimals int32) string {
	if !d.Valid {
		return "<missing>"
	}
	return model.FormatPlain(d.Decimal, decimals)
}

func amounts(b model.Balance) [4]decimal.NullDecimal {
	return [4]decimal.NullDecimal{b.OpeningAvailable, b.OpeningLedger, b.EndingAvailable, b.EndingLedger}
}

func dateIn(t time.Time, loc *time.Location, addDays int) string {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d+addDays, 12, 0, 0, 0, time.UTC).Format(time.DateOnly)
}

func accountsWith(all []mock.AccountInfo, keep func(mock.AccountInfo) bool) []mock.AccountInfo {
	var out []mock.AccountInfo
	for _, a := range all {
		if keep(a) {
			out = append(out, a)
		}
	}
	return out
}

func refsOf(accts []mock.AccountInfo) []model.AccountRef {
	refs := make([]model.AccountRef, len(accts))
	for i, a := range accts {
		refs[i] = model.AccountRef{ID: a.ID}
		if a.API == mock.APIBDA {
			refs[i].API, refs[i].BIC = model.APIBDAV2, a.BIC
		}
	}
	return refs
}

func synthetic(a mock.AccountInfo) bool { return a.Scenario == mock.ScenarioSynthetic }

func assertOneLine(t *testing.T, err error) {
	t.Helper()
	if msg := err.Error(); strings.ContainsAny(msg, "\r\n") || msg == "" {
		t.Errorf("error message is not one line: %q", msg)
	}
}

func TestIntegrationWholeBookMatchesWire(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client(withDiscoverBDA)
	snap, err := c.Balances(context.Background(), nil, jpm.CurrentDay)
	if err != nil {
		t.Fatalf("Balances: %v", err)
	}
	if snap.Partial {
		t.Errorf("snapshot is partial")
	}

	book := e.bank.Accounts()
	rows := map[string]model.Balance{}
	for _, b := range snap.Balances {
		if _, dup := rows[b.Account.ID]; dup {
			t.Errorf("account %s appears more than once", b.Account.ID)
		}
		rows[b.Account.ID] = b
		if b.Problem != nil {
			t.Errorf("account %s has a problem: %+v", b.Account.ID, b.Problem)
		}
	}
	if len(snap.Balances) != len(book) {
		t.Errorf("%d rows for a book of %d accounts", len(snap.Balances), len(book))
	}

	wire := e.rawV1("CURRENT_DAY")
	nyToday := dateIn(fixedNow, mustLoad("America/New_York"), 0)
	bdaWire := e.rawBDA(accountsWith(book, func(a mock.AccountInfo) bool { return a.API == mock.APIBDA }),
		dateIn(fixedNow, mustLoad("America/New_York"), -1), nyToday)

	for _, info := range book {
		b, ok := rows[info.ID]
		if !ok {
			t.Errorf("account %s (%s) is missing from the snapshot", info.ID, info.Name)
			continue
		}
		if got := b.Account.Location().String(); got != info.TimeZone {
			t.Errorf("%s (%s): zone %s, want %s (inferred from the bank id)", info.ID, info.Name, got, info.TimeZone)
		}
		if int(b.Account.Currency.Decimals) != info.Decimals || b.Account.Currency.Code != info.Currency {
			t.Errorf("%s: currency %+v, want %s with %d decimals", info.ID, b.Account.Currency, info.Currency, info.Decimals)
		}
		fresh := model.Classify(b, fixedNow, model.DefaultThresholds, false)

		if info.API == mock.APIBDA {
			today := bdaWire[info.ID][nyToday]
			yest := bdaWire[info.ID][dateIn(fixedNow, mustLoad("America/New_York"), -1)]
			want := [4]string{yest["CLOSING_AVAILABLE"], yest["CLOSING_BOOKED"], today["INTERIM_AVAILABLE"], today["INTERIM_BOOKED"]}
			for i, a := range amounts(b) {
				if want[i] == "" {
					t.Errorf("BDA %s: the mock sent no %s", info.ID, v1AmountFields[i])
				}
				if got := plain(a, b.Account.Currency.Decimals); got != want[i] {
					t.Errorf("BDA %s %s: got %s, wire %s", info.ID, v1AmountFields[i], got, want[i])
				}
			}
			if !b.CurrentDay || b.AsOfDate != nyToday || fresh != model.Fresh {
				t.Errorf("BDA %s: currentDay %v asOf %s %v, want a fresh current-day row for %s", info.ID, b.CurrentDay, b.AsOfDate, fresh, nyToday)
			}
			continue
		}

		w, ok := wire[info.ID]
		if !ok {
			t.Errorf("v1 %s: not on the raw wire", info.ID)
			continue
		}
		if w.decimals != b.Account.Currency.Decimals {
			t.Errorf("v1 %s: decimals %d, wire decimalLocation %d", info.ID, b.Account.Currency.Decimals, w.decimals)
		}
		for i, a := range amounts(b) {
			if got := plain(a, w.decimals); got != w.amounts[i] {
				t.Errorf("v1 %s %s: got %s, wire %s", info.ID, v1AmountFields[i], got, w.amounts[i])
			}
		}
		if b.AsOfDate != w.asOf || b.CurrentDay != w.currentDay || b.RecordTime.UTC().Format(time.RFC3339) != w.record {
			t.Errorf("v1 %s: asOf %s current %v record %s; wire %s %v %s", info.ID,
				b.AsOfDate, b.CurrentDay, b.RecordTime.UTC().Format(time.RFC3339), w.asOf, w.currentDay, w.record)
		}
		if b.Account.BankID != w.bankID {
			t.Errorf("v1 %s: bank id %q, wire %q", info.ID, b.Account.BankID, w.bankID)
		}

		switch info.Scenario {
		case mock.ScenarioStale:
			if age := fixedNow.Sub(b.RecordTime); age < 3*time.Hour || age > 3*time.Hour+15*time.Minute {
				t.Errorf("stale account %s: record time %s is %s behind the clock, want ~3h", info.ID, b.RecordTime, age)
			}
			if !b.CurrentDay || fresh != model.Stale {
				t.Errorf("stale account %s: currentDay %v, classified %v, want a stale current-day row", info.ID, b.CurrentDay, fresh)
			}
		case mock.ScenarioPriorDay:
			if b.CurrentDay || fresh != model.PriorDay {
				t.Errorf("prior-day-only account %s: currentDay %v, classified %v, want prior-day", info.ID, b.CurrentDay, fresh)
			}
		default:
			// Includes London, Tokyo (already the 21st there) and Bahrain.
			if fresh != model.Fresh {
				t.Errorf("%s (%s, %s): classified %v at %s, want fresh (asOf %s, record %s)",
					info.ID, info.Name, info.TimeZone, fresh, fixedNow, b.AsOfDate, b.RecordTime)
			}
		}
		switch info.Currency {
		case "JPY":
			for i, a := range amounts(b) {
				if s := plain(a, b.Account.Currency.Decimals); strings.Contains(s, ".") {
					t.Errorf("JPY %s %s = %s has a fraction", info.ID, v1AmountFields[i], s)
				}
			}
		case "BHD":
			for i, a := range amounts(b) {
				s := plain(a, b.Account.Currency.Decimals)
				if _, frac, _ := strings.Cut(s, "."); len(frac) != 3 {
					t.Errorf("BHD %s %s = %s has not 3 decimals", info.ID, v1AmountFields[i], s)
				}
			}
		}
		if info.Scenario == mock.ScenarioLarge {
			s := plain(b.EndingLedger, 2)
			if intPart, _, _ := strings.Cut(strings.TrimPrefix(s, "-"), "."); len(intPart) != 11 {
				t.Errorf("large account %s: ending ledger %s has not 11 integer digits", info.ID, s)
			}
		}
	}
}
