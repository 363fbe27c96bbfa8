package mock

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func tokenRequest(t *testing.T, f *fixture, form url.Values, user, pass string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, f.url+TokenPath, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if user != "" || pass != "" {
		req.SetBasicAuth(user, pass)
	}
	return do(t, f.client, req)
}

func TestTokenBasicAuth(t *testing.T) {
	f := newFixture(t, Options{})
	resp, body := tokenRequest(t, f, url.Values{"grant_type": {"client_credentials"}, "scope": {"jpm:payments:sandbox"}},
		DefaultClientID, DefaultClientSecret)
	wantStatus(t, resp, body, http.StatusOK)
	var tr tokenResponse
	mustUnmarshal(t, body, &tr)
	if tr.AccessToken == "" || tr.TokenType != "Bearer" || tr.ExpiresIn != 3599 || tr.Scope != "jpm:payments:sandbox" {
		t.Fatalf("token response %s", body)
	}
	if got := resp.Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control %q, want no-store", got)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
}

func TestTokenFormCredentialsAndDefaultScope(t *testing.T) {
	f := newFixture(t, Options{})
	resp, body := tokenRequest(t, f, url.Values{
		"grant_type": {"client_credentials"}, "client_id": {DefaultClientID}, "client_secret": {DefaultClientSecret},
	}, "", "")
	wantStatus(t, resp, body, http.StatusOK)
	var tr tokenResponse
	mustUnmarshal(t, body, &tr)
	if tr.Scope != defaultScope {
		t.Errorf("scope %q, want %q", tr.Scope, defaultScope)
	}
}

func TestTokenWrongCredentials(t *testing.T) {
	f := newFixture(t, Options{})
	const want = `{"error_description":"Client authentication failed","error":"invalid_client"}` + "\n"
	for name, creds := range map[string][2]string{
		"wrong secret": {DefaultClientID, "nope"},
		"wrong id":     {"someone", DefaultClientSecret},
		"none":         {"", ""},
	} {
		t.Run(name, func(t *testing.T) {
			resp, body := tokenRequest(t, f, url.Values{"grant_type": {"client_credentials"}}, creds[0], creds[1])
			wantStatus(t, resp, body, http.StatusUnauthorized)
			if string(body) != want {
				t.Errorf("body %s, want %s", body, want)
			}
			if resp.Header.Get("WWW-Authenticate") == "" {
				t.Error("no WWW-Authenticate challenge")
			}
		})
	}
}

func TestTokenGrantType(t *testing.T) {
	f := newFixture(t, Options{})
	for gt, want := range map[string]string{"": "invalid_request", "password": "unsupported_grant_type"} {
		resp, body := tokenRequest(t, f, url.Values{"grant_type": {gt}}, DefaultClientID, DefaultClientSecret)
		wantStatus(t, resp, body, http.StatusBadRequest)
		var e oauthError
		mustUnmarshal(t, body, &e)
		if e.Error != want {
			t.Errorf("grant_type %q: error %q, want %q", gt, e.Error, want)
		}
	}
}

func TestTokenCustomCredentialsAndExpiry(t *testing.T) {
	f := newFixture(t, Options{ClientID: "treasury", ClientSecret: "s3cret", TokenTTL: time.Minute})
	resp, body := tokenRequest(t, f, url.Values{"grant_type": {"client_credentials"}}, DefaultClientID, DefaultClientSecret)
	wantStatus(t, resp, body, http.StatusUnauthorized)

	resp, body = tokenRequest(t, f, url.Values{"grant_type": {"client_credentials"}}, "treasury", "s3cret")
	wantStatus(t, resp, body, http.StatusOK)
	var tr tokenResponse
	mustUnmarshal(t, body, &tr)
	if tr.ExpiresIn != 60 {
		t.Fatalf("expires_in %d, want 60", tr.ExpiresIn)
	}
	f.clock.Add(59 * time.Second)
	resp, body = f.call(t, http.MethodPost, BalanceV1Path, tr.AccessToken, `{}`)
	wantStatus(t, resp, body, http.StatusOK)
	f.clock.Add(time.Second)
	resp, body = f.call(t, http.MethodPost, BalanceV1Path, tr.AccessToken, `{}`)
	wantStatus(t, resp, body, http.StatusUnauthorized)
	if c := gcaCode(t, body); c != gcaBadToken {
		t.Errorf("code %s", c)
	}
	if !strings.Contains(string(body), "expired") {
		t.Errorf("message should say expired: %s", body)
	}
}

func TestTokensAreSeededAndDistinct(t *testing.T) {
	a, b, c := newFixture(t, Options{Seed: 7}), newFixture(t, Options{Seed: 7}), newFixture(t, Options{Seed: 8})
	ta1, ta2 := a.token(t), a.token(t)
	if ta1 == ta2 {
		t.Fatal("two tokens from one bank are equal")
	}
	if tb := b.token(t); tb != ta1 {
		t.Errorf("same seed gave different first tokens: %s %s", ta1, tb)
	}
	if tc := c.token(t); tc == ta1 {
		t.Error("different seeds gave the same token")
	}
}

func TestAPIsRequireAValidToken(t *testing.T) {
	f := newFixture(t, Options{})
	good := f.token(t)
	cases := []struct {
		name, tok, auth string
	}{
		{"missing", "", ""},
		{"unknown", "not-a-token", ""},
		{"basic scheme", "", "Basic ZGVtbzpkZW1v"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var hdr []string
			if c.auth != "" {
				hdr = []string{"Authorization", c.auth}
			}
			resp, body := f.call(t, http.MethodPost, BalanceV1Path, c.tok, `{}`, hdr...)
			wantStatus(t, resp, body, http.StatusUnauthorized)
			if code := gcaCode(t, body); code != gcaBadToken {
				t.Errorf("v1 code %s", code)
			}
			if resp.Header.Get("WWW-Authenticate") == "" {
				t.Error("no WWW-Authenticate")
			}
			resp, body = f.call(t, http.MethodGet, BDABalancesPath, c.tok, "", append(hdr, "Request-Id", "r-1")...)
			wantStatus(t, resp, body, http.StatusUnauthorized)
			e := commonErr(t, body)
			if e.HTTPStatus != 401 || e.Context[0].Code != codeSecurity || e.RequestID != "r-1" {
				t.Errorf("v2 error %s", body)
			}
		})
	}
	// Lower-case scheme is accepted (RFC 9110: schemes are case-insensitive).
	resp, body := f.call(t, http.MethodPost, BalanceV1Path, "", `{}`, "Authorization", "bearer "+good)
	wantStatus(t, resp, body, http.StatusOK)
}
