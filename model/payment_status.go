package model

import (
	"time"

	"github.com/shopspring/decimal"
)

// PaymentStatus is where a payment stands. The bank's GP2 paymentStatus
// values (jpm-api §6.5) plus two of our own for the time before the bank
// has confirmed receipt.
type PaymentStatus string

const (
	// Ours: the intent and its ids are in the journal and a POST may have
	// been sent, but no answer has confirmed the bank has it. Resuming it
	// means looking it up by end-to-end id, then (only if the bank has no
	// record) sending the same body with the same key again.
	StatusSubmitting PaymentStatus = "SUBMITTING"
	// Ours, terminal: the bank has no record of the payment and it was not
	// (re)sent, because the idempotency key or execution date had expired
	// by the time it could be. Nothing left the account.
	StatusNotSent PaymentStatus = "NOT_SENT"

	// The bank's (GP2 2.0.22 enum).
	StatusReceived   PaymentStatus = "RECEIVED"
	StatusAccepted   PaymentStatus = "ACCEPTED"
	StatusProcessing PaymentStatus = "PROCESSING"
	StatusCompleted  PaymentStatus = "COMPLETED"
	StatusRejected   PaymentStatus = "REJECTED"
	StatusCanceled   PaymentStatus = "CANCELED"
	StatusReturned   PaymentStatus = "RETURNED"
)

// PaymentSubStatus is the bank's paymentSubStatus. Values not listed here
// are kept as sent and treated as in flight: the published labels drift
// from the enum (jpm-api §6.5), and an unknown value is no reason to fail.
type PaymentSubStatus string

const (
	SubReceived                PaymentSubStatus = "RECEIVED"
	SubAccepted                PaymentSubStatus = "ACCEPTED"
	SubProcessingByJPM         PaymentSubStatus = "PROCESSING_BY_JPM"
	SubPendingClientAction     PaymentSubStatus = "PENDING_CLIENT_ACTION"
	SubPendingComplianceReview PaymentSubStatus = "PENDING_COMPLIANCE_REVIEW"
	SubPendingFraudReview      PaymentSubStatus = "PENDING_FRAUD_REVIEW"
	SubPendingFundingReview    PaymentSubStatus = "PENDING_FUNDING_REVIEW"
	SubPendingJPMReview        PaymentSubStatus = "PENDING_JPM_REVIEW"
	SubScheduled               PaymentSubStatus = "SCHEDULED"
	SubPendingPosting          PaymentSubStatus = "PENDING_POSTING"
	SubSentToClearing          PaymentSubStatus = "SENT_TO_CLEARING"
	SubCanceled                PaymentSubStatus = "CANCELED"
	SubRejected                PaymentSubStatus = "REJECTED"
	SubRejectedByJPM           PaymentSubStatus = "REJECTED_BY_JPM"
	SubCompletedByJPM          PaymentSubStatus = "COMPLETED_BY_JPM"
	SubDeliveredToRecipient    PaymentSubStatus = "DELIVERED_TO_RECIPIENT"
	SubReturned                PaymentSubStatus = "RETURNED"
)

// statusInfo is the one table of what each status means: terminal or not,
// and a short phrase for screens and reports.
var statusInfo = map[PaymentStatus]struct {
	terminal bool
	phrase   string
}{
	StatusSubmitting: {false, "sending; not yet confirmed by the bank"},
	StatusNotSent:    {true, "not sent; the bank has no record of it"},
	StatusReceived:   {false, "received by the bank"},
	StatusAccepted:   {false, "accepted by the bank"},
	StatusProcessing: {false, "in progress at the bank"},
	StatusCompleted:  {true, "completed"},
	StatusRejected:   {true, "rejected"},
	StatusCanceled:   {true, "canceled"},
	StatusReturned:   {true, "returned by the beneficiary's bank"},
}

// subPhrases explain the sub-statuses an analyst may have to act on or wait
// for; others are shown by their code.
var subPhrases = map[PaymentSubStatus]string{
	SubPendingClientAction:     "waiting for action by your company (check J.P. Morgan Access)",
	SubPendingComplianceReview: "held for compliance review at J.P. Morgan",
	SubPendingFraudReview:      "held for fraud review at J.P. Morgan",
	SubPendingFundingReview:    "waiting for funds in the debtor account",
	SubPendingJPMReview:        "held for review at J.P. Morgan",
	SubScheduled:               "scheduled for its execution date",
	SubPendingPosting:          "waiting to post",
	SubSentToClearing:          "sent to the clearing system",
	SubDeliveredToRecipient:    "credited to the beneficiary",
	SubCompletedByJPM:          "left J.P. Morgan",
}

