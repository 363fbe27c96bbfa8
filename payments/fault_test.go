package payments

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"cashpos/jpm/mock"
	"cashpos/model"
	"cashpos/store"
)

// Every fault test ends the same way: exactly one payment at the bank for
// the intent, and the journal in the bank's true (terminal) status.
func (r *rig) assertOneAndTrue(e2e string, want model.PaymentStatus) model.Payment {
	r.t.Helper()
	p := r.follow(e2e)
	if n := r.atBank(e2e); n != 1 {
		r.t.Fatalf("%d payments at the bank for one intent", n)
	}
	var bankStatus string
	for _, bp := range r.bank.Payments() {
		if bp.EndToEndID == e2e {
			bankStatus = bp.Status
		}
	}
	if p.Status != want || string(p.Status) != bankStatus {
		r.t.Fatalf("journal %s, bank %s, want %s (%s)", p.Status, bankStatus, want, p.LastError)
	}
	r.verifyAudit()
	return p
}

func TestLostResponseAfterAcceptance(t *testing.T) {
	r := newRig(t)
	p := r.submit(wire("5000.00", mock.ScriptLostResponse))
	if p.Status != model.StatusReceived {
		t.Fatalf("after the lost answer and the retry: %s (%s)", p.Status, p.LastError)
	}
	if r.posts.Load() < 2 {
		t.Errorf("%d POSTs; the lost answer should have been retried with the same key", r.posts.Load())
	}
	r.assertOneAndTrue(p.IDs.EndToEndID, model.StatusCompleted)
	atts, _ := r.eng.Attempts(context.Background(), p.IDs.EndToEndID)
	if len(atts) < 1 || atts[len(atts)-1].HTTPStatus != 201 {
		t.Errorf("attempts %+v", atts)
	}
}

// A timeout after the bank has processed the POST: the client gives up,
// retries with the same key and gets the original answer.
func TestTimeoutAfterAcceptance(t *testing.T) {
	r := newRig(t)
	r.timeout = 150 * time.Millisecond
	r.openEngine(nil)
	var first atomic.Bool
	r.setIntercept(func(w http.ResponseWriter, req *http.Request) bool {
		if !isPost(req) || first.Swap(true) {
			return false
		}
		r.bank.ServeHTTP(httptest.NewRecorder(), req) // processed…
		<-req.Context().Done()                        // …but the answer never comes in time
		return true
	})
	p := r.submit(ach("75.10", "123456789"))
	if p.Status != model.StatusReceived || p.Attempts < 2 {
		t.Fatalf("%s after %d attempts (%s)", p.Status, p.Attempts, p.LastError)
	}
	r.assertOneAndTrue(p.IDs.EndToEndID, model.StatusCompleted)
}

// 503 with Retry-After: the same POST again after the bank's wait.
func TestUnavailableWithRetryAfter(t *testing.T) {
	r := newRig(t)
	if err := r.bank.Faults().Set(mock.FaultState{FailNext: 2, FailStatus: 503, RetryAfter: 7}); err != nil {
		t.Fatal(err)
	}
	t0 := r.clock.Now()
	p := r.submit(wire("10.00", "123456789"))
	if p.Status != model.StatusReceived || r.posts.Load() != 3 {
		t.Fatalf("%s after %d POSTs", p.Status, r.posts.Load())
	}
	if waited := r.clock.Now().Sub(t0); waited < 14*time.Second {
		t.Errorf("waited %s; Retry-After 7 twice means at least 14s", waited)
	}
	r.assertOneAndTrue(p.IDs.EndToEndID, model.StatusCompleted)
}

// The bank takes the payment, then every answer is lost or 503 until the
// retries run out: the outcome is unknown, the lookup finds it.
func TestUnknownOutcomeResolvedByLookup(t *testing.T) {
	r := newRig(t)
	var n atomic.Int64
	r.setIntercept(func(w http.ResponseWriter, req *http.Request) bool {
		if !isPost(req) {
			return false
		}
		if n.Add(1) == 1 {
			r.bank.ServeHTTP(httptest.NewRecorder(), req)
		}
		w.WriteHeader(http.StatusBadGateway)
		return true
	})
	p := r.submit(wire("999.99", "123456789"))
	if p.Status != model.StatusSubmitting || p.LastError == "" {
		t.Fatalf("want SUBMITTING with the unknown outcome explained; got %s %q", p.Status, p.LastError)
	}
	posts := r.posts.Load()
	p = r.assertOneAndTrue(p.IDs.EndToEndID, model.StatusCompleted)
	if r.posts.Load() != posts {
		t.Errorf("a POST after the lookup found the payment")
	}
	if p.PaymentID == "" {
		t.Error("paymentId not learnt from the lookup")
	}
}

// The bank is down for the whole submission and has nothing: once it is
// back, the lookup says so and the same body goes again with the same key.
func TestDownDuringSubmitThenResent(t *testing.T) {
	r := newRig(t)
	r.bank.Faults().SetDown(true)
	p := r.submit(ach("12.34", "123456789"))
	if p.Status != model.StatusSubmitting {
		t.Fatalf("%s", p.Status)
	}
	r.bank.Faults().SetDown(false)
	p = r.assertOneAndTrue(p.IDs.EndToEndID, model.StatusCompleted)
	rows, _ := store.NewAudit(r.db, nil).Entries(context.Background(), p.IDs.EndToEndID)
	resent := false
	for _, e := range rows {
		resent = resent || e.Action == ActResend
	}
	if !resent {
		t.Error("no payment.resend in the audit log")
	}
}

