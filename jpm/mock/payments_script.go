package mock

import (
	"time"

	"cashpos/model"
)

// Scripted outcomes. The demo and the tests choose what happens to a
// payment by its beneficiary (creditor) account number — valid-looking
// numbers that no real beneficiary is likely to have. Any other number
// follows the normal path to COMPLETED. A payment from an account whose
// available balance cannot cover it also takes the insufficient-funds
// path, whatever the number.
//
//	creditor account   outcome
//	999000001          REJECTED after processing: creditor account closed (11002, ISO AC03, NACHA CLR119)
//	999000002          400 at once: over the client's bank limit (code model.CodeLimitBreach, INVENTED)
//	999000003          PENDING_FUNDING_REVIEW, then REJECTED: insufficient funds (model.CodeInsufficientFunds, INVENTED, ISO AM04)
//	999000004          COMPLETED, then RETURNED by the receiving bank (NACHA R03) — an ACH return
//	999000005          a slow compliance review (PENDING_COMPLIANCE_REVIEW for a minute), then COMPLETED
//	999000006          the POST is processed and the payment created, but the response is lost (connection closed)
const (
	ScriptClosedAccount     = "999000001"
	ScriptLimitBreach       = "999000002"
	ScriptInsufficientFunds = "999000003"
	ScriptReturn            = "999000004"
	ScriptSlowCompliance    = "999000005"
	ScriptLostResponse      = "999000006"
)

// stage is one step of a payment's life, at an offset from its start.
type stage struct {
	at     time.Duration
	status model.PaymentStatus
	sub    model.PaymentSubStatus
	exc    []gp2Exc
}

// Timings on the mock clock. Short enough for a demo to reach COMPLETED
// while the analyst watches; the lifecycle is a pure function of the
// payment's start time and the clock, so tests with a fixed clock see a
// fixed status.
var (
	normalPath = []stage{
		{0, model.StatusReceived, model.SubReceived, nil},
		{2 * time.Second, model.StatusAccepted, model.SubAccepted, nil},
		{4 * time.Second, model.StatusProcessing, model.SubProcessingByJPM, nil},
		{8 * time.Second, model.StatusProcessing, model.SubSentToClearing, nil},
		{12 * time.Second, model.StatusCompleted, model.SubCompletedByJPM, nil},
	}
	closedAccountPath = []stage{
		normalPath[0], normalPath[1], normalPath[2],
		{6 * time.Second, model.StatusRejected, model.SubRejectedByJPM, []gp2Exc{{
			Code: model.CodeCreditorAccountClosed, Message: "Creditor account is closed", Location: locBody,
			Field: "$.creditor.account.accountNumber",
			AdditionalContext: []gp2Std{{Type: "ISO20022", Code: "AC03", Message: "Invalid creditor account number"},
				{Type: "CLEARING_NACHA", Code: "CLR119", Message: "Account closed"}}}}},
	}
	fundsPath = []stage{
		normalPath[0], normalPath[1],
		{4 * time.Second, model.StatusProcessing, model.SubPendingFundingReview, nil},
		{14 * time.Second, model.StatusRejected, model.SubRejectedByJPM, []gp2Exc{{
			Code: model.CodeInsufficientFunds, Message: "Insufficient funds in the debtor account",
			Location: locBody, Field: "$.debtor.account.accountNumber",
			AdditionalContext: []gp2Std{{Type: "ISO20022", Code: model.ISOInsufficientFunds, Message: "Insufficient funds"}}}}},
	}
	returnPath = append(append([]stage{}, normalPath...), stage{30 * time.Second, model.StatusReturned, model.SubReturned, []gp2Exc{{
		Message:           "Returned by the receiving bank: no account, unable to locate account",
		AdditionalContext: []gp2Std{{Type: "CLEARING_NACHA", Code: "R03", Message: "No account/unable to locate account"}}}}})
	compliancePath = []stage{
		normalPath[0], normalPath[1],
		{4 * time.Second, model.StatusProcessing, model.SubPendingComplianceReview, nil},
		{64 * time.Second, model.StatusProcessing, model.SubSentToClearing, nil},
		{68 * time.Second, model.StatusCompleted, model.SubCompletedByJPM, nil},
	}
)

// limitBreach is the synchronous refusal of ScriptLimitBreach.
var limitBreach = gp2Exc{Code: model.CodeLimitBreach, Message: "Payment amount exceeds the client's transaction limit",
	Location: locBody, Field: "$.value.amount",
	AdditionalContext: []gp2Std{{Type: "ISO20022", Code: model.ISOAmountExceedsLimit, Message: "Not allowed amount"}}}

// pathFor picks a payment's life from its script; underfunded forces the
// insufficient-funds path.
func pathFor(creditorAcct string, underfunded bool) []stage {
	switch {
	case underfunded || creditorAcct == ScriptInsufficientFunds:
		return fundsPath
	case creditorAcct == ScriptClosedAccount:
		return closedAccountPath
	case creditorAcct == ScriptReturn:
		return returnPath
	case creditorAcct == ScriptSlowCompliance:
		return compliancePath
	}
	return normalPath
}

// stageAt is the payment's stage at now: the last one begun. A payment for
// a future date waits PROCESSING/SCHEDULED after its acceptance until that
// date begins in New York; the rest of its path runs from there.
func (p *mockPayment) stageAt(now time.Time) stage {
	elapsed := now.Sub(p.created)
	cur := p.path[0]
	for _, s := range p.path {
		if elapsed >= p.offset(s) {
			cur = s
		}
	}
	if p.wait() > 0 && cur.status == model.StatusAccepted && elapsed >= acceptedAfter {
		return stage{acceptedAfter, model.StatusProcessing, model.SubScheduled, nil}
	}
	return cur
}

// acceptedAfter is when every path reaches ACCEPTED.
const acceptedAfter = 2 * time.Second

// wait is how long a future-dated payment waits after its acceptance.
func (p *mockPayment) wait() time.Duration {
	if p.scheduledFor.IsZero() { // Sub would saturate and the subtraction wrap
		return 0
	}
	return max(p.scheduledFor.Sub(p.created)-acceptedAfter, 0)
}

// offset is when stage s of p's path begins, from p.created. The ledger
// items of a payment (transactions_pay.go) are booked at these instants,
// so they agree with stageAt to the nanosecond.
func (p *mockPayment) offset(s stage) time.Duration {
	if s.at > acceptedAfter {
		return s.at + p.wait()
	}
	return s.at
}

// debitsAvailable: from acceptance until a failure, the amount is held on
// the debtor's available balance. debitsLedger: once completed (and not
// returned) it is off the ledger too.
func (s stage) debitsAvailable() bool {
	return s.status != model.StatusReceived && !s.status.Failed()
}

func (s stage) debitsLedger() bool { return s.status == model.StatusCompleted }
