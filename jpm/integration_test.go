package jpm_test

// Integration tests: the real client (package jpm) against the mock bank
// (package jpm/mock) over real loopback HTTP. The mock's clock and the
// client's clock are the same fixed instant, and the client's Sleep only
// records what it was asked to wait, so every run sees the same bytes and
// no test waits for a backoff.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
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

// ---- raw wire access, independent of package jpm ----

func (e *env) rawToken() string {
	e.tb.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+mock.TokenPath,
		strings.NewReader(url.Values{"grant_type": {"client_credentials"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(mock.DefaultClientID, mock.DefaultClientSecret)
	res, data := e.send(req)
	if res.StatusCode != http.StatusOK {
		e.tb.Fatalf("raw token call: HTTP %d", res.StatusCode)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(data, &tok); err != nil || tok.AccessToken == "" {
		e.tb.Fatalf("raw token call: no access_token (%v)", err)
	}
	return tok.AccessToken
}

func (e *env) send(req *http.Request) (*http.Response, []byte) {
	e.tb.Helper()
	res, err := (&http.Client{Transport: e.transport}).Do(req)
	if err != nil {
		e.tb.Fatalf("raw %s %s: %v", req.Method, req.URL.Path, err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		e.tb.Fatalf("raw %s %s: reading body: %v", req.Method, req.URL.Path, err)
	}
	return res, data
}

// rawPost posts a JSON body with a bearer token and decodes the answer with
// UseNumber, so every JSON number is kept as the exact text on the wire.
func (e *env) rawPost(path, token, body string) map[string]any {
	e.tb.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	res, data := e.send(req)
	if res.StatusCode != http.StatusOK {
		e.tb.Fatalf("raw POST %s: HTTP %d: %s", path, res.StatusCode, data)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		e.tb.Fatalf("raw POST %s: %v", path, err)
	}
	return doc
}

// wireV1 is one v1 balance entry as the mock wrote it, amounts as text.
type wireV1 struct {
	decimals   int32
	bankID     string
	asOf       string
	record     string
	currentDay bool
	amounts    [4]string // opening available, opening ledger, ending available, ending ledger
}

var v1AmountFields = [4]string{"openingAvailableAmount", "openingLedgerAmount", "endingAvailableAmount", "endingLedgerAmount"}

// rawV1 asks Account Balances v1 for every entitled account and returns the
// (single) balance of each by account id.
func (e *env) rawV1(relative string) map[string]wireV1 {
	e.tb.Helper()
	doc := e.rawPost(mock.BalanceV1Path, e.rawToken(), `{"relativeDateType":"`+relative+`"}`)
	out := map[string]wireV1{}
	for _, a := range doc["accountList"].([]any) {
		acct := a.(map[string]any)
		list := acct["balanceList"].([]any)
		if len(list) != 1 {
			e.tb.Fatalf("raw v1: account %v has %d balances, want 1", acct["accountId"], len(list))
		}
		bal := list[0].(map[string]any)
		dl, err := acct["currency"].(map[string]any)["decimalLocation"].(json.Number).Int64()
		if err != nil {
			e.tb.Fatalf("raw v1: decimalLocation: %v", err)
		}
		w := wireV1{
			decimals:   int32(dl),
			bankID:     acct["bankId"].(string),
			asOf:       bal["asOfDate"].(string),
			record:     bal["recordTimestamp"].(string),
			currentDay: bal["currentDay"].(bool),
		}
		for i, f := range v1AmountFields {
			n, ok := bal[f].(json.Number)
			if !ok {
				e.tb.Fatalf("raw v1: %s of %v is %T, not a JSON number", f, acct["accountId"], bal[f])
			}
			w.amounts[i] = n.String()
		}
		out[acct["accountId"].(string)] = w
	}
	return out
}

// rawBDA asks the BDA inquiry for all four balance types of every BDA
// account over [from, to] and returns amount text by number, date and type.
func (e *env) rawBDA(accts []mock.AccountInfo, from, to string) map[string]map[string]map[string]string {
	e.tb.Helper()
	type fi struct {
		ID     string `json:"id"`
		IDType string `json:"idType"`
	}
	type ident struct {
		Number string `json:"number"`
		FI     fi     `json:"financialInstitutionId"`
	}
	var ids []ident
	for _, a := range accts {
		ids = append(ids, ident{a.ID, fi{a.BIC, "BIC"}})
	}
	body, _ := json.Marshal(map[string]any{
		"accountIdentifiers": ids,
		"balanceTypes":       []string{"INTERIM_AVAILABLE", "INTERIM_BOOKED", "CLOSING_AVAILABLE", "CLOSING_BOOKED"},
		"fromDate":           from,
		"toDate":             to,
	})
	doc := e.rawPost(mock.BDAInquiryPath+"?pageSize=100", e.rawToken(), string(body))
	out := map[string]map[string]map[string]string{}
	for _, x := range doc["accountBalances"].([]any) {
		ab := x.(map[string]any)
		num := ab["account"].(map[string]any)["number"].(string)
		out[num] = map[string]map[string]string{}
		for _, y := range ab["balances"].([]any) {
			b := y.(map[string]any)
			d := b["bookDate"].(string)
			if out[num][d] == nil {
				out[num][d] = map[string]string{}
			}
			out[num][d][b["type"].(string)] = b["amount"].(string)
		}
	}
	return out
}

// ---- small helpers ----

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

// ---- 1. the whole demo book ----

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

// ---- 2. watched lists with unknown ids ----

func TestIntegrationWatchedUnknownAccountIsProblemRow(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client()
	const unknown = "000000099999999"
	watched := []model.AccountRef{
		{ID: "000000010962009", Label: "Ops"},
		{ID: unknown, Label: "Typo"},
		{ID: "000000020450017"},
		{ID: "1234567890", API: model.APIBDAV2},
	}
	snap, err := c.Balances(context.Background(), watched, jpm.CurrentDay)
	if err != nil {
		t.Fatalf("Balances: %v", err)
	}
	if len(snap.Balances) != len(watched) {
		t.Fatalf("%d rows for %d watched accounts", len(snap.Balances), len(watched))
	}
	for i, b := range snap.Balances {
		if b.Account.ID != watched[i].ID {
			t.Errorf("row %d is %s, want %s (watched order)", i, b.Account.ID, watched[i].ID)
		}
		if watched[i].ID == unknown {
			if b.Problem == nil || b.Problem.Code != "GCA-010" {
				t.Errorf("unknown account: problem %+v, want GCA-010", b.Problem)
			}
			if b.Account.Label != "Typo" {
				t.Errorf("unknown account lost its label: %+v", b.Account)
			}
			continue
		}
		if b.Problem != nil || !b.EndingLedger.Valid || !b.EndingAvailable.Valid {
			t.Errorf("row %s: problem %+v, ending ledger valid %v", b.Account.ID, b.Problem, b.EndingLedger.Valid)
		}
	}
	if snap.Balances[0].Account.Label != "Ops" {
		t.Errorf("label not carried: %+v", snap.Balances[0].Account)
	}
}

func TestIntegrationWatchedAllUnknownIsBadRequest(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client()
	_, err := c.Balances(context.Background(),
		[]model.AccountRef{{ID: "000000099999998"}, {ID: "000000099999999"}}, jpm.CurrentDay)
	if !errors.Is(err, model.ErrBadRequest) {
		t.Fatalf("err = %v, want ErrBadRequest", err)
	}
	assertOneLine(t, err)
	if !strings.Contains(err.Error(), "GCA-009") {
		t.Errorf("error does not name GCA-009: %q", err)
	}
}

// ---- 3. no eligible accounts ----

func TestIntegrationNoEligibleAccounts(t *testing.T) {
	for _, discover := range []bool{false, true} {
		t.Run(fmt.Sprintf("discoverBDA=%v", discover), func(t *testing.T) {
			e := newEnv(t, mock.Options{})
			e.bank.Faults().SetNoEligibleAccounts(true)
			c := e.client(func(o *jpm.Options) { o.DiscoverBDA = discover })
			_, err := c.Balances(context.Background(), nil, jpm.CurrentDay)
			if !errors.Is(err, model.ErrNoEligibleAccounts) {
				t.Fatalf("err = %v, want ErrNoEligibleAccounts", err)
			}
			assertOneLine(t, err)
			if got := e.sleeps.got(); len(got) != 0 {
				t.Errorf("retried a GCA-022 answer: sleeps %v", got)
			}
		})
	}
}

// ---- 4. wrong secret ----

func TestIntegrationWrongSecretIsUnauthorized(t *testing.T) {
	e := newEnv(t, mock.Options{})
	const secret = "not-the-secret-4b8e9d"
	c := e.client(withDiscoverBDA, func(o *jpm.Options) { o.ClientSecret = secret })
	_, err := c.Balances(context.Background(), nil, jpm.CurrentDay)
	if !errors.Is(err, model.ErrUnauthorized) {
		t.Fatalf("err = %v, want ErrUnauthorized", err)
	}
	assertOneLine(t, err)
	if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), mock.DefaultClientSecret) {
		t.Errorf("error shows a secret: %q", err)
	}
	if got := e.sleeps.got(); len(got) != 0 {
		t.Errorf("retried refused credentials: sleeps %v", got)
	}
	// Two concurrent jobs: one shared fetch, or two if the second starts
	// after the first fetch has failed (a failure is not cached); never more.
	if n := e.tokenCalls.Load(); n < 1 || n > 2 {
		t.Errorf("%d token calls for two jobs refused alike, want 1 or 2", n)
	}
}

// ---- 5. faults ----

// fiveV1 is a small watched list answered by one v1 call.
var fiveV1 = []model.AccountRef{
	{ID: "000000010962009"}, {ID: "000000010900009"}, {ID: "000000020450017"},
	{ID: "000000040112006"}, {ID: "000000050330027"},
}

func checkRows(t *testing.T, snap model.Snapshot, want int) {
	t.Helper()
	if len(snap.Balances) != want || snap.Partial {
		t.Fatalf("%d rows (partial %v), want %d", len(snap.Balances), snap.Partial, want)
	}
	for _, b := range snap.Balances {
		if b.Problem != nil {
			t.Errorf("%s: problem %+v", b.Account.ID, b.Problem)
		}
	}
}

func TestIntegrationFaultRateLimitHonoursRetryAfter(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client()
	e.bank.Faults().RateLimitNext(2, 3)
	before := e.bank.Requests()
	snap, err := c.Balances(context.Background(), fiveV1, jpm.CurrentDay)
	if err != nil {
		t.Fatalf("Balances: %v", err)
	}
	checkRows(t, snap, len(fiveV1))
	if got, want := e.sleeps.got(), []time.Duration{3 * time.Second, 3 * time.Second}; !slices.Equal(got, want) {
		t.Errorf("sleeps %v, want %v (Retry-After: 3)", got, want)
	}
	if n := e.bank.Requests() - before; n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
}

func TestIntegrationFaultFailNextRetries(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client()
	e.bank.Faults().FailNext(2, 503)
	snap, err := c.Balances(context.Background(), fiveV1, jpm.CurrentDay)
	if err != nil {
		t.Fatalf("Balances: %v", err)
	}
	checkRows(t, snap, len(fiveV1))
	// Full jitter with Rand 0.5: half of 250ms, then half of 500ms.
	if got, want := e.sleeps.got(), []time.Duration{125 * time.Millisecond, 250 * time.Millisecond}; !slices.Equal(got, want) {
		t.Errorf("sleeps %v, want %v", got, want)
	}
}

func TestIntegrationFaultDroppedConnectionRetried(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client()
	// Warm the token and a keep-alive connection, so the drop hits a
	// reused connection as it would in a long session.
	if _, err := c.Balances(context.Background(), fiveV1[:1], jpm.CurrentDay); err != nil {
		t.Fatalf("warm-up: %v", err)
	}
	e.bank.Faults().DropNext(1)
	before := e.bank.Requests()
	snap, err := c.Balances(context.Background(), fiveV1, jpm.CurrentDay)
	if err != nil {
		t.Fatalf("Balances: %v", err)
	}
	checkRows(t, snap, len(fiveV1))
	if n := e.bank.Requests() - before; n != 2 {
		t.Errorf("%d requests, want 2 (dropped + retry)", n)
	}
	if got := e.sleeps.got(); len(got) != 1 {
		t.Errorf("sleeps %v, want one backoff", got)
	}
}

func TestIntegrationFaultExpiredTokenRefreshedOnce(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client()
	if _, err := c.Balances(context.Background(), fiveV1, jpm.CurrentDay); err != nil {
		t.Fatalf("warm-up: %v", err)
	}
	if n := e.tokenCalls.Load(); n != 1 {
		t.Fatalf("%d token calls after the first Balances, want 1", n)
	}
	e.bank.Faults().ExpireTokens()
	before := e.bank.Requests()
	snap, err := c.Balances(context.Background(), fiveV1, jpm.CurrentDay)
	if err != nil {
		t.Fatalf("Balances after ExpireTokens: %v", err)
	}
	checkRows(t, snap, len(fiveV1))
	if n := e.tokenCalls.Load(); n != 2 {
		t.Errorf("%d token calls in all, want 2 (one new token)", n)
	}
	if n := e.bank.Requests() - before; n != 2 {
		t.Errorf("%d API requests, want 2 (401 + resend)", n)
	}
	if got := e.sleeps.got(); len(got) != 0 {
		t.Errorf("a 401 refresh slept: %v", got)
	}
	// And the new token is cached again.
	if _, err := c.Balances(context.Background(), fiveV1, jpm.CurrentDay); err != nil {
		t.Fatalf("third Balances: %v", err)
	}
	if n := e.tokenCalls.Load(); n != 2 {
		t.Errorf("%d token calls after a third Balances, want 2", n)
	}
}

func TestIntegrationFaultExpiredTokenConcurrentBatches(t *testing.T) {
	e := newEnv(t, mock.Options{ExtraAccounts: 450})
	c := e.client()
	refs := refsOf(accountsWith(e.bank.Accounts(), synthetic))
	if _, err := c.Balances(context.Background(), refs[:1], jpm.CurrentDay); err != nil {
		t.Fatalf("warm-up: %v", err)
	}
	e.bank.Faults().ExpireTokens()
	snap, err := c.Balances(context.Background(), refs, jpm.CurrentDay)
	if err != nil {
		t.Fatalf("Balances: %v", err)
	}
	checkRows(t, snap, len(refs))
	if n := e.tokenCalls.Load(); n != 2 {
		t.Errorf("%d token calls in all, want 2: three batches refused with one stale token must share one new token", n)
	}
}

func TestIntegrationFaultDownIsUnavailable(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client(withDiscoverBDA)
	e.bank.Faults().SetDown(true)
	_, err := c.Balances(context.Background(), nil, jpm.CurrentDay)
	if !errors.Is(err, model.ErrUnavailable) {
		t.Fatalf("err = %v, want ErrUnavailable", err)
	}
	assertOneLine(t, err)
	if !strings.Contains(err.Error(), "503") {
		t.Errorf("error does not give the status: %q", err)
	}
	// Both jobs (v1 and BDA discovery) retried 4 times.
	if got := e.sleeps.got(); len(got) != 8 {
		t.Errorf("%d sleeps %v, want 8 (4 retries for each of 2 calls)", len(got), got)
	}

	e.bank.Faults().SetDown(false)
	if _, err := c.Balances(context.Background(), nil, jpm.CurrentDay); err != nil {
		t.Errorf("after the outage: %v", err)
	}
}

func TestIntegrationFaultMoreFailuresThanRetries(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client(func(o *jpm.Options) { o.MaxRetries = 2 })
	e.bank.Faults().FailNext(3, 502)
	before := e.bank.Requests()
	_, err := c.Balances(context.Background(), fiveV1, jpm.CurrentDay)
	if !errors.Is(err, model.ErrUnavailable) {
		t.Fatalf("err = %v, want ErrUnavailable", err)
	}
	assertOneLine(t, err)
	if n := e.bank.Requests() - before; n != 3 {
		t.Errorf("%d requests, want 3 (1 + MaxRetries 2)", n)
	}
	if !strings.Contains(err.Error(), "after 3 attempts") {
		t.Errorf("error does not count the attempts: %q", err)
	}
	if s := e.bank.Faults().State(); s.FailNext != 0 {
		t.Errorf("FailNext left at %d", s.FailNext)
	}
	if _, err := c.Balances(context.Background(), fiveV1, jpm.CurrentDay); err != nil {
		t.Errorf("once the faults are used up: %v", err)
	}
}

// ---- 6. prior day ----

func TestIntegrationPriorDay(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client(withDiscoverBDA)
	snap, err := c.Balances(context.Background(), nil, jpm.PriorDay)
	if err != nil {
		t.Fatalf("Balances: %v", err)
	}
	if len(snap.Balances) != len(e.bank.Accounts()) {
		t.Errorf("%d rows for %d accounts", len(snap.Balances), len(e.bank.Accounts()))
	}
	wire := e.rawV1("PRIOR_DAY")
	for _, b := range snap.Balances {
		want := dateIn(fixedNow, b.Account.Location(), -1)
		if b.Problem != nil || b.CurrentDay || b.AsOfDate != want {
			t.Errorf("%s (%s): currentDay %v asOf %s problem %+v, want a prior-day row for %s",
				b.Account.ID, b.Account.Location(), b.CurrentDay, b.AsOfDate, b.Problem, want)
		}
		if f := model.Classify(b, fixedNow, model.DefaultThresholds, false); f != model.PriorDay {
			t.Errorf("%s classified %v", b.Account.ID, f)
		}
		for i, a := range amounts(b) {
			if !a.Valid {
				t.Errorf("%s: %s missing", b.Account.ID, v1AmountFields[i])
			}
		}
		if w, ok := wire[b.Account.ID]; ok {
			for i, a := range amounts(b) {
				if got := plain(a, w.decimals); got != w.amounts[i] {
					t.Errorf("v1 %s %s: got %s, wire %s", b.Account.ID, v1AmountFields[i], got, w.amounts[i])
				}
			}
		}
	}
}

// ---- 7. history ----

func TestIntegrationBalanceHistory70Days(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client()
	ny := mustLoad("America/New_York")
	watched := []model.AccountRef{{ID: "000000010962009"}, {ID: "000000040112006"}} // New York, Tokyo
	from := time.Date(2026, 9, 12, 0, 0, 0, 0, ny)
	to := time.Date(2026, 11, 20, 0, 0, 0, 0, ny) // 70 days inclusive
	before := e.bank.Requests()
	rows, err := c.BalanceHistory(context.Background(), watched, from, to)
	if err != nil {
		t.Fatalf("BalanceHistory: %v", err)
	}
	if n := e.bank.Requests() - before; n != 3 {
		t.Errorf("%d requests, want 3 (31 + 31 + 8 days, both accounts per call)", n)
	}
	byAcct := map[string][]model.Balance{}
	var order []string
	for _, b := range rows {
		if b.Problem != nil {
			t.Errorf("%s %s: problem %+v", b.Account.ID, b.AsOfDate, b.Problem)
		}
		if len(byAcct[b.Account.ID]) == 0 {
			order = append(order, b.Account.ID)
		}
		byAcct[b.Account.ID] = append(byAcct[b.Account.ID], b)
	}
	if !slices.Equal(order, []string{watched[0].ID, watched[1].ID}) {
		t.Errorf("accounts in order %v, want the watched order", order)
	}
	for _, r := range watched {
		got := byAcct[r.ID]
		if len(got) != 70 {
			t.Errorf("%s: %d rows, want 70", r.ID, len(got))
		}
		seen := map[string]bool{}
		for i, b := range got {
			if want := time.Date(2026, 9, 12+i, 12, 0, 0, 0, time.UTC).Format(time.DateOnly); b.AsOfDate != want {
				t.Errorf("%s row %d: asOf %s, want %s", r.ID, i, b.AsOfDate, want)
			}
			if seen[b.AsOfDate] {
				t.Errorf("%s: %s twice", r.ID, b.AsOfDate)
			}
			seen[b.AsOfDate] = true
			// The mock's opening is the previous day's ending, across the
			// window boundaries too.
			if i > 0 {
				p := got[i-1]
				if !b.OpeningLedger.Decimal.Equal(p.EndingLedger.Decimal) || !b.OpeningAvailable.Decimal.Equal(p.EndingAvailable.Decimal) {
					t.Errorf("%s %s: opening %s/%s, previous ending %s/%s", r.ID, b.AsOfDate,
						b.OpeningAvailable.Decimal, b.OpeningLedger.Decimal, p.EndingAvailable.Decimal, p.EndingLedger.Decimal)
				}
			}
		}
		last := got[len(got)-1]
		wantCurrent := r.ID == "000000010962009" // still the 20th in New York; Tokyo's 20th is closed
		if last.CurrentDay != wantCurrent {
			t.Errorf("%s %s: currentDay %v, want %v", r.ID, last.AsOfDate, last.CurrentDay, wantCurrent)
		}
	}
}

// ---- 8. batching ----

func TestIntegrationBatching450Accounts(t *testing.T) {
	e := newEnv(t, mock.Options{ExtraAccounts: 450})
	c := e.client()
	refs := refsOf(accountsWith(e.bank.Accounts(), synthetic))
	if len(refs) != 450 {
		t.Fatalf("%d synthetic accounts, want 450", len(refs))
	}
	slices.Reverse(refs) // the watched order, not the bank's, must come back
	before := e.bank.Requests()
	snap, err := c.Balances(context.Background(), refs, jpm.CurrentDay)
	if err != nil {
		t.Fatalf("Balances: %v", err)
	}
	if n := e.bank.Requests() - before; n != 3 {
		t.Errorf("%d balance requests, want 3 (200 + 200 + 50)", n)
	}
	checkRows(t, snap, 450)
	for i, b := range snap.Balances {
		if b.Account.ID != refs[i].ID {
			t.Fatalf("row %d is %s, want %s (watched order)", i, b.Account.ID, refs[i].ID)
		}
	}
}

// ---- 9. concurrency ----

// 1,000 watched accounts go out as 5 batches of 200, all in flight at once.
// Concurrency is proven without a clock: the server holds every balance
// request at a barrier until all 5 have arrived, which a client sending
// batches one after another could never reach (its first request would wait
// for a second that is never sent). The wall-time figure against one round
// trip is measured in BenchmarkFetch1000Accounts50msLatency, not asserted.
func TestIntegrationConcurrentBatches(t *testing.T) {
	e := newEnv(t, mock.Options{ExtraAccounts: 1000})
	c := e.client()
	refs := refsOf(accountsWith(e.bank.Accounts(), synthetic))
	if len(refs) != 1000 {
		t.Fatalf("%d synthetic accounts, want 1000", len(refs))
	}
	ctx := context.Background()
	if _, err := c.Balances(ctx, refs[:1], jpm.CurrentDay); err != nil { // warms the token
		t.Fatalf("warm-up: %v", err)
	}

	const batches = 5
	var arrived sync.WaitGroup
	arrived.Add(batches)
	allIn := make(chan struct{})
	go func() { arrived.Wait(); close(allIn) }()
	var held atomic.Int32
	hold := func(*http.Request) {
		held.Add(1)
		arrived.Done()
		select {
		case <-allIn:
		case <-time.After(10 * time.Second): // a sequential client: fail, don't hang
		}
	}
	e.before.Store(&hold)
	defer e.before.Store(nil)

	before := e.bank.Requests()
	snap, err := c.Balances(ctx, refs, jpm.CurrentDay)
	if err != nil {
		t.Fatalf("Balances: %v", err)
	}
	select {
	case <-allIn:
	default:
		t.Fatalf("only %d of %d batches were in flight together: the client sent them one after another", held.Load(), batches)
	}
	if n := e.bank.Requests() - before; n != batches {
		t.Errorf("%d requests, want %d", n, batches)
	}
	checkRows(t, snap, 1000)
	if n := e.tokenCalls.Load(); n != 1 {
		t.Errorf("%d token calls, want 1 (warmed)", n)
	}
}

// ---- BDA history ----

// A BDA history inside the 45-day window, long enough to need two inquiry
// windows: one row per day, openings chained to the previous closing.
func TestIntegrationBDAHistoryTwoWindows(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client()
	ny := mustLoad("America/New_York")
	from := time.Date(2026, 11, 20-41, 0, 0, 0, 0, ny) // 42 days
	before := e.bank.Requests()
	rows, err := c.BalanceHistory(context.Background(),
		[]model.AccountRef{{ID: "2000318274", API: model.APIBDAV2}}, from, fixedNow)
	if err != nil {
		t.Fatalf("BalanceHistory: %v", err)
	}
	if n := e.bank.Requests() - before; n != 2 {
		t.Errorf("%d requests, want 2 inquiry windows", n)
	}
	if len(rows) != 42 {
		t.Fatalf("%d rows, want 42", len(rows))
	}
	for i, b := range rows {
		if want := time.Date(2026, 11, 20-41+i, 12, 0, 0, 0, time.UTC).Format(time.DateOnly); b.AsOfDate != want {
			t.Errorf("row %d: asOf %s, want %s", i, b.AsOfDate, want)
		}
		if b.Problem != nil || !b.EndingAvailable.Valid || !b.EndingLedger.Valid {
			t.Errorf("%s: problem %+v, endings valid %v/%v", b.AsOfDate, b.Problem, b.EndingAvailable.Valid, b.EndingLedger.Valid)
		}
		if b.CurrentDay != (i == len(rows)-1) {
			t.Errorf("%s: currentDay %v", b.AsOfDate, b.CurrentDay)
		}
		if i > 0 {
			p := rows[i-1]
			if !b.OpeningLedger.Valid || !b.OpeningLedger.Decimal.Equal(p.EndingLedger.Decimal) ||
				!b.OpeningAvailable.Valid || !b.OpeningAvailable.Decimal.Equal(p.EndingAvailable.Decimal) {
				t.Errorf("%s: opening %v/%v, previous closing %s/%s", b.AsOfDate,
					b.OpeningAvailable, b.OpeningLedger, p.EndingAvailable.Decimal, p.EndingLedger.Decimal)
			}
		}
	}
}

// The look-back that finds a window's first opening must stop at the oldest
// day BDA v2 keeps (45 days, jpm-api.md §4.2): a history starting 42-45 days
// back is inside the documented window and must come back whole, not fail
// with 10100 "fromDate must be within the last 45 days".
func TestIntegrationBDAHistoryLookbackStaysInHistoryWindow(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client()
	ny := mustLoad("America/New_York")
	from := time.Date(2026, 11, 20-44, 0, 0, 0, 0, ny) // 45 days, all within the history window
	rows, err := c.BalanceHistory(context.Background(),
		[]model.AccountRef{{ID: "1234567890", API: model.APIBDAV2}}, from, fixedNow)
	if err != nil {
		t.Fatalf("BalanceHistory of the last 45 days: %v", err)
	}
	if len(rows) != 45 {
		t.Errorf("%d rows, want 45", len(rows))
	}
	for _, b := range rows {
		if b.Problem != nil || !b.EndingAvailable.Valid || !b.EndingLedger.Valid {
			t.Errorf("%s: problem %+v, endings valid %v/%v", b.AsOfDate, b.Problem, b.EndingAvailable.Valid, b.EndingLedger.Valid)
		}
	}
}

// ---- cancellation, timeouts, Retry-After cap ----

func TestIntegrationCancelDuringLatency(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client()
	if _, err := c.Balances(context.Background(), fiveV1[:1], jpm.CurrentDay); err != nil {
		t.Fatalf("warm-up: %v", err)
	}
	e.bank.Faults().SetLatency(10 * time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Balances(ctx, fiveV1, jpm.CurrentDay)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the caller's deadline", err)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("Balances took %v after its context ended", took)
	}
	if got := e.sleeps.got(); len(got) != 0 {
		t.Errorf("a cancelled call backed off: %v", got)
	}
}

func TestIntegrationPerAttemptTimeout(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client(func(o *jpm.Options) { o.Timeout = 100 * time.Millisecond; o.MaxRetries = 1 })
	if _, err := c.Balances(context.Background(), fiveV1[:1], jpm.CurrentDay); err != nil {
		t.Fatalf("warm-up: %v", err)
	}
	e.bank.Faults().SetLatency(10 * time.Second)
	start := time.Now()
	_, err := c.Balances(context.Background(), fiveV1, jpm.CurrentDay)
	if !errors.Is(err, model.ErrUnavailable) {
		t.Fatalf("err = %v, want ErrUnavailable", err)
	}
	assertOneLine(t, err)
	if !strings.Contains(err.Error(), "no answer within 100ms") || !strings.Contains(err.Error(), "after 2 attempts") {
		t.Errorf("message does not say what timed out: %q", err)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("two 100ms attempts took %v", took)
	}
}

func TestIntegrationRetryAfterCapped(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client(func(o *jpm.Options) { o.MaxRetryAfter = 5 * time.Second })
	e.bank.Faults().RateLimitNext(1, 600)
	if _, err := c.Balances(context.Background(), fiveV1, jpm.CurrentDay); err != nil {
		t.Fatalf("Balances: %v", err)
	}
	if got, want := e.sleeps.got(), []time.Duration{5 * time.Second}; !slices.Equal(got, want) {
		t.Errorf("sleeps %v, want %v (Retry-After 600 capped at MaxRetryAfter)", got, want)
	}
}
