package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"cashpos/config"
	"cashpos/model"
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
	debug                              string // --debug FILE: the request log (debuglog.go)
	refresh                            time.Duration
	version                            bool
	set                                map[string]bool // flags the user actually gave
}

// register declares the global flags. A usage starting with `NAME` names
// the flag's value in the usage text.
func (g *globals) register(fs *flag.FlagSet) {
	fs.BoolVar(&g.demo, "demo", false, "demo mode with the embedded mock bank, even when a configuration exists")
	fs.StringVar(&g.env, "env", "", "`mock|cat|production` the bank environment")
	fs.StringVar(&g.baseURL, "base-url", "", "`URL` one scheme://host[:port] for every API")
	fs.StringVar(&g.configPath, "config", "", "`FILE` configuration file (default $CASHPOS_CONFIG, else ~/.config/cashpos/config.toml)")
	fs.StringVar(&g.accounts, "accounts", "", "`ID,ID` watch only these accounts (default: every account the credentials reach)")
	fs.StringVar(&g.stateDir, "state-dir", "", "`DIR` state directory (default $XDG_STATE_HOME/cashpos, else ~/.local/state/cashpos)")
	fs.DurationVar(&g.refresh, "refresh", 0, "`INTERVAL` auto-refresh the dashboard, e.g. 60s")
	fs.StringVar(&g.debug, "debug", "", "`FILE` append one JSON line per bank request to FILE (0600; never secrets, tokens or bodies)")
	fs.BoolVar(&g.version, "version", false, "print version, commit and Go version, then exit")
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

// shown is not a failure: the user asked for help or the version. run
// prints its text on stdout and exits 0, as Unix tools do.
type shown struct{ text string }

func (s shown) Error() string { return "shown: " + s.text }

// run parses the command line and runs one command; it returns the exit code.
func run(ctx context.Context, args []string, std stdio, getenv func(string) string) int {
	name, rest, err := splitCommand(args)
	if err == nil {
		err = dispatch(ctx, name, rest, std, getenv)
	}
	if ctx.Err() != nil && errors.Is(err, context.Canceled) && !errors.Is(err, model.ErrInterrupted) {
		// A signal ended the work somewhere that only saw its context
		// cancelled: say "interrupted" (exit 130), not "context canceled".
		err = fmt.Errorf("%s: %w", name, model.ErrInterrupted)
	}
	var s shown
	switch {
	case errors.As(err, &s):
		fmt.Fprint(std.out, s.text)
		return exitOK
	case err != nil:
		return reportError(std.err, err)
	}
	return exitOK
}

// dispatch runs the named command, or the dashboard when there is none.
func dispatch(ctx context.Context, name string, args []string, std stdio, getenv func(string) string) error {
	if name == "" {
		return runDashboard(ctx, args, std, getenv)
	}
	c, ok := lookupCommand(name)
	if !ok { // splitCommand only returns registered names
		return usagef("unknown command %q; run 'cashpos --help' for the list", name)
	}
	return c.run(ctx, args, std, getenv)
}

// parseFlags parses a command's flags plus the globals, and refuses stray
// arguments, conflicting flags and empty values. --help and --version come
// back as a shown error, so every command answers them the same way. name is
// the command ("" or "dashboard" for the bare dashboard).
func parseFlags(name string, args []string, _ stdio, g *globals, extra func(*flag.FlagSet)) error {
	fs := newFlagSet(name, g, extra)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return shown{helpText(name)}
		}
		return flagError(name, fs, err)
	}
	if fs.NArg() > 0 {
		return cmdUsagef(name, "unexpected argument %q", fs.Arg(0))
	}
	g.set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { g.set[f.Name] = true })
	if g.version {
		return shown{versionText(readBuildStamp())}
	}
	return checkFlags(name, fs, g)
}

// newFlagSet declares the globals and a command's own flags on a silent flag
// set: errors are reported by run, as one line, never by the flag package.
func newFlagSet(name string, g *globals, extra func(*flag.FlagSet)) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	g.register(fs)
	if extra != nil {
		extra(fs)
	}
	return fs
}

// splitCommand finds the command wherever it stands among the flags
// ("cashpos --env cat balances" and "cashpos balances --env cat" both work)
// and returns it with the remaining arguments. Which flags take a value is
// learnt from the flag sets (flagKind), so "--accounts balances" is a value,
// not the command. The scan stops at "--" and at a flag no command knows
// (the parser then names it); the first other bare word must be a command.
func splitCommand(args []string) (cmd string, rest []string, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		if len(a) > 1 && a[0] == '-' {
			name, _, inline := strings.Cut(strings.TrimLeft(a, "-"), "=")
			known, takesValue := flagKind(name)
			if !known {
				break
			}
			if takesValue && !inline {
				i++ // its value
			}
			continue
		}
		if _, ok := lookupCommand(a); !ok {
			return "", nil, usagef("unknown command %q; run 'cashpos --help' for the list", a)
		}
		rest = append(append([]string{}, args[:i]...), args[i+1:]...)
		return a, rest, nil
	}
	return "", args, nil
}
