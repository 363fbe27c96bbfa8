package config

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// mockHead is a valid mock-env file; cases append to it or replace it.
const mockHead = "client_id = \"cid\"\nclient_secret_file = \"secret\"\n"

func TestValidationErrorsNameTheirKey(t *testing.T) {
	tests := []struct {
		name    string
		body    string // whole config file; paths are relative to home
		env     fakeEnv
		flags   Overrides
		wantKey string
		wantMsg string // substring (or the whole message when it starts with "config:")
	}{
		{name: "env", body: mockHead + `env = "prod"`, wantKey: "env",
			wantMsg: `config: env "prod": must be mock, cat or production`},
		{name: "env from variable", body: mockHead, env: fakeEnv{"CASHPOS_ENV": "staging"}, wantKey: "CASHPOS_ENV", wantMsg: `"staging"`},
		{name: "env from flag", body: mockHead, flags: Overrides{Env: ptr(Env("uat"))}, wantKey: "--env", wantMsg: `"uat"`},
		{name: "base_url scheme", body: mockHead + `base_url = "ftp://bank.example"`, wantKey: "base_url", wantMsg: "scheme must be https"},
		{name: "base_url not a url", body: mockHead + `base_url = "bank.example"`, wantKey: "base_url", wantMsg: "must be a URL"},
		{name: "base_url with path", body: mockHead + `base_url = "https://bank.example/accessapi"`, wantKey: "base_url", wantMsg: "path prefixes"},
		{name: "base_url with query", body: mockHead + `base_url = "https://bank.example?x=1"`, wantKey: "base_url", wantMsg: "query"},
		{name: "base_url http off loopback", body: mockHead, env: fakeEnv{"CASHPOS_BASE_URL": "http://bank.example.com"},
			wantKey: "CASHPOS_BASE_URL", wantMsg: "only allowed to a loopback host"},
		{name: "base_url http to a LAN address", body: mockHead, flags: Overrides{BaseURL: ptr("http://10.0.0.7:7070")},
			wantKey: "--base-url", wantMsg: "loopback"},
		{name: "token_url http off loopback", body: mockHead + `token_url = "http://id.example/token"`, wantKey: "token_url", wantMsg: "loopback"},
		{name: "client_id missing", body: `client_secret_file = "secret"`, wantKey: "client_id", wantMsg: "--demo"},
		{name: "mock needs a secret", body: `client_id = "cid"`, wantKey: "client_secret", wantMsg: "CASHPOS_CLIENT_SECRET"},
		{name: "production needs some credential", body: "env = \"production\"\nclient_id = \"cid\"", wantKey: "client_secret", wantMsg: "signed JWT"},
		{name: "production JWT needs resource", body: "env = \"production\"\nclient_id = \"cid\"\ntls_cert = \"cert.pem\"\ntls_key = \"key.pem\"",
			wantKey: "resource", wantMsg: "IDAnywhere"},
		{name: "cat JWT needs a key", body: "env = \"cat\"\nclient_id = \"cid\"\nresource = \"JPMC:URI:RS-1\"", wantKey: "signing_key", wantMsg: "signing_key/signing_cert"},
		{name: "tls pair", body: mockHead + `tls_cert = "cert.pem"`, wantKey: "tls_key", wantMsg: "give both"},
		{name: "tls pair from variable", body: mockHead, env: fakeEnv{"CASHPOS_TLS_KEY": "key.pem"}, wantKey: "tls_cert", wantMsg: "CASHPOS_TLS_KEY is set"},
		{name: "signing pair", body: mockHead + `signing_key = "key.pem"`, wantKey: "signing_cert", wantMsg: "give both"},
		{name: "missing key file", body: mockHead + "tls_cert = \"cert.pem\"\ntls_key = \"nokey.pem\"", wantKey: "tls_key", wantMsg: "no such file"},
		{name: "missing cert file", body: mockHead + "tls_cert = \"nocert.pem\"\ntls_key = \"key.pem\"", wantKey: "tls_cert", wantMsg: "no such file"},
		{name: "secret twice", body: mockHead + `client_secret = "x"`, wantKey: "client_secret", wantMsg: "only one"},
		{name: "aging not a duration", body: mockHead + "[staleness]\naging = \"5x\"", wantKey: "staleness.aging",
			wantMsg: `config: staleness.aging "5x": not a duration like 30m`},
		{name: "stale not a duration", body: mockHead + "[staleness]\nstale = \"two hours\"", wantKey: "staleness.stale", wantMsg: "like 2h"},
		{name: "aging not below stale", body: mockHead + "[staleness]\naging = \"3h\"", wantKey: "staleness.aging",
			wantMsg: `config: staleness.aging "3h": must be less than staleness.stale (2h)`},
		{name: "stale zero", body: mockHead + "[staleness]\nstale = \"0s\"", wantKey: "staleness.stale", wantMsg: "more than zero"},
		{name: "aging negative", body: mockHead + "[staleness]\naging = \"-1m\"", wantKey: "staleness.aging", wantMsg: "more than zero"},
		{name: "refresh too fast", body: mockHead + `refresh_interval = "5s"`, wantKey: "refresh_interval", wantMsg: "at least 10s"},
		{name: "refresh from flag", body: mockHead, flags: Overrides{RefreshInterval: ptr(time.Second)}, wantKey: "--refresh", wantMsg: "at least 10s"},
		{name: "refresh not a duration", body: mockHead + `refresh_interval = "soon"`, wantKey: "refresh_interval", wantMsg: "not a duration"},
		{name: "timeout zero", body: mockHead + `request_timeout = "0s"`, wantKey: "request_timeout", wantMsg: "more than zero"},
		{name: "account id empty", body: mockHead + "[[accounts]]\nlabel = \"x\"", wantKey: "accounts[0].id", wantMsg: "empty"},
		{name: "account id with space", body: mockHead + "[[accounts]]\nid = \"12 34\"", wantKey: "accounts[0].id", wantMsg: "spaces"},
		{name: "account duplicate", body: mockHead + "[[accounts]]\nid = \"1\"\n[[accounts]]\nid = \"1\"", wantKey: "accounts[1].id", wantMsg: "accounts[0].id"},
		{name: "account api", body: mockHead + "[[accounts]]\nid = \"1\"\napi = \"v3\"", wantKey: "accounts[0].api", wantMsg: `"v3": must be "v1" or "bda"`},
		{name: "bda id too long", body: mockHead + "[[accounts]]\nid = \"12345678901\"\napi = \"bda\"", wantKey: "accounts[0].id", wantMsg: "at most 10"},
		{name: "bic too short", body: mockHead + "[[accounts]]\nid = \"1\"\napi = \"bda\"\nbic = \"CHAS\"", wantKey: "accounts[0].bic", wantMsg: "8 to 11"},
		{name: "bic too long", body: mockHead + "[[accounts]]\nid = \"1\"\napi = \"bda\"\nbic = \"CHASUS33MCYX\"", wantKey: "accounts[0].bic", wantMsg: "8 to 11"},
		{name: "bic on a v1 account", body: mockHead + "[[accounts]]\nid = \"123456789012\"\nbic = \"CHASUS33\"", wantKey: "accounts[0].bic", wantMsg: "only BDA"},
		{name: "time zone", body: mockHead + "[[accounts]]\nid = \"1\"\ntime_zone = \"Mars/Olympus\"", wantKey: "accounts[0].time_zone", wantMsg: "IANA"},
		{name: "time zone Local", body: mockHead + "[[accounts]]\nid = \"1\"\ntime_zone = \"Local\"", wantKey: "accounts[0].time_zone", wantMsg: "IANA"},
		{name: "account from variable", body: mockHead, env: fakeEnv{"CASHPOS_ACCOUNTS": "12\t34"}, wantKey: "CASHPOS_ACCOUNTS", wantMsg: "spaces"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			// Relative paths in the file are relative to its directory.
			f.write(".config/cashpos/secret", testSecret, 0o600)
			f.write(".config/cashpos/cert.pem", "cert", 0o644)
			f.write(".config/cashpos/key.pem", "key", 0o600)
			f.config(tt.body + "\n")
			_, err := f.load(tt.env, tt.flags)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			t.Log(msg)
			var ce *Error
			if !errors.As(err, &ce) || ce.Key != tt.wantKey {
				t.Fatalf("key: want %q, got error %q", tt.wantKey, msg)
			}
			if !strings.HasPrefix(msg, "config: "+tt.wantKey) {
				t.Errorf("message does not start with the key: %q", msg)
			}
			if strings.HasPrefix(tt.wantMsg, "config:") && msg != tt.wantMsg {
				t.Errorf("message\n got %q\nwant %q", msg, tt.wantMsg)
			} else if !strings.Contains(msg, tt.wantMsg) {
				t.Errorf("message %q lacks %q", msg, tt.wantMsg)
			}
			if strings.ContainsAny(msg, "\n\r") {
				t.Errorf("message is not one line: %q", msg)
			}
			if strings.Contains(msg, testSecret) {
				t.Errorf("message leaks the secret: %q", msg)
			}
		})
	}
}

