package payments

import (
	"context"
	"errors"
	"fmt"
	"time"

	"cashpos/jpm"
	"cashpos/model"
)

// Step advances one payment by one bank call and says when to call again:
//
//   - a terminal payment is returned as is, next = 0;
//   - otherwise its status is looked up by end-to-end id and every change
//     is journalled and audited;
//   - a payment still SUBMITTING that the bank does not know is sent again —
//     the same journalled body with the same idempotency key, which the bank
//     answers with the original payment if it has one after all — unless the
//     key has expired or the execution date has passed, when it is closed
//     NOT_SENT (nothing left the account);
//   - a bank or network failure leaves the status alone and is reported in
//     Payment.LastError; next then honours the bank's Retry-After.
//
// next grows from the poll policy's First to Max while nothing changes.
// The error is non-nil only when the local journal fails.
func (e *Engine) Step(ctx context.Context, endToEndID string) (p model.Payment, next time.Duration, err error) {
	defer e.lock(endToEndID)()
	p, err = e.getOwn(ctx, endToEndID)
	if err != nil || p.Status.Terminal() {
		e.forget(endToEndID)
		return p, 0, err
	}
	next = e.lookup(ctx, &p)
	if p, err = e.o.Journal.Get(context.WithoutCancel(ctx), endToEndID); err != nil {
		return p, 0, err
	}
	if p.Status.Terminal() {
		e.forget(endToEndID)
		return p, 0, nil
	}
	return p, next, nil
}

// LookupFailed starts Payment.LastError when the latest status lookup did
// not get an answer from the bank: the status shown is the journal's last.
const LookupFailed = "status lookup failed: "

// Refresh looks a payment up once even if it is terminal: a COMPLETED ACH
// credit can still be RETURNED. It returns the journal's view afterwards.
func (e *Engine) Refresh(ctx context.Context, endToEndID string) (model.Payment, error) {
	defer e.lock(endToEndID)()
	p, err := e.getOwn(ctx, endToEndID)
	if err != nil || p.Status == model.StatusNotSent || p.Status == model.StatusRejected && p.PaymentID == "" {
		return p, err // never reached the bank: nothing to look up
	}
	e.lookup(ctx, &p)
	return e.o.Journal.Get(context.WithoutCancel(ctx), endToEndID)
}

// lookup is one status query and what follows from it; it returns the
// delay before the next.
func (e *Engine) lookup(ctx context.Context, p *model.Payment) time.Duration {
	wctx := context.WithoutCancel(ctx)
	e2e := p.IDs.EndToEndID
	st, err := e.o.Bank.PaymentStatus(ctx, e2e, p.Intent.Rail)
	switch {
	case err == nil:
		return e.adopt(wctx, p, st)
	case errors.Is(err, jpm.ErrPaymentNotFound) && p.Status == model.StatusSubmitting:
		return e.missing(ctx, p)
	case errors.Is(err, jpm.ErrPaymentNotFound):
		e.setError(wctx, p, "the bank no longer finds this payment by its end-to-end id; call J.P. Morgan with the ids")
		return e.grow(e2e, 0)
	default:
		e.setError(wctx, p, LookupFailed+oneLine(err))
		return e.grow(e2e, jpm.RetryAfter(err))
	}
}

// adopt records what the bank says about the payment.
func (e *Engine) adopt(ctx context.Context, p *model.Payment, st model.BankPaymentState) time.Duration {
	e2e := p.IDs.EndToEndID
	if p.PaymentID == "" && st.PaymentID != "" {
		_ = e.o.Journal.RecordAck(ctx, e2e, model.PaymentAck{EndToEndID: e2e, PaymentID: st.PaymentID})
		p.PaymentID = st.PaymentID
		_ = e.audit(ctx, *p, ActLookup, "found at the bank by end-to-end id: paymentId %s", st.PaymentID)
	}
	msg := ""
	if st.Matches > 1 {
		msg = fmt.Sprintf("the bank lists %d payments for this end-to-end id: call J.P. Morgan now", st.Matches)
		if msg != p.LastError {
			_ = e.audit(ctx, *p, ActLookup, "%s", msg)
		}
	}
	e.setError(ctx, p, msg)
	ev := model.StatusEvent{Status: st.Status, SubStatus: st.SubStatus, SeenAt: e.o.Now(), BankTime: st.UpdatedAt, Exceptions: st.Exceptions}
	if e.recordStatus(ctx, p, ev) {
		return e.reset(e2e)
	}
	return e.grow(e2e, 0)
}

