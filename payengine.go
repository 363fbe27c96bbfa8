package main

import (
	"context"

	"cashpos/model"
	"cashpos/payments"
	"cashpos/ui"
)

// uiPayments adapts the session's payment engine to the screens: ids from
// payments.NewIDs, the engine's background followers' changes delivered on
// a channel the screens listen to, and this environment's journal only.
type uiPayments struct {
	*payments.Engine
	changes chan model.Payment
}

// newUIPayments hears every change the engine's followers see (the resumed
// ones included) until ctx ends. Set it up before the screens read the
// journal, so that no change falls between the read and the listening.
func newUIPayments(ctx context.Context, eng *payments.Engine) uiPayments {
	u := uiPayments{Engine: eng, changes: make(chan model.Payment, 64)}
	eng.SetOnChange(func(p model.Payment) {
		select {
		case u.changes <- p:
		case <-ctx.Done():
		}
	})
	return u
}

func (u uiPayments) NewIDs() (model.PaymentIDs, error) { return payments.NewIDs() }

func (u uiPayments) EnvName() string { return u.Env() }

func (u uiPayments) Changes() <-chan model.Payment { return u.changes }

// Track follows a payment in the background until final (never twice).
func (u uiPayments) Track(ctx context.Context, e2e string) { u.Engine.Track(ctx, e2e) }

// List leaves out payments journalled for another environment: the screens
// must not show a demo payment as if it were a real one, or the reverse.
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

var _ ui.Payments = uiPayments{}
