package jpm_test

// Integration: batching of large watched lists, and batches in flight
// at once.

import (
	"context"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"cashpos/jpm"
	"cashpos/jpm/mock"
)

func TestIntegrationBatching450Accounts(t *testing.T) {
	e := newEnv(t, mock.Options{ExtraAccounts: 450})
	c := e.client()
	refs := refsOf(accountsWith(e.bank.Accounts(), synthetic))
	if len(refs) != 450 {
		t.Fatalf("%d synthetic accounts, want 450", len(refs))
	}
	slices.Reverse(refs) // the watched order, not the bank's, must come back
	before := e.bank.Requests()
	snap, err := c.Balances(context.Background(), refs, jpm.CurrentDay)
	if err != nil {
		t.Fatalf("Balances: %v", err)
	}
	if n := e.bank.Requests() - before; n != 3 {
		t.Errorf("%d balance requests, want 3 (200 + 200 + 50)", n)
	}
	checkRows(t, snap, 450)
	for i, b := range snap.Balances {
		if b.Account.ID != refs[i].ID {
			t.Fatalf("row %d is %s, want %s (watched order)", i, b.Account.ID, refs[i].ID)
		}
	}
}

// 1,000 watched accounts go out as 5 batches of 200, all in flight at once.
// Concurrency is proven without a clock: the server holds every balance
// request at a barrier until all 5 have arrived, which a client sending
// batches one after another could never reach (its first request would wait
// for a second that is never sent). The wall-time figure against one round
// trip is measured in BenchmarkFetch1000Accounts50msLatency, not asserted.
func TestIntegrationConcurrentBatches(t *testing.T) {
	e := newEnv(t, mock.Options{ExtraAccounts: 1000})
	c := e.client()
	refs := refsOf(accountsWith(e.bank.Accounts(), synthetic))
	if len(refs) != 1000 {
		t.Fatalf("%d synthetic accounts, want 1000", len(refs))
	}
	ctx := context.Background()
	if _, err := c.Balances(ctx, refs[:1], jpm.CurrentDay); err != nil { // warms the token
		t.Fatalf("warm-up: %v", err)
	}

	const batches = 5
	var arrived sync.WaitGroup
	arrived.Add(batches)
	allIn := make(chan struct{})
	go func() { arrived.Wait(); close(allIn) }()
	var held atomic.Int32
	hold := func(*http.Request) {
		held.Add(1)
		arrived.Done()
		select {
		case <-allIn:
		case <-time.After(10 * time.Second): // a sequential client: fail, don't hang
		}
	}
	e.before.Store(&hold)
	defer e.before.Store(nil)

	before := e.bank.Requests()
	snap, err := c.Balances(ctx, refs, jpm.CurrentDay)
	if err != nil {
		t.Fatalf("Balances: %v", err)
	}
	select {
	case <-allIn:
	default:
		t.Fatalf("only %d of %d batches were in flight together: the client sent them one after another", held.Load(), batches)
	}
	if n := e.bank.Requests() - before; n != batches {
		t.Errorf("%d requests, want %d", n, batches)
	}
	checkRows(t, snap, 1000)
	if n := e.tokenCalls.Load(); n != 1 {
		t.Errorf("%d token calls, want 1 (warmed)", n)
	}
}