// missing handles a SUBMITTING payment the bank does not know: resend the
// same bytes with the same key while that is safe, else close it.
func (e *Engine) missing(ctx context.Context, p *model.Payment) time.Duration {
	wctx := context.WithoutCancel(ctx)
	now := e.o.Now()
	today := model.Civil(now.In(model.PaymentLocation()))
	expired := ""
	switch {
	case now.Sub(p.CreatedAt) > e.o.KeyTTL-time.Hour:
		expired = "its idempotency key is about to expire"
	case model.Civil(p.Intent.ExecutionDate).Before(today):
		expired = "its execution date has passed"
	}
	switch {
	case expired != "" && p.Attempts == 0:
		// Journalled, never sent by us, and unknown to the bank a day on
		// or after its date: nothing left the account.
		e.close(wctx, p, model.StatusNotSent, "the bank has no record of it and "+expired+
			"; not sent automatically — create it again if still wanted")
		return 0
	case expired != "":
		// It was sent, yet the bank finds nothing: not ours to decide.
		e.setError(wctx, p, "the bank finds no payment for this end-to-end id though it was sent, and "+expired+
			"; not sending again — call J.P. Morgan with the ids")
		return e.grow(p.IDs.EndToEndID, 0)
	}
	if p.Attempts >= maxAttempts {
		// Every send so far ended without a definite answer, yet the bank
		// finds nothing: something is wrong that more sending will not fix
		// (a 10106 for a body we never changed, a proxy in the way). Keep
		// looking it up, never send it again, and say so.
		e.setError(wctx, p, fmt.Sprintf(
			"the bank finds no payment %s, and %d attempts to send it got no definite answer; not sending again — call J.P. Morgan with the ids",
			p.IDs.EndToEndID, p.Attempts))
		return e.grow(p.IDs.EndToEndID, 0)
	}
	body, err := e.o.Journal.Body(wctx, p.IDs.EndToEndID)
	if err != nil {
		_ = e.o.Journal.SetError(wctx, p.IDs.EndToEndID, "journal: "+oneLine(err))
		return e.grow(p.IDs.EndToEndID, 0)
	}
	_ = e.audit(wctx, *p, ActResend, "the bank has no record by end-to-end id; sending the journalled body again with the same idempotency key")
	e.send(ctx, p, body, true)
	return e.grow(p.IDs.EndToEndID, 0)
}

// setError keeps msg as the payment's problem, writing only a change.
func (e *Engine) setError(ctx context.Context, p *model.Payment, msg string) {
	if msg != p.LastError {
		_ = e.o.Journal.SetError(ctx, p.IDs.EndToEndID, msg)
		p.LastError = msg
	}
}

// maxAttempts caps the POSTs of one intent across resends (three rounds of
// the client's five): past it a payment is only looked up.
const maxAttempts = 15

// Follow steps a payment until it is terminal or ctx ends, calling
// onChange (if not nil) with each new view whose status, sub-status or
// problem changed. It sleeps between steps as Step says.
func (e *Engine) Follow(ctx context.Context, endToEndID string, onChange func(model.Payment)) (model.Payment, error) {
	var last model.Payment
	for {
		p, next, err := e.Step(ctx, endToEndID)
		if err != nil {
			return p, err
		}
		if onChange != nil && (p.Status != last.Status || p.SubStatus != last.SubStatus || p.LastError != last.LastError) {
			onChange(p)
		}
		last = p
		if next == 0 {
			return p, nil
		}
		if err := e.o.Sleep(ctx, next); err != nil {
			return p, err
		}
	}
}

