package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"cashpos/model"
	"cashpos/payments"
	"cashpos/report"
)

func init() {
	registerCommand(command{
		name: "payments",
		summary: "payments [--json|--csv]     the payment journal, statuses refreshed\n" +
			"  payments status E2EID [--watch] [--json]\n" +
			"                              one payment's status and timeline; --watch follows it to the end",
		flags: func(fs *flag.FlagSet) { (&paymentsFlags{}).declare(fs) },
		run:   runPayments,
	})
}

type paymentsFlags struct{ asJSON, asCSV, watch bool }

func (f *paymentsFlags) declare(fs *flag.FlagSet) {
	fs.BoolVar(&f.asJSON, "json", false, "JSON with exact decimal strings")
	fs.BoolVar(&f.asCSV, "csv", false, "CSV with a header row (list only)")
	fs.BoolVar(&f.watch, "watch", false, "status: follow the payment until it is final")
}

// stalePayments: the report was printed but some of it is not current.
type stalePayments struct{ msg string }

func (e stalePayments) Error() string { return e.msg }
func (e stalePayments) ExitCode() int { return exitPartial }

func runPayments(ctx context.Context, args []string, std stdio, getenv func(string) string) error {
	words, flags := positional(args)
	var g globals
	var f paymentsFlags
	if err := parseFlags("payments", flags, std, &g, f.declare); err != nil {
		return err
	}
	switch {
	case f.asJSON && f.asCSV:
		return usagef("payments: choose one of --json and --csv")
	case len(words) == 0 && f.watch:
		return usagef("payments: --watch goes with 'payments status E2EID'")
	case len(words) == 2 && words[0] == "status" && f.asCSV:
		return usagef("payments status: --csv is for the list; use --json")
	case len(words) != 0 && (len(words) != 2 || words[0] != "status"):
		return usagef("payments: unexpected %q; use 'payments' or 'payments status E2EID'", strings.Join(words, " "))
	}
	s, err := connect(ctx, &g, getenv, std.clock())
	if err != nil {
		return err
	}
	defer s.close()
	eng, db, err := s.paymentEngine(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if len(words) == 2 {
		return paymentStatus(ctx, s, eng, std, strings.TrimSpace(words[1]), f)
	}
	return paymentList(ctx, s, eng, std, format(f.asJSON, f.asCSV))
}

// positional splits the arguments into words (subcommand, id) and flags,
// knowing which flags take a value.
func positional(args []string) (words, flags []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") || a == "-" {
			words = append(words, a)
			continue
		}
		flags = append(flags, a)
		name, _, inline := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if _, takesValue := flagKind(name); takesValue && !inline && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	return words, flags
}

// paymentList refreshes every payment still in flight once, then prints the
// journal. A payment whose refresh failed keeps its last status, is named
// under the table, and the exit code is 3.
func paymentList(ctx context.Context, s *session, eng *payments.Engine, std stdio, f reportFormat) error {
	rctx, cancel := context.WithTimeout(ctx, s.deadline) // command_timeout: a silent bank cannot hold a script
	defer cancel()
	all, err := eng.List(ctx)
	if err != nil {
		return err
	}
	problems := map[string]string{}
	for _, p := range all {
		if p.Status.Terminal() {
			continue
		}
		q, _, err := eng.Step(rctx, p.IDs.EndToEndID)
		if err != nil || strings.HasPrefix(q.LastError, payments.LookupFailed) {
			problems[p.IDs.EndToEndID] = strings.TrimPrefix(firstOf(err, q.LastError), payments.LookupFailed)
		}
	}
	if all, err = eng.List(ctx); err != nil {
		return err
	}
	r := report.Payments{Env: s.badge, Payments: all, Problems: problems}
	switch f {
	case formatJSON:
		err = r.WriteJSON(std.out)
	case formatCSV:
		err = r.WriteCSV(std.out)
	default:
		err = r.WriteText(std.out)
	}
	if err == nil && len(problems) > 0 {
		return stalePayments{fmt.Sprintf("payments: %d payment(s) in flight could not be refreshed from the bank; their last known status is shown", len(problems))}
	}
	return err
}

func firstOf(err error, s string) string {
	if err != nil {
		return err.Error()
	}
	return s
}

// paymentStatus refreshes one payment and prints it; with --watch it
// follows it, printing each change, until the status is final.
func paymentStatus(ctx context.Context, s *session, eng *payments.Engine, std stdio, e2e string, f paymentsFlags) error {
	p, err := eng.Get(ctx, e2e)
	if err != nil {
		return usagef("payments status: no payment %q in the %s journal; 'cashpos payments' lists them", e2e, s.envName)
	}
	r := report.Payments{Env: s.badge}
	if f.watch {
		p, err = eng.Follow(ctx, e2e, func(q model.Payment) {
			if f.asJSON {
				r.Payments = []model.Payment{q}
				_ = r.WriteJSON(std.out)
				return
			}
			fmt.Fprintf(std.out, "%s  %s\n", s.now().In(model.PaymentLocation()).Format("15:04:05 MST"), watchLine(q))
		})
		if err != nil {
			return fmt.Errorf("payments status: stopped following %s: %w", e2e, err)
		}
	} else {
		rctx, cancel := context.WithTimeout(ctx, s.deadline) // command_timeout: a silent bank cannot hold a script
		defer cancel()
		if p.Status.Terminal() {
			p, err = eng.Refresh(rctx, e2e)
		} else {
			p, _, err = eng.Step(rctx, e2e)
		}
		if err != nil {
			return err
		}
	}
	r.Payments = []model.Payment{p}
	if f.asJSON && !f.watch {
		err = r.WriteJSON(std.out)
	} else if !f.asJSON {
		err = r.WriteDetail(std.out)
	}
	if err == nil && strings.HasPrefix(p.LastError, payments.LookupFailed) {
		return stalePayments{"payments status: the bank could not be asked now; the journal's last status is shown"}
	}
	return err
}

// watchLine is one change as --watch prints it: status/sub-status, what
// it means, and the problem if there is one.
func watchLine(p model.Payment) string {
	line, what := string(p.Status), p.Status.Phrase()
	if p.SubStatus != "" && string(p.SubStatus) != line {
		line += "/" + string(p.SubStatus)
		if ph := p.SubStatus.Phrase(); ph != "" {
			what = ph
		}
	}
	line += " — " + what
	if p.LastError != "" {
		line += " (" + p.LastError + ")"
	}
	return line
}
