package jpm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/google/uuid"

	"cashpos/model"
)

// PaymentSubmission is one payment's POST exactly as journalled: the
// idempotency key minted with the intent and the body built once by
// PaymentBody. SubmitPayment never changes either.
type PaymentSubmission struct {
	IdempotencyKey string
	Body           []byte
}

// maxKeptBody bounds a response body kept in the journal.
const maxKeptBody = 16 << 10

// gp2Ack is the initiation answer (jpm-api §6.5).
type gp2Ack struct {
	EndToEndID       string `json:"endToEndId"`
	PaymentID        string `json:"paymentId"`
	DuplicateRequest bool   `json:"duplicateRequest"`
}

// SubmitPayment sends POST /payments — the write path, deliberately not
// the read retry loop (do). It is safe because it never invents anything:
//
//   - every attempt sends the same Idempotency-Key and the same body bytes;
//     only Request-Id changes per attempt (as stripe-go re-sends its key);
//   - it retries only when the outcome is unknown or the bank says it has
//     not acted yet: a network failure or timeout, 5xx, 429, a token the
//     bank refused (once, after signing in again), 10107 (the same key still
//     in flight);
//   - a definitive refusal (4xx with a catalogued code) returns a
//     *PaymentRejectedError at once: nothing was created;
//   - when retries run out with the outcome still unknown — or the answer
//     is 10106 (this key was used with another body), or a 2xx we cannot
//     read — it returns an *OutcomeUnknownError. The caller must then look
//     the payment up by end-to-end id (PaymentStatus); it must never mint
//     new ids and POST again;
//   - when no attempt got past signing in, it returns a *NotSentError:
//     the POST never left this process.
//
// observe, if not nil, is called after every attempt, before any backoff,
// so the journal sees each one as it happens.
func (c *Client) SubmitPayment(ctx context.Context, s PaymentSubmission, observe func(model.PaymentAttempt)) (ack model.PaymentAck, err error) {
	observe = c.scrub.observer(observe) // bank text is scrubbed after decoding too (payments_scrub.go)
	defer func() { c.scrub.paymentAck(&ack); err = c.scrub.paymentErr(err) }()
	if c.ep.Payments == "" {
		return model.PaymentAck{}, refuse(apiPayments, "no payments base URL configured")
	}
	if s.IdempotencyKey == "" || len(s.IdempotencyKey) > 36 || len(s.Body) == 0 {
		return model.PaymentAck{}, refuse(apiPayments, "a payment needs its idempotency key (1–36 characters) and body")
	}
	r := call{api: apiPayments, method: http.MethodPost, url: c.ep.Payments + "/payments",
		body: s.Body, idempotencyKey: s.IdempotencyKey}
	refreshed, sent := false, false
	var last error
	unknown := func(n int, err error) error {
		if !sent {
			return &NotSentError{Err: err}
		}
		return &OutcomeUnknownError{Attempts: n, Last: err}
	}
	for n := 1; ; n++ {
		r.requestID = uuid.NewString()
		ack, err, token := c.sendOnce(ctx, r, n, observe)
		if err == nil {
			return ack, nil
		}
		last = err
		sent = sent || !isTokenError(err)
		var rej *PaymentRejectedError
		switch {
		case errors.As(err, &rej):
			return model.PaymentAck{}, rej
		case ctx.Err() != nil:
			return model.PaymentAck{}, unknown(n, ctx.Err())
		case isAPIStatus(err, 401) && !refreshed:
			refreshed = true // sign in again; the same key makes the resend safe
			c.tokens.drop(token)
			continue
		case !writeRetryable(err) || n > c.maxRetries:
			return model.PaymentAck{}, unknown(n, last)
		}
		if err := c.sleep(ctx, c.backoff(n, err)); err != nil {
			return model.PaymentAck{}, unknown(n, last)
		}
	}
}

// sendOnce is one attempt: send, record, interpret.
func (c *Client) sendOnce(ctx context.Context, r call, n int, observe func(model.PaymentAttempt)) (model.PaymentAck, error, string) {
	start := c.now()
	resp, token, err := c.attempt(ctx, r)
	rec := model.PaymentAttempt{N: n, RequestID: r.requestID, Sent: start, Duration: c.now().Sub(start)}
	var ack model.PaymentAck
	if err == nil {
		rec.HTTPStatus, rec.Response = resp.status, keep(resp.body)
		ack, err = decodeAck(resp, r.body)
	} else {
		var ae *APIError
		if errors.As(err, &ae) && ae.API == apiPayments {
			rec.HTTPStatus, rec.Response = ae.HTTPStatus, keep([]byte(ae.body))
			err = interpretPostError(ae)
		}
	}
	if err != nil {
		rec.Err = firstLine(err)
	}
	if observe != nil {
		observe(rec)
	}
	return ack, err, token
}

