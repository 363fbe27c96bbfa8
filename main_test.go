package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cashpos/jpm/mock"
)

// env builds an injected environment: only the given variables exist, and
// the config and state dirs point into a temp dir so no test reads the
// developer's own configuration or writes to their home.
func env(t testing.TB, kv ...string) func(string) string {
	t.Helper()
	dir := t.TempDir()
	m := map[string]string{
		"XDG_CONFIG_HOME":   filepath.Join(dir, "config"),
		"XDG_STATE_HOME":    filepath.Join(dir, "state"),
		"CASHPOS_STATE_DIR": filepath.Join(dir, "state", "cashpos"),
		"HOME":              dir,
	}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

// testNow pins the clock of every command a test runs, and of the mock banks
// they talk to: the demo book moves every 15 minutes of clock, and two runs
// straddling a boundary would otherwise see different balances.
var testNow = time.Date(2026, 11, 20, 15, 4, 0, 0, time.UTC)

func fixedClock() time.Time { return testNow }

func runCmd(t *testing.T, getenv func(string) string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, stdio{in: strings.NewReader(""), out: &out, err: &errb, now: fixedClock}, getenv)
	return code, out.String(), errb.String()
}

func TestDemoBalancesReport(t *testing.T) {
	code, out, errOut := runCmd(t, env(t), "balances")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{"DEMO", "ENDING AVAIL", "Totals by currency", "USD", "JPY", "BHD", "EUR", "GBP"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo report lacks %q:\n%s", want, out)
		}
	}
}

// The same book over real HTTP to a standalone mock bank, configured only
// through CASHPOS_* variables, must give the same accounts and amounts as
// the embedded demo.
func TestBalancesAgainstStandaloneMockMatchesDemo(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	bank := mock.New(mock.Options{Seed: demoSeed, ClientID: demoClientID, ClientSecret: demoClientSecret, Now: fixedClock})
	base, shutdown, err := mock.Serve(ctx, "127.0.0.1:0", bank)
	if err != nil {
		t.Fatal(err)
	}
	defer shutdown(context.Background())

	viaEnv := env(t, "CASHPOS_ENV", "mock", "CASHPOS_BASE_URL", base,
		"CASHPOS_TOKEN_URL", base+"/am/oauth2/alpha/access_token",
		"CASHPOS_CLIENT_ID", demoClientID, "CASHPOS_CLIENT_SECRET", demoClientSecret)
	code, out, errOut := runCmd(t, viaEnv, "balances", "--json")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	_, demoOut, _ := runCmd(t, env(t), "balances", "--json")
	got, want := amountsByAccount(t, out), amountsByAccount(t, demoOut)
	if len(got) < 12 {
		t.Fatalf("want the whole book (12+ accounts), got %d", len(got))
	}
	for id, a := range want {
		if got[id] != a {
			t.Errorf("account %s: standalone %q, demo %q", id, got[id], a)
		}
	}
	if !strings.Contains(out, `"environment": "MOCK"`) {
		t.Errorf("standalone run should be badged MOCK")
	}
}

func amountsByAccount(t *testing.T, raw string) map[string]string {
	t.Helper()
	var r struct {
		Accounts []struct {
			AccountID, Currency                             string
			OpeningAvailable, EndingAvailable, EndingLedger *string
		}
	}
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, raw)
	}
	m := map[string]string{}
	for _, a := range r.Accounts {
		s := a.Currency
		for _, p := range []*string{a.OpeningAvailable, a.EndingAvailable, a.EndingLedger} {
			if p != nil {
				s += " " + *p
			}
		}
		m[a.AccountID] = s
	}
	return m
}

func TestWrongSecretExitsOneWithOneClearLine(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	bank := mock.New(mock.Options{Seed: 1, ClientID: demoClientID, ClientSecret: demoClientSecret})
	base, shutdown, err := mock.Serve(ctx, "127.0.0.1:0", bank)
	if err != nil {
		t.Fatal(err)
	}
	defer shutdown(context.Background())
	const wrong = "hunter2-not-the-secret"
	code, out, errOut := runCmd(t, env(t, "CASHPOS_ENV", "mock", "CASHPOS_BASE_URL", base,
		"CASHPOS_TOKEN_URL", base+"/am/oauth2/alpha/access_token",
		"CASHPOS_CLIENT_ID", demoClientID, "CASHPOS_CLIENT_SECRET", wrong), "balances")
	if code != exitAPI {
		t.Fatalf("exit %d, want %d; stderr %q", code, exitAPI, errOut)
	}
	if out != "" {
		t.Errorf("nothing should reach stdout, got %q", out)
	}
	if strings.Count(errOut, "\n") != 1 || !strings.HasPrefix(errOut, "cashpos: ") {
		t.Errorf("want exactly one line on stderr, got %q", errOut)
	}
	if strings.Contains(errOut, wrong) {
		t.Fatalf("the secret leaked into the error: %q", errOut)
	}
	if !strings.Contains(strings.ToLower(errOut), "credential") {
		t.Errorf("the line should say the credentials were refused: %q", errOut)
	}
}

