package mock

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestFaultLatency(t *testing.T) {
	f := newFixture(t, Options{})
	f.bank.Faults().SetLatency(120 * time.Millisecond)
	start := time.Now()
	tok := f.token(t)
	if d := time.Since(start); d < 120*time.Millisecond {
		t.Errorf("token call took %s, want >= 120ms", d)
	}
	start = time.Now()
	resp, body := f.call(t, http.MethodPost, BalanceV1Path, tok, `{}`)
	wantStatus(t, resp, body, http.StatusOK)
	if d := time.Since(start); d < 120*time.Millisecond {
		t.Errorf("API call took %s, want >= 120ms", d)
	}
}

func TestFaultLatencyHonoursCancellation(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	f.bank.Faults().SetLatency(time.Minute)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, f.url+BalanceV1Path, strings.NewReader(`{}`))
	req.Header.Set("Authorization", "Bearer "+tok)
	start := time.Now()
	_, err := f.client.Do(req)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v, want deadline exceeded", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("cancellation took %s", d)
	}
	// The handler must have given up too, or srv.Close (cleanup) would
	// block for a minute; make that explicit.
	done := make(chan struct{})
	go func() { f.srv.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("server still busy with a cancelled request")
	}
}

func TestFaultFailNext(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	f.bank.Faults().FailNext(2, http.StatusServiceUnavailable)
	for i := range 2 {
		resp, body := f.call(t, http.MethodPost, BalanceV1Path, tok, `{}`)
		wantStatus(t, resp, body, http.StatusServiceUnavailable)
		if string(body) != `{"errors":[{"errorCode":"GCA-099","errorMsg":"System is Unavailable"}]}`+"\n" {
			t.Errorf("call %d body %s", i, body)
		}
	}
	resp, body := f.call(t, http.MethodPost, BalanceV1Path, tok, `{}`)
	wantStatus(t, resp, body, http.StatusOK)

	f.bank.Faults().FailNext(1, 0) // default 500
	resp, body = f.call(t, http.MethodGet, BDABalancesPath, tok, "", "Request-Id", "rid-9")
	wantStatus(t, resp, body, http.StatusInternalServerError)
	e := commonErr(t, body)
	if e.HTTPStatus != 500 || e.RequestID != "rid-9" || e.Title != "Internal Server Error" {
		t.Errorf("v2 500 body %s", body)
	}
	if got := f.bank.Requests(); got != 4 {
		t.Errorf("Requests() = %d, want 4 (token calls excluded, faulted calls included)", got)
	}
}

func TestFaultFailNextIsExactUnderConcurrency(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	f.bank.Faults().FailNext(5, 502)
	var mu sync.Mutex
	counts := map[int]int{}
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			resp, _ := f.call(t, http.MethodPost, BalanceV1Path, tok, `{"accountList":[{"accountId":"000000011008182"}]}`)
			mu.Lock()
			counts[resp.StatusCode]++
			mu.Unlock()
		})
	}
	wg.Wait()
	if counts[502] != 5 || counts[200] != 15 {
		t.Errorf("status counts %v, want 5×502 and 15×200", counts)
	}
}

func TestFaultRateLimit(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	f.bank.Faults().RateLimitNext(2, 7)
	resp, body := f.call(t, http.MethodPost, BalanceV1Path, tok, `{}`)
	wantStatus(t, resp, body, http.StatusTooManyRequests)
	if resp.Header.Get("Retry-After") != "7" || gcaCode(t, body) != gcaRateLimited {
		t.Errorf("v1 429: Retry-After %q body %s", resp.Header.Get("Retry-After"), body)
	}
	resp, body = f.call(t, http.MethodGet, BDABalancesPath, tok, "")
	wantStatus(t, resp, body, http.StatusTooManyRequests)
	if e := commonErr(t, body); resp.Header.Get("Retry-After") != "7" || e.HTTPStatus != 429 || e.Context[0].Message != msgRateLimited {
		t.Errorf("v2 429 %s", body)
	}
	resp, body = f.call(t, http.MethodGet, BDABalancesPath, tok, "")
	wantStatus(t, resp, body, http.StatusOK)
}

func TestFaultDropConnection(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	f.bank.Faults().DropNext(1)
	req, _ := http.NewRequest(http.MethodPost, f.url+BalanceV1Path, strings.NewReader(`{}`))
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := f.client.Do(req)
	if err == nil {
		resp.Body.Close()
		t.Fatalf("dropped call returned %d, want a client error", resp.StatusCode)
	}
	resp2, body := f.call(t, http.MethodPost, BalanceV1Path, tok, `{}`)
	wantStatus(t, resp2, body, http.StatusOK)
}

func TestFaultExpireTokens(t *testing.T) {
	f := newFixture(t, Options{})
	old := f.token(t)
	f.bank.Faults().ExpireTokens()
	resp, body := f.call(t, http.MethodPost, BalanceV1Path, old, `{}`)
	wantStatus(t, resp, body, http.StatusUnauthorized)
	if gcaCode(t, body) != gcaBadToken {
		t.Errorf("body %s", body)
	}
	resp, body = f.call(t, http.MethodPost, BalanceV1Path, f.token(t), `{}`)
	wantStatus(t, resp, body, http.StatusOK)
}

