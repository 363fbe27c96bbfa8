package main

import (
	"flag"
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

func TestSplitCommand(t *testing.T) {
	cases := []struct {
		args []string
		cmd  string
		rest []string
	}{
		{nil, "", nil},
		{[]string{"balances", "--json"}, "balances", []string{"--json"}},
		{[]string{"--env", "cat", "balances", "--csv"}, "balances", []string{"--env", "cat", "--csv"}},
		{[]string{"balances", "--env", "cat"}, "balances", []string{"--env", "cat"}},
		{[]string{"--demo", "balances"}, "balances", []string{"--demo"}},
		{[]string{"--env=cat", "balances"}, "balances", []string{"--env=cat"}},
		{[]string{"-env", "cat", "balances"}, "balances", []string{"-env", "cat"}},
		{[]string{"--json", "balances"}, "balances", []string{"--json"}},             // a command's bool flag before it
		{[]string{"--accounts", "balances"}, "", []string{"--accounts", "balances"}}, // the value, not the command
		{[]string{"--demo"}, "", []string{"--demo"}},
		{[]string{"-h", "balances"}, "balances", []string{"-h"}},
		{[]string{"--", "balances"}, "", []string{"--", "balances"}}, // after --, words are arguments
		{[]string{"balances", "--", "mock-server"}, "balances", []string{"--", "mock-server"}},
		{[]string{"--bogus", "balances"}, "", []string{"--bogus", "balances"}}, // the parser names --bogus
		{[]string{"help", "balances"}, "help", []string{"balances"}},
	}
	for _, c := range cases {
		cmd, rest, err := splitCommand(c.args)
		if err != nil || cmd != c.cmd || strings.Join(rest, " ") != strings.Join(c.rest, " ") {
			t.Errorf("splitCommand(%q) = %q %q %v, want %q %q", c.args, cmd, rest, err, c.cmd, c.rest)
		}
	}
	for _, args := range [][]string{{"frob"}, {"--env", "cat", "frob"}, {"--demo", "frob", "balances"}} {
		if _, _, err := splitCommand(args); err == nil || !strings.Contains(err.Error(), `unknown command "frob"`) {
			t.Errorf("splitCommand(%q): err %v, want unknown command", args, err)
		}
	}
}

// Every flag of every command, and every global, is found in every
// position; its value is a command's name, so a flag wrongly taken for a
// boolean would make its value the command. This is what keeps the flag
// sets the only list of flags.
func TestEveryFlagInEveryPosition(t *testing.T) {
	for _, name := range commandNames() {
		c, _ := lookupCommand(name)
		var g globals
		fs := newFlagSet(name, &g, c.flags)
		fs.VisitAll(func(f *flag.Flag) {
			var forms [][]string
			if isValueFlag(f) {
				forms = [][]string{{"--" + f.Name, "help"}, {"--" + f.Name + "=help"}, {"-" + f.Name, "help"}}
			} else {
				forms = [][]string{{"--" + f.Name}, {"--" + f.Name + "=true"}}
			}
			for _, flagArgs := range forms {
				for _, args := range [][]string{append(append([]string{}, flagArgs...), name), append([]string{name}, flagArgs...)} {
					cmd, rest, err := splitCommand(args)
					if err != nil || cmd != name || strings.Join(rest, " ") != strings.Join(flagArgs, " ") {
						t.Errorf("splitCommand(%q) = %q %q %v, want %q %q", args, cmd, rest, err, name, flagArgs)
					}
				}
			}
		})
	}
}

// --help, -h, help and --version answer on stdout with exit 0, for the
// bare program and for every command.
func TestHelpAndVersionOnStdout(t *testing.T) {
	cases := [][]string{{"--help"}, {"-h"}, {"-help"}, {"help"}, {"--version"}, {"--demo", "--help"}}
	for _, name := range commandNames() {
		cases = append(cases, []string{name, "--help"}, []string{name, "-h"}, []string{"help", name}, []string{"--help", name})
	}
	for _, args := range cases {
		code, out, errOut := runCmd(t, env(t), args...)
		if code != exitOK || out == "" || errOut != "" {
			t.Errorf("%q: exit %d, stdout %d bytes, stderr %q; want exit 0 and text on stdout only", args, code, len(out), errOut)
		}
	}
	_, out, _ := runCmd(t, env(t), "balances", "--help")
	for _, want := range []string{"usage: cashpos balances", "--json", "--csv", "--accounts ID,ID", "exit codes"} {
		if !strings.Contains(out, want) {
			t.Errorf("balances --help lacks %q:\n%s", want, out)
		}
	}
	_, out, _ = runCmd(t, env(t), "--help")
	for _, name := range commandNames() {
		if !strings.Contains(out, "\n  "+name+" ") {
			t.Errorf("--help does not list the %s command:\n%s", name, out)
		}
	}
}

// A command-line mistake is one line on stderr naming the problem and where
// to read more, nothing on stdout, exit 2.
func TestUsageErrorsAreOneLine(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--bogus"}, "unknown flag --bogus; run 'cashpos --help'"},
		{[]string{"balances", "--bogus"}, "balances: unknown flag --bogus; run 'cashpos balances --help'"},
		{[]string{"--bogus", "balances"}, "unknown flag --bogus"},
		{[]string{"frob"}, `unknown command "frob"; run 'cashpos --help'`},
		{[]string{"--env", "cat", "frob"}, `unknown command "frob"`},
		{[]string{"help", "frob"}, `unknown command "frob"`},
		{[]string{"balances", "stray"}, `balances: unexpected argument "stray"`},
		{[]string{"balances", "--", "stray"}, `balances: unexpected argument "stray"; run 'cashpos balances --help'`},
		{[]string{"--env"}, "a value is missing after --env"},
		{[]string{"--refresh", "soon"}, `invalid value "soon" for --refresh (auto-refresh the dashboard, e.g. 60s)`},
		{[]string{"balances", "--json=maybe"}, `invalid value "maybe" for --json`},
		{[]string{"--demo", "--env", "production"}, "--demo (the embedded mock bank) cannot be combined with --env production"},
		{[]string{"balances", "--demo", "--base-url", "https://x.example"}, "cannot be combined with --base-url"},
		{[]string{"--accounts", ",,"}, `--accounts ",," has an empty account id`},
		{[]string{"balances", "--accounts", "A1,,B2"}, `--accounts "A1,,B2" has an empty account id`},
		{[]string{"--env="}, "--env is empty"},
		{[]string{"balances", "--config", " "}, "balances: --config is empty"},
		{[]string{"mock-server", "--listen", ""}, "mock-server: --listen is empty"},
		{[]string{"mock-server", "--env", "cat"}, "mock-server: --env does not apply to mock-server"},
		{[]string{"--accounts", "A1", "mock-server"}, "mock-server: --accounts does not apply to mock-server"},
	}
	for _, c := range cases {
		code, out, errOut := runCmd(t, env(t), c.args...)
		if code != exitConfig || out != "" || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and one line on stderr", c.args, code, out, errOut)
		}
		if !strings.Contains(errOut, c.want) || !strings.Contains(errOut, "--help") {
			t.Errorf("%q: stderr %q, want it to contain %q and name --help", c.args, errOut, c.want)
		}
	}
}

