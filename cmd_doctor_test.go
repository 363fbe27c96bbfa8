package main

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"flag"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"cashpos/config"
	"cashpos/jpm"
	"cashpos/jpm/mock"
)

// Golden files of the doctor's output live in the top-level
// testdata/doctor; `go test . -run Doctor -update` rewrites them (read the
// diff before committing). The flag is shared with any other golden helper
// in this package's tests, whoever defines it first.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

func requireGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "doctor", name+".golden")
	if updating() {
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file; run `go test . -run Doctor -update` and read the diff.\n--- want\n%s\n--- got\n%s", path, want, got)
	}
}

// doctorBank is the standalone mock bank behind a front that answers
// Transaction Details and Global Payments itself (an empty list, and "not
// found" in the common error model), honouring the mock's down and
// notEntitled faults, so these tests do not depend on the mock serving
// those APIs.
type doctorBank struct {
	bank *mock.Bank
	base string
	stop func()
	// signer, when set, is the certificate the front's IDAnywhere token
	// endpoint (POST /adfs/oauth2/token) accepts signed assertions from.
	signer *x509.Certificate
}

func newDoctorBank(t *testing.T) *doctorBank {
	t.Helper()
	bank := mock.New(mock.Options{Seed: demoSeed, ClientID: demoClientID, ClientSecret: demoClientSecret, Now: fixedClock})
	b := &doctorBank{bank: bank}
	front := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/adfs/oauth2/token" {
			w.Header().Set("Date", testNow.Add(bank.Faults().State().ClockSkew).UTC().Format(http.TimeFormat))
			b.assertionToken(w, r)
			return
		}
		api := mock.APISet(0)
		switch {
		case strings.HasPrefix(r.URL.Path, "/tsapi/v3/transactions"):
			api = mock.APITransactions
		case strings.HasPrefix(r.URL.Path, "/payment/v2/payments"):
			api = mock.APIPayments
		default:
			bank.ServeHTTP(w, r)
			return
		}
		st := bank.Faults().State()
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Date", testNow.Add(st.ClockSkew).UTC().Format(http.TimeFormat))
		switch {
		case st.Down:
			w.WriteHeader(503)
			w.Write([]byte(`{"errors":[{"errorCode":"GCA-099","errorMsg":"System is Unavailable"}]}`))
		case st.NotEntitled&api != 0:
			w.WriteHeader(403)
			w.Write([]byte(`{"errors":[{"errorCode":"GCA-001","errorMsg":"Client is not eligible for this service"}]}`))
		case api == mock.APITransactions:
			w.Write([]byte(`{"pagination":{"pageSize":1000,"totalPages":1,"pageNumber":1,"totalRecords":0},"data":[]}`))
		default:
			w.WriteHeader(404)
			w.Write([]byte(`{"title":"Not Found","httpStatus":404,"traceId":"trace-0001","context":[{"code":"10104","message":"Payment not found"}]}`))
		}
	})
	srv := &http.Server{Handler: front}
	ln, err := listenLoopback()
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	b.base = "http://" + ln.Addr().String()
	b.stop = func() { srv.Close() }
	t.Cleanup(b.stop)
	return b
}

// env is the standalone-mock configuration, through CASHPOS_* only.
func (b *doctorBank) env(t *testing.T, kv ...string) func(string) string {
	return env(t, append([]string{"CASHPOS_ENV", "mock", "CASHPOS_BASE_URL", b.base,
		"CASHPOS_CLIENT_ID", demoClientID, "CASHPOS_CLIENT_SECRET", demoClientSecret}, kv...)...)
}

var uuidRE = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// normal replaces what changes from run to run: the port, request ids.
func (b *doctorBank) normal(s string) string {
	s = strings.ReplaceAll(s, strings.TrimPrefix(b.base, "http://"), "127.0.0.1:PORT")
	return uuidRE.ReplaceAllString(s, "<uuid>")
}

