package mock

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestAdminFaults(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)

	resp, body := f.call(t, http.MethodGet, FaultsPath, "", "")
	wantStatus(t, resp, body, http.StatusOK)
	const zero = `{"latency":"0s","failNext":0,"failStatus":0,"rateLimitNext":0,"retryAfter":0,"dropNext":0,"loseNext":0,"down":false,"noEligibleAccounts":false,"repeatRows":false,"clockSkew":"0s","notEntitled":[]}` + "\n"
	if string(body) != zero {
		t.Errorf("initial state %s", body)
	}

	resp, body = f.call(t, http.MethodPost, FaultsPath, "", `{"failNext":1,"failStatus":502,"latency":"5ms","rateLimitNext":1,"retryAfter":9}`)
	wantStatus(t, resp, body, http.StatusOK)
	want := FaultState{Latency: 5 * time.Millisecond, FailNext: 1, FailStatus: 502, RateLimitNext: 1, RetryAfter: 9}
	if got := f.bank.Faults().State(); got != want {
		t.Errorf("state %+v, want %+v", got, want)
	}
	var echoed FaultState
	mustUnmarshal(t, body, &echoed)
	if echoed != want {
		t.Errorf("echoed %+v", echoed)
	}
	r1, _ := f.call(t, http.MethodPost, BalanceV1Path, tok, `{}`)
	r2, _ := f.call(t, http.MethodPost, BalanceV1Path, tok, `{}`)
	r3, _ := f.call(t, http.MethodPost, BalanceV1Path, tok, `{}`)
	if r1.StatusCode != 429 || r1.Header.Get("Retry-After") != "9" || r2.StatusCode != 502 || r3.StatusCode != 200 {
		t.Errorf("statuses %d %d %d", r1.StatusCode, r2.StatusCode, r3.StatusCode)
	}

	// Latency as milliseconds; expireTokens as an action.
	resp, body = f.call(t, http.MethodPost, FaultsPath, "", `{"latency":0,"expireTokens":true}`)
	wantStatus(t, resp, body, http.StatusOK)
	resp, body = f.call(t, http.MethodPost, BalanceV1Path, tok, `{}`)
	wantStatus(t, resp, body, http.StatusUnauthorized)

	resp, body = f.call(t, http.MethodPost, FaultsPath, "", `{"down":true,"noEligibleAccounts":true}`)
	wantStatus(t, resp, body, http.StatusOK)
	resp, body = f.call(t, http.MethodPost, FaultsPath, "", `{"reset":true}`)
	wantStatus(t, resp, body, http.StatusOK)
	if string(body) != zero {
		t.Errorf("after reset %s", body)
	}

	for _, bad := range []string{`{"failNxt":1}`, `{"failStatus":200}`, `{"dropNext":-1}`, `{"latency":"soon"}`, `nope`} {
		resp, body = f.call(t, http.MethodPost, FaultsPath, "", bad)
		wantStatus(t, resp, body, http.StatusBadRequest)
	}
	if f.bank.Faults().State() != (FaultState{}) {
		t.Errorf("a rejected patch changed state: %+v", f.bank.Faults().State())
	}
	if f.bank.Requests() != 4 {
		t.Errorf("admin calls counted: Requests() = %d", f.bank.Requests())
	}
}

func TestAdminAccounts(t *testing.T) {
	f := newFixture(t, Options{})
	resp, body := f.call(t, http.MethodGet, AccountsPath, "", "")
	wantStatus(t, resp, body, http.StatusOK)
	var got []AccountInfo
	mustUnmarshal(t, body, &got)
	if fmt.Sprint(got) != fmt.Sprint(f.bank.Accounts()) {
		t.Errorf("listing differs from Accounts()")
	}
	bda := 0
	for _, a := range got {
		if a.API == APIBDA {
			bda++
			if a.BIC != "CHASUS33MCY" || a.Currency != "USD" || len(a.ID) > 10 {
				t.Errorf("BDA account %+v", a)
			}
		} else if len(a.ID) != 15 {
			t.Errorf("v1 id %s is not 15 digits", a.ID)
		}
		if a.TimeZone == "" || a.Name == "" {
			t.Errorf("incomplete %+v", a)
		}
	}
	if bda != 3 {
		t.Errorf("%d BDA accounts", bda)
	}
}

func TestAdminRefusesRemotePeers(t *testing.T) {
	b := New(Options{})
	for _, path := range []string{FaultsPath, AccountsPath} {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.RemoteAddr = "192.0.2.10:40000"
		rec := httptest.NewRecorder()
		b.ServeHTTP(rec, req)
		if rec.Code != http.StatusForbidden {
			t.Errorf("%s from a remote peer: %d", path, rec.Code)
		}
	}
}

func TestServeAndShutdown(t *testing.T) {
	var mu sync.Mutex
	var logs []string
	b := New(Options{Now: func() time.Time { return fixedNow }, Logf: func(format string, args ...any) {
		mu.Lock()
		logs = append(logs, fmt.Sprintf(format, args...))
		mu.Unlock()
	}})
	url, shutdown, err := Serve(context.Background(), "127.0.0.1:0", b)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("url %s", url)
	}
	f := &fixture{bank: b, url: url, client: &http.Client{}}
	tok := f.token(t)
	resp, body := f.call(t, http.MethodPost, BalanceV1Path, tok, `{}`)
	wantStatus(t, resp, body, http.StatusOK)

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := shutdown(ctx); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if _, err := http.Post(url+BalanceV1Path, "application/json", strings.NewReader(`{}`)); err == nil {
		t.Error("server still answering after shutdown")
	}

	mu.Lock()
	defer mu.Unlock()
	if len(logs) != 2 || !strings.Contains(logs[1], "POST "+BalanceV1Path+" -> 200") {
		t.Errorf("logs %q", logs)
	}
	for _, l := range logs {
		if strings.Contains(l, tok) || strings.Contains(l, DefaultClientSecret) {
			t.Errorf("log leaks a secret: %s", l)
		}
	}
}

func TestServeStopsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	url, _, err := Serve(ctx, "127.0.0.1:0", New(Options{}))
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	deadline := time.Now().Add(5 * time.Second)
	for {
		resp, err := http.Get(url + FaultsPath)
		if err != nil {
			return
		}
		resp.Body.Close()
		if time.Now().After(deadline) {
			t.Fatal("server did not stop when its context ended")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
