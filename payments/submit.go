package payments

import (
	"context"
	"errors"
	"fmt"
	"time"

	"cashpos/jpm"
	"cashpos/model"
	"cashpos/store"
)

var (
	// ErrGateNotPassed: the amount typed at the confirm gate does not match
	// the payment's amount. Nothing was journalled or sent.
	ErrGateNotPassed = errors.New("payment not sent: the amount typed does not match the payment's amount")
	// ErrAlreadySubmitted: these ids are already in the journal. An intent
	// is submitted once; follow it with Step, never submit it again.
	ErrAlreadySubmitted = errors.New("payment not sent again: this end-to-end id is already in the journal")
)

// Submit sends a confirmed intent — once. typed is what the analyst typed
// at the confirm gate; it must match the amount (model.MatchTypedAmount)
// or nothing happens. Then, in this order: the intent is checked again
// (Check), the body is built, intent + ids + body are committed to the
// journal (fsync) and audited, and only then is the POST sent, retried
// with the same key and body while the outcome is unknown.
//
// The returned Payment is the journal's view afterwards: RECEIVED (or
// later) when the bank took it — Duplicate set if the bank flagged
// duplicateRequest; REJECTED with the bank's exceptions
// (model.ClassifyExceptions tells a limit breach from insufficient funds);
// still SUBMITTING with LastError set when the outcome is unknown, which
// Step resolves by looking it up. The error is non-nil only when nothing
// could be sent or recorded: the gate, validation, a limit, ids already
// journalled, or the state database.
func (e *Engine) Submit(ctx context.Context, in model.PaymentIntent, ids model.PaymentIDs, typed string) (model.Payment, error) {
	if !model.MatchTypedAmount(typed, in.Amount) {
		return model.Payment{}, ErrGateNotPassed
	}
	if in.Rail == model.RailACH && in.Debtor.CompanyID == "" {
		in.Debtor.CompanyID = e.o.ACHCompanyID
	}
	if err := e.Check(ctx, in); err != nil {
		return model.Payment{}, err
	}
	if !model.ValidEndToEndID(ids.EndToEndID, in.Rail) || ids.IdempotencyKey == "" {
		return model.Payment{}, fmt.Errorf("payments: ids %q are not usable on %s; mint them with NewIDs", ids.EndToEndID, in.Rail)
	}
	body, err := jpm.PaymentBody(in, ids)
	if err != nil {
		return model.Payment{}, err
	}
	defer e.lock(ids.EndToEndID)()
	p := model.Payment{Intent: in, IDs: ids, Env: e.o.Env, CreatedAt: e.o.Now(), Status: model.StatusSubmitting}
	if err := e.o.Journal.Create(ctx, p, body); err != nil {
		if errors.Is(err, store.ErrIntentExists) {
			return model.Payment{}, ErrAlreadySubmitted
		}
		return model.Payment{}, fmt.Errorf("payments: not sent, the journal could not record it: %w", err)
	}
	wctx := context.WithoutCancel(ctx) // records must be written even if the caller gives up
	if err := e.audit(wctx, p, ActCreate, "%s %s USD from %s to %s (ABA %s, acct %s), execution %s, idempotency key %s; confirmed by typed amount",
		in.Rail, in.Amount.StringFixed(2), in.Debtor.AccountID, in.Creditor.Name, in.Creditor.ABA,
		in.Creditor.AccountNumber, in.ExecutionDate.Format(time.DateOnly), ids.IdempotencyKey); err != nil {
		e.close(wctx, &p, model.StatusNotSent, "not sent: "+err.Error())
		return e.o.Journal.Get(wctx, ids.EndToEndID)
	}
	if e.o.BeforeSend != nil {
		e.o.BeforeSend(ids.EndToEndID)
	}
	e.send(ctx, &p, body, false)
	return e.o.Journal.Get(wctx, ids.EndToEndID)
}