func TestFaultDown(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	f.bank.Faults().SetDown(true)
	for range 3 {
		resp, body := f.call(t, http.MethodPost, BalanceV1Path, tok, `{}`)
		wantStatus(t, resp, body, http.StatusServiceUnavailable)
		if gcaCode(t, body) != gcaUnavailable {
			t.Errorf("v1 body %s", body)
		}
		resp, body = f.call(t, http.MethodPost, BDAInquiryPath, tok, `{}`)
		wantStatus(t, resp, body, http.StatusServiceUnavailable)
		if e := commonErr(t, body); e.HTTPStatus != 503 {
			t.Errorf("v2 body %s", body)
		}
	}
	f.token(t) // authentication keeps working while the APIs are down
	f.bank.Faults().SetDown(false)
	resp, body := f.call(t, http.MethodPost, BalanceV1Path, tok, `{}`)
	wantStatus(t, resp, body, http.StatusOK)
}

func TestFaultStateSetReset(t *testing.T) {
	var fl Faults
	if err := fl.Set(FaultState{FailNext: 1, FailStatus: 404}); err == nil {
		t.Error("non-5xx FailStatus accepted")
	}
	if err := fl.Set(FaultState{DropNext: -1}); err == nil {
		t.Error("negative count accepted")
	}
	want := FaultState{Latency: time.Second, FailNext: 2, FailStatus: 502, RateLimitNext: 1, RetryAfter: 3, DropNext: 4, Down: true, NoEligibleAccounts: true}
	if err := fl.Set(want); err != nil || fl.State() != want {
		t.Fatalf("Set/State: %v %+v", err, fl.State())
	}
	fl.Reset()
	if fl.State() != (FaultState{}) {
		t.Errorf("Reset left %+v", fl.State())
	}
	fl.FailNext(1, 200)
	fl.RateLimitNext(1, 0)
	if s := fl.State(); s.FailStatus != 500 || s.RetryAfter != 1 {
		t.Errorf("defaults not applied: %+v", s)
	}
	fl.ExpireTokens() // no token store attached: must not panic
}

func TestFaultClockSkewMovesDateHeader(t *testing.T) {
	now := time.Date(2026, 11, 20, 15, 4, 5, 0, time.UTC)
	f := newFixture(t, Options{Now: func() time.Time { return now }})
	tok := f.token(t)
	resp, body := f.call(t, http.MethodPost, BalanceV1Path, tok, `{}`)
	wantStatus(t, resp, body, http.StatusOK)
	if got := resp.Header.Get("Date"); got != "Fri, 20 Nov 2026 15:04:05 GMT" {
		t.Errorf("Date %q: want the bank's own (injected) clock", got)
	}
	resp, body = f.call(t, http.MethodPost, FaultsPath, "", `{"clockSkew":"-7m30s"}`)
	wantStatus(t, resp, body, http.StatusOK)
	for _, path := range []string{BalanceV1Path, "/no/such/route"} {
		resp, _ = f.call(t, http.MethodPost, path, tok, `{}`)
		if got := resp.Header.Get("Date"); got != "Fri, 20 Nov 2026 14:56:35 GMT" {
			t.Errorf("%s: Date %q, want 7m30s behind", path, got)
		}
	}
}

func TestFaultNotEntitledPerAPI(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	resp, body := f.call(t, http.MethodPost, FaultsPath, "", `{"notEntitled":["bda"]}`)
	wantStatus(t, resp, body, http.StatusOK)
	if !strings.Contains(string(body), `"notEntitled":["bda"]`) {
		t.Errorf("echo %s", body)
	}
	resp, body = f.call(t, http.MethodPost, BalanceV1Path, tok, `{}`)
	wantStatus(t, resp, body, http.StatusOK)
	resp, body = f.call(t, http.MethodGet, BDABalancesPath, tok, "")
	wantStatus(t, resp, body, http.StatusForbidden)
	if !strings.Contains(string(body), `"code":"14000"`) || !strings.Contains(string(body), `"traceId"`) {
		t.Errorf("BDA 403 body %s: want the common error model with 14000", body)
	}
	// A bad token is still a 401: entitlement is checked after sign-in.
	resp, body = f.call(t, http.MethodGet, BDABalancesPath, "nope", "")
	wantStatus(t, resp, body, http.StatusUnauthorized)

	f.bank.Faults().SetNotEntitled(APIBalances)
	resp, body = f.call(t, http.MethodPost, BalanceV1Path, tok, `{}`)
	wantStatus(t, resp, body, http.StatusForbidden)
	if !strings.Contains(string(body), `"errorCode":"GCA-001"`) {
		t.Errorf("v1 403 body %s: want GCA-001", body)
	}
	resp, body = f.call(t, http.MethodPost, TokenPath, "", "")
	if resp.StatusCode == http.StatusForbidden {
		t.Error("the token endpoint is not an API and must not be refused")
	}

	resp, body = f.call(t, http.MethodPost, FaultsPath, "", `{"notEntitled":["ledger"]}`)
	wantStatus(t, resp, body, http.StatusBadRequest)
}

func TestAPIOfPath(t *testing.T) {
	for path, want := range map[string]APISet{
		"/accessapi/balance":                APIBalances,
		"/account/v2/accounts/balances":     APIBDABalances,
		"/tsapi/v3/transactions":            APITransactions,
		"/tsapi/v2/transactions":            APITransactions,
		"/payment/v2/payments":              APIPayments,
		"/tsapi/v1/payments/status":         APIPayments,
		TokenPath:                           0,
		FaultsPath:                          0,
		"/accessapiX":                       0,
		"/payment/v2/payments/abc/status":   APIPayments,
		"/account/v2/accounts/balances/inq": APIBDABalances,
	} {
		if got := apiOf(path); got != want {
			t.Errorf("apiOf(%q) = %v, want %v", path, got, want)
		}
	}
}