func (b *doctorBank) doctor(t *testing.T, getenv func(string) string, args ...string) (int, string, string) {
	t.Helper()
	code, out, errOut := runCmd(t, getenv, append([]string{"doctor"}, args...)...)
	return code, b.normal(out), errOut
}

func TestDoctorAllGreenAgainstMock(t *testing.T) {
	b := newDoctorBank(t)
	code, out, errOut := b.doctor(t, b.env(t))
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q\n%s", code, errOut, out)
	}
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "✗") || strings.HasPrefix(l, "!") {
			t.Errorf("not green: %s", l)
		}
	}
	requireGolden(t, "green.txt", out)

	code, out, _ = b.doctor(t, b.env(t), "--json")
	var rep struct {
		OK     bool `json:"ok"`
		Checks []struct{ ID, Status string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != exitOK || !rep.OK || len(rep.Checks) < 8 {
		t.Fatalf("json: exit %d, %v, %+v", code, err, rep)
	}
	requireGolden(t, "green.json", out)
}

// Each fault alone turns exactly the line that names it red (or amber),
// with its advice, and sets the exit code.
func TestDoctorEachFaultItsOwnLine(t *testing.T) {
	cases := []struct {
		name   string
		fault  string   // POSTed to /_mock/faults
		env    []string // extra variables
		code   int
		line   string // the line that must say it, by its start
		golden bool
	}{
		{"bad_secret", "", []string{"CASHPOS_CLIENT_SECRET", "not-the-secret"}, exitAPI, "✗ token: bank refused the client credentials", true},
		{"clock_skew", `{"clockSkew":"10m"}`, nil, exitAPI, "✗ clock: this machine is 10m0s behind the bank's clock", true},
		{"not_entitled_balances", `{"notEntitled":["balances"]}`, nil, exitAPI, "✗ Account Balances: not entitled (HTTP 403, GCA-001", true},
		{"not_entitled_bda", `{"notEntitled":["bda"]}`, nil, exitOK, "! BDA balances: not entitled (HTTP 403, 14000", true},
		{"not_entitled_transactions", `{"notEntitled":["transactions"]}`, nil, exitOK, "! Transaction Details: not entitled (HTTP 403, GCA-001", true},
		{"bank_down", `{"down":true}`, nil, exitAPI, "✗ Account Balances: unreachable (HTTP 503, GCA-099", true},
		{"rate_limited", `{"rateLimitNext":1,"retryAfter":2}`, nil, exitAPI, "✗ Account Balances: rate limited, entitlement not known (HTTP 429", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := newDoctorBank(t)
			if tc.fault != "" {
				res, err := http.Post(b.base+mock.FaultsPath, "application/json", strings.NewReader(tc.fault))
				if err != nil || res.StatusCode != 200 {
					t.Fatalf("fault: %v %v", err, res)
				}
				res.Body.Close()
			}
			code, out, errOut := b.doctor(t, b.env(t, tc.env...))
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr %q", code, tc.code, errOut)
			}
			var hit []string
			for _, l := range strings.Split(out, "\n") {
				if strings.HasPrefix(l, tc.line) {
					hit = append(hit, l)
				}
			}
			if len(hit) != 1 || !strings.Contains(hit[0], " → ") {
				t.Errorf("want one line %q with advice:\n%s", tc.line, out)
			}
			if tc.code != exitOK && !strings.Contains(out, "--debug FILE") {
				t.Errorf("a failing report must mention --debug:\n%s", out)
			}
			if strings.Contains(out, demoClientSecret) || strings.Contains(out, "not-the-secret") {
				t.Errorf("a secret reached the report:\n%s", out)
			}
			if tc.golden {
				requireGolden(t, tc.name+".txt", out)
			}
		})
	}
}

