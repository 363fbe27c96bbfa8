package payments

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"cashpos/jpm/mock"
	"cashpos/model"
	"cashpos/store"
)

func statuses(p model.Payment) string {
	var s []string
	for _, ev := range p.Timeline {
		x := string(ev.Status)
		if ev.SubStatus != "" && string(ev.SubStatus) != x {
			x += "/" + string(ev.SubStatus)
		}
		s = append(s, x)
	}
	return strings.Join(s, " → ")
}

func TestWireToCompleted(t *testing.T) {
	r := newRig(t)
	p := r.submit(wire("1234.50", "123456789"))
	if p.Status != model.StatusReceived || p.PaymentID == "" || p.Duplicate {
		t.Fatalf("after submit: %+v", p)
	}
	p = r.follow(p.IDs.EndToEndID)
	want := "SUBMITTING → RECEIVED → ACCEPTED → PROCESSING/PROCESSING_BY_JPM → PROCESSING/SENT_TO_CLEARING → COMPLETED/COMPLETED_BY_JPM"
	if got := statuses(p); got != want {
		t.Errorf("timeline\n got %s\nwant %s", got, want)
	}
	if r.posts.Load() != 1 || r.atBank(p.IDs.EndToEndID) != 1 {
		t.Errorf("%d POSTs, %d at the bank", r.posts.Load(), r.atBank(p.IDs.EndToEndID))
	}
	r.verifyAudit()
	rows, _ := store.NewAudit(r.db, nil).Entries(context.Background(), p.IDs.EndToEndID)
	var acts []string
	for _, e := range rows {
		acts = append(acts, e.Action)
		if e.User != "analyst" || e.Host != "jump1" || e.Env != "demo" || e.Amount != "1234.50" || e.Rail != "WIRE" {
			t.Errorf("audit row %+v", e)
		}
	}
	if got := strings.Join(acts, ","); !strings.HasPrefix(got, "payment.create,payment.attempt,payment.accepted,payment.status") {
		t.Errorf("audit actions %s", got)
	}
}

func TestACHToCompletedAndReturned(t *testing.T) {
	r := newRig(t)
	p := r.submit(ach("2500.00", "999000004"))
	p = r.follow(p.IDs.EndToEndID)
	if p.Status != model.StatusCompleted {
		t.Fatalf("status %s", p.Status)
	}
	r.clock.Advance(30e9)
	p, err := r.eng.Refresh(context.Background(), p.IDs.EndToEndID)
	if err != nil || p.Status != model.StatusReturned || len(p.Exceptions) == 0 || p.Exceptions[0].Details[0].Code != "R03" {
		t.Fatalf("after the return: %+v %v", p, err)
	}
}

func TestRejections(t *testing.T) {
	for _, tc := range []struct {
		name   string
		in     model.PaymentIntent
		kind   model.FailureKind
		code   string
		status model.PaymentStatus
	}{
		{"closed creditor account", wire("100.00", "999000001"), model.FailureBeneficiary, "11002", model.StatusRejected},
		{"limit breach", wire("100.00", "999000002"), model.FailureLimit, model.CodeLimitBreach, model.StatusRejected},
		{"insufficient funds scripted", ach("100.00", "999000003"), model.FailureFunds, model.CodeInsufficientFunds, model.StatusRejected},
		{"insufficient funds by balance", func() model.PaymentIntent {
			in := wire("100.00", "123456789")
			in.Debtor.AccountID = overdrawn
			return in
		}(), model.FailureFunds, model.CodeInsufficientFunds, model.StatusRejected},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t)
			p := r.submit(tc.in)
			p = r.follow(p.IDs.EndToEndID)
			if p.Status != tc.status || len(p.Exceptions) == 0 || p.Exceptions[0].Code != tc.code {
				t.Fatalf("%s: %+v", statuses(p), p.Exceptions)
			}
			if k := model.ClassifyExceptions(p.Exceptions); k != tc.kind {
				t.Errorf("kind %s, want %s", k, tc.kind)
			}
			r.verifyAudit()
		})
	}
}