// Track follows a payment in the background — Step, wait as it says,
// again — until it is final or ctx ends, telling OnChange of each change.
// A payment already followed is not followed twice. The channel closes
// when the follower stops. Screens call it right after Submit, then only
// read (Get, List) or listen (OnChange).
func (e *Engine) Track(ctx context.Context, endToEndID string) <-chan struct{} {
	return e.track(ctx, endToEndID, nil)
}

func (e *Engine) track(ctx context.Context, e2e string, also func(model.Payment)) <-chan struct{} {
	e.mu.Lock()
	if ch, ok := e.following[e2e]; ok {
		e.mu.Unlock()
		return ch
	}
	ch := make(chan struct{})
	e.following[e2e] = ch
	e.mu.Unlock()
	go func() {
		defer func() {
			e.mu.Lock()
			delete(e.following, e2e)
			e.mu.Unlock()
			close(ch)
		}()
		_, _ = e.Follow(ctx, e2e, func(p model.Payment) {
			e.notify(p)
			if also != nil {
				also(p)
			}
		})
	}()
	return ch
}

// Resume follows every non-terminal payment in the journal (safety rule
// 3) in the background, as Track does, and waits until each is final or
// ctx ends; it also looks once at ACH credits completed in the last 5
// days, which can still be returned. onChange (if not nil) hears changes
// of the payments this call starts following, besides OnChange; it may be
// called from several goroutines.
func (e *Engine) Resume(ctx context.Context, onChange func(model.Payment)) error {
	all, err := e.listOwn(ctx)
	if err != nil {
		return err
	}
	var waits []<-chan struct{}
	for _, p := range all {
		switch {
		case !p.Status.Terminal():
			waits = append(waits, e.track(ctx, p.IDs.EndToEndID, onChange))
		case p.Status == model.StatusCompleted && p.Intent.Rail == model.RailACH && e.o.Now().Sub(p.UpdatedAt) < 5*24*time.Hour:
			if q, err := e.Refresh(ctx, p.IDs.EndToEndID); err == nil && q.Status != p.Status {
				e.notify(q)
				if onChange != nil {
					onChange(q)
				}
			}
		}
	}
	for _, w := range waits {
		<-w
	}
	return nil
}

// Pending returns the journal's non-terminal payments.
func (e *Engine) Pending(ctx context.Context) ([]model.Payment, error) {
	all, err := e.listOwn(ctx)
	var out []model.Payment
	for _, p := range all {
		if !p.Status.Terminal() {
			out = append(out, p)
		}
	}
	return out, err
}

// Poll schedule per payment, in memory: a restart begins at First again.

func (e *Engine) state(e2e string) *pollState {
	e.mu.Lock()
	defer e.mu.Unlock()
	s, ok := e.polls[e2e]
	if !ok {
		s = &pollState{}
		e.polls[e2e] = s
	}
	return s
}

func (e *Engine) reset(e2e string) time.Duration {
	s := e.state(e2e)
	e.mu.Lock()
	defer e.mu.Unlock()
	s.delay = e.o.Poll.First
	return s.delay
}

// grow lengthens the delay by the policy's factor up to Max, and to at
// least retryAfter when the bank asked for it.
func (e *Engine) grow(e2e string, retryAfter time.Duration) time.Duration {
	s := e.state(e2e)
	e.mu.Lock()
	defer e.mu.Unlock()
	switch {
	case s.delay <= 0:
		s.delay = e.o.Poll.First
	default:
		s.delay = min(time.Duration(float64(s.delay)*e.o.Poll.Factor), e.o.Poll.Max)
	}
	return max(s.delay, retryAfter)
}

func (e *Engine) forget(e2e string) {
	e.mu.Lock()
	delete(e.polls, e2e)
	e.mu.Unlock()
}