func TestDoctorBankGone(t *testing.T) {
	// A port that was just listened on and closed: nothing answers there.
	// (Stopping a server that may not have started serving yet can reset
	// the connection instead of refusing it.)
	ln, err := listenLoopback()
	if err != nil {
		t.Fatal(err)
	}
	ln.Close()
	b := &doctorBank{base: "http://" + ln.Addr().String()}
	code, out, _ := b.doctor(t, b.env(t))
	if code != exitAPI || !strings.Contains(out, "✗ network 127.0.0.1:PORT: for token, balances, BDA, transactions, payments: TCP failed: connection refused") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	requireGolden(t, "bank_gone.txt", out)
	_, js, _ := b.doctor(t, b.env(t), "--json")
	requireGolden(t, "bank_gone.json", js)
}

func TestDoctorConfigError(t *testing.T) {
	code, out, _ := runCmd(t, env(t, "CASHPOS_ENV", "cat", "CASHPOS_CLIENT_ID", "x"), "doctor")
	if code != exitAPI || !strings.HasPrefix(strings.Split(out, "\n")[2], "✗ configuration: config: ") || strings.Count(out, "– ") != 9 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

func TestDoctorDemo(t *testing.T) {
	code, out, errOut := runCmd(t, env(t), "doctor", "--demo")
	if code != exitOK || !strings.Contains(out, "✓ configuration: demo mode (--demo)") || !strings.Contains(out, "✓ Account Balances: entitled, 14 accounts") {
		t.Fatalf("exit %d %s:\n%s", code, errOut, out)
	}
}

// ---- certificates ----

type pki struct {
	dir      string
	key      *rsa.PrivateKey
	keyPath  string
	certPath string
}

func newPKI(t *testing.T, notBefore, notAfter time.Time) *pki {
	t.Helper()
	p := &pki{dir: t.TempDir()}
	p.key = genKey(t)
	p.keyPath = writeKey(t, p.dir, "client.key", p.key)
	p.certPath = writeCert(t, p.dir, "client.crt", p.key, notBefore, notAfter)
	return p
}

func genKey(t *testing.T) *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func writeKey(t *testing.T, dir, name string, k *rsa.PrivateKey) string {
	der, _ := x509.MarshalPKCS8PrivateKey(k)
	p := filepath.Join(dir, name)
	os.WriteFile(p, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600)
	return p
}

func writeCert(t *testing.T, dir, name string, k *rsa.PrivateKey, notBefore, notAfter time.Time) string {
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Acme Corp cashpos cat", Organization: []string{"Acme Corp"}},
		NotBefore: notBefore, NotAfter: notAfter, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	os.WriteFile(p, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
	return p
}

func lineStarting(out, prefix string) string {
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

func TestDoctorCertificates(t *testing.T) {
	b := newDoctorBank(t)
	day := 24 * time.Hour
	t.Run("expired", func(t *testing.T) {
		p := newPKI(t, testNow.Add(-400*day), testNow.Add(-2*day))
		code, out, _ := b.doctor(t, b.env(t, "CASHPOS_TLS_CERT", p.certPath, "CASHPOS_TLS_KEY", p.keyPath))
		l := lineStarting(out, "✗ certificate dates: expired on 2026-11-18")
		if code != exitAPI || !strings.Contains(l, "cashpos init --force") {
			t.Fatalf("exit %d:\n%s", code, out)
		}
		if strings.Count(out, "\n✗") != 1 || lineStarting(out, "✓ certificate thumbprint: ") == "" || lineStarting(out, "✓ certificate key: matches") == "" {
			t.Errorf("only the dates should fail:\n%s", out)
		}
	})
	t.Run("expiring soon", func(t *testing.T) {
		p := newPKI(t, testNow.Add(-300*day), testNow.Add(12*day))
		code, out, _ := b.doctor(t, b.env(t, "CASHPOS_TLS_CERT", p.certPath, "CASHPOS_TLS_KEY", p.keyPath))
		if code != exitOK || lineStarting(out, "! certificate dates: expires in 12 days, on 2026-12-02 → renew now") == "" {
			t.Fatalf("exit %d:\n%s", code, out)
		}
	})
	t.Run("key mismatch", func(t *testing.T) {
		p := newPKI(t, testNow.Add(-day), testNow.Add(300*day))
		other := writeKey(t, p.dir, "other.key", genKey(t))
		code, out, _ := b.doctor(t, b.env(t, "CASHPOS_TLS_CERT", p.certPath, "CASHPOS_TLS_KEY", other))
		if code != exitAPI || lineStarting(out, "✗ certificate key: the certificate "+p.certPath+" was not issued for the key "+other+" → ") == "" {
			t.Fatalf("exit %d:\n%s", code, out)
		}
		if lineStarting(out, "– token: not tried: ") == "" {
			t.Errorf("the token call cannot be made without a usable pair:\n%s", out)
		}
	})
	t.Run("CSR saved as the certificate", func(t *testing.T) {
		p := newPKI(t, testNow.Add(-day), testNow.Add(300*day))
		csr, _ := x509.CreateCertificateRequest(rand.Reader, &x509.CertificateRequest{Subject: pkix.Name{CommonName: "x"}}, p.key)
		os.WriteFile(p.certPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: csr}), 0o644)
		code, out, _ := b.doctor(t, b.env(t, "CASHPOS_TLS_CERT", p.certPath, "CASHPOS_TLS_KEY", p.keyPath))
		if code != exitAPI || !strings.Contains(out, "holds the certificate signing request, not the issued certificate") {
			t.Fatalf("exit %d:\n%s", code, out)
		}
	})
	t.Run("key readable by others", func(t *testing.T) {
		p := newPKI(t, testNow.Add(-day), testNow.Add(300*day))
		os.Chmod(p.keyPath, 0o644)
		code, out, _ := b.doctor(t, b.env(t, "CASHPOS_TLS_CERT", p.certPath, "CASHPOS_TLS_KEY", p.keyPath))
		if code != exitAPI || lineStarting(out, "✗ file permissions: CASHPOS_TLS_KEY "+p.keyPath+" has mode 0644") == "" || !strings.Contains(out, "✓ token") {
			t.Fatalf("exit %d:\n%s", code, out)
		}
	})
}

func listenLoopback() (net.Listener, error) { return net.Listen("tcp", "127.0.0.1:0") }

// With --debug, a failing doctor says where the evidence is, and the file
// holds one line per request it made.
func TestDoctorDebugFile(t *testing.T) {
	b := newDoctorBank(t)
	b.bank.Faults().SetDown(true)
	file := filepath.Join(t.TempDir(), "doctor.jsonl")
	code, out, _ := b.doctor(t, b.env(t), "--debug", file)
	if code != exitAPI || !strings.Contains(out, "every request of this run is recorded in "+file) {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{mock.TokenPath, "/accessapi/balance", "/account/v2/accounts/balances", "/tsapi/v3/transactions", "/payment/v2/payments"} {
		if !strings.Contains(string(data), `"path":"`+path+`"`) {
			t.Errorf("no line for %s:\n%s", path, data)
		}
	}
	if strings.Contains(string(data), demoClientSecret) || strings.Contains(string(data), "CASHPOSDOCTOR") {
		t.Errorf("the debug file holds a secret or a query value:\n%s", data)
	}
}

// A misbehaving token endpoint that echoes the credentials (plain and as
// the Basic header) and an escape sequence: the doctor's line holds none.
func TestDoctorScrubsEchoedCredentials(t *testing.T) {
	b := newDoctorBank(t)
	echo := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(401)
		w.Write([]byte(`{"error":"invalid_client","error_description":"secret demo-secret refused for ` + r.Header.Get("Authorization") + ` \u001b[31mred"}`))
	})}
	ln, _ := listenLoopback()
	go echo.Serve(ln)
	defer echo.Close()
	code, out, _ := b.doctor(t, b.env(t, "CASHPOS_TOKEN_URL", "http://"+ln.Addr().String()+"/token"))
	l := lineStarting(out, "✗ token: ")
	if code != exitAPI || l == "" || !strings.Contains(l, "[redacted]") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	for _, bad := range []string{demoClientSecret, "ZGVtby1jbGllbnQ6ZGVtby1zZWNyZXQ", "\x1b"} {
		if strings.Contains(out, bad) {
			t.Errorf("report holds %q:\n%s", bad, out)
		}
	}
}

