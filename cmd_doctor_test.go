package main

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"flag"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

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
}

func newDoctorBank(t *testing.T) *doctorBank {
	t.Helper()
	bank := mock.New(mock.Options{Seed: demoSeed, ClientID: demoClientID, ClientSecret: demoClientSecret, Now: fixedClock})
	front := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
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
	b := &doctorBank{bank: bank}
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
