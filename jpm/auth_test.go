package jpm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"cashpos/model"
)

func TestTokenBasicAuthScopeAndBearer(t *testing.T) {
	b := newBank(t)
	var form, auth atomic.Value
	b.token = func(w http.ResponseWriter, r *http.Request, n int32) {
		r.ParseForm()
		form.Store(r.PostForm.Encode())
		b.basicToken(w, r, n)
	}
	b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
		auth.Store(r.Header.Get("Authorization"))
		v1Echo(t)(w, r)
	})
	c := b.client()
	if _, err := c.Balances(context.Background(), v1Refs("1"), CurrentDay); err != nil {
		t.Fatal(err)
	}
	if got := form.Load(); got != "grant_type=client_credentials&scope=jpm%3Apayments%3Asandbox" {
		t.Errorf("token form = %v; want grant_type and scope only (secret in the Basic header, not the body)", got)
	}
	if got := auth.Load(); got != "Bearer tok-1" {
		t.Errorf("Authorization = %v", got)
	}
}

func TestTokenCachedAcrossCalls(t *testing.T) {
	b := newBank(t)
	b.handle("POST /accessapi/balance", v1Echo(t))
	c := b.client()
	for range 5 {
		if _, err := c.Balances(context.Background(), v1Refs("1", "2"), CurrentDay); err != nil {
			t.Fatal(err)
		}
	}
	if n := b.tokens.Load(); n != 1 {
		t.Errorf("token calls = %d, want 1", n)
	}
}

func TestTokenSingleFlight(t *testing.T) {
	b := newBank(t)
	b.token = func(w http.ResponseWriter, r *http.Request, n int32) {
		time.Sleep(50 * time.Millisecond) // let the callers pile up
		b.basicToken(w, r, n)
	}
	b.handle("POST /accessapi/balance", v1Echo(t))
	c := b.client()
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			if _, err := c.Balances(context.Background(), v1Refs("1"), CurrentDay); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := b.tokens.Load(); n != 1 {
		t.Errorf("token calls = %d, want 1 shared fetch", n)
	}
}

func TestTokenRenewedShortlyBeforeExpiry(t *testing.T) {
	b := newBank(t)
	var seen []string
	var mu sync.Mutex
	b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Header.Get("Authorization"))
		mu.Unlock()
		v1Echo(t)(w, r)
	})
	clk := newClock(testNow)
	c := b.client(func(o *Options) { o.Now = clk.now })
	get := func() {
		t.Helper()
		if _, err := c.Balances(context.Background(), v1Refs("1"), CurrentDay); err != nil {
			t.Fatal(err)
		}
	}
	get()
	clk.add(3569 * time.Second) // 31 s left of 3600: still good
	get()
	clk.add(2 * time.Second) // 29 s left: inside the 30 s margin
	get()
	want := []string{"Bearer tok-1", "Bearer tok-1", "Bearer tok-2"}
	if strings.Join(seen, ",") != strings.Join(want, ",") {
		t.Errorf("tokens used = %v, want %v", seen, want)
	}
}

func TestRefreshOnceOn401(t *testing.T) {
	b := newBank(t)
	var calls atomic.Int32
	b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if r.Header.Get("Authorization") == "Bearer tok-1" { // revoked early
			writeJSON(w, 401, `{"errors":[{"errorCode":"GCA-401","errorMsg":"token expired"}]}`)
			return
		}
		v1Echo(t)(w, r)
	})
	sl := &sleeps{}
	c := b.client(func(o *Options) { o.Sleep = sl.sleep })
	snap, err := c.Balances(context.Background(), v1Refs("1"), CurrentDay)
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Balances) != 1 || snap.Balances[0].Problem != nil {
		t.Fatalf("rows = %+v", snap.Balances)
	}
	if b.tokens.Load() != 2 || calls.Load() != 2 {
		t.Errorf("token calls %d, API calls %d; want 2 and 2", b.tokens.Load(), calls.Load())
	}
	if len(sl.got()) != 0 {
		t.Errorf("a 401 refresh should not back off; slept %v", sl.got())
	}
}

func TestPersistent401IsUnauthorizedAfterOneRefresh(t *testing.T) {
	b := newBank(t)
	var calls atomic.Int32
	b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		writeJSON(w, 401, `{"errors":[{"errorCode":"GCA-001","errorMsg":"Client not eligible"}]}`)
	})
	c := b.client()
	_, err := c.Balances(context.Background(), v1Refs("1"), CurrentDay)
	if !errors.Is(err, model.ErrUnauthorized) {
		t.Fatalf("err = %v, want ErrUnauthorized", err)
	}
	if calls.Load() != 2 || b.tokens.Load() != 2 {
		t.Errorf("API calls %d, token calls %d; want 2 and 2 (one refresh, no retries)", calls.Load(), b.tokens.Load())
	}
	t.Log(err)
}