func TestGateAndLimits(t *testing.T) {
	r := newRig(t)
	in := wire("1234.50", "123456789")
	ids, _ := NewIDs()
	if _, err := r.eng.Submit(context.Background(), in, ids, "1234.05"); !errors.Is(err, ErrGateNotPassed) {
		t.Fatalf("wrong typed amount: %v", err)
	}
	if r.posts.Load() != 0 {
		t.Fatal("sent without the gate")
	}
	if _, err := r.eng.Get(context.Background(), ids.EndToEndID); !errors.Is(err, store.ErrNoPayment) {
		t.Fatalf("journalled without the gate: %v", err)
	}
	if _, err := r.eng.Submit(context.Background(), in, ids, "1,234.5"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.eng.Submit(context.Background(), in, ids, "1234.50"); !errors.Is(err, ErrAlreadySubmitted) {
		t.Fatalf("second submit of the same ids: %v", err)
	}
	big := wire("1000000.01", "123456789")
	var le *model.LimitError
	if err := r.eng.Check(context.Background(), big); !errors.As(err, &le) || le.Limit != model.LimitPerPayment {
		t.Fatalf("per-payment: %v", err)
	}
	for range 5 {
		r.submit(wire("900000", "123456789"))
	}
	if err := r.eng.Check(context.Background(), wire("600000", "123456789")); !errors.As(err, &le) || le.Limit != model.LimitDaily {
		t.Fatalf("daily: %v", err)
	}
	bad := wire("10", "123456789")
	bad.Creditor.ABA = "071000014"
	var ve *ValidationError
	if err := r.eng.Check(context.Background(), bad); !errors.As(err, &ve) || ve.Fields[0].Field != model.FieldCreditorABA {
		t.Fatalf("validation: %v", err)
	}
}

// Nothing secret reaches the audit log or the journal: not the client
// secret, not an access token, not an Authorization header.
func TestNoSecretsRecorded(t *testing.T) {
	r := newRig(t)
	r.submit(wire("10.00", "123456789"))
	r.bank.Faults().ExpireTokens() // a 401 and a fresh sign-in on the way
	p := r.submit(wire("10.00", "999000001"))
	if p.Attempts != 2 {
		t.Errorf("%d attempts; want the 401 and the resend", p.Attempts)
	}
	r.follow(p.IDs.EndToEndID)
	var all strings.Builder
	rows, _ := store.NewAudit(r.db, nil).Entries(context.Background(), "")
	for _, e := range rows {
		fmt.Fprintf(&all, "%+v\n", e)
	}
	atts, _ := r.eng.Attempts(context.Background(), p.IDs.EndToEndID)
	for _, a := range atts {
		fmt.Fprintf(&all, "%+v %s\n", a, a.Response)
	}
	var dump []byte
	_ = r.db.SQL.QueryRow(`SELECT group_concat(intent || body || exceptions || last_error) FROM payments`).Scan(&dump)
	all.Write(dump)
	for _, secret := range []string{mock.DefaultClientSecret, "Bearer", "access_token"} {
		if strings.Contains(all.String(), secret) {
			t.Errorf("%q recorded", secret)
		}
	}
}

func TestTrackInBackground(t *testing.T) {
	r := newRig(t)
	var mu sync.Mutex
	var seen []model.PaymentStatus
	r.eng.SetOnChange(func(p model.Payment) {
		mu.Lock()
		seen = append(seen, p.Status)
		mu.Unlock()
	})
	p := r.submit(wire("77.00", "123456789"))
	ch1 := r.eng.Track(context.Background(), p.IDs.EndToEndID)
	ch2 := r.eng.Track(context.Background(), p.IDs.EndToEndID)
	if ch1 != ch2 {
		t.Error("a payment followed twice")
	}
	select {
	case <-ch1:
	case <-time.After(20 * time.Second):
		t.Fatal("follower did not finish")
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) == 0 || seen[len(seen)-1] != model.StatusCompleted {
		t.Errorf("changes heard: %v", seen)
	}
	if q, _ := r.eng.Get(context.Background(), p.IDs.EndToEndID); q.Status != model.StatusCompleted {
		t.Errorf("journal: %s", q.Status)
	}
}