// assertionToken plays IDAnywhere (jpm-api.md §1.3): it checks the signed
// client assertion — RS256 by the registered certificate, kid its SHA-1
// thumbprint, aud this endpoint, iat within five minutes of the bank's own
// clock (moved by the clockSkew fault) — then hands out a token of the mock
// bank's own, so the API calls that follow are accepted.
func (b *doctorBank) assertionToken(w http.ResponseWriter, r *http.Request) {
	refuse := func(why string) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(400)
		w.Write([]byte(`{"error":"invalid_grant","error_description":"MSIS9622: ` + why + `"}`))
	}
	r.ParseForm()
	bankNow := testNow.Add(b.bank.Faults().State().ClockSkew)
	var claims jwt.RegisteredClaims
	tok, err := jwt.ParseWithClaims(r.PostForm.Get("client_assertion"), &claims, func(tok *jwt.Token) (any, error) {
		if b.signer == nil || tok.Header["kid"] != jpm.Thumbprint(b.signer) {
			return nil, fmt.Errorf("unknown kid")
		}
		return b.signer.PublicKey, nil
	}, jwt.WithValidMethods([]string{"RS256"}), jwt.WithTimeFunc(func() time.Time { return bankNow }),
		jwt.WithAudience(b.base+"/adfs/oauth2/token"), jwt.WithLeeway(5*time.Minute), jwt.WithIssuedAt())
	switch {
	case err != nil || !tok.Valid:
		refuse("Client authentication failed. Please verify the credential for the client.")
		return
	case r.PostForm.Get("resource") != "JPMC:URI:RS-1-ACME" || r.PostForm.Get("client_id") != "acme-cat":
		refuse("The resource or client id is not known.")
		return
	}
	form := url.Values{"grant_type": {"client_credentials"}}
	req := httptest.NewRequest(http.MethodPost, mock.TokenPath, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(demoClientID, demoClientSecret)
	b.bank.ServeHTTP(w, req)
}