func TestLoopbackHTTP(t *testing.T) {
	tests := []struct {
		url string
		ok  bool
	}{
		{"http://127.0.0.1:7070", true},
		{"http://127.8.9.10", true},
		{"http://localhost:7070", true},
		{"http://LOCALHOST", true},
		{"http://[::1]:7070", true},
		{"https://api.payments.jpmorgan.com", true},
		{"https://127.0.0.1:8443/", true},
		{"http://api.payments.jpmorgan.com", false},
		{"http://192.168.1.10:7070", false},
		{"http://localhost.evil.example", false},
		{"http://0.0.0.0:7070", false},
		{"http://[::2]", false},
		{"https://host:0", false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			err := checkURL("base_url", tt.url, true)
			if (err == nil) != tt.ok {
				t.Errorf("checkURL(%q) = %v, want ok=%v", tt.url, err, tt.ok)
			}
		})
	}
	t.Run("through Load", func(t *testing.T) {
		f := newFixture(t)
		f.config(f.validMock(""))
		c := f.mustLoad(fakeEnv{"CASHPOS_BASE_URL": "http://127.0.0.1:7070"}, Overrides{})
		if got := c.Endpoints().Balance; got != "http://127.0.0.1:7070/accessapi" {
			t.Errorf("Balance = %q", got)
		}
	})
}