func TestUnreachableHostExitsOne(t *testing.T) {
	code, _, errOut := runCmd(t, env(t, "CASHPOS_ENV", "mock", "CASHPOS_BASE_URL", "http://127.0.0.1:1",
		"CASHPOS_TOKEN_URL", "http://127.0.0.1:1/am/oauth2/alpha/access_token",
		"CASHPOS_CLIENT_ID", "x", "CASHPOS_CLIENT_SECRET", "y"), "balances")
	if code != exitAPI || strings.Count(errOut, "\n") != 1 {
		t.Fatalf("exit %d stderr %q; want exit 1 and one line", code, errOut)
	}
}

func TestBadConfigAndUsageExitTwo(t *testing.T) {
	cases := [][]string{
		{"balances", "--json", "--csv"},
		{"frobnicate"},
		{"balances", "--env", "staging"},
		{"balances", "stray"},
	}
	for _, args := range cases {
		code, _, errOut := runCmd(t, env(t), args...)
		if code != exitConfig || strings.Count(errOut, "\n") < 1 {
			t.Errorf("%v: exit %d stderr %q; want exit 2 with a message", args, code, errOut)
		}
	}
}

func TestCSVAndJSONFormats(t *testing.T) {
	code, out, _ := runCmd(t, env(t), "balances", "--csv")
	if code != 0 || !strings.HasPrefix(out, "account_id,") {
		t.Fatalf("csv: exit %d, %q", code, out[:min(len(out), 80)])
	}
	code, out, _ = runCmd(t, env(t), "balances", "--json")
	var v map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &v) != nil {
		t.Fatalf("json: exit %d", code)
	}
}

func TestGlobalFlagsBeforeTheCommand(t *testing.T) {
	code, out, errOut := runCmd(t, env(t), "--demo", "balances", "--json")
	if code != exitOK || !strings.Contains(out, `"environment": "DEMO"`) {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

// `cashpos mock-server` serves the bank until interrupted, and says how to
// point the client at it.
func TestMockServerCommand(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"mock-server", "--listen", "127.0.0.1:0", "--latency", "1ms"},
			stdio{in: strings.NewReader(""), out: pw, err: pw, now: fixedClock}, env(t))
		pw.Close()
	}()
	br := bufio.NewReader(pr)
	first, err := br.ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	second, err := br.ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, pr)
	base := strings.TrimSpace(strings.TrimPrefix(second, "from this machine: "))
	port := strings.TrimPrefix(base, "http://127.0.0.1:")
	if port == base || port == "0" || first != "mock bank listening on 127.0.0.1:"+port+" (loopback: this machine only)\n" {
		t.Fatalf("first lines %q %q: want the real port and the loopback scope", first, second)
	}
	resp, err := http.Get(base + "/_mock/faults")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `"latency":"1ms"`) {
		t.Fatalf("--latency not applied: %s", body)
	}
	code, out, errOut := runCmd(t, env(t, "CASHPOS_ENV", "mock", "CASHPOS_BASE_URL", base,
		"CASHPOS_CLIENT_ID", demoClientID, "CASHPOS_CLIENT_SECRET", demoClientSecret), "balances")
	if code != exitOK || !strings.Contains(out, "Manama Treasury") {
		t.Fatalf("client against mock-server: exit %d %q", code, errOut)
	}
	cancel()
	if code := <-done; code != exitOK {
		t.Fatalf("mock-server exit %d after interrupt", code)
	}
}

// At a pinned clock the demo book's staleness is exact: the Frankfurt feed
// is hours behind, Manama Treasury has only a prior-day report, and Tokyo —
// already on the next day there — is fresh because its zone comes from the
// bank id.
func TestDemoStalenessAtFixedClock(t *testing.T) {
	code, out, errOut := runCmd(t, env(t), "balances", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r struct {
		Accounts []struct{ Name, Staleness, AsOfDate string }
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"Frankfurt Collections":     "stale",
		"Manama Treasury":           "prior-day",
		"Tokyo Operations":          "fresh",
		"London Operating":          "fresh",
		"Operating - Concentration": "fresh",
		"BDA Settlement - Kinexys":  "fresh",
	}
	for _, a := range r.Accounts {
		if w, ok := want[a.Name]; ok {
			if a.Staleness != w {
				t.Errorf("%s (as of %s): %s, want %s", a.Name, a.AsOfDate, a.Staleness, w)
			}
			delete(want, a.Name)
		}
	}
	if len(want) != 0 {
		t.Errorf("accounts missing from the demo book: %v", want)
	}
}
