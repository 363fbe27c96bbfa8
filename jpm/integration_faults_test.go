package jpm_test

// Integration: a wrong secret, injected faults, cancellation, timeouts
// and the Retry-After cap.

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"cashpos/jpm"
	"cashpos/jpm/mock"
	"cashpos/model"
)

func TestIntegrationWrongSecretIsUnauthorized(t *testing.T) {
	e := newEnv(t, mock.Options{})
	const secret = "not-the-secret-4b8e9d"
	c := e.client(withDiscoverBDA, func(o *jpm.Options) { o.ClientSecret = secret })
	_, err := c.Balances(context.Background(), nil, jpm.CurrentDay)
	if !errors.Is(err, model.ErrUnauthorized) {
		t.Fatalf("err = %v, want ErrUnauthorized", err)
	}
	assertOneLine(t, err)
	if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), mock.DefaultClientSecret) {
		t.Errorf("error shows a secret: %q", err)
	}
	if got := e.sleeps.got(); len(got) != 0 {
		t.Errorf("retried refused credentials: sleeps %v", got)
	}
	// Two concurrent jobs: one shared fetch, or two if the second starts
	// after the first fetch has failed (a failure is not cached); never more.
	if n := e.tokenCalls.Load(); n < 1 || n > 2 {
		t.Errorf("%d token calls for two jobs refused alike, want 1 or 2", n)
	}
}

// fiveV1 is a small watched list answered by one v1 call.
var fiveV1 = []model.AccountRef{
	{ID: "000000010962009"}, {ID: "000000010900009"}, {ID: "000000020450017"},
	{ID: "000000040112006"}, {ID: "000000050330027"},
}

func checkRows(t *testing.T, snap model.Snapshot, want int) {
	t.Helper()
	if len(snap.Balances) != want || snap.Partial {
		t.Fatalf("%d rows (partial %v), want %d", len(snap.Balances), snap.Partial, want)
	}
	for _, b := range snap.Balances {
		if b.Problem != nil {
			t.Errorf("%s: problem %+v", b.Account.ID, b.Problem)
		}
	}
}

func TestIntegrationFaultRateLimitHonoursRetryAfter(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client()
	e.bank.Faults().RateLimitNext(2, 3)
	before := e.bank.Requests()
	snap, err := c.Balances(context.Background(), fiveV1, jpm.CurrentDay)
	if err != nil {
		t.Fatalf("Balances: %v", err)
	}
	checkRows(t, snap, len(fiveV1))
	if got, want := e.sleeps.got(), []time.Duration{3 * time.Second, 3 * time.Second}; !slices.Equal(got, want) {
		t.Errorf("sleeps %v, want %v (Retry-After: 3)", got, want)
	}
	if n := e.bank.Requests() - before; n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
}

func TestIntegrationFaultFailNextRetries(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client()
	e.bank.Faults().FailNext(2, 503)
	snap, err := c.Balances(context.Background(), fiveV1, jpm.CurrentDay)
	if err != nil {
		t.Fatalf("Balances: %v", err)
	}
	checkRows(t, snap, len(fiveV1))
	// Full jitter with Rand 0.5: half of 250ms, then half of 500ms.
	if got, want := e.sleeps.got(), []time.Duration{125 * time.Millisecond, 250 * time.Millisecond}; !slices.Equal(got, want) {
		t.Errorf("sleeps %v, want %v", got, want)
	}
}

func TestIntegrationFaultDroppedConnectionRetried(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client()
	// Warm the token and a keep-alive connection, so the drop hits a
	// reused connection as it would in a long session.
	if _, err := c.Balances(context.Background(), fiveV1[:1], jpm.CurrentDay); err != nil {
		t.Fatalf("warm-up: %v", err)
	}
	e.bank.Faults().DropNext(1)
	before := e.bank.Requests()
	snap, err := c.Balances(context.Background(), fiveV1, jpm.CurrentDay)
	if err != nil {
		t.Fatalf("Balances: %v", err)
	}
	checkRows(t, snap, len(fiveV1))
	if n := e.bank.Requests() - before; n != 2 {
		t.Errorf("%d requests, want 2 (dropped + retry)", n)
	}
	if got := e.sleeps.got(); len(got) != 1 {
		t.Errorf("sleeps %v, want one backoff", got)
	}
}

func TestIntegrationFaultExpiredTokenRefreshedOnce(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client()
	if _, err := c.Balances(context.Background(), fiveV1, jpm.CurrentDay); err != nil {
		t.Fatalf("warm-up: %v", err)
	}
	if n := e.tokenCalls.Load(); n != 1 {
		t.Fatalf("%d token calls after the first Balances, want 1", n)
	}
	e.bank.Faults().ExpireTokens()
	before := e.bank.Requests()
	snap, err := c.Balances(context.Background(), fiveV1, jpm.CurrentDay)
	if err != nil {
		t.Fatalf("Balances after ExpireTokens: %v", err)
	}
	checkRows(t, snap, len(fiveV1))
	if n := e.tokenCalls.Load(); n != 2 {
		t.Errorf("%d token calls in all, want 2 (one new token)", n)
	}
	if n := e.bank.Requests() - before; n != 2 {
		t.Errorf("%d API requests, want 2 (401 + resend)", n)
	}
	if got := e.sleeps.got(); len(got) != 0 {
		t.Errorf("a 401 refresh slept: %v", got)
	}
	// And the new token is cached again.
	if _, err := c.Balances(context.Background(), fiveV1, jpm.CurrentDay); err != nil {
		t.Fatalf("third Balances: %v", err)
	}
	if n := e.tokenCalls.Load(); n != 2 {
		t.Errorf("%d token calls after a third Balances, want 2", n)
	}
}