// Terminal reports whether the status is final for a poller: COMPLETED,
// REJECTED, CANCELED, RETURNED (and our NOT_SENT). An unknown status is not
// terminal, so polling goes on rather than declaring an outcome we do not
// know. A completed ACH credit can still be RETURNED later; the journal
// records that if a later lookup shows it.
func (s PaymentStatus) Terminal() bool { return statusInfo[s].terminal }

// Known reports whether s is one of the statuses above.
func (s PaymentStatus) Known() bool {
	_, ok := statusInfo[s]
	return ok
}

// Phrase is a few words for the status, or the raw value when unknown.
func (s PaymentStatus) Phrase() string {
	if i, ok := statusInfo[s]; ok {
		return i.phrase
	}
	return string(s) + " (a status this version does not know; still following it)"
}

// Phrase explains a sub-status worth explaining, else "".
func (s PaymentSubStatus) Phrase() string { return subPhrases[s] }

// Failed reports whether the payment ended without the money arriving.
func (s PaymentStatus) Failed() bool {
	return s == StatusRejected || s == StatusCanceled || s == StatusReturned || s == StatusNotSent
}

// PaymentException is one entry of the bank's exceptions[] (or of an error
// answer's context[]): its code and message, the field it names, and the
// clearing-system detail (additionalContext: ISO 20022, NACHA, ...).
type PaymentException struct {
	Code     string           `json:"code,omitempty"`
	Message  string           `json:"message,omitempty"`
	Location string           `json:"location,omitempty"`
	Field    string           `json:"field,omitempty"` // JSONPath when in the body, e.g. $.creditor.account
	Details  []ExceptionCause `json:"additionalContext,omitempty"`
}

// ExceptionCause is an additionalContext item: a code in another scheme.
type ExceptionCause struct {
	Type    string `json:"type,omitempty"` // ISO20022, CLEARING_NACHA, EXTERNAL
	Code    string `json:"code,omitempty"` // e.g. AC03, AM04, CLR119
	Message string `json:"message,omitempty"`
}

// BankPaymentState is one answer of the status lookup.
type BankPaymentState struct {
	PaymentID      string
	EndToEndID     string
	Status         PaymentStatus
	SubStatus      PaymentSubStatus
	UpdatedAt      time.Time // statusUpdatedAt; zero when the bank sent none
	ValueDate      string
	ClearingSystem string // FEDWIRE, CHIPS, ACH ...
	ClearingRef    string // IMAD/OMAD, ACH trace number
	Exceptions     []PaymentException
	// Matches is how many payments the bank listed for the end-to-end id.
	// More than one means a duplicate payment exists and must be shown.
	Matches int
}

// PaymentAck is the bank's answer to the initiation POST.
type PaymentAck struct {
	EndToEndID string
	PaymentID  string
	// Duplicate is the bank's duplicateRequest: it already had a payment
	// with this end-to-end id (or key) and did NOT create a second one.
	Duplicate  bool
	HTTPStatus int // 200 (a duplicate), 201 or 202
}

// StatusEvent is one status seen, with when we saw it and what the bank
// said its time was.
type StatusEvent struct {
	Status     PaymentStatus      `json:"status"`
	SubStatus  PaymentSubStatus   `json:"subStatus,omitempty"`
	SeenAt     time.Time          `json:"seenAt"`
	BankTime   time.Time          `json:"bankTime,omitzero"`
	Exceptions []PaymentException `json:"exceptions,omitempty"`
}

// Payment is a journal entry as screens and reports see it: the intent, its
// ids and everything learnt since.
type Payment struct {
	Intent    PaymentIntent
	IDs       PaymentIDs
	Env       string    // demo, mock, cat, production
	CreatedAt time.Time // when the intent was journalled

	PaymentID  string // the bank's paymentId, once known
	Duplicate  bool   // the bank flagged the POST as a duplicate request
	Status     PaymentStatus
	SubStatus  PaymentSubStatus
	UpdatedAt  time.Time // when we last saw a change
	Exceptions []PaymentException
	Timeline   []StatusEvent // oldest first
	Attempts   int           // POST attempts made
	LastError  string        // the last failure we could not resolve, one line; "" when none
}

// Outflow is the amount this payment takes, or will take, out of the
// debtor account: zero once it has failed.
func (p Payment) Outflow() decimal.Decimal {
	if p.Status.Failed() {
		return decimal.Zero
	}
	return p.Intent.Amount
}

// PaymentAttempt is what one send of the initiation POST did, for the
// journal and the audit log. It carries no token and no request headers.
type PaymentAttempt struct {
	N          int       // 1-based; the engine numbers it across every send of the intent
	RequestID  string    // this attempt's Request-Id (fresh per attempt)
	Sent       time.Time // when the attempt started
	Duration   time.Duration
	HTTPStatus int    // 0 when no HTTP answer came
	Response   []byte // the answer's body (bounded); nil if none
	Err        string // one line when the attempt failed; "" on success
}
