package ui

import (
	"context"
	"time"

	"cashpos/model"
)

// Payments is the payment engine as the screens use it (main adapts
// payments.Engine to it). The screens never build a request, choose an id
// or decide a retry: they gather the intent, show the review, pass the
// typed amount to Submit, and step payments the engine says are in flight.
type Payments interface {
	// NewIDs mints the ids of one intent; called once, when the review opens.
	NewIDs() (model.PaymentIDs, error)
	// Check validates the intent again and checks the configured limits:
	// nil, field errors, or a *model.LimitError naming the limit.
	Check(ctx context.Context, in model.PaymentIntent) error
	// Submit sends a confirmed intent once; typed is the amount typed at the
	// gate, which the engine checks again.
	Submit(ctx context.Context, in model.PaymentIntent, ids model.PaymentIDs, typed string) (model.Payment, error)
	// Step looks one payment up and says when to look again (0: terminal).
	Step(ctx context.Context, endToEndID string) (model.Payment, time.Duration, error)
	// List is the journal, newest first.
	List(ctx context.Context) ([]model.Payment, error)
	// Limits and Cutoffs are the configured rules, shown on the form.
	Limits() model.Limits
	Cutoffs() map[model.Rail]model.Cutoff
	// EnvName names where payments go (demo, mock, cat, production).
	EnvName() string
}
