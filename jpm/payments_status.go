package jpm

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"cashpos/model"
)

// gp2Query is the answer of GET /payments?endToEndId=… (jpm-api §6.5).
type gp2Query struct {
	Payments []gp2Status `json:"payments"`
}

type gp2Status struct {
	PaymentID          string `json:"paymentId"`
	PaymentStatus      string `json:"paymentStatus"`
	PaymentSubStatus   string `json:"paymentSubStatus"`
	StatusUpdatedAt    string `json:"statusUpdatedAt"`
	ValueDate          string `json:"valueDate"`
	PaymentIdentifiers struct {
		EndToEndID     string `json:"endToEndId"`
		ACHTraceNumber string `json:"achTraceNumber"`
	} `json:"paymentIdentifiers"`
	Exceptions     []gp2Exception `json:"exceptions"`
	ClearingSystem struct {
		Name      string `json:"name"`
		Reference string `json:"reference"`
	} `json:"clearingSystem"`
}

// PaymentStatus looks a payment up by its end-to-end id:
// GET /payments?endToEndId=…&view=SUMMARY&paymentType=… — the only status
// query GP2 offers for most US wires and ACH (the paymentId routes 404 for
// them). It is a read, so it goes through the ordinary retry loop.
//
// It returns ErrPaymentNotFound (wrapped) when the bank answers 404 in its
// own error format or with an empty list: the bank has no such payment.
// Every status and sub-status is decoded; values this version does not know
// are kept as sent and are not terminal. If the bank lists more than one
// payment for the id, the first is returned and Matches says how many —
// which would mean a duplicate payment and must be shown.
func (c *Client) PaymentStatus(ctx context.Context, endToEndID string, rail model.Rail) (st model.BankPaymentState, err error) {
	defer func() { c.scrub.paymentState(&st); err = c.scrub.paymentErr(err) }() // payments_scrub.go
	if c.ep.Payments == "" {
		return model.BankPaymentState{}, refuse(apiPayments, "no payments base URL configured")
	}
	q := url.Values{"endToEndId": {endToEndID}, "view": {"SUMMARY"}}
	if rail != "" {
		q.Set("paymentType", string(rail))
	}
	resp, err := c.do(ctx, call{api: apiPayments, method: http.MethodGet, url: c.ep.Payments + "/payments?" + q.Encode()})
	if err != nil {
		var ae *APIError
		if errors.As(err, &ae) && ae.HTTPStatus == http.StatusNotFound && ae.ContentType == "" && !ae.malformed {
			return model.BankPaymentState{}, &notFoundError{ae}
		}
		return model.BankPaymentState{}, err
	}
	var body gp2Query
	if err := json.Unmarshal(resp.body, &body); err != nil {
		return model.BankPaymentState{}, decodeFailure(apiPayments, resp, err)
	}
	return pickStatus(body.Payments, endToEndID, resp)
}

// pickStatus keeps the entries for our id (a lookup must never adopt
// another payment's status) and maps the first.
func pickStatus(list []gp2Status, endToEndID string, resp *response) (model.BankPaymentState, error) {
	var mine []gp2Status
	for _, p := range list {
		if p.PaymentIdentifiers.EndToEndID == "" || p.PaymentIdentifiers.EndToEndID == endToEndID {
			mine = append(mine, p)
		}
	}
	if len(mine) == 0 {
		return model.BankPaymentState{}, &notFoundError{&APIError{API: apiPayments, HTTPStatus: resp.status, RequestID: resp.requestID}}
	}
	p := mine[0]
	if p.PaymentStatus == "" || p.PaymentID == "" {
		return model.BankPaymentState{}, &APIError{API: apiPayments, HTTPStatus: resp.status, RequestID: resp.requestID,
			malformed: true, Message: "a payment without paymentId or paymentStatus"}
	}
	st := model.BankPaymentState{
		PaymentID: clean(p.PaymentID), EndToEndID: endToEndID,
		Status: model.PaymentStatus(clean(p.PaymentStatus)), SubStatus: model.PaymentSubStatus(clean(p.PaymentSubStatus)),
		ValueDate: clean(p.ValueDate), ClearingSystem: clean(p.ClearingSystem.Name), ClearingRef: clean(p.ClearingSystem.Reference),
		Exceptions: exceptionsOf(p.Exceptions), Matches: len(mine),
	}
	if st.ClearingRef == "" {
		st.ClearingRef = clean(p.PaymentIdentifiers.ACHTraceNumber)
	}
	// statusUpdatedAt is UTC "without offset" per the spec; accept both.
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999"} {
		if t, err := time.ParseInLocation(layout, p.StatusUpdatedAt, time.UTC); err == nil {
			st.UpdatedAt = t.UTC()
			break
		}
	}
	return st, nil
}

// notFoundError: the bank has no payment with that end-to-end id.
type notFoundError struct{ ae *APIError }

func (e *notFoundError) Error() string {
	return apiPayments + ": the bank has no payment with that end-to-end id (HTTP " + strconv.Itoa(e.ae.HTTPStatus) + ")"
}

func (e *notFoundError) Unwrap() error { return ErrPaymentNotFound }
