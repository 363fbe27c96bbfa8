package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
)

func init() {
	registerCommand(command{
		name:    "help",
		summary: "help [command]              this text, or one command's flags",
		run: func(_ context.Context, args []string, _ stdio, _ func(string) string) error {
			return runHelp(args)
		},
	})
}

// runHelp is `cashpos help [command]`. Flags and their values are skipped:
// "cashpos --env cat help balances" is still the help on balances.
func runHelp(args []string) error {
	var words []string
	for i := 0; i < len(args); i++ {
		if name, ok := strings.CutPrefix(args[i], "-"); ok {
			name, _, inline := strings.Cut(strings.TrimLeft(name, "-"), "=")
			if _, takesValue := flagKind(name); takesValue && !inline {
				i++
			}
			continue
		}
		words = append(words, args[i])
	}
	switch {
	case len(words) == 0:
		return shown{usage()}
	case len(words) > 1:
		return usagef("help: one command at a time; run 'cashpos --help'")
	}
	if _, ok := lookupCommand(words[0]); !ok {
		return usagef("help: unknown command %q; run 'cashpos --help' for the list", words[0])
	}
	return shown{helpText(words[0])}
}

const exitCodesText = `exit codes:
    0  ok
    1  the bank or the network failed
    2  bad usage or configuration
    3  partial data: some accounts could not be read; the output names them
  130  interrupted (ctrl+c, SIGINT, SIGTERM)
`

// usage is the whole usage text, built from the command table and the
// global flag set so that a new command or flag documents itself.
func usage() string {
	return "usage: cashpos [flags] [command] [command flags]\n\n" +
		"cashpos shows cash positions from J.P. Morgan's treasury APIs; without a\n" +
		"configuration it runs in demo mode against an embedded mock bank.\n\n" +
		"commands:\n" +
		"  (none)                      the dashboard (demo mode without configuration)\n" +
		commandUsage() +
		"\nflags (before or after the command):\n" + globalFlagText() +
		"\n'cashpos help COMMAND' or 'cashpos COMMAND --help' lists a command's own flags.\n\n" +
		exitCodesText
}

// helpText is one command's usage: its summary, its own flags, then the
// globals. name "" or "dashboard" is the bare dashboard: the whole usage.
func helpText(name string) string {
	c, ok := lookupCommand(name)
	if !ok {
		return usage()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "usage: cashpos %s [flags]\n\n  %s\n\n", name, c.summary)
	if c.flags != nil {
		b.WriteString("flags:\n" + flagText(declared(c.flags)))
	}
	if c.ownFlagsOnly {
		b.WriteString(helpFlagLine)
	} else {
		b.WriteString("\nglobal flags:\n" + globalFlagText())
	}
	return b.String() + "\n" + exitCodesText
}

var helpFlagLine = fmt.Sprintf("  %-26s %s\n", "-h, --help", "this text, on stdout")

func globalFlagText() string {
	var g globals
	return flagText(declared(g.register)) + helpFlagLine
}

// flagText lists a flag set, one flag a line: the flag, its value's name
// (the usage's leading `NAME`), what it does and any default worth showing,
// wrapped to 80 columns.
func flagText(fs *flag.FlagSet) string {
	var b strings.Builder
	fs.VisitAll(func(f *flag.Flag) {
		name, text := flagUsage(f)
		left := "--" + f.Name
		if isValueFlag(f) {
			left += " " + name
			if d := f.DefValue; d != "" && d != "0" && d != "0s" {
				text += " (default " + d + ")"
			}
		}
		b.WriteString(hangingIndent(fmt.Sprintf("  %-26s %s", left, text), 80, 29))
	})
	return b.String()
}

// flagUsage splits a flag's usage into its value's name and the text after
// it ("`FILE` configuration file" gives FILE and "configuration file").
func flagUsage(f *flag.Flag) (name, text string) {
	name, text = flag.UnquoteUsage(f)
	return name, strings.TrimPrefix(text, name+" ")
}

// hangingIndent wraps line at width, continuing under column indent.
func hangingIndent(line string, width, indent int) string {
	var b strings.Builder
	for len(line) > width {
		cut := strings.LastIndex(line[:width+1], " ")
		if cut <= indent {
			break
		}
		b.WriteString(line[:cut] + "\n")
		line = strings.Repeat(" ", indent) + line[cut+1:]
	}
	b.WriteString(line + "\n")
	return b.String()
}