// The same ids can never produce a second payment, even with the bank's
// idempotency memory gone: the business duplicate check by end-to-end id
// answers with the original and duplicateRequest, which is surfaced.
func TestDuplicateRequestSurfaced(t *testing.T) {
	r := newRig(t)
	in := wire("10.00", "123456789")
	p := r.submit(in)
	ids := p.IDs
	ids.IdempotencyKey = "00000000-0000-4000-8000-000000000001" // another key, same end-to-end id
	// A second journal entry with the same e2e is refused outright…
	if _, err := r.eng.Submit(context.Background(), in, ids, "10.00"); err != ErrAlreadySubmitted {
		t.Fatalf("same end-to-end id, new key: %v", err)
	}
	// …and a fresh database (another analyst's machine) that sends it
	// anyway learns from the bank that it is a duplicate.
	r2 := newRig(t)
	r2.bank = r.bank
	r2.srv = r.srv
	r2.openEngine(nil)
	q, err := r2.eng.Submit(context.Background(), in, ids, "10.00")
	if err != nil {
		t.Fatal(err)
	}
	if !q.Duplicate || q.PaymentID != p.PaymentID || r.atBank(p.IDs.EndToEndID) != 1 {
		t.Fatalf("duplicate %v, paymentId %s vs %s, %d at bank", q.Duplicate, q.PaymentID, p.PaymentID, r.atBank(p.IDs.EndToEndID))
	}
}

// A bank that answers every POST with 10106 and never finds the payment
// is not sent the payment forever: the resends stop at maxAttempts and the
// payment stays in flight, explained, for a person to resolve.
func TestResendsAreCapped(t *testing.T) {
	r := newRig(t)
	r.setIntercept(func(w http.ResponseWriter, req *http.Request) bool {
		if !isPost(req) {
			return false
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(400)
		w.Write([]byte(`{"title":"Bad Request","httpStatus":400,"context":[{"code":"10106","message":"Idempotency failure"}]}`))
		return true
	})
	p := r.submit(wire("10.00", "123456789"))
	for range 100 {
		var err error
		if p, _, err = r.eng.Step(context.Background(), p.IDs.EndToEndID); err != nil {
			t.Fatal(err)
		}
	}
	if n := r.posts.Load(); n > maxAttempts {
		t.Errorf("%d POSTs; the cap is %d", n, maxAttempts)
	}
	if p.Status != model.StatusSubmitting || !strings.Contains(p.LastError, "not sending again") {
		t.Errorf("%s %q", p.Status, p.LastError)
	}
	if r.atBank(p.IDs.EndToEndID) != 0 {
		t.Error("a payment exists")
	}
}

// The same, through the fault switchboard: any payment's answer is lost.
func TestLoseNextFault(t *testing.T) {
	r := newRig(t)
	r.bank.Faults().LoseNext(1)
	p := r.submit(ach("42.00", "123456789"))
	if p.Status != model.StatusReceived || r.posts.Load() != 2 {
		t.Fatalf("%s after %d POSTs (%s)", p.Status, r.posts.Load(), p.LastError)
	}
	r.assertOneAndTrue(p.IDs.EndToEndID, model.StatusCompleted)
}

// A journalled payment that was never sent and is found nowhere a day
// later is closed NOT_SENT; one that was sent is never closed that way.
func TestStaleUnsentClosed(t *testing.T) {
	r := newRig(t)
	r.bank.Faults().SetDown(true)
	r.openEngine(func(o *Options) { o.BeforeSend = func(string) { panic("die") } })
	ids, _ := NewIDs()
	func() {
		defer func() { recover() }()
		r.eng.Submit(context.Background(), wire("5.00", "123456789"), ids, "5.00")
	}()
	r.bank.Faults().SetDown(false)
	r.openEngine(nil)
	r.clock.Advance(24 * time.Hour)
	p, _, err := r.eng.Step(context.Background(), ids.EndToEndID)
	if err != nil || p.Status != model.StatusNotSent || r.posts.Load() != 0 {
		t.Fatalf("%s %q, %d POSTs, %v", p.Status, p.LastError, r.posts.Load(), err)
	}
}

// Attempts are numbered across the whole intent: a resend after the bank
// had no record goes on from the last attempt rather than starting at 1
// again, so the journal and the audit log never show two "attempt 1" rows
// (with different Request-Ids) for one payment.
func TestAttemptsNumberedAcrossResends(t *testing.T) {
	r := newRig(t)
	r.bank.Faults().SetDown(true)
	p := r.submit(wire("12.34", "123456789"))
	first := p.Attempts
	if p.Status != model.StatusSubmitting || first < 2 {
		t.Fatalf("setup: %s after %d attempts", p.Status, first)
	}
	r.bank.Faults().SetDown(false)
	p = r.assertOneAndTrue(p.IDs.EndToEndID, model.StatusCompleted)
	as, err := r.eng.Attempts(context.Background(), p.IDs.EndToEndID)
	if err != nil || len(as) <= first {
		t.Fatalf("attempts after the resend: %d (err %v), want more than %d", len(as), err, first)
	}
	for i, a := range as {
		if a.N != i+1 {
			t.Errorf("journal attempt %d is numbered %d", i+1, a.N)
		}
	}
	rows, _ := store.NewAudit(r.db, nil).Entries(context.Background(), p.IDs.EndToEndID)
	seen := map[string]bool{}
	for _, e := range rows {
		if e.Action != ActAttempt {
			continue
		}
		n, _, _ := strings.Cut(e.Detail, ",")
		if seen[n] {
			t.Errorf("audit log has %q twice for one payment: %s", n, e.Detail)
		}
		seen[n] = true
	}
}
