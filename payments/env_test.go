package payments

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"cashpos/model"
	"cashpos/store"
)

// One state database serves mock, cat and production. A payment confirmed
// in one environment whose outcome is unknown must never be looked up at,
// or sent to, another environment's bank when cashpos next runs there:
// that would move money in production the analyst confirmed only in CAT.
func TestEngineNeverTouchesAnotherEnvironmentsPayment(t *testing.T) {
	r := newRig(t)
	r.openEngine(func(o *Options) { o.Env = "cat" })
	r.setIntercept(func(w http.ResponseWriter, req *http.Request) bool {
		if isPost(req) {
			w.WriteHeader(http.StatusServiceUnavailable)
			return true
		}
		return false
	})
	p := r.submit(wire("400.00", "123456789"))
	if p.Status != model.StatusSubmitting || p.Env != "cat" {
		t.Fatalf("setup: want a cat payment still SUBMITTING, got %s in %q", p.Status, p.Env)
	}
	r.setIntercept(func(http.ResponseWriter, *http.Request) bool { return false })

	// The next run is against production, on the same state directory.
	r.openEngine(func(o *Options) {
		o.Env = "production"
		o.Limits.Daily = decimal.RequireFromString("500.00")
	})
	posts, gets := r.posts.Load(), r.gets.Load()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	e2e := p.IDs.EndToEndID

	if err := r.eng.Resume(ctx, nil); err != nil {
		t.Fatalf("Resume: %v", err)
	}
	if _, _, err := r.eng.Step(ctx, e2e); !errors.Is(err, ErrOtherEnvironment) || !errors.Is(err, store.ErrNoPayment) {
		t.Errorf("Step of a cat payment in production: err = %v, want ErrOtherEnvironment", err)
	}
	if _, err := r.eng.Refresh(ctx, e2e); !errors.Is(err, ErrOtherEnvironment) {
		t.Errorf("Refresh of a cat payment in production: err = %v, want ErrOtherEnvironment", err)
	}
	if _, err := r.eng.Follow(ctx, e2e, nil); !errors.Is(err, ErrOtherEnvironment) {
		t.Errorf("Follow of a cat payment in production: err = %v, want ErrOtherEnvironment", err)
	}
	<-r.eng.Track(ctx, e2e)
	if got := r.posts.Load() - posts; got != 0 {
		t.Fatalf("production engine POSTed a cat payment %d times", got)
	}
	if got := r.gets.Load() - gets; got != 0 {
		t.Errorf("production engine looked a cat payment up %d times", got)
	}
	if n := r.atBank(e2e); n != 0 {
		t.Fatalf("the bank holds %d payments for the cat intent", n)
	}

	if ps, err := r.eng.List(ctx); err != nil || len(ps) != 0 {
		t.Errorf("List in production shows %d payments (err %v), want none of cat's", len(ps), err)
	}
	if ps, err := r.eng.Pending(ctx); err != nil || len(ps) != 0 {
		t.Errorf("Pending in production = %d (err %v), want 0", len(ps), err)
	}
	if _, err := r.eng.Get(ctx, e2e); !errors.Is(err, store.ErrNoPayment) {
		t.Errorf("Get in production: err = %v, want not in this journal", err)
	}
	sum, _, err := r.eng.PendingOutflow(ctx, operating, start.Add(-time.Hour))
	if err != nil || !sum.IsZero() {
		t.Errorf("production pending outflow = %s (err %v), want 0: the cat payment is not production's", sum, err)
	}
	// cat's 400 does not count towards production's daily limit of 500.
	if err := r.eng.Check(ctx, wire("300.00", "123456789")); err != nil {
		t.Errorf("Check in production counted cat's payment against the daily limit: %v", err)
	}

	// Back in cat, the payment is resumed there, exactly once.
	r.openEngine(func(o *Options) { o.Env = "cat" })
	if got := r.follow(e2e); got.Status != model.StatusCompleted {
		t.Fatalf("cat resumed its payment to %s, want COMPLETED", got.Status)
	}
	if n := r.atBank(e2e); n != 1 {
		t.Fatalf("the bank holds %d payments for the intent, want 1", n)
	}
}
