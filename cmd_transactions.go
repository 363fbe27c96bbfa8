package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"cashpos/jpm"
	"cashpos/model"
	"cashpos/report"
	"cashpos/store"
)

func init() {
	registerCommand(command{
		name: "transactions",
		summary: "transactions --account ID   one account's transactions: the current day, or\n" +
			"                              --from D --to D; --json, --csv; --new: only unprinted ones",
		flags: func(fs *flag.FlagSet) { (&transactionsFlags{}).declare(fs) },
		run:   runTransactions,
	})
}

// defaultTxnDeadline bounds the whole command, so a slow or silent bank
// cannot keep a nightly import waiting: 31 days of a busy account take a
// few seconds.
const defaultTxnDeadline = 2 * time.Minute

type transactionsFlags struct {
	account, from, to string
	asJSON, asCSV     bool
	onlyNew           bool
	timeout           time.Duration
}

func (f *transactionsFlags) declare(fs *flag.FlagSet) {
	fs.StringVar(&f.account, "account", "", "the account id (required)")
	fs.StringVar(&f.from, "from", "", "first booking date, YYYY-MM-DD (with --to; default: the current day)")
	fs.StringVar(&f.to, "to", "", "last booking date, YYYY-MM-DD, inclusive")
	fs.BoolVar(&f.asJSON, "json", false, "JSON with exact decimal strings")
	fs.BoolVar(&f.asCSV, "csv", false, "CSV with a header row")
	fs.BoolVar(&f.onlyNew, "new", false, "only transactions no earlier --new run printed for this account; recorded once the output is complete")
	fs.DurationVar(&f.timeout, "timeout", defaultTxnDeadline, "deadline for the whole command")
}

// query turns the flags into the client's query, refusing what is not a
// usable request. today is the account's business date, for refusing days
// that have not happened; zero before the account is known.
func (f *transactionsFlags) query(ref model.AccountRef, today time.Time) (jpm.TransactionQuery, error) {
	q := jpm.TransactionQuery{Account: ref}
	switch {
	case strings.TrimSpace(f.account) == "":
		return q, usagef("transactions: --account ID is required")
	case f.asJSON && f.asCSV:
		return q, usagef("transactions: choose one of --json and --csv")
	case f.timeout <= 0:
		return q, usagef("transactions: --timeout must be positive")
	case f.from == "" && f.to == "":
		q.Relative = jpm.CurrentDay
		return q, nil
	case f.from == "" || f.to == "":
		return q, usagef("transactions: give both --from and --to, or neither for the current day")
	}
	from, err1 := time.Parse(time.DateOnly, f.from)
	to, err2 := time.Parse(time.DateOnly, f.to)
	switch {
	case err1 != nil:
		return q, usagef("transactions: --from %q is not a date like 2026-11-02", f.from)
	case err2 != nil:
		return q, usagef("transactions: --to %q is not a date like 2026-11-02", f.to)
	case to.Before(from):
		return q, usagef("transactions: --to %s is before --from %s", f.to, f.from)
	case int(to.Sub(from).Hours()/24)+1 > jpm.TxnMaxRangeDays:
		return q, usagef("transactions: --from %s to --to %s is more than %d days; ask for a shorter range", f.from, f.to, jpm.TxnMaxRangeDays)
	case !today.IsZero() && from.After(today):
		return q, usagef("transactions: --from %s is after today (%s in the account's time zone); nothing is booked yet", f.from, today.Format(time.DateOnly))
	}
	q.From, q.To = from, to
	return q, nil
}

