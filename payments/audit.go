package payments

import (
	"context"
	"fmt"

	"cashpos/model"
	"cashpos/store"
)

// Audit actions.
const (
	ActCreate   = "payment.create"   // intent journalled, ids minted, confirmed by the analyst
	ActAttempt  = "payment.attempt"  // one POST sent, and its answer
	ActAccepted = "payment.accepted" // the bank acknowledged it (paymentId, duplicateRequest)
	ActRejected = "payment.rejected" // the bank refused it
	ActUnknown  = "payment.unknown"  // no definite answer: will look it up
	ActLookup   = "payment.lookup"   // a lookup by end-to-end id settled or failed
	ActResend   = "payment.resend"   // the bank had no record: the same body and key sent again
	ActStatus   = "payment.status"   // a status or sub-status change
	ActNotSent  = "payment.not-sent" // closed without sending
)

// audit appends one row for payment p. Details are built by the engine
// from ids, codes and one-line outcomes only: no headers, no tokens, no
// configuration, so no secret can reach the log.
func (e *Engine) audit(ctx context.Context, p model.Payment, action, detail string, args ...any) error {
	_, err := e.o.Audit.Append(ctx, store.AuditEntry{
		Time: e.o.Now(), User: e.o.User, Host: e.o.Host, Env: e.o.Env, Action: action,
		EndToEndID: p.IDs.EndToEndID, PaymentID: p.PaymentID, Rail: string(p.Intent.Rail),
		Amount: p.Intent.Amount.StringFixed(2), Detail: fmt.Sprintf(detail, args...),
	})
	if err != nil {
		return fmt.Errorf("payments: audit log: %w", err)
	}
	return nil
}
