package jpm_test

import (
	"context"
	"testing"
	"time"

	"cashpos/jpm"
	"cashpos/jpm/mock"
	"cashpos/model"
)

// BenchmarkTransactions31Days50msLatency fetches 31 closed days of the
// busiest demo account (≈3,400 items: 7 windows of up to 5 days, about 6
// pages of 100 each) from the mock bank on loopback, every response delayed
// 50 ms, with a fresh client per op (so nothing comes from the session
// cache) and the token already cached. Reported: requests/op (pages),
// depth (the most pages of any window: a client following pages one after
// another needs that many round trips per window), ms/op, and roundtrips
// = wall time / one measured round trip. The goal is about one round trip
// per page depth, not per page: page 1 of every window goes out at once,
// then the rest of each window together.
//
//	go test ./jpm/ -run '^$' -bench Transactions31Days -benchtime 5x
func BenchmarkTransactions31Days50msLatency(b *testing.B) {
	for _, bc := range []struct {
		name        string
		concurrency int
		latency     time.Duration
	}{
		{"concurrency=8(default)", 0, 50 * time.Millisecond},
		{"concurrency=32", 32, 50 * time.Millisecond},
		{"concurrency=1", 1, 50 * time.Millisecond},
		{"concurrency=8,latency=0", 0, 0},
	} {
		b.Run(bc.name, func(b *testing.B) { benchTransactions31(b, bc.concurrency, bc.latency) })
	}
}

func benchTransactions31(b *testing.B, concurrency int, latency time.Duration) {
	e := newEnv(b, mock.Options{})
	ctx := context.Background()
	q := jpm.TransactionQuery{Account: model.AccountRef{ID: operating}, From: nyDay(2026, 10, 20), To: nyDay(2026, 11, 19)}
	opts := func(o *jpm.Options) { o.Concurrency = concurrency }
	warm := e.txnClient(opts)
	res, err := warm.Transactions(ctx, q) // mock paths hot, connections warm
	if err != nil || res.Partial() {
		b.Fatalf("%v %v", err, res.Gaps)
	}
	depth := pageDepth(b, warm, q)

	e.bank.Faults().SetLatency(latency)
	roundTrip := time.Duration(1<<63 - 1)
	for range 3 {
		start := time.Now()
		if _, err := warm.TransactionsPage(ctx, jpm.TransactionQuery{Account: q.Account, From: q.From, To: q.From}, jpm.ListOptions{}); err != nil {
			b.Fatal(err)
		}
		roundTrip = min(roundTrip, time.Since(start))
	}

	var wall time.Duration
	var requests int64
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		c := e.txnClient(opts)
		if _, err := c.TransactionsPage(ctx, jpm.TransactionQuery{Account: q.Account, Relative: jpm.PriorDay}, jpm.ListOptions{}); err != nil {
			b.Fatal(err) // signs in: the token is not part of the measure
		}
		before := e.bank.Requests()
		b.StartTimer()
		start := time.Now()
		res, err := c.Transactions(ctx, q)
		wall += time.Since(start)
		requests += e.bank.Requests() - before
		if err != nil || res.Partial() || len(res.Transactions) < 31*80 {
			b.Fatalf("%v, %d items, gaps %v", err, len(res.Transactions), res.Gaps)
		}
	}
	b.StopTimer()
	wall /= time.Duration(b.N)
	b.ReportMetric(float64(requests)/float64(b.N), "requests/op")
	b.ReportMetric(float64(depth), "depth")
	b.ReportMetric(float64(wall)/float64(time.Millisecond), "ms/op")
	b.ReportMetric(float64(wall)/float64(roundTrip), "roundtrips")
	b.ReportMetric(float64(roundTrip)/float64(time.Millisecond), "ms/roundtrip")
}

// pageDepth is the largest number of pages any window of q has.
func pageDepth(b *testing.B, c *jpm.Client, q jpm.TransactionQuery) int {
	depth := 0
	for from := q.From; !from.After(q.To); from = from.AddDate(0, 0, 5) {
		to := from.AddDate(0, 0, 4)
		if to.After(q.To) {
			to = q.To
		}
		p, err := c.TransactionsPage(context.Background(), jpm.TransactionQuery{Account: q.Account, From: from, To: to}, jpm.ListOptions{})
		if err != nil {
			b.Fatal(err)
		}
		depth = max(depth, p.TotalPages)
	}
	return depth
}