func TestVersionText(t *testing.T) {
	base := buildStamp{version: "v1.2.0", commit: "5ed5942c1a2b3c4d5e6f", goVersion: "go1.26.8", platform: "linux/amd64"}
	timed := base
	timed.commitTime, timed.modified = "2026-12-02T09:00:00Z", true
	unstamped := buildStamp{version: "(devel)", commit: "unknown", goVersion: "go1.26.8", platform: "linux/amd64"}
	cases := []struct {
		s    buildStamp
		want string
	}{
		{base, "cashpos v1.2.0 commit 5ed5942c1a2b go1.26.8 linux/amd64\n"},
		{timed, "cashpos v1.2.0 commit 5ed5942c1a2b (2026-12-02T09:00:00Z, modified) go1.26.8 linux/amd64\n"},
		{unstamped, "cashpos (devel) commit unknown go1.26.8 linux/amd64\n"},
	}
	for _, c := range cases {
		if got := versionText(c.s); got != c.want {
			t.Errorf("versionText = %q, want %q", got, c.want)
		}
	}
}

// The test binary has build info but, on machines building with
// -buildvcs=false, no commit: the stamp must still read sensibly.
func TestReadBuildStamp(t *testing.T) {
	s := readBuildStamp()
	if s.version == "" || s.goVersion != runtime.Version() {
		t.Errorf("stamp %+v", s)
	}
	if !regexp.MustCompile(`^(unknown|[0-9a-f]{7,64})$`).MatchString(s.commit) {
		t.Errorf("commit %q, want a hash or unknown", s.commit)
	}
	line := versionText(s)
	want := fmt.Sprintf(`^cashpos \S+ commit \S+( \([^)]*\))? %s %s/%s\n$`, regexp.QuoteMeta(runtime.Version()), runtime.GOOS, runtime.GOARCH)
	if !regexp.MustCompile(want).MatchString(line) {
		t.Errorf("--version %q does not match %s", line, want)
	}
}

// The global flag reaches the configuration in every spelling and position;
// after "--" it is an argument, not a flag.
func TestEnvFlagInEveryForm(t *testing.T) {
	forms := [][]string{
		{"--env", "cat", "balances"},
		{"balances", "--env", "cat"},
		{"--env=cat", "balances"},
		{"balances", "--env=cat"},
		{"-env", "cat", "balances"},
	}
	for _, args := range forms {
		code, out, errOut := runCmd(t, env(t), args...)
		// No credentials for cat: the config error proves --env cat arrived.
		if code != exitConfig || out != "" || !strings.Contains(errOut, `required for env "cat"`) {
			t.Errorf("%q: exit %d stdout %q stderr %q", args, code, out, errOut)
		}
	}
	code, _, errOut := runCmd(t, env(t), "balances", "--", "--env", "cat")
	if code != exitConfig || !strings.Contains(errOut, `unexpected argument "--env"`) {
		t.Errorf("after --: exit %d stderr %q", code, errOut)
	}
}

// A flag name means one kind of flag in every command: splitCommand learns
// whether --name takes a value before it knows the command, so a name that
// is a boolean in one command and takes a value in another would be
// misread in one of them.
func TestFlagKindsAgree(t *testing.T) {
	kind := map[string]bool{}
	owner := map[string]string{}
	var g globals
	sets := map[string]*flag.FlagSet{"(globals)": declared(g.register)}
	for _, name := range commandNames() {
		if c, _ := lookupCommand(name); c.flags != nil {
			sets[name] = declared(c.flags)
		}
	}
	for setName, fs := range sets {
		fs.VisitAll(func(f *flag.Flag) {
			if k, seen := kind[f.Name]; seen && k != isValueFlag(f) {
				t.Errorf("--%s takes a value in one of %s and %s but not in the other; rename one", f.Name, owner[f.Name], setName)
			}
			kind[f.Name], owner[f.Name] = isValueFlag(f), setName
		})
	}
	for _, builtin := range []string{"h", "help"} {
		if _, taken := kind[builtin]; taken {
			t.Errorf("--%s is the flag package's help flag; a command must not declare it", builtin)
		}
	}
}
