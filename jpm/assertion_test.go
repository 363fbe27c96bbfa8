package jpm

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"io"
	"log"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"cashpos/model"
)

var (
	keyOnce sync.Once
	testKey *rsa.PrivateKey
	testCrt *x509.Certificate
)

// testKeyPair is one RSA key and a self-signed certificate, made once
// (2048-bit generation is slow).
func testKeyPair(t *testing.T) (*rsa.PrivateKey, *x509.Certificate) {
	t.Helper()
	keyOnce.Do(func() {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		tmpl := &x509.Certificate{
			SerialNumber: big.NewInt(1),
			Subject:      pkix.Name{CommonName: "cashpos-test"},
			NotBefore:    time.Now().Add(-time.Hour),
			NotAfter:     time.Now().Add(time.Hour),
			KeyUsage:     x509.KeyUsageDigitalSignature,
			ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
		if err != nil {
			panic(err)
		}
		c, err := x509.ParseCertificate(der)
		if err != nil {
			panic(err)
		}
		testKey, testCrt = k, c
	})
	return testKey, testCrt
}

func TestAssertionTokenCall(t *testing.T) {
	key, cert := testKeyPair(t)
	b := newBank(t)
	tokenURL := b.srv.URL + "/token"
	var mu sync.Mutex
	var jtis []string
	b.token = func(w http.ResponseWriter, r *http.Request, n int32) {
		if _, _, basic := r.BasicAuth(); basic {
			t.Error("assertion flavour sent HTTP Basic auth")
		}
		if err := r.ParseForm(); err != nil {
			t.Fatal(err)
		}
		f := r.PostForm
		for k, want := range map[string]string{
			"grant_type":            "client_credentials",
			"client_id":             testClientID,
			"resource":              "JPMC:URI:RS-000000-TEST",
			"client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
		} {
			if got := f.Get(k); got != want {
				t.Errorf("form %s = %q, want %q", k, got, want)
			}
		}
		if f.Has("client_secret") || f.Has("scope") {
			t.Errorf("unexpected form fields: %v", f)
		}
		tok, err := jwt.Parse(f.Get("client_assertion"), func(*jwt.Token) (any, error) { return &key.PublicKey, nil },
			jwt.WithValidMethods([]string{"RS256"}),
			jwt.WithAudience(tokenURL),
			jwt.WithIssuer(testClientID),
			jwt.WithSubject(testClientID),
			jwt.WithExpirationRequired(),
			jwt.WithIssuedAt(),
			jwt.WithTimeFunc(func() time.Time { return testNow }),
		)
		if err != nil {
			t.Fatalf("assertion does not verify: %v", err)
		}
		sum := sha1.Sum(cert.Raw)
		if kid := tok.Header["kid"]; kid != fmt.Sprintf("%X", sum) {
			t.Errorf("kid = %v, want uppercase SHA-1 thumbprint %X", kid, sum)
		}
		if tok.Header["typ"] != "JWT" {
			t.Errorf("typ = %v", tok.Header["typ"])
		}
		claims := tok.Claims.(jwt.MapClaims)
		if aud, ok := claims["aud"].(string); !ok || aud != tokenURL {
			t.Errorf("aud = %#v, want the token URL as a string", claims["aud"])
		}
		iat, _ := claims.GetIssuedAt()
		exp, _ := claims.GetExpirationTime()
		if !iat.Time.Equal(testNow) || exp.Sub(iat.Time) != 5*time.Minute {
			t.Errorf("iat %v exp %v", iat, exp)
		}
		jti, _ := claims["jti"].(string)
		mu.Lock()
		jtis = append(jtis, jti)
		mu.Unlock()
		writeJSON(w, 200, fmt.Sprintf(`{"access_token":"tok-%d","expires_in":3600,"token_type":"bearer"}`, n))
	}
	var auths []string
	b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		auths = append(auths, r.Header.Get("Authorization"))
		mu.Unlock()
		if r.Header.Get("Authorization") == "Bearer tok-1" {
			writeJSON(w, 401, `{}`) // forces a second token fetch, to compare jti
			return
		}
		v1Echo(t)(w, r)
	})
	c := b.client(func(o *Options) {
		o.ClientSecret = ""
		o.Assertion = &Assertion{Resource: "JPMC:URI:RS-000000-TEST", Key: key, Cert: cert}
	})
	if _, err := c.Balances(context.Background(), v1Refs("1"), CurrentDay); err != nil {
		t.Fatal(err)
	}
	if len(jtis) != 2 || jtis[0] == "" || jtis[0] == jtis[1] {
		t.Errorf("jti per fetch = %q, want two different ids", jtis)
	}
	if len(auths) != 2 || auths[1] != "Bearer tok-2" {
		t.Errorf("auths = %v", auths)
	}
}