// runTransactions is `cashpos transactions`: fetch, (with --new) drop what
// was printed before, write everything, and only then record it.
func runTransactions(ctx context.Context, args []string, io stdio, getenv func(string) string) error {
	var g globals
	var f transactionsFlags
	if err := parseFlags("transactions", args, io, &g, f.declare); err != nil {
		return err
	}
	if _, err := f.query(model.AccountRef{ID: f.account}, time.Time{}); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	s, err := connect(ctx, &g, getenv, io.clock())
	if err != nil {
		return err
	}
	defer s.close()
	ref := s.accountRef(f.account)
	q, err := f.query(ref, businessDate(s.now(), ref))
	if err != nil {
		return err
	}
	res, err := s.client.Transactions(ctx, q)
	if err != nil {
		return unknownAccount(deadlineSaid(ctx, f.timeout, err), f.account)
	}
	r := report.Transactions{Env: s.badge, AccountID: f.account, Range: rangeText(q), Rows: res.Transactions, FetchedAt: s.now()}
	for _, gap := range res.Gaps {
		r.Gaps = append(r.Gaps, report.Gap{Days: gap.Window.String(), Reason: gap.Err.Error()})
	}
	if !f.asCSV {
		r.Reconciliation, r.ReconcileError = s.reconcile(ctx, q, res)
	}
	var exp *exportRun
	if f.onlyNew {
		if exp, err = s.openExports(ctx); err != nil {
			return err
		}
		defer exp.close()
		if r.Rows, r.Notes, err = exp.unseen(ctx, f.account, r.Rows); err != nil {
			return err
		}
	}
	if err := writeTransactions(io, r, format(f.asJSON, f.asCSV)); err != nil {
		return fmt.Errorf("transactions: writing the output failed (%v); nothing was recorded as exported, so the next --new run prints these rows again", err)
	}
	if exp != nil {
		if err := exp.record(ctx, r.Rows); err != nil {
			return fmt.Errorf("transactions: the output is complete but recording it failed (%v); the next --new run prints these rows again", err)
		}
	}
	return partialResult(r)
}

// reconcile checks a single closed day that came back whole against its
// ledger balances; other queries are not reconciled. A failure to read the
// balances is reported beside the rows, not as missing data.
func (s *session) reconcile(ctx context.Context, q jpm.TransactionQuery, res jpm.TransactionResult) (*model.Reconciliation, string) {
	if q.Relative != "" || !q.From.Equal(q.To) || res.Partial() || !s.client.IsClosedDay(q.Account, q.From) {
		return nil, ""
	}
	l, err := s.client.ClosedDayLedger(ctx, q.Account, q.From)
	if err != nil {
		return nil, err.Error()
	}
	r := model.Reconcile(l, res.Transactions)
	return &r, ""
}

// accountRef is the configured account with this id (zone, API, BIC); else
// the account as the last good data knows it (an account found through
// BDA's own listing is a BDA account: its closing ledger, for the
// reconciliation, comes from BDA v2, not v1); else a bare v1 reference.
func (s *session) accountRef(id string) model.AccountRef {
	for _, r := range s.watched {
		if strings.TrimLeft(r.ID, "0") == strings.TrimLeft(id, "0") {
			return r
		}
	}
	if last := s.lastSnapshot(); last != nil {
		for _, b := range last.Balances {
			if b.Problem == nil && model.NormalID(b.Account.ID) == model.NormalID(id) {
				a := b.Account
				return model.AccountRef{ID: id, API: a.API, BIC: a.BIC, TimeZone: a.TimeZone, BankID: a.BankID}
			}
		}
	}
	return model.AccountRef{ID: id}
}

func rangeText(q jpm.TransactionQuery) string {
	if q.Relative != "" {
		return string(q.Relative)
	}
	return (jpm.Window{From: q.From, To: q.To}).String()
}

