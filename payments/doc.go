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
//     has no such payment, at most 15 POSTs in all.
//  3. On start, every non-terminal journal entry resumes (Resume).
//  4. Every submission attempt, answer and status change is appended to the
//     hash-chained audit log, with who, host, time, environment, ids and
//     amount; never a secret.
//
// # For the payment screens
//
// The form keeps a model.PaymentForm (model.NewPaymentForm(now) opens it:
// WIRE, today) and validates as typed with form.CheckField(field, now)
// (a *model.FieldError with the reason, or nil), shows the non-blocking
// form.Notes(now, eng.Cutoffs()) (weekend, Fed holiday, cut-off and time
// left; model.CheckCutoff gives the raw figures), and lists the fields with
// model.FormFields(rail). On ctrl+s:
//
//	intent, errs := form.Intent(debtor, now)     // every field's error, in tab order
//	err := eng.Check(ctx, intent)                // *ValidationError, or *model.LimitError naming the limit
//	ids, err := payments.NewIDs()                // once per intent; shown on the review
//	notes := eng.Notes(intent)                   // for the review
//
// The review restates intent, ids.EndToEndID and eng.Env(); the gate is
// model.MatchTypedAmount(typed, intent.Amount). On enter (in a tea.Cmd: it
// may take a while, retries included):
//
//	p, err := eng.Submit(ctx, intent, ids, typed) // err: nothing was sent (gate, check, journal)
//	eng.Track(appCtx, ids.EndToEndID)            // background polling to the end; OnChange hears it
//
// p.Status is RECEIVED (or later), REJECTED with p.Exceptions, or still
// SUBMITTING with p.LastError when the outcome is unknown (the follower
// resolves it). p.Duplicate is the bank's duplicateRequest. For a failure,
// kind := model.ClassifyExceptions(p.Exceptions) and kind.Advice() tell a
// limit breach from insufficient funds. The status screen re-reads
// eng.Get(ctx, id) on OnChange (eng.SetOnChange) or on a tick; p.Timeline
// holds every status and sub-status with its time. The list screen reads
// eng.List(ctx). The dashboard's pending outflow per account is
// eng.PendingOutflow(ctx, accountID, balance.RecordTime).
package payments
