package jpm

import (
	"context"
	"errors"
	"sync"
)

// tripwire makes one refresh fail fast: once an API has answered "down"
// for one batch after all its retries (a 5xx, a refused or reset
// connection, no answer in time), the other batches of the same API in the
// same refresh report that cause at once instead of each retrying to the
// end (1,000 batches × 5 attempts of a bank that is down). Keyed by API,
// since v1 and BDA live on different hosts.
type tripwire struct {
	mu   sync.Mutex
	down map[string]error
}

type tripKey struct{}

// withTripwire gives the calls under ctx one shared tripwire.
func withTripwire(ctx context.Context) context.Context {
	if tripOf(ctx) != nil {
		return ctx
	}
	return context.WithValue(ctx, tripKey{}, &tripwire{down: map[string]error{}})
}

func tripOf(ctx context.Context) *tripwire {
	t, _ := ctx.Value(tripKey{}).(*tripwire)
	return t
}

// tripped is the cause an API was found down with, or nil.
func (t *tripwire) tripped(api string) error {
	if t == nil {
		return nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.down[api]
}

// trip records err as api's cause if it says the API is down.
func (t *tripwire) trip(api string, err error) {
	if t == nil || !saysDown(err) {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.down[api] == nil {
		t.down[api] = err
	}
}

// saysDown: a 5xx or a failed connection after every retry. 429 is not
// "down" (the bank is pacing us), nor is anything the request caused.
func saysDown(err error) bool {
	var ae *APIError
	var ne *NetworkError
	switch {
	case errors.As(err, &ae):
		return ae.API != apiToken && ae.HTTPStatus >= 500 && ae.HTTPStatus <= 504
	case errors.As(err, &ne):
		return ne.API != apiToken && ne.retryable
	}
	return false
}
