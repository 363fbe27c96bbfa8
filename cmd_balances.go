package main

import (
	"context"
	"flag"

	"cashpos/report"
)

func init() {
	registerCommand(command{
		name:    "balances",
		summary: "balances [--json|--csv]     one-shot balance report of every watched account",
		flags:   func(fs *flag.FlagSet) { (&balancesFlags{}).declare(fs) },
		run:     runBalances,
	})
}

// balancesFlags are the balances command's own flags.
type balancesFlags struct{ asJSON, asCSV bool }

func (f *balancesFlags) declare(fs *flag.FlagSet) {
	fs.BoolVar(&f.asJSON, "json", false, "JSON with exact decimal strings")
	fs.BoolVar(&f.asCSV, "csv", false, "CSV with a header row")
}

// runBalances is `cashpos balances [--json|--csv]`: one fetch, one report.
func runBalances(ctx context.Context, args []string, std stdio, getenv func(string) string) error {
	var g globals
	var f balancesFlags
	if err := parseFlags("balances", args, std, &g, f.declare); err != nil {
		return err
	}
	asJSON, asCSV := f.asJSON, f.asCSV
	if asJSON && asCSV {
		return usagef("balances: choose one of --json and --csv")
	}
	s, err := connect(ctx, &g, getenv, std.clock())
	if err != nil {
		return err
	}
	defer s.close()
	return printBalances(ctx, s, std, format(asJSON, asCSV))
}

type reportFormat int

const (
	formatText reportFormat = iota
	formatJSON
	formatCSV
)

func format(asJSON, asCSV bool) reportFormat {
	switch {
	case asJSON:
		return formatJSON
	case asCSV:
		return formatCSV
	default:
		return formatText
	}
}

// printBalances fetches once and writes the report. A good fetch also
// refreshes the last-good cache, so a later dashboard start during an outage
// has something honest to show.
func printBalances(ctx context.Context, s *session, std stdio, f reportFormat) error {
	snap, err := s.fetch(ctx)
	if err != nil {
		return err
	}
	_ = s.saveGood(snap) // a cache failure must not fail a report
	r := report.Balances{Env: s.badge, Snapshot: snap, Now: s.now(), Thresholds: s.thresholds()}
	switch f {
	case formatJSON:
		return r.WriteJSON(std.out)
	case formatCSV:
		return r.WriteCSV(std.out)
	default:
		return r.WriteText(std.out)
	}
}
