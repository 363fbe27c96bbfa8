package onboard

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net/http"
	"net/http/httptest"
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
