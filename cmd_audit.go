package main

import (
	"context"
	"fmt"

	"cashpos/store"
)

func init() {
	registerCommand(command{
		name:    "audit",
		summary: "audit verify                checks the audit log's hash chain; non-zero exit if broken",
		flags:   nil, // no flags of its own
		run:     runAudit,
	})
}

// auditBroken: the chain does not verify. Exit 1, as for any failure a
// script must stop on.
type auditBroken struct{ msg string }

func (e auditBroken) Error() string { return e.msg }
func (e auditBroken) ExitCode() int { return exitAPI }

func runAudit(ctx context.Context, args []string, std stdio, getenv func(string) string) error {
	words, flags := positional(args)
	var g globals
	if err := parseFlags("audit", flags, std, &g, nil); err != nil {
		return err
	}
	if len(words) != 1 || words[0] != "verify" {
		return usagef("audit: use 'cashpos audit verify'")
	}
	s, err := connect(ctx, &g, getenv, std.clock())
	if err != nil {
		return err
	}
	defer s.close()
	db, err := s.openState(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := store.NewAudit(db, nil).Verify(ctx)
	if err != nil {
		return err
	}
	if !rep.OK() {
		fmt.Fprintf(std.out, "audit log BROKEN at row %d of %s: %s\n", rep.Broken, db.Path, rep.Reason)
		return auditBroken{fmt.Sprintf("audit verify: row %d %s; the log was changed outside cashpos — keep the file for investigation", rep.Broken, rep.Reason)}
	}
	_, err = fmt.Fprintf(std.out, "audit log OK: %d rows, hash chain intact (%s)\n", rep.Rows, db.Path)
	return err
}