func TestInvalidClient(t *testing.T) {
	for _, status := range []int{400, 401} {
		b := newBank(t)
		b.token = func(w http.ResponseWriter, r *http.Request, n int32) {
			writeJSON(w, status, `{"error_description":"Client authentication failed","error":"invalid_client"}`)
		}
		var apiCalls atomic.Int32
		b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) { apiCalls.Add(1) })
		c := b.client()
		_, err := c.Balances(context.Background(), v1Refs("1"), CurrentDay)
		if !errors.Is(err, model.ErrUnauthorized) {
			t.Fatalf("HTTP %d: err = %v, want ErrUnauthorized", status, err)
		}
		msg := err.Error()
		for _, want := range []string{"bank refused the client credentials (invalid_client", "check the client id and the client secret"} {
			if !strings.Contains(msg, want) {
				t.Errorf("message %q lacks %q", msg, want)
			}
		}
		for _, leak := range []string{testSecret, "Basic ", "Bearer", "{", "\n"} {
			if strings.Contains(msg, leak) {
				t.Errorf("message %q contains %q", msg, leak)
			}
		}
		if b.tokens.Load() != 1 || apiCalls.Load() != 0 {
			t.Errorf("token calls %d, API calls %d; want 1 and 0 (a refusal is not retried)", b.tokens.Load(), apiCalls.Load())
		}
		if status == 401 {
			t.Log(msg)
		}
	}
}

func TestTokenEndpoint502HTMLRetriedAndNotDumped(t *testing.T) {
	b := newBank(t)
	b.token = func(w http.ResponseWriter, r *http.Request, n int32) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(502)
		io.WriteString(w, "<html><body>Bad gateway at proxy-internal-17.corp</body></html>")
	}
	c := b.client(func(o *Options) { o.MaxRetries = 2 })
	_, err := c.Balances(context.Background(), v1Refs("1"), CurrentDay)
	if !errors.Is(err, model.ErrUnavailable) {
		t.Fatalf("err = %v", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, "unexpected response (HTTP 502, text/html)") || strings.Contains(msg, "proxy-internal") || strings.Contains(msg, "<") {
		t.Errorf("message = %q", msg)
	}
	if b.tokens.Load() != 3 {
		t.Errorf("token calls = %d, want 3 (1 + 2 retries)", b.tokens.Load())
	}
}

func TestNewRefusesBadOptions(t *testing.T) {
	ok := Options{
		Endpoints: Endpoints{Balance: "https://bank.example/accessapi", BDA: "https://bank.example/account/v2", Token: "https://id.example/token"},
		ClientID:  "id", ClientSecret: "secret",
	}
	if _, err := New(ok); err != nil {
		t.Fatalf("good options refused: %v", err)
	}
	cases := map[string]func(*Options){
		"no client id":         func(o *Options) { o.ClientID = "" },
		"no secret":            func(o *Options) { o.ClientSecret = "" },
		"no token URL":         func(o *Options) { o.Endpoints.Token = "" },
		"plain http off-host":  func(o *Options) { o.Endpoints.Balance = "http://bank.example/accessapi" },
		"not a URL":            func(o *Options) { o.Endpoints.BDA = "bank.example" },
		"insecure skip verify": func(o *Options) { o.HTTPClient = insecureClient() },
	}
	for name, mutate := range cases {
		o := ok
		mutate(&o)
		if _, err := New(o); err == nil {
			t.Errorf("%s: accepted", name)
		} else if strings.Contains(err.Error(), "secret") && strings.Contains(err.Error(), o.ClientSecret) && o.ClientSecret != "" {
			t.Errorf("%s: error shows the secret: %v", name, err)
		}
	}
	loop := ok
	loop.Endpoints.Balance = "http://127.0.0.1:7070/accessapi"
	if _, err := New(loop); err != nil {
		t.Errorf("loopback http refused: %v", err)
	}
}

func TestRefusedTokenFetchShared(t *testing.T) {
	b := newBank(t)
	b.token = func(w http.ResponseWriter, r *http.Request, n int32) {
		time.Sleep(200 * time.Millisecond) // all three batches join this fetch
		writeJSON(w, 401, `{"error":"invalid_client"}`)
	}
	var ids []string
	for i := range 450 {
		ids = append(ids, fmt.Sprint(i+1))
	}
	_, err := b.client().Balances(context.Background(), v1Refs(ids...), CurrentDay)
	if !errors.Is(err, model.ErrUnauthorized) {
		t.Fatalf("err = %v", err)
	}
	if n := b.tokens.Load(); n != 1 {
		t.Errorf("token calls = %d, want 1 shared by the three batches", n)
	}
}

func TestTokenFetchTimeout(t *testing.T) {
	b := newBank(t)
	b.token = func(w http.ResponseWriter, r *http.Request, n int32) {
		r.ParseForm() // read the body, so the server notices the client leaving
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}
	c := b.client(func(o *Options) { o.Timeout = 50 * time.Millisecond; o.MaxRetries = 1 })
	_, err := c.Balances(context.Background(), v1Refs("1"), CurrentDay)
	if !errors.Is(err, model.ErrUnavailable) || !strings.Contains(err.Error(), "token: cannot reach") || !strings.Contains(err.Error(), "no answer within 50ms") {
		t.Errorf("err = %v", err)
	}
	if b.tokens.Load() != 2 {
		t.Errorf("token calls = %d, want 2", b.tokens.Load())
	}
}
