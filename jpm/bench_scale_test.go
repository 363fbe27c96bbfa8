//go:build scale

package jpm_test

import (
	"context"
	"testing"

	"cashpos/jpm"
	"cashpos/jpm/mock"
	"cashpos/model"
)

// BenchmarkBalances100k is one current-day fetch of 100,000 synthetic
// accounts from the in-process mock bank, watched (500 batches of 200) and
// not (one streamed answer). The mock's own allocations are in the figures;
// profile with -memprofile and read the jpm frames for the client's part:
//
//	go test -tags scale ./jpm/ -run '^$' -bench Balances100k -benchtime 2x -memprofile /tmp/mem.out
func BenchmarkBalances100k(b *testing.B) {
	e := newEnv(b, mock.Options{ExtraAccounts: 100_000})
	refs := refsOf(accountsWith(e.bank.Accounts(), synthetic))
	for _, tc := range []struct {
		name    string
		watched []model.AccountRef
	}{{"watched", refs}, {"all", nil}} {
		b.Run(tc.name, func(b *testing.B) {
			c := e.client()
			b.ReportAllocs()
			for b.Loop() {
				snap, err := c.Balances(context.Background(), tc.watched, jpm.CurrentDay)
				if err != nil || len(snap.Balances) < len(refs) {
					b.Fatalf("%d rows, %v", len(snap.Balances), err)
				}
			}
		})
	}
}
