package main

import (
	"context"
	"fmt"
	"net"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"cashpos/jpm/mock"
)

// CLI golden outputs: what a person or a script sees for a command line —
// exit code, stdout and stderr — kept in testdata/TestCLIGolden/*.golden.
// The clock is fixed (testNow) and the demo book is seeded, so reports are
// byte-stable. Regenerate them all with `go test . -run TestCLIGolden -update`
// and read the diff before committing.
var cliGoldenCases = []struct {
	name string
	args []string
}{
	// help and version
	{"help", []string{"--help"}},
	{"help_balances", []string{"balances", "--help"}},
	{"help_mock-server", []string{"mock-server", "--help"}},
	{"help_init", []string{"init", "--help"}},
	{"help_doctor", []string{"doctor", "--help"}},
	{"version", []string{"--version"}},
	// reports of the demo book, each format
	{"balances_text", []string{"balances"}},
	{"balances_json", []string{"balances", "--json"}},
	{"balances_csv", []string{"balances", "--csv"}},
	{"dashboard_not_a_terminal", []string{"--demo"}},
	// error lines
	{"error_unknown_flag", []string{"balances", "--jsn"}},
	{"error_unknown_command", []string{"balance"}},
	{"error_stray_argument", []string{"balances", "--", "extra"}},
	{"error_missing_value", []string{"--accounts"}},
	{"error_bad_duration", []string{"--refresh", "1 minute"}},
	{"error_demo_with_env", []string{"--demo", "--env", "production"}},
	{"error_empty_accounts", []string{"balances", "--accounts", ",,"}},
	{"error_empty_value", []string{"--base-url="}},
	{"error_two_formats", []string{"balances", "--json", "--csv"}},
	{"error_unknown_env", []string{"balances", "--env", "staging"}},
}

// The bank's failures: exit 1, one line. note says what the environment is.
var cliGoldenBankCases = []struct {
	name, note string
	setup      func(t *testing.T) func(string) string
}{
	{"error_wrong_secret", "a mock bank that refuses the secret", wrongSecretBank},
	{"error_unreachable_bank", "CASHPOS_BASE_URL=http://127.0.0.1:1, where nothing listens", func(t *testing.T) func(string) string {
		return env(t, "CASHPOS_ENV", "mock", "CASHPOS_BASE_URL", "http://127.0.0.1:1",
			"CASHPOS_CLIENT_ID", demoClientID, "CASHPOS_CLIENT_SECRET", demoClientSecret)
	}},
}

func TestCLIGolden(t *testing.T) {
	for _, c := range cliGoldenCases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, env(t), c.args...)
			golden.RequireEqual(t, transcript(c.args, code, out, errOut))
		})
	}
	for _, c := range cliGoldenBankCases {
		t.Run(c.name, func(t *testing.T) {
			args := []string{"balances"}
			code, out, errOut := runCmd(t, c.setup(t), args...)
			text := "# " + c.note + "\n" + transcript(args, code, out, errOut)
			golden.RequireEqual(t, ephemeralPort.ReplaceAllString(text, "127.0.0.1:PORT"))
		})
	}
}

// transcript is one run as a reviewer reads it. Facts of the build machine
// (Go version, platform, commit) are replaced by their names, so the golden
// holds the shape of --version rather than one machine's answer.
func transcript(args []string, code int, stdout, stderr string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "$ cashpos %s\nexit %d\n--- stdout\n%s--- stderr\n%s", strings.Join(quoteArgs(args), " "), code, stdout, stderr)
	return buildFacts.ReplaceAllString(b.String(), "cashpos VERSION commit COMMIT GOVERSION OS/ARCH")
}

// ephemeralPort is a test bank's port (port 1, the refused one, stays).
var ephemeralPort = regexp.MustCompile(`127\.0\.0\.1:[0-9]{2,5}`)

// wrongSecretBank is a standalone mock bank that refuses the client's
// secret.
func wrongSecretBank(t *testing.T) func(string) string {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	bank := mock.New(mock.Options{Seed: demoSeed, ClientID: demoClientID, ClientSecret: demoClientSecret, Now: fixedClock})
	base, shutdown, err := mock.Serve(ctx, "127.0.0.1:0", bank)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { shutdown(context.Background()) })
	return env(t, "CASHPOS_ENV", "mock", "CASHPOS_BASE_URL", base,
		"CASHPOS_CLIENT_ID", demoClientID, "CASHPOS_CLIENT_SECRET", "not-the-secret")
}

var buildFacts = regexp.MustCompile(`cashpos \S+ commit \S+( \([^)]*\))? ` +
	regexp.QuoteMeta(runtime.Version()) + " " + runtime.GOOS + "/" + runtime.GOARCH)

func quoteArgs(args []string) []string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = a
		if a == "" || strings.ContainsAny(a, " ,'\"") {
			q[i] = fmt.Sprintf("%q", a)
		}
	}
	return q
}

// What mock-server prints when it starts, on loopback and on every
// interface (announced from fixed addresses: tests bind loopback only).
func TestMockServerAnnounceGolden(t *testing.T) {
	for _, c := range []struct{ name, listen string }{
		{"loopback", "127.0.0.1:0"},
		{"every_interface", "0.0.0.0:7392"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out, errb strings.Builder
			_, port, _ := net.SplitHostPort(c.listen)
			if port == "0" {
				port = "41234" // the port the system picked
			}
			announce(stdio{out: &out, err: &errb}, boundAddr(c.listen, "http://127.0.0.1:"+port))
			golden.RequireEqual(t, transcript([]string{"mock-server", "--listen", c.listen}, 0, out.String(), errb.String()))
		})
	}
}
