package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"cashpos/config"
	"cashpos/model"
	"cashpos/payments"
	"cashpos/store"
)

// demoPaymentsFile is where the demo bank keeps its payments between runs
// (beside the demo journal), so a payment resumed after a restart finds the
// one sent before; "" without a state directory.
func demoPaymentsFile(cfg config.Config) string {
	if cfg.StateDir == "" || ensureStateDir(cfg) != nil {
		return ""
	}
	return filepath.Join(cfg.StateDir, "demo-bank-payments.json")
}

// paymentEngine opens the state database and builds the payment engine on
// the session's client. close releases the database.
func (s *session) paymentEngine(ctx context.Context) (eng *payments.Engine, db *store.DB, err error) {
	if db, err = s.openState(ctx); err != nil {
		return nil, nil, err
	}
	eng, err = payments.New(payments.Options{
		Bank: s.client, Journal: store.NewJournal(db), Audit: store.NewAudit(db, s.now),
		Env: s.envName, Limits: paymentLimits(s.cfg), Cutoffs: paymentCutoffs(s.cfg), Now: s.now,
		ACHCompanyID: s.cfg.Payments.ACHCompanyID,
	})
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return eng, db, nil
}

// openState opens the state database (journal, audit log).
func (s *session) openState(ctx context.Context) (*store.DB, error) {
	if s.cfg.StateDir == "" {
		return nil, usagef("no state directory: set CASHPOS_STATE_DIR or state_dir (the payment journal lives there)")
	}
	if err := ensureStateDir(s.cfg); err != nil {
		return nil, err
	}
	db, err := store.OpenDB(ctx, s.cfg.StateDir)
	if err != nil {
		return nil, fmt.Errorf("payment journal: %w", err)
	}
	return db, nil
}

func paymentLimits(cfg config.Config) model.Limits {
	src := "[payments] of " + cfg.Source
	if cfg.Demo || cfg.Source == "" {
		src = "the default [payments] limits"
	}
	return model.Limits{PerPayment: cfg.Payments.PerPaymentLimit, Daily: cfg.Payments.DailyLimit, Source: src}
}

func paymentCutoffs(cfg config.Config) map[model.Rail]model.Cutoff {
	p := cfg.Payments
	return map[model.Rail]model.Cutoff{
		model.RailWire: {Hour: p.WireCutoff.Hour, Minute: p.WireCutoff.Minute},
		model.RailACH:  {Hour: p.ACHCutoff.Hour, Minute: p.ACHCutoff.Minute},
	}
}

// paymentRuntime is the payment engine of a long-running session (the
// dashboard): one engine for the process, its database, and the background
// resumption of payments left in flight.
type paymentRuntime struct {
	Engine *payments.Engine
	stop   func()
}

// Stop ends the background polling and closes the journal.
func (rt *paymentRuntime) Stop() {
	if rt != nil {
		rt.stop()
	}
}

// startPayments opens the journal and, in the background, resumes every
// payment not yet final (product.md §5 rule 3): each is looked up by its
// end-to-end id and followed, with backoff, until final or until Stop. A
// journal that cannot be opened is reported on stderr and leaves the
// session without payments rather than without balances.
func (s *session) startPayments(ctx context.Context, stderr io.Writer) *paymentRuntime {
	rt, err := s.resumePayments(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "cashpos: %s\n", paymentsUnavailable(err))
	}
	return rt
}

// dashboardPayments is startPayments for the dashboard: a journal that
// cannot be opened becomes the first of the notices the screens show (and
// print again on exit), since stderr written before the alt screen is
// hidden the moment the dashboard starts — and an analyst must not believe
// payments left in flight are being followed when they are not.
func (s *session) dashboardPayments(ctx context.Context) (*paymentRuntime, []string) {
	notices := s.warnings()
	rt, err := s.resumePayments(ctx)
	if err != nil {
		notices = append([]string{paymentsUnavailable(err)}, notices...)
	}
	return rt, notices
}

func paymentsUnavailable(err error) string {
	return "payments unavailable: " + oneLine(err.Error()) +
		" — no payment can be made here and payments left in flight are not followed; fix this and restart"
}

// resumePayments opens the journal and resumes its unfinished payments in
// the background (see startPayments).
func (s *session) resumePayments(ctx context.Context) (*paymentRuntime, error) {
	eng, db, err := s.paymentEngine(ctx)
	if err != nil {
		return nil, err
	}
	rctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = eng.Resume(rctx, nil) // outcomes land in the journal; the screens read it
	}()
	return &paymentRuntime{Engine: eng, stop: func() {
		cancel()
		<-done
		db.Close()
	}}, nil
}
