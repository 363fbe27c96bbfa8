package main

import (
	"context"
	"time"

	"cashpos/config"
	"cashpos/model"
	"cashpos/payments"
	"cashpos/store"
	"cashpos/ui"
)

// openPayments opens the state database's journal and audit log and builds
// the payment engine on the session's client. Demo mode's state dir is
// already its own (config puts it under demo/), so payments to the embedded
// mock bank never sit in the real journal. Without a state dir there is no
// journal, and payments are off: nothing is sent that could not be tracked.
func (s *session) openPayments(ctx context.Context) (*payments.Engine, func(), error) {
	if s.cfg.StateDir == "" {
		return nil, func() {}, nil
	}
	if err := config.EnsureStateDir(s.cfg.StateDir); err != nil {
		return nil, func() {}, err
	}
	db, err := store.OpenDB(ctx, s.cfg.StateDir)
	if err != nil {
		return nil, func() {}, err
	}
	p := s.cfg.Payments
	eng, err := payments.New(payments.Options{
		Bank:    s.client,
		Journal: store.NewJournal(db),
		Audit:   store.NewAudit(db, s.now),
		Env:     s.envName,
		Limits:  model.Limits{PerPayment: p.PerPaymentLimit, Daily: p.DailyLimit, Source: "config [payments]"},
		Cutoffs: map[model.Rail]model.Cutoff{
			model.RailWire: {Hour: p.WireCutoff.Hour, Minute: p.WireCutoff.Minute},
			model.RailACH:  {Hour: p.ACHCutoff.Hour, Minute: p.ACHCutoff.Minute},
		},
		Now: s.now,
	})
	if err != nil {
		_ = db.Close()
		return nil, func() {}, err
	}
	return eng, func() { _ = db.Close() }, nil
}

// uiPayments adapts the engine to the screens: ids come from payments.NewIDs,
// and the journal they see is this environment's only.
type uiPayments struct{ *payments.Engine }

func (u uiPayments) NewIDs() (model.PaymentIDs, error) { return payments.NewIDs() }

func (u uiPayments) EnvName() string { return u.Env() }

// List leaves out payments journalled for another environment: the screens
// must not follow a demo payment against a real bank, or the reverse.
func (u uiPayments) List(ctx context.Context) ([]model.Payment, error) {
	all, err := u.Engine.List(ctx)
	out := all[:0:0]
	for _, p := range all {
		if p.Env == u.Env() {
			out = append(out, p)
		}
	}
	return out, err
}

func (u uiPayments) Step(ctx context.Context, e2e string) (model.Payment, time.Duration, error) {
	return u.Engine.Step(ctx, e2e)
}

var _ ui.Payments = uiPayments{}
