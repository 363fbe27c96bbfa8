// Package payments is the payment engine: it turns an analyst's confirmed
// intent into exactly one payment at the bank and follows it to a final
// status, through timeouts, lost answers, crashes and restarts. It has no
// UI; the screens and the commands call it.
//
// The safety rules (product.md §5) live here:
//
//  1. Ids are minted once per intent (NewIDs) and the intent, ids and the
//     exact POST body are committed to the journal (fsync) before the first
//     byte is sent (Submit).
//  2. An unknown outcome is retried with the same key and body only
//     (jpm.Client.SubmitPayment), then looked up by end-to-end id (Step).
//     A new POST with new ids is never made for an intent; the only resend
//     is the same journalled body with the same key, after the bank said it
//     has no such payment.
//  3. On start, every non-terminal journal entry resumes (Resume).
//  4. Every submission attempt, answer and status change is appended to the
//     hash-chained audit log, with who, host, time, environment, ids and
//     amount; never a secret.
//
// Typical use by a screen:
//
//	ids, _ := payments.NewIDs()                 // when the review opens; shown on it
//	if err := eng.Check(ctx, intent); err != nil { /* field errors or a named limit */ }
//	p, err := eng.Submit(ctx, intent, ids, typedAmount) // only after the typed-amount gate
//	for !p.Status.Terminal() {
//		p, next, _ = eng.Step(ctx, ids.EndToEndID) // one poll; wait next, then again
//	}
package payments
