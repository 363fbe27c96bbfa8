package onboard

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"errors"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"cashpos/config"
)

var netNow = time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)

// tlsBank is a TLS server that asks for a client certificate, as J.P.
// Morgan's mTLS gateways do, and stamps Date from netNow+skew.
func tlsBank(t *testing.T, auth tls.ClientAuthType, skew time.Duration) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", netNow.Add(skew).Format(http.TimeFormat))
		w.WriteHeader(http.StatusMethodNotAllowed)
	}))
	srv.TLS = &tls.Config{ClientAuth: auth}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // refused handshakes are the point of some tests
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

func clientCert(t *testing.T) tls.Certificate {
	t.Helper()
	key, _ := rsa.GenerateKey(rand.Reader, 2048)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(9), Subject: pkix.Name{CommonName: "Acme Corp cashpos cat"},
		NotBefore: netNow.Add(-time.Hour), NotAfter: netNow.Add(time.Hour), ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

func netDoctor(srv *httptest.Server, roots bool, certs ...tls.Certificate) *doctor {
	in := DoctorInput{
		Config:      config.Config{Env: config.EnvCAT},
		Endpoints:   config.Endpoints{Token: srv.URL + "/adfs/oauth2/token", Balance: srv.URL + "/accessapi", BDA: srv.URL + "/account/v2"},
		ClientCerts: certs,
		Now:         func() time.Time { return netNow },
		Timeout:     5 * time.Second,
	}
	if roots {
		in.RootCAs = x509.NewCertPool()
		in.RootCAs.AddCert(srv.Certificate())
	}
	return &doctor{in: in}
}

func TestNetworkTLSPresentsClientCertificate(t *testing.T) {
	srv := tlsBank(t, tls.RequireAnyClientCert, 0)
	d := netDoctor(srv, true, clientCert(t))
	d.net = d.probeHosts(context.Background())
	if len(d.net) != 1 {
		t.Fatalf("one host serves every call: %+v", d.net)
	}
	d.checkClock()
	d.reportNetwork()
	out := d.r.Checks
	if out[0].Status != OK || out[1].Status != OK {
		t.Fatalf("%+v", out)
	}
	for _, want := range []string{"for token, balances, BDA", "TLS 1.3", "O=Acme Co", "client certificate CN=Acme Corp cashpos cat presented"} {
		if !strings.Contains(out[1].Detail, want) {
			t.Errorf("network line lacks %q: %s", want, out[1].Detail)
		}
	}
}

func TestNetworkTLSWithoutClientCertificateIsRefused(t *testing.T) {
	srv := tlsBank(t, tls.RequireAnyClientCert, 0)
	d := netDoctor(srv, true)
	d.net = d.probeHosts(context.Background())
	d.reportNetwork()
	c := d.r.Checks[0]
	if c.Status != Fail || !strings.Contains(c.Detail, "TLS failed: the server refused the connection") || !strings.Contains(c.Advice, "tls_cert") {
		t.Fatalf("%+v", c)
	}
}

func TestNetworkTLSUntrustedServer(t *testing.T) {
	srv := tlsBank(t, tls.NoClientCert, 0)
	d := netDoctor(srv, false)
	d.net = d.probeHosts(context.Background())
	d.reportNetwork()
	c := d.r.Checks[0]
	if c.Status != Fail || !strings.Contains(c.Detail, "not signed by an authority this machine trusts") || !strings.Contains(c.Advice, "never turn verification off") {
		t.Fatalf("%+v", c)
	}
}

func TestClockSkewThresholds(t *testing.T) {
	for _, tc := range []struct {
		skew time.Duration
		want Status
		text string
	}{
		{0, OK, "agrees"},
		{-20 * time.Second, OK, "agrees"},
		{90 * time.Second, Warn, "1m30s behind"},
		{-6 * time.Minute, Fail, "6m0s ahead of"},
	} {
		srv := tlsBank(t, tls.NoClientCert, tc.skew)
		d := netDoctor(srv, true)
		d.net = d.probeHosts(context.Background())
		d.checkClock()
		if c := d.r.Checks[0]; c.Status != tc.want || !strings.Contains(c.Detail, tc.text) {
			t.Errorf("skew %v: %+v", tc.skew, c)
		}
	}
}

func TestScrub(t *testing.T) {
	got := scrub("echo: s3cr3t-value and "+"Basic Y2lkOnMzY3IzdC12YWx1ZQ=="+" and eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl", []string{"s3cr3t-value", "cid:s3cr3t-value"})
	if p := printable("a\x1b[31mb\nc"); p != "a [31mb c" {
		t.Errorf("printable: %q", p)
	}
	if strings.Contains(got, "s3cr3t") || strings.Contains(got, "Y2lkOnMzY3IzdC12YWx1ZQ") || strings.Contains(got, "eyJ") {
		t.Fatalf("scrub left a secret: %q", got)
	}
}

func TestWrapAtWordsWithIndent(t *testing.T) {
	got := wrap("✗ token: bank refused the client credentials (invalid_client) → check client_id", 30, "  ")
	want := "✗ token: bank refused the\n  client credentials\n  (invalid_client) → check\n  client_id"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if wrap("short", 0, "  ") != "short" || wrap("a b", 80, "") != "a b" {
		t.Error("no wrap wanted")
	}
}

// connectProxy is a minimal HTTP CONNECT proxy; with want set it demands
// that Proxy-Authorization.
func connectProxy(t *testing.T, want string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodConnect {
			http.Error(w, "CONNECT only", http.StatusMethodNotAllowed)
			return
		}
		if want != "" && r.Header.Get("Proxy-Authorization") != want {
			w.WriteHeader(http.StatusProxyAuthRequired)
			return
		}
		up, err := net.Dial("tcp", r.Host)
		if err != nil {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			up.Close()
			return
		}
		conn.Write([]byte("HTTP/1.1 200 Connection established\r\n\r\n"))
		go func() { io.Copy(up, conn); up.Close() }()
		io.Copy(conn, up)
		conn.Close()
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestNetworkThroughProxy(t *testing.T) {
	bank := tlsBank(t, tls.RequireAnyClientCert, 0)
	auth := "Basic " + base64.StdEncoding.EncodeToString([]byte("alice:pa55word"))
	proxy := connectProxy(t, auth)
	via := func(user *url.Userinfo) func(*url.URL) (*url.URL, error) {
		return func(*url.URL) (*url.URL, error) {
			u, _ := url.Parse(proxy.URL)
			u.User = user
			return u, nil
		}
	}
	d := netDoctor(bank, true, clientCert(t))
	d.in.Proxy = via(url.UserPassword("alice", "pa55word"))
	d.net = d.probeHosts(context.Background())
	d.checkClock()
	d.reportNetwork()
	if c := d.r.Checks[1]; c.Status != OK || !strings.Contains(c.Detail, "TCP connected to proxy "+strings.TrimPrefix(proxy.URL, "http://")+", CONNECT tunnel open") ||
		!strings.Contains(c.Detail, "client certificate CN=Acme Corp cashpos cat presented") || strings.Contains(c.Detail, "pa55word") {
		t.Fatalf("%+v", c)
	}
	if d.r.Checks[0].Status != OK {
		t.Errorf("clock through the tunnel: %+v", d.r.Checks[0])
	}

	d = netDoctor(bank, true, clientCert(t))
	d.in.Proxy = via(nil)
	d.net = d.probeHosts(context.Background())
	d.reportNetwork()
	if c := d.r.Checks[0]; c.Status != Fail || !strings.Contains(c.Detail, "PROXY failed") || !strings.Contains(c.Detail, "407") || !strings.Contains(c.Advice, "HTTPS_PROXY") {
		t.Fatalf("%+v", c)
	}
}

// A client that could not be built, with nothing above to explain it,
// fails the token line: the report must not pass with no sign-in tried.
func TestClientErrorAloneFailsToken(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", netNow.Format(http.TimeFormat))
	}))
	defer srv.Close()
	r := Diagnose(context.Background(), DoctorInput{
		Config:    config.Config{Env: config.EnvMock, ClientID: "id"},
		Endpoints: config.Endpoints{Token: srv.URL + "/token", Balance: srv.URL + "/accessapi"},
		ClientErr: errors.New("jpm: the token URL is refused"),
		Now:       func() time.Time { return netNow },
	})
	var tok Check
	for _, c := range r.Checks {
		if c.ID == "token" {
			tok = c
		}
	}
	if r.OK || tok.Status != Fail || !strings.Contains(tok.Detail, "token URL is refused") {
		t.Fatalf("ok=%v token=%+v", r.OK, tok)
	}
}
