package jpm

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"cashpos/model"
)

// A Monday: 11:00 in New York, so "today" for a BDA account is 2024-10-07
// and the previous business day is Friday 2024-10-04.
var testNow = time.Date(2024, 10, 7, 15, 0, 0, 0, time.UTC)

const (
	testClientID = "cashpos-test-client"
	testSecret   = "s3cr3t-do-not-print-7f1c"
)

// clock is an injectable, movable Now.
type clock struct{ ns atomic.Int64 }

func newClock(t time.Time) *clock { c := &clock{}; c.ns.Store(t.UnixNano()); return c }
func (c *clock) now() time.Time   { return time.Unix(0, c.ns.Load()).UTC() }
func (c *clock) add(d time.Duration) {
	c.ns.Add(int64(d))
}

// sleeps records what the client asked to sleep, and returns at once.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleeps) got() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// bank is a fake J.P. Morgan: a token endpoint and whatever API routes a
// test adds. It is not the mock bank (jpm/mock); these tests pin the
// client's wire behaviour on their own.
type bank struct {
	t      *testing.T
	srv    *httptest.Server
	mux    *http.ServeMux
	tokens atomic.Int32 // token calls
	// token answers the token call; default: Basic auth checked, "tok-N".
	token func(w http.ResponseWriter, r *http.Request, n int32)
	ttl   int // expires_in
}

func newBank(t *testing.T) *bank {
	t.Helper()
	b := &bank{t: t, mux: http.NewServeMux(), ttl: 3600}
	b.token = b.basicToken
	b.mux.HandleFunc("POST /token", func(w http.ResponseWriter, r *http.Request) {
		b.token(w, r, b.tokens.Add(1))
	})
	b.srv = httptest.NewServer(b.mux)
	t.Cleanup(b.srv.Close)
	return b
}

func (b *bank) basicToken(w http.ResponseWriter, r *http.Request, n int32) {
	id, secret, ok := r.BasicAuth()
	if !ok || id != testClientID || secret != testSecret {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(401)
		io.WriteString(w, `{"error_description":"Client authentication failed","error":"invalid_client"}`)
		return
	}
	if err := r.ParseForm(); err != nil || r.PostForm.Get("grant_type") != "client_credentials" {
		w.WriteHeader(400)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"access_token":"tok-%d","scope":"jpm:payments:sandbox","token_type":"Bearer","expires_in":%d}`, n, b.ttl)
}

func (b *bank) handle(pattern string, h http.HandlerFunc) { b.mux.HandleFunc(pattern, h) }

func (b *bank) options() Options {
	base := b.srv.URL
	return Options{
		Endpoints:    Endpoints{Balance: base + "/accessapi", BDA: base + "/account/v2", Token: base + "/token"},
		ClientID:     testClientID,
		ClientSecret: testSecret,
		Scope:        "jpm:payments:sandbox",
		Timeout:      5 * time.Second,
		Now:          func() time.Time { return testNow },
		Sleep:        (&sleeps{}).sleep,
		Rand:         func() float64 { return 0.5 },
	}
}

func (b *bank) client(mutate ...func(*Options)) *Client {
	b.t.Helper()
	o := b.options()
	for _, m := range mutate {
		m(&o)
	}
	c, err := New(o)
	if err != nil {
		b.t.Fatalf("New: %v", err)
	}
	return c
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

// v1Req decodes a v1 request body in a handler.
type v1ReqSeen struct {
	AccountList []struct {
		AccountID string `json:"accountId"`
	} `json:"accountList"`
	RelativeDateType string `json:"relativeDateType"`
	StartDate        string `json:"startDate"`
	EndDate          string `json:"endDate"`
}

func readV1Req(t *testing.T, r *http.Request) (v1ReqSeen, []byte) {
	t.Helper()
	raw, _ := io.ReadAll(r.Body)
	var q v1ReqSeen
	if err := json.Unmarshal(raw, &q); err != nil {
		t.Errorf("v1 request body is not JSON: %v", err)
	}
	return q, raw
}

func (q v1ReqSeen) ids() []string {
	var out []string
	for _, a := range q.AccountList {
		out = append(out, a.AccountID)
	}
	return out
}

// v1AccountJSON is one realistic accountList entry with one balance.
func v1AccountJSON(id, asOf string, current bool, code string, dl int, amounts [4]string) string {
	return fmt.Sprintf(`{"accountId":%q,"accountName":"ACCOUNT %s","branchId":"","bankId":"02100002","bankName":"JPMORGAN CHASE",`+
		`"currency":{"code":%q,"currencySequence":0,"decimalLocation":%d,"description":"DESC %s"},`+
		`"balanceList":[{"asOfDate":%q,"recordTimestamp":"2024-10-07T14:44:20Z","currentDay":%t,`+
		`"openingAvailableAmount":%s,"openingLedgerAmount":%s,"endingAvailableAmount":%s,"endingLedgerAmount":%s}]}`,
		id, id, code, dl, code, asOf, current, amounts[0], amounts[1], amounts[2], amounts[3])
}

func usdAccount(id string) string {
	return v1AccountJSON(id, "2024-10-07", true, "USD", 2, [4]string{"100.00", "101.00", "102.00", "103.00"})
}

// v1Echo answers every requested account with a USD balance.
func v1Echo(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q, _ := readV1Req(t, r)
		v1Answer(w, q.ids())
	}
}

func v1Answer(w http.ResponseWriter, ids []string) {
	var parts []string
	for _, id := range ids {
		parts = append(parts, usdAccount(id))
	}
	writeJSON(w, 200, `{"accountList":[`+strings.Join(parts, ",")+`]}`)
}

func v1Refs(ids ...string) []model.AccountRef {
	var out []model.AccountRef
	for _, id := range ids {
		out = append(out, model.AccountRef{ID: id, API: model.APIAccessV1})
	}
	return out
}

func bdaRefs(ids ...string) []model.AccountRef {
	var out []model.AccountRef
	for _, id := range ids {
		out = append(out, model.AccountRef{ID: id, API: model.APIBDAV2})
	}
	return out
}

func rowIDs(rows []model.Balance) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r.Account.ID)
	}
	return out
}

// exact is an amount as the bank wrote it (scale kept: "12.50", not
// "12.5"), or "missing".
func exact(n decimal.NullDecimal) string {
	if !n.Valid {
		return "missing"
	}
	if e := n.Decimal.Exponent(); e < 0 {
		return n.Decimal.StringFixed(-e)
	}
	return n.Decimal.String()
}
