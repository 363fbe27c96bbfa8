package payments

import (
	"context"
	"testing"
	"time"

	"cashpos/jpm"
	"cashpos/jpm/mock"
	"cashpos/model"
	"cashpos/store"
)

// instantBank acknowledges every POST at once, so a benchmark of Submit
// measures our own work: validation, body, journal and audit fsyncs.
type instantBank struct{}

func (instantBank) SubmitPayment(_ context.Context, s jpm.PaymentSubmission, observe func(model.PaymentAttempt)) (model.PaymentAck, error) {
	observe(model.PaymentAttempt{N: 1, RequestID: "r", HTTPStatus: 201})
	return model.PaymentAck{PaymentID: "p", HTTPStatus: 201}, nil
}

func (instantBank) PaymentStatus(context.Context, string, model.Rail) (model.BankPaymentState, error) {
	return model.BankPaymentState{}, jpm.ErrPaymentNotFound
}

// BenchmarkJournalWriteToSend: from Submit's call to the moment the first
// byte could go to the bank — the durable journal entry and its audit row,
// each a SQLite commit with synchronous=FULL (an fsync) on the real disk —
// reported as write-to-send-µs; ns/op is the whole Submit against an
// instant bank (attempt, ack and status records included).
func BenchmarkJournalWriteToSend(b *testing.B) {
	db, err := store.OpenDB(context.Background(), b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	now := start
	var t0 time.Time
	var toSend time.Duration
	eng, _ := New(Options{Bank: instantBank{}, Journal: store.NewJournal(db), Audit: store.NewAudit(db, nil), Env: "bench",
		User: "u", Host: "h", Now: func() time.Time { return now },
		BeforeSend: func(string) { toSend += time.Since(t0) }})
	in := wire("1234.50", "123456789")
	b.ResetTimer()
	for b.Loop() {
		ids, _ := NewIDs()
		t0 = time.Now()
		if _, err := eng.Submit(context.Background(), in, ids, "1234.50"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(toSend.Microseconds())/float64(b.N), "write-to-send-µs")
}

// BenchmarkPollingCost: status lookups per payment from submission to a
// final status with the default poll policy, against the mock bank's
// paths (fake clock: no real waiting). Reported per path as
// lookups/payment; the figure is deterministic.
func BenchmarkPollingCost(b *testing.B) {
	for _, tc := range []struct{ name, acct string }{
		{"normal-12s", "123456789"}, {"rejected-6s", mock.ScriptClosedAccount},
		{"funding-14s", mock.ScriptInsufficientFunds}, {"compliance-68s", mock.ScriptSlowCompliance},
	} {
		b.Run(tc.name, func(b *testing.B) {
			r := newRig(b)
			var lookups int64
			for b.Loop() {
				before := r.gets.Load()
				p := r.submit(wire("10.00", tc.acct))
				if p, _ = r.eng.Follow(context.Background(), p.IDs.EndToEndID, nil); !p.Status.Terminal() {
					b.Fatalf("not final: %s", p.Status)
				}
				lookups += r.gets.Load() - before
			}
			b.ReportMetric(float64(lookups)/float64(b.N), "lookups/payment")
		})
	}
}