func TestAssertionRefusedNamesTheCertificate(t *testing.T) {
	key, cert := testKeyPair(t)
	b := newBank(t)
	b.token = func(w http.ResponseWriter, r *http.Request, n int32) {
		writeJSON(w, 400, `{"error":"invalid_grant","error_description":"MSIS9622: Client authentication failed."}`)
	}
	c := b.client(func(o *Options) {
		o.ClientSecret = ""
		o.Assertion = &Assertion{Key: key, Cert: cert}
	})
	_, err := c.Balances(context.Background(), v1Refs("1"), CurrentDay)
	if !errors.Is(err, model.ErrUnauthorized) || !strings.Contains(err.Error(), "signing certificate") {
		t.Fatalf("err = %v", err)
	}
	t.Log(err)
}

func TestAssertionKeyMustMatchCertificate(t *testing.T) {
	_, cert := testKeyPair(t)
	other, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	b := newBank(t)
	o := b.options()
	o.Assertion = &Assertion{Key: other, Cert: cert}
	if _, err := New(o); err == nil || !strings.Contains(err.Error(), "does not match") {
		t.Errorf("New = %v", err)
	}
}

// Mutual TLS: the server demands a client certificate; with the
// certificate the call works, without it the error says which settings to
// check and is not retried.
func TestMutualTLS(t *testing.T) {
	key, cert := testKeyPair(t)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	b := &bank{t: t, mux: http.NewServeMux(), ttl: 3600}
	b.token = b.basicToken
	b.mux.HandleFunc("POST /token", func(w http.ResponseWriter, r *http.Request) { b.token(w, r, b.tokens.Add(1)) })
	b.mux.HandleFunc("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
		if r.TLS == nil || len(r.TLS.PeerCertificates) == 0 || !r.TLS.PeerCertificates[0].Equal(cert) {
			t.Error("no client certificate on the API call")
		}
		v1Echo(t)(w, r)
	})
	b.srv = httptest.NewUnstartedServer(b.mux)
	b.srv.TLS = &tls.Config{ClientAuth: tls.RequireAndVerifyClientCert, ClientCAs: pool}
	b.srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is expected
	b.srv.StartTLS()
	t.Cleanup(b.srv.Close)

	c := b.client(func(o *Options) {
		o.HTTPClient = b.srv.Client() // trusts the test server's CA
		o.TLSCertificates = []tls.Certificate{{Certificate: [][]byte{cert.Raw}, PrivateKey: key}}
	})
	if _, err := c.Balances(context.Background(), v1Refs("1"), CurrentDay); err != nil {
		t.Fatalf("with client certificate: %v", err)
	}

	sl := &sleeps{}
	c = b.client(func(o *Options) { o.HTTPClient = b.srv.Client(); o.Sleep = sl.sleep })
	_, err := c.Balances(context.Background(), v1Refs("1"), CurrentDay)
	if !errors.Is(err, model.ErrUnavailable) {
		t.Fatalf("without client certificate: %v", err)
	}
	t.Log(err)
}

func insecureClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true}
	return &http.Client{Transport: tr}
}
