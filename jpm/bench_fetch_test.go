package jpm_test

import (
	"context"
	"testing"
	"time"

	"cashpos/jpm"
	"cashpos/jpm/mock"
	"cashpos/model"
)

// BenchmarkFetch1000Accounts50msLatency is one Balances call of 1,000
// watched v1 accounts (5 batches of 200) against the mock bank on loopback,
// each response delayed by the given latency, with the token already
// cached. Reported: requests/op (must be 5), ms/op, the wall time of one
// single-batch round trip at the same latency (ms/roundtrip), and
// wall/roundtrip: about 1 when the batches run concurrently, about 5 when
// they run one after another.
//
//	go test ./jpm/ -run '^$' -bench Fetch1000 -benchtime 20x
func BenchmarkFetch1000Accounts50msLatency(b *testing.B) {
	for _, bc := range []struct {
		name    string
		latency time.Duration
	}{
		{"latency=50ms", 50 * time.Millisecond},
		{"latency=0", 0},
	} {
		b.Run(bc.name, func(b *testing.B) { benchFetch1000(b, bc.latency) })
	}
}

func benchFetch1000(b *testing.B, latency time.Duration) {
	e := newEnv(b, mock.Options{ExtraAccounts: 1000})
	c := e.client()
	refs := refsOf(accountsWith(e.bank.Accounts(), synthetic))
	if len(refs) != 1000 {
		b.Fatalf("%d synthetic accounts, want 1000", len(refs))
	}
	ctx := context.Background()
	fetch := func(refs []model.AccountRef) {
		snap, err := c.Balances(ctx, refs, jpm.CurrentDay)
		if err != nil {
			b.Fatalf("Balances: %v", err)
		}
		if len(snap.Balances) != len(refs) || snap.Partial {
			b.Fatalf("%d rows (partial %v), want %d", len(snap.Balances), snap.Partial, len(refs))
		}
	}
	fetch(refs) // token cached, connections warm, mock and decoder paths hot

	e.bank.Faults().SetLatency(latency)
	// One batch's round trip at this latency: the best of a few.
	roundTrip := time.Duration(1<<63 - 1)
	for range 5 {
		start := time.Now()
		fetch(refs[:200])
		roundTrip = min(roundTrip, time.Since(start))
	}

	before := e.bank.Requests()
	var wall time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		fetch(refs)
		wall += time.Since(start)
	}
	b.StopTimer()

	reqs := float64(e.bank.Requests()-before) / float64(b.N)
	if reqs != 5 {
		b.Errorf("%.2f requests/op, want 5", reqs)
	}
	perOp := wall / time.Duration(b.N)
	b.ReportMetric(reqs, "requests/op")
	b.ReportMetric(float64(perOp)/float64(time.Millisecond), "ms/op")
	b.ReportMetric(float64(roundTrip)/float64(time.Millisecond), "ms/roundtrip")
	b.ReportMetric(float64(perOp)/float64(roundTrip), "wall/roundtrip")
}
