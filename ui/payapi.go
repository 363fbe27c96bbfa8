package ui

import (
	"context"

	"cashpos/model"
)

// Payments is the payment engine as the screens use it (main adapts
// payments.Engine to it). The screens never build a request, choose an id
// or decide a retry: they gather the intent, show the review, pass the
// typed amount to Submit, and listen to the engine's followers.
type Payments interface {
	// NewIDs mints the ids of one intent; called once, when the review opens.
	NewIDs() (model.PaymentIDs, error)
	// Check validates the intent again and checks the configured limits:
	// nil, field errors, or a *model.LimitError naming the limit.
	Check(ctx context.Context, in model.PaymentIntent) error
	// Submit sends a confirmed intent once; typed is the amount typed at the
	// gate, which the engine checks again.
	Submit(ctx context.Context, in model.PaymentIntent, ids model.PaymentIDs, typed string) (model.Payment, error)
	// Track follows a payment in the background until it is final (never
	// twice); the screens call it right after Submit. Payments left in
	// flight by an earlier run are followed from the start (main resumes
	// them), without the screens asking.
	Track(ctx context.Context, endToEndID string)
	// Changes delivers each change the background followers see, from any
	// goroutine, in the order seen. Nil when nothing is followed.
	Changes() <-chan model.Payment
	// Refresh looks one payment up now, final or not (a completed ACH
	// credit can still be returned), and returns the journal's view.
	Refresh(ctx context.Context, endToEndID string) (model.Payment, error)
	// List is the journal, newest first.
	List(ctx context.Context) ([]model.Payment, error)
	// Limits and Cutoffs are the configured rules, shown on the form.
	Limits() model.Limits
	Cutoffs() map[model.Rail]model.Cutoff
	// EnvName names where payments go (demo, mock, cat, production).
	EnvName() string
}