func keep(b []byte) []byte {
	if len(b) > maxKeptBody {
		b = b[:maxKeptBody]
	}
	return append([]byte(nil), b...)
}

// decodeAck reads a 2xx answer. One we cannot read, or that names another
// payment, leaves the outcome open: the bank may well have the payment.
func decodeAck(resp *response, body []byte) (model.PaymentAck, error) {
	var a gp2Ack
	if err := json.Unmarshal(resp.body, &a); err != nil {
		return model.PaymentAck{}, &unknownAnswer{decodeFailure(apiPayments, resp, err)}
	}
	var sent struct {
		PaymentIdentifiers gp2Identifiers `json:"paymentIdentifiers"`
	}
	_ = json.Unmarshal(body, &sent)
	switch {
	case a.PaymentID == "":
		return model.PaymentAck{}, &unknownAnswer{fmt.Errorf("%s: HTTP %d without a paymentId", apiPayments, resp.status)}
	case a.EndToEndID != "" && a.EndToEndID != sent.PaymentIdentifiers.EndToEndID:
		return model.PaymentAck{}, &unknownAnswer{fmt.Errorf("%s: the bank answered for end-to-end id %q, not ours", apiPayments, clean(a.EndToEndID))}
	}
	return model.PaymentAck{
		EndToEndID: sent.PaymentIdentifiers.EndToEndID, PaymentID: clean(a.PaymentID),
		Duplicate: a.DuplicateRequest || resp.status == http.StatusOK, HTTPStatus: resp.status,
	}, nil
}

// unknownAnswer is a 2xx that does not settle the outcome; not retried
// (the bank did answer), so the caller goes to the lookup.
type unknownAnswer struct{ err error }

func (u *unknownAnswer) Error() string { return u.err.Error() }
func (u *unknownAnswer) Unwrap() error { return u.err }

// interpretPostError turns an error answer into a definitive rejection
// where the catalogue says nothing was created; otherwise the APIError
// stays, to be retried or reported as unknown.
func interpretPostError(ae *APIError) error {
	var eb struct {
		Context []gp2Exception `json:"context"`
	}
	_ = json.Unmarshal([]byte(ae.body), &eb)
	exc := exceptionsOf(eb.Context)
	code := ""
	if len(exc) > 0 {
		code = exc[0].Code
	}
	cat := Categorize(code)
	switch {
	case ae.HTTPStatus == 401, ae.HTTPStatus == 429, ae.HTTPStatus >= 500, ae.HTTPStatus == 408:
		return ae // the gateway or an outage: retry
	case cat.outcomeUnknown(code):
		if code == model.CodeIdempotencyMismatch {
			return &unknownAnswer{ae} // a payment may exist under this key: look it up
		}
		return ae
	case ae.HTTPStatus >= 400 && ae.HTTPStatus < 500 && ae.ContentType == "":
		return &PaymentRejectedError{HTTPStatus: ae.HTTPStatus, Category: cat, Kind: model.ClassifyExceptions(exc),
			Exceptions: exc, RequestID: ae.RequestID, TraceID: ae.TraceID}
	}
	return &unknownAnswer{ae} // a proxy's page, a redirect: we cannot tell
}

// writeRetryable: may the same POST (same key, same body) be sent again?
func writeRetryable(err error) bool {
	var u *unknownAnswer
	if errors.As(err, &u) {
		return false
	}
	var ae *APIError
	if errors.As(err, &ae) {
		if ae.API == apiToken {
			return retryable(err) // sign-in trouble: nothing was sent this time
		}
		// 10107: the same key is still being processed; a 12xxx timeout or
		// offline code or 15000 inside a 400 leaves the outcome open too.
		// Either way only the same key may go again.
		return ae.HTTPStatus == 408 || ae.HTTPStatus == 429 || ae.HTTPStatus >= 500 ||
			ae.Code == model.CodeIdempotencyInFlight || Categorize(ae.Code).outcomeUnknown("")
	}
	return retryable(err)
}

// isTokenError: the attempt failed while signing in, before the POST.
func isTokenError(err error) bool {
	var ae *APIError
	var ne *NetworkError
	switch {
	case errors.As(err, &ae):
		return ae.API == apiToken
	case errors.As(err, &ne):
		return ne.API == apiToken
	}
	return errors.Is(err, model.ErrUnauthorized) // the token cache's own refusal
}

func isAPIStatus(err error, status int) bool {
	var ae *APIError
	return errors.As(err, &ae) && ae.API != apiToken && ae.HTTPStatus == status
}

// RetryAfter is the Retry-After the bank sent with err's answer, or 0.
func RetryAfter(err error) time.Duration {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.retryAfter
	}
	return 0
}
