package mock

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// fixedNow is a Wednesday 15:07:30 UTC: 11:07 in New York (EDT), 15:07 in
// London, 16:07 in Frankfurt, 18:07 in Bahrain and already 00:07 on the
// 13th in Tokyo — so "current day" differs by account.
var fixedNow = time.Date(2025, 3, 12, 15, 7, 30, 0, time.UTC)

// testClock is a settable clock, safe for the server's goroutines.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type fixture struct {
	bank   *Bank
	url    string           // base URL of the bank
	client *http.Client     // plain net/http client
	srv    *httptest.Server // nil when served by Serve
	clock  *testClock
}

// newFixture starts a bank (seed 42 unless o says otherwise) behind an
// httptest server on loopback, with a settable clock at fixedNow.
func newFixture(t *testing.T, o Options) *fixture {
	t.Helper()
	c := &testClock{t: fixedNow}
	if o.Now == nil {
		o.Now = c.Now
	}
	if o.Seed == 0 {
		o.Seed = 42
	}
	b := New(o)
	srv := httptest.NewServer(b)
	t.Cleanup(srv.Close)
	return &fixture{bank: b, url: srv.URL, client: srv.Client(), srv: srv, clock: c}
}

// token fetches an access token with the default credentials.
func (f *fixture) token(t *testing.T) string {
	t.Helper()
	form := url.Values{"grant_type": {"client_credentials"}, "scope": {"jpm:payments:sandbox"}}
	req, _ := http.NewRequest(http.MethodPost, f.url+TokenPath, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(DefaultClientID, DefaultClientSecret)
	resp, body := do(t, f.client, req)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("token: %d %s", resp.StatusCode, body)
	}
	var tr struct {
		AccessToken string `json:"access_token"`
	}
	mustUnmarshal(t, body, &tr)
	return tr.AccessToken
}

// call sends one request; tok "" sends no Authorization header.
func (f *fixture) call(t *testing.T, method, path, tok, body string, hdr ...string) (*http.Response, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, f.url+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	return do(t, f.client, req)
}

func do(t *testing.T, c *http.Client, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

func mustUnmarshal(t *testing.T, data []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("unmarshal %s: %v", data, err)
	}
}

// gcaCode returns the single errorCode of a GCA-shaped body.
func gcaCode(t *testing.T, body []byte) string {
	t.Helper()
	var g gcaBody
	mustUnmarshal(t, body, &g)
	if len(g.Errors) != 1 {
		t.Fatalf("want one GCA error, got %s", body)
	}
	return g.Errors[0].ErrorCode
}

// commonErr decodes a common-model error body.
func commonErr(t *testing.T, body []byte) commonError {
	t.Helper()
	var e commonError
	mustUnmarshal(t, body, &e)
	if e.Title == "" || e.TraceID == "" || len(e.Context) == 0 {
		t.Fatalf("incomplete common error: %s", body)
	}
	return e
}

func wantStatus(t *testing.T, resp *http.Response, body []byte, want int) {
	t.Helper()
	if resp.StatusCode != want {
		t.Fatalf("status %d, want %d; body %s", resp.StatusCode, want, body)
	}
}

// accountByScenario finds the book account tagged s.
func (f *fixture) accountByScenario(t *testing.T, s string) AccountInfo {
	t.Helper()
	for _, a := range f.bank.Accounts() {
		if a.Scenario == s {
			return a
		}
	}
	t.Fatalf("no account with scenario %q", s)
	return AccountInfo{}
}