// helpCommand is what to run for help on a command.
func helpCommand(name string) string {
	if _, ok := lookupCommand(name); ok {
		return "cashpos " + name + " --help"
	}
	return "cashpos --help"
}

// cmdPrefix starts an error about a command's flags with its name.
func cmdPrefix(name string) string {
	if _, ok := lookupCommand(name); ok {
		return name + ": "
	}
	return ""
}

// cmdUsagef is a mistake on a command's line: prefixed with the command and
// followed by where to read about its flags.
func cmdUsagef(name, format string, args ...any) error {
	return usagef("%s%s; run '%s'", cmdPrefix(name), fmt.Sprintf(format, args...), helpCommand(name))
}

// flagErrorRewrites turn the flag package's messages into ours: flags are
// spelled --name, as the usage text spells them.
var flagErrorRewrites = []struct{ from, to string }{
	{"flag provided but not defined: -", "unknown flag --"},
	{"flag needs an argument: -", "a value is missing after --"},
	{"bad flag syntax: ", "bad flag syntax "},
}

// flagError makes a parse error one line that names the flag and where to
// read about it. An invalid value also says what the flag expects.
func flagError(name string, fs *flag.FlagSet, err error) error {
	msg := err.Error()
	for _, r := range flagErrorRewrites {
		if strings.HasPrefix(msg, r.from) {
			msg = r.to + strings.TrimPrefix(msg, r.from)
			break
		}
	}
	if val, flagName, ok := invalidValue(msg); ok {
		msg = fmt.Sprintf("invalid value %s for --%s", val, flagName)
		if f := fs.Lookup(flagName); f != nil {
			_, text := flagUsage(f)
			msg += " (" + text + ")"
		}
	}
	return cmdUsagef(name, "%s", msg)
}

// invalidValue picks the value and the flag out of the flag package's
// `invalid [boolean ]value "x" for [flag ]-name: reason`.
func invalidValue(msg string) (val, flagName string, ok bool) {
	rest, found := strings.CutPrefix(msg, "invalid value ")
	if !found {
		if rest, found = strings.CutPrefix(msg, "invalid boolean value "); !found {
			return "", "", false
		}
	}
	val, rest, found = strings.Cut(rest, " for ")
	if !found {
		return "", "", false
	}
	rest = strings.TrimLeft(strings.TrimPrefix(rest, "flag "), "-")
	flagName, _, _ = strings.Cut(rest, ":")
	return val, flagName, true
}

// demoConflicts are the global flags that point at a real bank: --demo would
// silently drop them, so giving both is a usage error.
var demoConflicts = []string{"env", "base-url"}

// checkFlags refuses what parses but cannot be meant: an empty value, an
// empty account id, and flags that contradict each other.
func checkFlags(name string, fs *flag.FlagSet, g *globals) error {
	var err error
	fs.Visit(func(f *flag.Flag) {
		if err == nil && isValueFlag(f) && strings.TrimSpace(f.Value.String()) == "" {
			err = cmdUsagef(name, "--%s is empty; give it a value or leave it out", f.Name)
		}
	})
	if err != nil {
		return err
	}
	if g.set["accounts"] {
		for _, id := range strings.Split(g.accounts, ",") {
			if strings.TrimSpace(id) == "" {
				return cmdUsagef(name, "--accounts %q has an empty account id; separate ids with single commas", g.accounts)
			}
		}
	}
	if c, ok := lookupCommand(name); ok && c.ownFlagsOnly {
		if err := refuseGlobals(name, g); err != nil {
			return err
		}
	}
	for _, other := range demoConflicts {
		if g.demo && g.set[other] {
			return cmdUsagef(name, "--demo (the embedded mock bank) cannot be combined with --%s %s; drop one", other, fs.Lookup(other).Value)
		}
	}
	return nil
}

// refuseGlobals refuses a global flag given to a command that would ignore
// it. --version still answers (parseFlags handles it before).
func refuseGlobals(name string, g *globals) error {
	var err error
	declared(new(globals).register).VisitAll(func(f *flag.Flag) {
		if err == nil && g.set[f.Name] {
			err = cmdUsagef(name, "--%s does not apply to %s", f.Name, name)
		}
	})
	return err
}
