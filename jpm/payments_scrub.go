package jpm

import (
	"errors"
	"regexp"
	"strconv"

	"cashpos/model"
)

// Payments go through the scrubber twice. attempt scrubs every body as it
// is read, but a bank may repeat a credential with a JSON escape in it
// (`\u0064emo-secret`): the bytes then match nothing, and the text decoded
// from them holds the credential again. So what SubmitPayment and
// PaymentStatus hand the engine — and the engine writes to the journal and
// the tamper-evident audit log, where it can never be taken out — is
// scrubbed again after decoding (issue 6 item 8).

// paymentAttempt scrubs one attempt's record before anyone sees it.
func (s *scrubber) paymentAttempt(a *model.PaymentAttempt) {
	a.RequestID, a.Err = s.str(a.RequestID), s.str(a.Err)
	a.Response = s.escapedBody(a.Response)
}

// observer wraps observe so every attempt it sees is scrubbed.
func (s *scrubber) observer(observe func(model.PaymentAttempt)) func(model.PaymentAttempt) {
	if observe == nil {
		return nil
	}
	return func(a model.PaymentAttempt) {
		s.paymentAttempt(&a)
		observe(a)
	}
}

// withheld replaces a body that repeats a credential only in escaped form:
// cutting the credential out of escapes would rewrite the bank's bytes.
const withheld = "[response withheld: it repeated a credential in an escaped form]"

// jsonEscape is a JSON string escape that may hide a credential's character.
var jsonEscape = regexp.MustCompile(`\\u[0-9a-fA-F]{4}|\\/`)

// escapedBody returns body, or withheld when its JSON escapes, undone,
// reveal a secret. The body was scrubbed as read, so unescaped text that
// still changes under the scrubber was hidden by an escape.
func (s *scrubber) escapedBody(body []byte) []byte {
	if !jsonEscape.Match(body) {
		return body
	}
	plain := jsonEscape.ReplaceAllStringFunc(string(body), func(esc string) string {
		if esc == `\/` {
			return "/"
		}
		r, err := strconv.ParseUint(esc[2:], 16, 32)
		if err != nil {
			return esc
		}
		return string(rune(r))
	})
	if s.str(plain) != plain {
		return []byte(withheld)
	}
	return body
}

func (s *scrubber) exceptions(xs []model.PaymentException) {
	for i := range xs {
		x := &xs[i]
		x.Code, x.Message, x.Location, x.Field = s.str(x.Code), s.str(x.Message), s.str(x.Location), s.str(x.Field)
		for j := range x.Details {
			d := &x.Details[j]
			d.Type, d.Code, d.Message = s.str(d.Type), s.str(d.Code), s.str(d.Message)
		}
	}
}

func (s *scrubber) paymentState(st *model.BankPaymentState) {
	for _, f := range []*string{&st.PaymentID, &st.EndToEndID, &st.ValueDate, &st.ClearingSystem, &st.ClearingRef} {
		*f = s.str(*f)
	}
	st.Status = model.PaymentStatus(s.str(string(st.Status)))
	st.SubStatus = model.PaymentSubStatus(s.str(string(st.SubStatus)))
	s.exceptions(st.Exceptions)
}

func (s *scrubber) paymentAck(a *model.PaymentAck) {
	a.EndToEndID, a.PaymentID = s.str(a.EndToEndID), s.str(a.PaymentID)
}

// paymentErr scrubs the payment error types' bank text in place (callers
// read their fields through errors.As), then the message as s.err does.
func (s *scrubber) paymentErr(err error) error {
	if err == nil {
		return nil
	}
	var rej *PaymentRejectedError
	if errors.As(err, &rej) {
		s.exceptions(rej.Exceptions)
		rej.RequestID, rej.TraceID = s.str(rej.RequestID), s.str(rej.TraceID)
	}
	var ou *OutcomeUnknownError
	if errors.As(err, &ou) {
		ou.Last = s.paymentErr(ou.Last)
	}
	var ns *NotSentError
	if errors.As(err, &ns) {
		ns.Err = s.paymentErr(ns.Err)
	}
	return s.err(err)
}
