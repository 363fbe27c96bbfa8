package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"cashpos/config"
	"cashpos/jpm"
	"cashpos/model"
	"cashpos/ui"
)

// runDashboard starts the TUI, or prints the plain balance report when
// stdout is not a terminal or TERM=dumb (product.md §1), so `cashpos | less`
// and cron jobs get text instead of escape codes.
func runDashboard(ctx context.Context, args []string, std stdio, getenv func(string) string) error {
	var g globals
	if err := parseFlags("dashboard", args, std, &g, nil); err != nil {
		return err
	}
	s, err := connect(ctx, &g, getenv, std.clock())
	if err != nil {
		return err
	}
	defer s.close()
	if !isTerminal(std.out) || getenv("TERM") == "dumb" {
		return printBalances(ctx, s, std, formatText, false)
	}
	pay, warnings := s.dashboardPayments(ctx) // resumes payments left in flight (product.md §5.3)
	defer pay.Stop()
	// uctx ends with the screens (before pay.Stop): the followers the
	// screens started stop, and none waits on a change nobody will read.
	uctx, ucancel := context.WithCancel(ctx)
	defer ucancel()
	var pays ui.Payments
	if pay != nil {
		pays = newUIPayments(uctx, pay.Engine)
	}
	// Each refresh has its own deadline, well under the refresh interval.
	s.deadline = s.cfg.RefreshDeadline()
	err = ui.Run(uctx, ui.Options{
		Env:             uiEnv(s),
		Fetch:           s.fetch,
		Now:             s.now,
		Thresholds:      s.thresholds(),
		RefreshInterval: s.cfg.RefreshInterval,
		Cached:          s.cached(),
		SaveGood:        s.saveGood,
		Notices:         warnings,
		Transactions:    s.uiTransactions,
		DayLedger:       s.uiDayLedger,
		NoColor:         getenv("NO_COLOR") != "", // no-color.org: set and not empty
		Payments:        pays,
		ASCII:           !ui.LocaleIsUTF8(getenv),
		UTC:             s.cfg.Clock == config.ClockUTC,
		WatchProgress:   jpm.WithProgress,
	})
	// Said again once the alt screen is gone: printed before it, it would
	// be hidden the moment the dashboard starts.
	warn(std, warnings)
	if ctx.Err() != nil {
		return fmt.Errorf("dashboard: %w", model.ErrInterrupted)
	}
	if err != nil && errors.Is(err, context.Canceled) {
		return fmt.Errorf("dashboard: %w", model.ErrInterrupted)
	}
	return err
}

// uiEnv is the session's environment as the screens' typed value: the
// payment gate asks it whether money is real, never the badge text.
func uiEnv(s *session) ui.Env {
	if s.cfg.Demo {
		return ui.EnvDemo
	}
	switch s.cfg.Env {
	case config.EnvProduction:
		return ui.EnvProduction
	case config.EnvCAT:
		return ui.EnvCAT
	}
	return ui.EnvMock // config validation admits only mock, cat and production
}

// isTerminal reports whether w is a character device (a terminal), without
// a terminal library: main must stay free of Charm.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
