package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"cashpos/config"
)

// stdio is the program's outside world: its streams and its clock. Tests
// pin the clock so the demo bank's intraday cycle cannot move under them.
type stdio struct {
	in       io.Reader
	out, err io.Writer
	now      func() time.Time // nil means time.Now
}

func (std stdio) clock() func() time.Time {
	if std.now == nil {
		return time.Now
	}
	return std.now
}

// globals are the flags every command accepts.
type globals struct {
	demo                               bool
	env, baseURL, configPath, accounts string
	stateDir                           string
	refresh                            time.Duration
	set                                map[string]bool // flags the user actually gave
}

func (g *globals) register(fs *flag.FlagSet) {
	fs.BoolVar(&g.demo, "demo", false, "demo mode with the embedded mock bank, even when a configuration exists")
	fs.StringVar(&g.env, "env", "", "environment: mock, cat or production")
	fs.StringVar(&g.baseURL, "base-url", "", "one scheme://host[:port] for every API")
	fs.StringVar(&g.configPath, "config", "", "configuration file (default $CASHPOS_CONFIG or ~/.config/cashpos/config.toml)")
	fs.StringVar(&g.accounts, "accounts", "", "comma-separated account ids to watch")
	fs.StringVar(&g.stateDir, "state-dir", "", "state directory (default ~/.local/state/cashpos)")
	fs.DurationVar(&g.refresh, "refresh", 0, "auto-refresh interval, e.g. 60s")
}

// overrides turns only the flags the user gave into config overrides, so a
// flag's zero default never masks CASHPOS_* or the file.
func (g *globals) overrides() config.Overrides {
	o := config.Overrides{ConfigPath: g.configPath, Demo: g.demo}
	if g.set["env"] {
		e := config.Env(g.env)
		o.Env = &e
	}
	if g.set["base-url"] {
		o.BaseURL = &g.baseURL
	}
	if g.set["state-dir"] {
		o.StateDir = &g.stateDir
	}
	if g.set["refresh"] {
		o.RefreshInterval = &g.refresh
	}
	if g.set["accounts"] {
		for _, id := range strings.Split(g.accounts, ",") {
			if id = strings.TrimSpace(id); id != "" {
				o.Accounts = append(o.Accounts, id)
			}
		}
	}
	return o
}

// usage is the whole usage text, built from the command table so a new
// command documents itself.
func usage() string {
	return "usage: cashpos [flags] [command]\n\ncommands:\n" +
		"  (none)                      the dashboard (demo mode without configuration)\n" +
		commandUsage() + `
flags: --demo --env mock|cat|production --base-url URL --config FILE --accounts ID,ID
       --state-dir DIR --refresh 60s

exit codes: 0 ok, 1 the bank or the network failed, 2 bad usage or configuration,
            3 partial data (some accounts could not be read; the output names them)
`
}

// run parses the command line and runs one command; it returns the exit code.
func run(ctx context.Context, args []string, std stdio, getenv func(string) string) int {
	name, rest := splitCommand(args)
	var err error
	switch {
	case name == "":
		err = runDashboard(ctx, rest, std, getenv)
	case name == "help":
		fmt.Fprint(std.out, usage())
		return exitOK
	default:
		c, ok := lookupCommand(name)
		if !ok {
			err = usagef("unknown command %q; run 'cashpos help' for the list", strings.TrimPrefix(name, "unknown:"))
			break
		}
		err = c.run(ctx, rest, std, getenv)
	}
	if err != nil {
		return reportError(std.err, err)
	}
	return exitOK
}

// parseFlags parses a command's flags plus the globals, and refuses stray
// arguments.
func parseFlags(name string, args []string, std stdio, g *globals, extra func(*flag.FlagSet)) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(std.err)
	fs.Usage = func() { fmt.Fprint(std.err, usage()) }
	g.register(fs)
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return usageError{"help requested"}
		}
		return usagef("%s: %v", name, err)
	}
	if fs.NArg() > 0 {
		return usagef("%s: unexpected argument %q; run 'cashpos help'", name, fs.Arg(0))
	}
	g.set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { g.set[f.Name] = true })
	return nil
}

// splitCommand finds the command wherever it stands among the flags
// ("cashpos --env cat balances" and "cashpos balances --env cat" both work)
// and returns it with the remaining arguments. A stray word that is not a
// command is left for the flag parser to refuse.
func splitCommand(args []string) (cmd string, rest []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		if strings.HasPrefix(a, "-") {
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && isValueFlag(name) {
				i++ // its value
			}
			continue
		}
		if _, ok := lookupCommand(a); ok || a == "help" {
			rest = append(append([]string{}, args[:i]...), args[i+1:]...)
			return a, rest
		}
		if i == 0 {
			return "unknown:" + a, args[1:]
		}
		break
	}
	return "", args
}
