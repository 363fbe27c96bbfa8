package main

import (
	"context"
	"flag"
	"sort"
	"strings"
	"sync"
)

// command is one subcommand. Each lives in its own cmd_*.go file and adds
// itself to the table with registerCommand in an init function, so adding a
// command never edits a shared switch.
type command struct {
	name    string
	summary string // one line for the usage text: "balances [--json|--csv]    one-shot balance report"
	// flags declares the command's own flags on fs (nil when it has none).
	// It is also used to learn which flags take a value, so the command can
	// be found wherever it stands among the flags.
	flags func(fs *flag.FlagSet)
	run   func(ctx context.Context, args []string, std stdio, getenv func(string) string) error
	// ownFlagsOnly marks a command that does not connect to a bank (the
	// mock server): the global flags would be silently ignored, so they are
	// refused, and its help does not list them.
	ownFlagsOnly bool
}

var (
	commandsMu sync.Mutex
	commandTab = map[string]command{}
)

// registerCommand adds a subcommand; a second registration of a name is a
// programming error.
func registerCommand(c command) {
	commandsMu.Lock()
	defer commandsMu.Unlock()
	if _, dup := commandTab[c.name]; dup {
		panic("cashpos: command registered twice: " + c.name)
	}
	commandTab[c.name] = c
}

func lookupCommand(name string) (command, bool) {
	commandsMu.Lock()
	defer commandsMu.Unlock()
	c, ok := commandTab[name]
	return c, ok
}

// commandNames lists the registered commands in order, for usage text.
func commandNames() []string {
	commandsMu.Lock()
	defer commandsMu.Unlock()
	names := make([]string, 0, len(commandTab))
	for n := range commandTab {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// flagKind reports whether --name is a flag of any command or of the
// globals, and whether it takes a separate value: derived from the flag sets
// themselves, so there is no second hand-kept list of flags. -h and --help
// are the flag package's own.
func flagKind(name string) (known, takesValue bool) {
	if name == "h" || name == "help" {
		return true, false
	}
	var g globals
	if f := declared(g.register).Lookup(name); f != nil {
		return true, isValueFlag(f)
	}
	commandsMu.Lock()
	defer commandsMu.Unlock()
	for _, c := range commandTab {
		if c.flags == nil {
			continue
		}
		if f := declared(c.flags).Lookup(name); f != nil {
			return true, isValueFlag(f)
		}
	}
	return false, false
}

// declared returns a fresh flag set with one declaration function applied.
func declared(declare func(*flag.FlagSet)) *flag.FlagSet {
	fs := flag.NewFlagSet("probe", flag.ContinueOnError)
	declare(fs)
	return fs
}

// isValueFlag reports whether f takes a value (every flag but a boolean).
func isValueFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return !ok || !b.IsBoolFlag()
}

// commandUsage is the commands part of the usage text, built from the table.
func commandUsage() string {
	var b strings.Builder
	for _, n := range commandNames() {
		c, _ := lookupCommand(n)
		if c.summary == "" {
			continue
		}
		b.WriteString("  " + c.summary + "\n")
	}
	return b.String()
}
