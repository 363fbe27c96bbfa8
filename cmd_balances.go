package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"cashpos/model"
	"cashpos/report"
)

func init() {
	registerCommand(command{
		name: "balances",
		summary: "balances [--json|--csv]     one-shot balance report of every watched account;\n" +
			"                              --cached: the last good one, no bank call; --verbose",
		flags: func(fs *flag.FlagSet) { (&balancesFlags{}).declare(fs) },
		run:   runBalances,
	})
}

// balancesFlags are the balances command's own flags.
type balancesFlags struct{ asJSON, asCSV, cached, verbose bool }

func (f *balancesFlags) declare(fs *flag.FlagSet) {
	fs.BoolVar(&f.asJSON, "json", false, "JSON with exact decimal strings")
	fs.BoolVar(&f.asCSV, "csv", false, "CSV with a header row")
	fs.BoolVar(&f.cached, "cached", false, "print the last good snapshot, marked offline with its time, without calling the bank")
	fs.BoolVar(&f.verbose, "verbose", false, "also say on stderr what is worth knowing but not a failure (e.g. no BDA entitlement)")
}

// runBalances is `cashpos balances`: one fetch, one report. The fetch has
// the command's overall deadline (command_timeout, default 60s); what could
// not be read by then is named in the report, and the exit code is 3.
func runBalances(ctx context.Context, args []string, std stdio, getenv func(string) string) error {
	var g globals
	var f balancesFlags
	if err := parseFlags("balances", args, std, &g, f.declare); err != nil {
		return err
	}
	if f.asJSON && f.asCSV {
		return usagef("balances: choose one of --json and --csv")
	}
	s, err := connect(ctx, &g, getenv, std.clock())
	if err != nil {
		return err
	}
	defer s.close()
	if f.cached {
		return printCached(s, std, format(f.asJSON, f.asCSV))
	}
	return printBalances(ctx, s, std, format(f.asJSON, f.asCSV), f.verbose)
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

// printBalances fetches once and writes the report. A good fetch, merged
// with the last good data, also becomes the last good data, so a later
// dashboard start during an outage has something honest to show. A report
// that misses anything returns partialError (exit 3) after it is written.
func printBalances(ctx context.Context, s *session, std stdio, f reportFormat, verbose bool) error {
	warn(std, s.warnings())
	snap, err := s.fetch(ctx)
	if err != nil {
		return withCachedHint(err, s)
	}
	if err := s.saveGood(snap); err != nil { // never fails the report, always said
		warn(std, []string{"last good data not saved: " + err.Error()})
	}
	if verbose {
		for _, n := range snap.Notices {
			fmt.Fprintf(std.err, "cashpos: note: %s\n", oneLine(n))
		}
	}
	r := report.Balances{Env: s.badge, Snapshot: snap, Now: s.now(), Thresholds: s.thresholds()}
	if err := writeReport(r, std, f); err != nil {
		return err
	}
	if snap.Incomplete() {
		return partialError{missing: snap.MissingAccounts()}
	}
	return nil
}

// withCachedHint adds to a failed fetch where the last good data it calls
// "valid" can be read: the bank's error says it stays valid, and no
// command would show it unless the analyst knew --cached.
func withCachedHint(err error, s *session) error {
	if errors.Is(err, model.ErrInterrupted) {
		return err
	}
	snap := s.cached()
	if snap == nil {
		return err
	}
	return fmt.Errorf("%w; 'cashpos balances --cached' prints the last good data, fetched %s",
		err, snap.FetchedAt.UTC().Format("2006-01-02 15:04:05 UTC"))
}

// printCached is `balances --cached`: the last good snapshot, every row
// marked offline with its own time, and no call to the bank. The exit code
// is 3 if the snapshot itself was incomplete.
func printCached(s *session, std stdio, f reportFormat) error {
	warn(std, s.warnings())
	snap := s.cached()
	if snap == nil && s.cacheErr != nil {
		// The file is there but was refused (the warning above says why):
		// "nothing saved yet" would send the analyst looking elsewhere.
		return errors.New("no usable last good data for this environment: the saved file was refused (the warning above says why and what to do)")
	}
	if snap == nil {
		return errors.New("no last good data saved for this environment yet; run 'cashpos balances' once while the bank is reachable")
	}
	if s.narrowed { // --accounts: only those, and say which are not saved
		narrowed := narrowCached(*snap, s.watched)
		snap = &narrowed
	}
	r := report.Balances{Env: s.badge, Snapshot: *snap, Now: s.now(), Thresholds: s.thresholds(), Cached: true}
	if err := writeReport(r, std, f); err != nil {
		return err
	}
	if snap.Incomplete() {
		return partialError{missing: snap.MissingAccounts()}
	}
	return nil
}

func writeReport(r report.Balances, std stdio, f reportFormat) error {
	switch f {
	case formatJSON:
		return r.WriteJSON(std.out)
	case formatCSV:
		return r.WriteCSV(std.out)
	default:
		return r.WriteText(std.out)
	}
}

// warn puts each local-state problem on stderr as one line.
func warn(std stdio, lines []string) {
	for _, l := range lines {
		fmt.Fprintf(std.err, "cashpos: warning: %s\n", oneLine(l))
	}
}
