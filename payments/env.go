package payments

import (
	"context"
	"errors"
	"fmt"

	"cashpos/model"
	"cashpos/store"
)

// One state database serves every environment (mock, cat and production
// share the state directory; only the demo has its own), so the journal
// can hold payments confirmed against another bank. An engine acts only on
// its own environment's payments: a payment confirmed in CAT must never be
// looked up at, let alone re-sent to, production (or the reverse), and
// another environment's payments neither count towards this one's limits
// nor show as its pending outflow.

// ErrOtherEnvironment: the payment is journalled for another environment;
// this engine does not touch it. Errors carrying it also match
// store.ErrNoPayment: it is not in this environment's journal.
var ErrOtherEnvironment = errors.New("confirmed in another environment")

// mine reports whether p belongs to this engine's environment.
func (e *Engine) mine(p model.Payment) bool { return p.Env == e.o.Env }

// own keeps this environment's payments.
func (e *Engine) own(all []model.Payment) []model.Payment {
	out := all[:0:0]
	for _, p := range all {
		if e.mine(p) {
			out = append(out, p)
		}
	}
	return out
}

// getOwn is Journal.Get for this environment: a payment of another one is
// reported as not in this journal, so no caller can step it by mistake.
func (e *Engine) getOwn(ctx context.Context, e2e string) (model.Payment, error) {
	p, err := e.o.Journal.Get(ctx, e2e)
	if err == nil && !e.mine(p) {
		return model.Payment{}, fmt.Errorf("payment %s: %w (%s, not %s): %w", e2e, ErrOtherEnvironment, p.Env, e.o.Env, store.ErrNoPayment)
	}
	return p, err
}

// listOwn is Journal.List for this environment.
func (e *Engine) listOwn(ctx context.Context) ([]model.Payment, error) {
	all, err := e.o.Journal.List(ctx)
	return e.own(all), err
}