func TestURLCredentialsNotEchoed(t *testing.T) {
	for _, raw := range []string{"https://user:hunter2@bank.example", "https://user:hunter2@bank.example/%zz", "ht tp://u:hunter2@x"} {
		err := checkURL("base_url", raw, true)
		if err == nil || strings.Contains(err.Error(), "hunter2") {
			t.Errorf("checkURL(%q) = %v", raw, err)
		}
	}
}

func TestValidateWithoutHome(t *testing.T) {
	c := defaults()
	c.Demo = true
	err := c.Validate()
	var ce *Error
	if !errors.As(err, &ce) || ce.Key != "state_dir" {
		t.Fatalf("err = %v", err)
	}
}

func TestProductionJWTAccepted(t *testing.T) {
	f := newFixture(t)
	f.write(".config/cashpos/cert.pem", "cert", 0o644)
	f.write(".config/cashpos/key.pem", "key", 0o600)
	f.config("env = \"production\"\nclient_id = \"cid\"\nresource = \"JPMC:URI:RS-1\"\ntls_cert = \"cert.pem\"\ntls_key = \"key.pem\"\n")
	c := f.mustLoad(nil, Overrides{})
	if !c.UsesSignedJWT() || c.Scope != "" {
		t.Errorf("UsesSignedJWT = %v, Scope = %q", c.UsesSignedJWT(), c.Scope)
	}
	if cert, key := c.SigningPair(); cert != c.TLSCert || key != c.TLSKey {
		t.Errorf("SigningPair = %q, %q", cert, key)
	}
}