// The signed-JWT sign-in of client testing and production, end to end on
// loopback: the skeleton init writes, filled in, with a certificate issued
// for its CSR, is all green; with the bank's clock ten minutes off, the
// clock line fails and the token line says to fix the clock first.
func TestDoctorSignedAssertion(t *testing.T) {
	b := newDoctorBank(t)
	getenv := env(t)
	if code, _, errOut := runCmd(t, getenv, "init", "--org", "Acme Corp"); code != exitOK {
		t.Fatal(errOut)
	}
	dir := filepath.Join(getenv("XDG_CONFIG_HOME"), "cashpos")
	key, err := config.ReadRSAKey("k", "k", filepath.Join(dir, "keys", "cat", "client.key"))
	if err != nil {
		t.Fatal(err)
	}
	certPath := writeCert(t, filepath.Join(dir, "keys", "cat"), "client.crt", key, testNow.Add(-time.Hour), testNow.AddDate(1, 0, 0))
	b.signer, _ = config.ReadCertificate("c", "c", certPath)
	data, _ := os.ReadFile(filepath.Join(dir, "config.toml"))
	filled := strings.NewReplacer(`client_id = ""`, `client_id = "acme-cat"`, `resource = ""`, `resource = "JPMC:URI:RS-1-ACME"`,
		`env = "cat"`, "env = \"cat\"\nbase_url = \""+b.base+"\"").Replace(string(data))
	os.WriteFile(filepath.Join(dir, "config.toml"), []byte(filled), 0o600)

	code, out, _ := b.doctor(t, getenv)
	if code != exitOK || lineStarting(out, "✓ token: signed in with a signed JWT assertion (client acme-cat, resource JPMC:URI:RS-1-ACME)") == "" ||
		!strings.Contains(out, "(SHA-1, the JWT kid)") || lineStarting(out, "✓ Account Balances: entitled, 14 accounts") == "" {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	b.bank.Faults().SetClockSkew(10 * time.Minute)
	code, out, _ = b.doctor(t, getenv)
	t.Log(lineStarting(out, "✗ token: "))
	if code != exitAPI || lineStarting(out, "✗ clock: ") == "" || !strings.Contains(lineStarting(out, "✗ token: "), "fix the clock first") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

// Configured accounts the bank does not list are named: the dashboard
// would show them as problems.
func TestDoctorNamesConfiguredAccountsNotListed(t *testing.T) {
	b := newDoctorBank(t)
	code, out, _ := b.doctor(t, b.env(t, "CASHPOS_ACCOUNTS", "000000010962009,000000099999999"))
	l := lineStarting(out, "! Account Balances: entitled, 14 accounts; 1 configured account is not among them: 000000099999999 → ")
	if code != exitOK || l == "" {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

// A bank that accepts connections and never answers cannot hold the doctor
// past its command_timeout: the report comes, naming what did not answer.
func TestDoctorSilentBankHitsDeadline(t *testing.T) {
	ln, err := listenLoopback()
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close() // held open, never answered
		}
	}()
	cfg := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(cfg, []byte("command_timeout = \"1s\"\nrequest_timeout = \"5s\"\n"), 0o600)
	b := &doctorBank{base: "http://" + ln.Addr().String()}
	start := time.Now()
	code, out, _ := b.doctor(t, b.env(t, "CASHPOS_CONFIG", cfg))
	if code != exitAPI || time.Since(start) > 10*time.Second {
		t.Fatalf("exit %d after %s:\n%s", code, time.Since(start), out)
	}
	if l := lineStarting(out, "✗ network 127.0.0.1:PORT"); !strings.Contains(l, "HTTP failed: the host accepted the connection but sent no answer in time") {
		t.Errorf("the silent host should be named:\n%s", out)
	}
}

// Every open secret is named at once: the config file holding
// client_secret, and a key in a directory others may write to.
func TestDoctorPermissionsAllAtOnce(t *testing.T) {
	b := newDoctorBank(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	os.WriteFile(cfg, []byte("client_secret = \""+demoClientSecret+"\"\n"), 0o644)
	os.Chmod(cfg, 0o644)
	keys := filepath.Join(dir, "keys")
	os.Mkdir(keys, 0o777)
	os.Chmod(keys, 0o777)
	p := newPKI(t, testNow.Add(-time.Hour), testNow.AddDate(1, 0, 0))
	key := writeKey(t, keys, "client.key", p.key)
	getenv := env(t, "CASHPOS_CONFIG", cfg, "CASHPOS_ENV", "mock", "CASHPOS_BASE_URL", b.base, "CASHPOS_CLIENT_ID", demoClientID,
		"CASHPOS_TLS_CERT", p.certPath, "CASHPOS_TLS_KEY", key)
	code, out, _ := b.doctor(t, getenv)
	l := lineStarting(out, "✗ file permissions: ")
	for _, want := range []string{"client_secret " + cfg + " has mode 0644", "the directory " + keys + " holding CASHPOS_TLS_KEY is writable by group or others", "chmod 600 " + cfg, "chmod go-w " + keys} {
		if !strings.Contains(l, want) {
			t.Errorf("permissions line lacks %q:\n%s", want, l)
		}
	}
	if code != exitAPI || lineStarting(out, "✓ token: ") == "" || strings.Contains(out, demoClientSecret) {
		t.Errorf("exit %d; the other checks still run, and the secret stays out:\n%s", code, out)
	}
}
