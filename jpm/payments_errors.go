package jpm

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"cashpos/model"
)

// GP2 error catalogue (jpm-api §6.7) as categories. A code's category
// decides what the client does: a definitive refusal (nothing was
// created), or an outcome we cannot know from the answer (look it up).
type ErrorCategory string

const (
	CatValidation   ErrorCategory = "validation"         // 10001–10105, 10199
	CatIdempotency  ErrorCategory = "idempotency"        // 10106 mismatch, 10107 in flight
	CatAccount      ErrorCategory = "account/permission" // 11000–11499
	CatBusiness     ErrorCategory = "business"           // 11500–11999 (our invented limit/funds codes live here)
	CatTimeout      ErrorCategory = "timeout"            // 12000–12499
	CatOffline      ErrorCategory = "service offline"    // 12500–12999 (12995 with Retry-After, 12999 as 503)
	CatOther        ErrorCategory = "other"              // 13000
	CatSuspicious   ErrorCategory = "suspicious content" // 13100 (422)
	CatSecurity     ErrorCategory = "security"           // 14000 (401/403)
	CatSystem       ErrorCategory = "system error"       // 15000
	CatUncatalogued ErrorCategory = "uncatalogued"       // none of the above, or no code
)

// catalogue is the one table of code ranges, in order.
var catalogue = []struct {
	lo, hi int
	cat    ErrorCategory
}{
	{10001, 10105, CatValidation}, {10106, 10107, CatIdempotency}, {10108, 10199, CatValidation},
	{11000, 11499, CatAccount}, {11500, 11999, CatBusiness},
	{12000, 12499, CatTimeout}, {12500, 12999, CatOffline},
	{13000, 13000, CatOther}, {13100, 13100, CatSuspicious},
	{14000, 14000, CatSecurity}, {15000, 15000, CatSystem},
}

// Categorize places a GP2 code in the catalogue.
func Categorize(code string) ErrorCategory {
	n, err := strconv.Atoi(code)
	if err != nil || len(code) != 5 {
		return CatUncatalogued
	}
	for _, c := range catalogue {
		if n >= c.lo && n <= c.hi {
			return c.cat
		}
	}
	return CatUncatalogued
}

// outcomeUnknown reports whether an error answer with this category leaves
// the payment's fate open: a timeout, an offline service or a system error
// inside the bank may come after the payment was created. 10106 too: the
// key was used before, so a payment may exist under it.
func (c ErrorCategory) outcomeUnknown(code string) bool {
	switch c {
	case CatTimeout, CatOffline, CatSystem:
		return true
	}
	return code == model.CodeIdempotencyMismatch || code == model.CodeIdempotencyInFlight
}

// Sentinels for errors.Is on a PaymentRejectedError.
var (
	ErrPaymentRejected   = errors.New("payment rejected")
	ErrLimitBreach       = errors.New("payment over a bank limit")
	ErrInsufficientFunds = errors.New("insufficient funds")
	// ErrOutcomeUnknown: every attempt ended without an answer that says
	// whether the bank created the payment. Look it up by end-to-end id;
	// never send a new payment.
	ErrOutcomeUnknown = errors.New("payment outcome unknown")
	// ErrPaymentNotFound: the status lookup found no payment with that
	// end-to-end id.
	ErrPaymentNotFound = errors.New("no payment with that end-to-end id")
)

// PaymentRejectedError is the bank's definitive refusal of an initiation
// (or a definitive error on a lookup): nothing was created. Kind sorts it
// by what the analyst must do; Advice says it.
type PaymentRejectedError struct {
	HTTPStatus int
	Category   ErrorCategory
	Kind       model.FailureKind
	Exceptions []model.PaymentException
	RequestID  string
	TraceID    string
}

func (e *PaymentRejectedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: the bank rejected the payment (HTTP %d", apiPayments, e.HTTPStatus)
	if len(e.Exceptions) > 0 {
		b.WriteString(", " + describeException(e.Exceptions[0]))
		if n := len(e.Exceptions) - 1; n > 0 {
			fmt.Fprintf(&b, ", +%d more", n)
		}
	}
	b.WriteString("); " + e.Kind.Advice())
	if e.RequestID != "" || e.TraceID != "" {
		b.WriteString(" [" + strings.Trim("request-id "+e.RequestID+", trace-id "+e.TraceID, ", ") + "]")
	}
	return b.String()
}

// Is matches ErrPaymentRejected always, and the kind's own sentinel.
func (e *PaymentRejectedError) Is(target error) bool {
	switch target {
	case ErrPaymentRejected:
		return true
	case ErrLimitBreach:
		return e.Kind == model.FailureLimit
	case ErrInsufficientFunds:
		return e.Kind == model.FailureFunds
	case model.ErrUnauthorized:
		return e.Kind == model.FailureUnauthorized
	case model.ErrBadRequest:
		return e.Kind != model.FailureUnauthorized
	}
	return false
}

// describeException is "11002: Creditor account is closed, field
// $.creditor.account, ISO20022 AC03".
func describeException(x model.PaymentException) string {
	parts := []string{}
	head := x.Code
	if x.Message != "" {
		head = strings.TrimPrefix(head+": "+x.Message, ": ")
	}
	if head != "" {
		parts = append(parts, head)
	}
	if x.Field != "" {
		parts = append(parts, "field "+x.Field)
	}
	for _, d := range x.Details {
		parts = append(parts, strings.TrimSpace(d.Type+" "+d.Code))
	}
	return strings.Join(parts, ", ")
}

// OutcomeUnknownError: the POST was sent (perhaps several times, always
// with the same key and body) and no answer settled whether the bank has
// the payment. The next step is a lookup by end-to-end id.
type OutcomeUnknownError struct {
	Attempts int
	Last     error // the last attempt's failure
}

func (e *OutcomeUnknownError) Error() string {
	return fmt.Sprintf("%s: no definite answer after %d attempt(s) (%v); the payment is being looked up by its end-to-end id, and will not be sent twice",
		apiPayments, e.Attempts, firstLine(e.Last))
}

func (e *OutcomeUnknownError) Unwrap() []error { return []error{ErrOutcomeUnknown, e.Last} }

func firstLine(err error) string {
	if err == nil {
		return "no error"
	}
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

// gp2Exception is one context[] / exceptions[] entry on the wire.
type gp2Exception struct {
	Code              string `json:"code"`
	Message           string `json:"message"`
	Location          string `json:"location"`
	Field             string `json:"field"`
	AdditionalContext []struct {
		Type    string `json:"type"`
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"additionalContext"`
}

func (x gp2Exception) model() model.PaymentException {
	e := model.PaymentException{Code: clean(x.Code), Message: clean(x.Message), Location: clean(x.Location), Field: clean(x.Field)}
	for _, a := range x.AdditionalContext {
		e.Details = append(e.Details, model.ExceptionCause{Type: clean(a.Type), Code: clean(a.Code), Message: clean(a.Message)})
	}
	return e
}

func exceptionsOf(xs []gp2Exception) []model.PaymentException {
	var out []model.PaymentException
	for _, x := range xs {
		out = append(out, x.model())
	}
	return out
}

// NotSentError: signing in failed on every attempt, so the POST itself was
// never sent by this call.
type NotSentError struct{ Err error }

func (e *NotSentError) Error() string {
	return apiPayments + ": the payment was not sent: " + firstLine(e.Err)
}

func (e *NotSentError) Unwrap() error { return e.Err }