func TestIntegrationFaultExpiredTokenConcurrentBatches(t *testing.T) {
	e := newEnv(t, mock.Options{ExtraAccounts: 450})
	c := e.client()
	refs := refsOf(accountsWith(e.bank.Accounts(), synthetic))
	if _, err := c.Balances(context.Background(), refs[:1], jpm.CurrentDay); err != nil {
		t.Fatalf("warm-up: %v", err)
	}
	e.bank.Faults().ExpireTokens()
	snap, err := c.Balances(context.Background(), refs, jpm.CurrentDay)
	if err != nil {
		t.Fatalf("Balances: %v", err)
	}
	checkRows(t, snap, len(refs))
	if n := e.tokenCalls.Load(); n != 2 {
		t.Errorf("%d token calls in all, want 2: three batches refused with one stale token must share one new token", n)
	}
}

func TestIntegrationFaultDownIsUnavailable(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client(withDiscoverBDA)
	e.bank.Faults().SetDown(true)
	_, err := c.Balances(context.Background(), nil, jpm.CurrentDay)
	if !errors.Is(err, model.ErrUnavailable) {
		t.Fatalf("err = %v, want ErrUnavailable", err)
	}
	assertOneLine(t, err)
	if !strings.Contains(err.Error(), "503") {
		t.Errorf("error does not give the status: %q", err)
	}
	// Both jobs (v1 and BDA discovery) retried 4 times.
	if got := e.sleeps.got(); len(got) != 8 {
		t.Errorf("%d sleeps %v, want 8 (4 retries for each of 2 calls)", len(got), got)
	}

	e.bank.Faults().SetDown(false)
	if _, err := c.Balances(context.Background(), nil, jpm.CurrentDay); err != nil {
		t.Errorf("after the outage: %v", err)
	}
}

func TestIntegrationFaultMoreFailuresThanRetries(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client(func(o *jpm.Options) { o.MaxRetries = 2 })
	e.bank.Faults().FailNext(3, 502)
	before := e.bank.Requests()
	_, err := c.Balances(context.Background(), fiveV1, jpm.CurrentDay)
	if !errors.Is(err, model.ErrUnavailable) {
		t.Fatalf("err = %v, want ErrUnavailable", err)
	}
	assertOneLine(t, err)
	if n := e.bank.Requests() - before; n != 3 {
		t.Errorf("%d requests, want 3 (1 + MaxRetries 2)", n)
	}
	if !strings.Contains(err.Error(), "after 3 attempts") {
		t.Errorf("error does not count the attempts: %q", err)
	}
	if s := e.bank.Faults().State(); s.FailNext != 0 {
		t.Errorf("FailNext left at %d", s.FailNext)
	}
	if _, err := c.Balances(context.Background(), fiveV1, jpm.CurrentDay); err != nil {
		t.Errorf("once the faults are used up: %v", err)
	}
}

func TestIntegrationCancelDuringLatency(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client()
	if _, err := c.Balances(context.Background(), fiveV1[:1], jpm.CurrentDay); err != nil {
		t.Fatalf("warm-up: %v", err)
	}
	e.bank.Faults().SetLatency(10 * time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Balances(ctx, fiveV1, jpm.CurrentDay)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the caller's deadline", err)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("Balances took %v after its context ended", took)
	}
	if got := e.sleeps.got(); len(got) != 0 {
		t.Errorf("a cancelled call backed off: %v", got)
	}
}

func TestIntegrationPerAttemptTimeout(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client(func(o *jpm.Options) { o.Timeout = 100 * time.Millisecond; o.MaxRetries = 1 })
	if _, err := c.Balances(context.Background(), fiveV1[:1], jpm.CurrentDay); err != nil {
		t.Fatalf("warm-up: %v", err)
	}
	e.bank.Faults().SetLatency(10 * time.Second)
	start := time.Now()
	_, err := c.Balances(context.Background(), fiveV1, jpm.CurrentDay)
	if !errors.Is(err, model.ErrUnavailable) {
		t.Fatalf("err = %v, want ErrUnavailable", err)
	}
	assertOneLine(t, err)
	if !strings.Contains(err.Error(), "no answer within 100ms") || !strings.Contains(err.Error(), "after 2 attempts") {
		t.Errorf("message does not say what timed out: %q", err)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("two 100ms attempts took %v", took)
	}
}

func TestIntegrationRetryAfterCapped(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client(func(o *jpm.Options) { o.MaxRetryAfter = 5 * time.Second })
	e.bank.Faults().RateLimitNext(1, 600)
	if _, err := c.Balances(context.Background(), fiveV1, jpm.CurrentDay); err != nil {
		t.Fatalf("Balances: %v", err)
	}
	if got, want := e.sleeps.got(), []time.Duration{5 * time.Second}; !slices.Equal(got, want) {
		t.Errorf("sleeps %v, want %v (Retry-After 600 capped at MaxRetryAfter)", got, want)
	}
}