// send POSTs the journalled body with the journalled key and records what
// came back. resend is true when Step sends again after the bank said it
// has no such payment.
func (e *Engine) send(ctx context.Context, p *model.Payment, body []byte, resend bool) {
	wctx := context.WithoutCancel(ctx)
	e2e := p.IDs.EndToEndID
	ack, err := e.o.Bank.SubmitPayment(ctx, jpm.PaymentSubmission{IdempotencyKey: p.IDs.IdempotencyKey, Body: body},
		func(a model.PaymentAttempt) {
			// Numbered across the intent: a resend goes on from the
			// journal's count rather than starting at 1 again.
			p.Attempts++
			a.N = p.Attempts
			_ = e.o.Journal.RecordAttempt(wctx, e2e, a)
			_ = e.audit(wctx, *p, ActAttempt, "attempt %d, request-id %s: %s", a.N, a.RequestID, attemptOutcome(a))
		})
	var rej *jpm.PaymentRejectedError
	var notSent *jpm.NotSentError
	switch {
	case err == nil:
		e.accepted(wctx, p, ack)
	case errors.As(err, &rej):
		ev := model.StatusEvent{Status: model.StatusRejected, SeenAt: e.o.Now(), Exceptions: rej.Exceptions}
		_, _ = e.o.Journal.RecordStatus(wctx, e2e, ev)
		_ = e.o.Journal.SetError(wctx, e2e, "")
		_ = e.audit(wctx, *p, ActRejected, "HTTP %d, %s: %s", rej.HTTPStatus, rej.Kind, exceptionLine(rej.Exceptions))
	case errors.As(err, &notSent) && !resend && p.Attempts == 0:
		// Signing in failed before any POST left: nothing can exist at the
		// bank. The analyst creates it again once the cause is fixed.
		e.close(wctx, p, model.StatusNotSent, err.Error())
	default:
		_ = e.o.Journal.SetError(wctx, e2e, oneLine(err))
		_ = e.audit(wctx, *p, ActUnknown, "%s", oneLine(err))
	}
	if !resend {
		e.reset(e2e)
	}
}

// accepted records the bank's acknowledgement.
func (e *Engine) accepted(ctx context.Context, p *model.Payment, ack model.PaymentAck) {
	p.PaymentID, p.Duplicate = ack.PaymentID, ack.Duplicate
	_ = e.o.Journal.RecordAck(ctx, p.IDs.EndToEndID, ack)
	_ = e.o.Journal.SetError(ctx, p.IDs.EndToEndID, "")
	dup := ""
	if ack.Duplicate {
		dup = "; the bank flagged it duplicateRequest: it already had this payment and did not create a second one"
	}
	_ = e.audit(ctx, *p, ActAccepted, "HTTP %d, paymentId %s%s", ack.HTTPStatus, ack.PaymentID, dup)
	cur, err := e.o.Journal.Get(ctx, p.IDs.EndToEndID)
	if err == nil && cur.Status == model.StatusSubmitting {
		e.recordStatus(ctx, p, model.StatusEvent{Status: model.StatusReceived, SubStatus: model.SubReceived, SeenAt: e.o.Now()})
	}
}

// recordStatus journals a status and audits it if it changed.
func (e *Engine) recordStatus(ctx context.Context, p *model.Payment, ev model.StatusEvent) bool {
	changed, err := e.o.Journal.RecordStatus(ctx, p.IDs.EndToEndID, ev)
	if err != nil || !changed {
		return false
	}
	detail := string(ev.Status)
	if ev.SubStatus != "" && string(ev.SubStatus) != string(ev.Status) {
		detail += "/" + string(ev.SubStatus)
	}
	if len(ev.Exceptions) > 0 {
		detail += ": " + exceptionLine(ev.Exceptions)
	}
	_ = e.audit(ctx, *p, ActStatus, "%s", detail)
	return true
}

// close ends a payment that was never sent (or never reached the bank).
func (e *Engine) close(ctx context.Context, p *model.Payment, st model.PaymentStatus, why string) {
	_ = e.o.Journal.SetError(ctx, p.IDs.EndToEndID, oneLine(errors.New(why)))
	e.recordStatus(ctx, p, model.StatusEvent{Status: st, SeenAt: e.o.Now()})
	_ = e.audit(ctx, *p, ActNotSent, "%s", why)
}

func attemptOutcome(a model.PaymentAttempt) string {
	switch {
	case a.Err != "" && a.HTTPStatus != 0:
		return fmt.Sprintf("HTTP %d, %s", a.HTTPStatus, a.Err)
	case a.Err != "":
		return a.Err
	}
	return fmt.Sprintf("HTTP %d", a.HTTPStatus)
}

func exceptionLine(xs []model.PaymentException) string {
	if len(xs) == 0 {
		return "no exception given"
	}
	x := xs[0]
	s := x.Code
	if x.Message != "" {
		s += " " + x.Message
	}
	if x.Field != "" {
		s += " (" + x.Field + ")"
	}
	for _, d := range x.Details {
		s += " " + d.Type + ":" + d.Code
	}
	return s
}

func oneLine(err error) string {
	s := err.Error()
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return s[:i]
		}
	}
	return s
}