// writeTransactions writes the whole report through a buffer; the error is
// non-nil unless every byte reached the output.
func writeTransactions(io stdio, r report.Transactions, f reportFormat) error {
	bw := bufio.NewWriterSize(io.out, 64<<10)
	var err error
	switch f {
	case formatJSON:
		err = r.WriteJSON(bw)
	case formatCSV:
		err = r.WriteCSV(bw)
	default:
		err = r.WriteText(bw)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// deadlineSaid words a fetch that ran out of the command's time.
func deadlineSaid(ctx context.Context, limit time.Duration, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return deadlineError{fmt.Sprintf("transactions: no complete answer from the bank within %s (--timeout); nothing was printed; "+
			"try again later, or allow more time with --timeout", limit)}
	}
	return err
}

// unknownAccount words the bank not knowing the --account id: the client's
// advice ("check the watched account ids", CASHPOS_ACCOUNTS) is about the
// dashboard's list, which this command did not use.
func unknownAccount(err error, id string) error {
	var ae *jpm.APIError
	if !errors.As(err, &ae) || jpm.SettingOf(err) != jpm.SettingAccounts {
		return err
	}
	ids := ""
	if ae.RequestID != "" {
		ids = " [request-id " + ae.RequestID + "]"
	}
	return accountError{fmt.Sprintf("transactions: the bank does not know account %s (HTTP %d, %s: %s); check --account%s",
		id, ae.HTTPStatus, ae.Code, ae.Message, ids)}
}

// accountError is a transactions run the bank refused for its account id:
// exit 1, as every answer the bank refused.
type accountError struct{ msg string }

func (e accountError) Error() string { return e.msg }

// deadlineError is a command that ran out of its time. It is the bank's
// slowness (exit 1, errors.Is model.ErrUnavailable) without ending its
// line in ": bank unavailable", which a slow bank is not.
type deadlineError struct{ msg string }

func (e deadlineError) Error() string        { return e.msg }
func (e deadlineError) Is(target error) bool { return target == model.ErrUnavailable }

// partialRunError is a run that printed what it could but misses something;
// the message names what, and the exit code is 3.
type partialRunError struct{ msg string }

func (e partialRunError) Error() string { return e.msg }
func (e partialRunError) ExitCode() int { return exitPartial }

// partialResult is nil for a complete report, else the one line naming
// the gaps (and corrected items not re-sent).
func partialResult(r report.Transactions) error {
	var parts []string
	if n := len(r.Gaps); n > 0 {
		days := make([]string, n)
		for i, g := range r.Gaps {
			days[i] = g.Days
		}
		parts = append(parts, fmt.Sprintf("transactions for %s could not be read (%s)", strings.Join(days, ", "), r.Gaps[0].Reason))
	}
	if len(r.Notes) > 0 {
		parts = append(parts, r.Notes[0])
		if len(r.Notes) > 1 {
			parts[len(parts)-1] += fmt.Sprintf(" (+%d more in the report)", len(r.Notes)-1)
		}
	}
	if len(parts) == 0 {
		return nil
	}
	return partialRunError{"transactions: partial data: " + strings.Join(parts, "; ")}
}

// exportRun is the --new bookkeeping of one run.
type exportRun struct {
	db  *store.DB
	x   *store.Exports
	env string
	now func() time.Time
}

func (s *session) openExports(ctx context.Context) (*exportRun, error) {
	if err := ensureStateDir(s.cfg); err != nil {
		return nil, err
	}
	db, err := store.OpenDB(ctx, s.cfg.StateDir)
	if err != nil {
		return nil, err
	}
	return &exportRun{db: db, x: store.NewExports(db), env: s.envName, now: s.now}, nil
}

func (e *exportRun) close() { e.db.Close() }

// unseen drops the rows an earlier --new run printed. A row printed before
// whose amount, sign or currency has since changed is not printed again
// (an import must not book it twice) but named in a note, so the run ends
// partial and someone looks at the correction.
func (e *exportRun) unseen(ctx context.Context, account string, rows []model.Transaction) ([]model.Transaction, []string, error) {
	if len(rows) == 0 {
		return rows, nil, nil
	}
	ids := make([]string, len(rows))
	for i, t := range rows {
		ids[i] = t.ID
	}
	seen, err := e.x.Seen(ctx, e.env, account, ids)
	if err != nil {
		return nil, nil, err
	}
	var out []model.Transaction
	var notes []string
	for _, t := range rows {
		prev, done := seen[t.ID]
		switch {
		case !done:
			out = append(out, t)
		case prev.Changed(t):
			notes = append(notes, fmt.Sprintf("transaction %s was exported on %s as %s %s %s; the bank now reports %s %s %s (not exported again)",
				t.ID, prev.At.Format(time.DateOnly), prev.DebitCredit, prev.Amount, prev.Currency, t.DebitCredit, t.Amount, t.Currency.Code))
		}
	}
	return out, notes, nil
}

func (e *exportRun) record(ctx context.Context, rows []model.Transaction) error {
	if len(rows) == 0 {
		return nil
	}
	// The record must survive the command's deadline having passed
	// during the write: the rows are out.
	return e.x.Record(context.WithoutCancel(ctx), e.env, rows, e.now())
}

// businessDate is now's date in the account's time zone, at midnight UTC
// like the parsed flags.
func businessDate(now time.Time, ref model.AccountRef) time.Time {
	y, m, d := now.In(model.Account{TimeZone: ref.TimeZone}.Location()).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
