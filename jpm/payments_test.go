package jpm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"cashpos/model"
)

func withPayments(b *bank) func(*Options) {
	return func(o *Options) { o.Endpoints.Payments = b.srv.URL + "/payment/v2" }
}

// postLog records every POST the fake bank receives.
type postLog struct {
	mu     sync.Mutex
	keys   []string
	rids   []string
	bodies []string
}

func (l *postLog) record(r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.keys = append(l.keys, r.Header.Get("Idempotency-Key"))
	l.rids = append(l.rids, r.Header.Get("Request-Id"))
	l.bodies = append(l.bodies, string(body))
}

// answers serves the given (status, body) pairs in turn, the last repeated;
// status 0 drops the connection.
func answers(log *postLog, seq ...struct {
	status int
	body   string
}) http.HandlerFunc {
	var mu sync.Mutex
	n := 0
	return func(w http.ResponseWriter, r *http.Request) {
		log.record(r)
		mu.Lock()
		a := seq[min(n, len(seq)-1)]
		n++
		mu.Unlock()
		if a.status == 0 {
			panic(http.ErrAbortHandler)
		}
		if a.status == 503 {
			w.Header().Set("Retry-After", "3")
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(a.status)
		io.WriteString(w, a.body)
	}
}

type ans = struct {
	status int
	body   string
}

const ackBody = `{"endToEndId":"CP0123456789ABC","paymentId":"pay-1","duplicateRequest":false}`

func submission(t *testing.T) PaymentSubmission {
	body, err := PaymentBody(testIntent(model.RailWire), testIDs)
	if err != nil {
		t.Fatal(err)
	}
	return PaymentSubmission{IdempotencyKey: testIDs.IdempotencyKey, Body: body}
}

func gp2Err(status int, ctx string) string {
	return `{"title":"x","httpStatus":` + strconv.Itoa(status) + `,"traceId":"tr-1","context":[` + ctx + `]}`
}

func itoaTest(n int) string {
	return strings.TrimSpace(strings.Repeat(" ", 0)) + string(rune('0'+n/100)) + string(rune('0'+n/10%10)) + string(rune('0'+n%10))
}

// Every retry sends the same key and the same bytes; only Request-Id
// changes. Unknown outcomes (drop, 502, 503) are retried; Retry-After is
// honoured.
func TestSubmitRetriesSameKeySameBody(t *testing.T) {
	b := newBank(t)
	var log postLog
	b.handle("POST /payment/v2/payments", answers(&log, ans{0, ""}, ans{502, ""}, ans{503, gp2Err(503, `{"code":"12995","message":"down"}`)}, ans{201, ackBody}))
	sl := &sleeps{}
	c := b.client(withPayments(b), func(o *Options) { o.Sleep = sl.sleep })
	s := submission(t)
	var seen []model.PaymentAttempt
	ack, err := c.SubmitPayment(context.Background(), s, func(a model.PaymentAttempt) { seen = append(seen, a) })
	if err != nil || ack.PaymentID != "pay-1" || ack.Duplicate || ack.HTTPStatus != 201 || ack.EndToEndID != testIDs.EndToEndID {
		t.Fatalf("ack %+v err %v", ack, err)
	}
	if len(log.keys) != 4 || len(seen) != 4 {
		t.Fatalf("%d POSTs, %d observed", len(log.keys), len(seen))
	}
	rids := map[string]bool{}
	for i := range log.keys {
		if log.keys[i] != s.IdempotencyKey || log.bodies[i] != string(s.Body) {
			t.Errorf("attempt %d changed the key or body", i+1)
		}
		rids[log.rids[i]] = true
		if seen[i].RequestID != log.rids[i] || seen[i].N != i+1 {
			t.Errorf("observed attempt %d: %+v", i+1, seen[i])
		}
	}
	if len(rids) != 4 {
		t.Error("Request-Id was reused across attempts")
	}
	if got := sl.got(); len(got) != 3 || got[2].Seconds() != 3 {
		t.Errorf("sleeps %v: the 503's Retry-After 3 must be honoured", got)
	}
	if seen[1].HTTPStatus != 502 || seen[3].HTTPStatus != 201 || seen[0].HTTPStatus != 0 || seen[0].Err == "" {
		t.Errorf("attempt records %+v", seen)
	}
}

func TestSubmitOutcomes(t *testing.T) {
	closed := gp2Err(400, `{"code":"11002","message":"Creditor account is closed","location":"BODY","field":"$.creditor.account.accountNumber",
		"additionalContext":[{"type":"ISO20022","code":"AC03","message":"x"},{"type":"CLEARING_NACHA","code":"CLR119","message":"y"}]}`)
	limit := gp2Err(400, `{"code":"`+model.CodeLimitBreach+`","message":"over limit","field":"$.value.amount"}`)
	funds := gp2Err(400, `{"code":"11999","message":"declined","additionalContext":[{"type":"ISO20022","code":"AM04","message":"Insufficient funds"}]}`)
	for _, tc := range []struct {
		name    string
		seq     []ans
		posts   int
		check   func(error) bool
		message string
	}{
		{"closed account", []ans{{400, closed}}, 1, func(err error) bool {
			var r *PaymentRejectedError
			return errors.As(err, &r) && r.Kind == model.FailureBeneficiary && r.Exceptions[0].Details[1].Code == "CLR119" &&
				errors.Is(err, ErrPaymentRejected) && !errors.Is(err, ErrLimitBreach)
		}, "11002: Creditor account is closed, field $.creditor.account.accountNumber, ISO20022 AC03, CLEARING_NACHA CLR119"},
		{"limit breach", []ans{{400, limit}}, 1, func(err error) bool {
			return errors.Is(err, ErrLimitBreach) && !errors.Is(err, ErrInsufficientFunds)
		}, "limit increase"},
		{"insufficient funds", []ans{{400, funds}}, 1, func(err error) bool {
			return errors.Is(err, ErrInsufficientFunds) && !errors.Is(err, ErrLimitBreach)
		}, "fund the debtor account"},
		{"422 suspicious", []ans{{422, gp2Err(422, `{"code":"13100","message":"card data"}`)}}, 1, func(err error) bool {
			var r *PaymentRejectedError
			return errors.As(err, &r) && r.Category == CatSuspicious
		}, "13100"},
		{"10106 key reused with another body: look it up", []ans{{400, gp2Err(400, `{"code":"10106","message":"Idempotency failure"}`)}}, 1,
			func(err error) bool { return errors.Is(err, ErrOutcomeUnknown) }, "looked up by its end-to-end id"},
		{"10107 in flight: retried", []ans{{400, gp2Err(400, `{"code":"10107","message":"concurrent"}`)}, {201, ackBody}}, 2,
			func(err error) bool { return err == nil }, ""},
		{"12000 timeout inside a 400: retried", []ans{{400, gp2Err(400, `{"code":"12000","message":"timeout"}`)}, {200, ackBody}}, 2,
			func(err error) bool { return err == nil }, ""},
		{"always 500: unknown", []ans{{500, ""}}, 5, func(err error) bool {
			var u *OutcomeUnknownError
			return errors.As(err, &u) && u.Attempts == 5
		}, "will not be sent twice"},
		{"HTML page on 2xx: unknown, not retried", []ans{{200, "<html>hi</html>"}}, 1,
			func(err error) bool { return errors.Is(err, ErrOutcomeUnknown) }, ""},
		{"ack for another payment: unknown", []ans{{201, `{"endToEndId":"OTHER","paymentId":"p"}`}}, 1,
			func(err error) bool { return errors.Is(err, ErrOutcomeUnknown) }, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newBank(t)
			var log postLog
			b.handle("POST /payment/v2/payments", answers(&log, tc.seq...))
			_, err := b.client(withPayments(b)).SubmitPayment(context.Background(), submission(t), nil)
			if !tc.check(err) {
				t.Fatalf("err %v (%T)", err, err)
			}
			if len(log.keys) != tc.posts {
				t.Errorf("%d POSTs, want %d", len(log.keys), tc.posts)
			}
			if tc.message != "" && !strings.Contains(err.Error(), tc.message) {
				t.Errorf("message %q lacks %q", err, tc.message)
			}
			if err != nil && strings.Contains(err.Error(), testSecret) {
				t.Error("secret in the error")
			}
		})
	}
}

func TestSubmitDuplicateAnd401(t *testing.T) {
	b := newBank(t)
	var log postLog
	b.handle("POST /payment/v2/payments", answers(&log, ans{401, gp2Err(401, `{"code":"14000","message":"bad token"}`)},
		ans{200, `{"endToEndId":"CP0123456789ABC","paymentId":"pay-1","duplicateRequest":true}`}))
	ack, err := b.client(withPayments(b)).SubmitPayment(context.Background(), submission(t), nil)
	if err != nil || !ack.Duplicate || ack.HTTPStatus != 200 {
		t.Fatalf("%+v %v", ack, err)
	}
	if b.tokens.Load() != 2 || log.keys[0] != log.keys[1] {
		t.Errorf("401 should sign in again and resend the same key: %d token calls", b.tokens.Load())
	}
}

func TestSubmitNotSentWhenSignInFails(t *testing.T) {
	b := newBank(t)
	var log postLog
	b.handle("POST /payment/v2/payments", answers(&log, ans{201, ackBody}))
	c := b.client(withPayments(b), func(o *Options) { o.ClientSecret = "wrong" })
	_, err := c.SubmitPayment(context.Background(), submission(t), nil)
	var ns *NotSentError
	if !errors.As(err, &ns) || len(log.keys) != 0 {
		t.Fatalf("err %v, %d POSTs", err, len(log.keys))
	}
}

func TestPaymentStatusDecoding(t *testing.T) {
	statuses := map[string][2]string{
		"RECEIVED": {"RECEIVED", "RECEIVED"}, "ACCEPTED": {"ACCEPTED", "ACCEPTED"},
		"PROCESSING_BY_JPM": {"PROCESSING", "PROCESSING_BY_JPM"}, "PENDING_CLIENT_ACTION": {"PROCESSING", "PENDING_CLIENT_ACTION"},
		"PENDING_COMPLIANCE_REVIEW": {"PROCESSING", "PENDING_COMPLIANCE_REVIEW"}, "PENDING_FRAUD_REVIEW": {"PROCESSING", "PENDING_FRAUD_REVIEW"},
		"PENDING_FUNDING_REVIEW": {"PROCESSING", "PENDING_FUNDING_REVIEW"}, "PENDING_JPM_REVIEW": {"PROCESSING", "PENDING_JPM_REVIEW"},
		"SCHEDULED": {"PROCESSING", "SCHEDULED"}, "PENDING_POSTING": {"PROCESSING", "PENDING_POSTING"},
		"SENT_TO_CLEARING": {"PROCESSING", "SENT_TO_CLEARING"}, "CANCELED": {"CANCELED", "CANCELED"},
		"REJECTED": {"REJECTED", "REJECTED"}, "REJECTED_BY_JPM": {"REJECTED", "REJECTED_BY_JPM"},
		"COMPLETED_BY_JPM": {"COMPLETED", "COMPLETED_BY_JPM"}, "DELIVERED_TO_RECIPIENT": {"COMPLETED", "DELIVERED_TO_RECIPIENT"},
		"RETURNED": {"RETURNED", "RETURNED"}, "PENDING CLIENT REVIEW": {"PROCESSING", "PENDING CLIENT REVIEW"},
	}
	for name, st := range statuses {
		b := newBank(t)
		b.handle("GET /payment/v2/payments", func(w http.ResponseWriter, r *http.Request) {
			q := r.URL.Query()
			if q.Get("endToEndId") != "CP1" || q.Get("view") != "SUMMARY" || q.Get("paymentType") != "ACH" {
				t.Errorf("query %s", r.URL.RawQuery)
			}
			io.WriteString(w, `{"payments":[{"paymentId":"p1","paymentStatus":"`+st[0]+`","paymentSubStatus":"`+st[1]+
				`","statusUpdatedAt":"2026-12-02T15:04:05.123","paymentIdentifiers":{"endToEndId":"CP1","achTraceNumber":"021000021234567"},
				"exceptions":[{"code":"11002","message":"closed","additionalContext":[{"type":"ISO20022","code":"AC03","message":"m"}]}]}]}`)
		})
		got, err := b.client(withPayments(b)).PaymentStatus(context.Background(), "CP1", model.RailACH)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if string(got.Status) != st[0] || string(got.SubStatus) != st[1] || got.PaymentID != "p1" || got.Matches != 1 ||
			got.UpdatedAt.Format("15:04:05.000") != "15:04:05.123" || got.ClearingRef != "021000021234567" ||
			got.Exceptions[0].Details[0].Code != "AC03" {
			t.Errorf("%s: %+v", name, got)
		}
		if name == "PENDING CLIENT REVIEW" && got.Status.Terminal() {
			t.Error("an unknown sub-status made the payment terminal")
		}
	}
}

func TestPaymentStatusNotFoundAndDuplicates(t *testing.T) {
	b := newBank(t)
	b.handle("GET /payment/v2/payments", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("endToEndId") {
		case "NONE":
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(404)
			io.WriteString(w, gp2Err(404, `{"message":"No payment found"}`))
		case "EMPTY":
			io.WriteString(w, `{"payments":[]}`)
		case "OTHER":
			io.WriteString(w, `{"payments":[{"paymentId":"x","paymentStatus":"COMPLETED","paymentIdentifiers":{"endToEndId":"SOMEONE"}}]}`)
		case "TWO":
			io.WriteString(w, `{"payments":[{"paymentId":"a","paymentStatus":"ACCEPTED","paymentIdentifiers":{"endToEndId":"TWO"}},
				{"paymentId":"b","paymentStatus":"ACCEPTED","paymentIdentifiers":{"endToEndId":"TWO"}}]}`)
		case "HTML":
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(404)
			io.WriteString(w, "<html>proxy</html>")
		}
	})
	c := b.client(withPayments(b))
	for _, id := range []string{"NONE", "EMPTY", "OTHER"} {
		if _, err := c.PaymentStatus(context.Background(), id, model.RailWire); !errors.Is(err, ErrPaymentNotFound) {
			t.Errorf("%s: %v", id, err)
		}
	}
	if st, err := c.PaymentStatus(context.Background(), "TWO", model.RailWire); err != nil || st.Matches != 2 {
		t.Errorf("two payments for one id: %+v %v", st, err)
	}
	// A proxy's 404 page is not the bank saying "no such payment".
	if _, err := c.PaymentStatus(context.Background(), "HTML", model.RailWire); err == nil || errors.Is(err, ErrPaymentNotFound) {
		t.Errorf("proxy 404: %v", err)
	}
}

func TestCategorize(t *testing.T) {
	for code, want := range map[string]ErrorCategory{
		"10001": CatValidation, "10105": CatValidation, "10106": CatIdempotency, "10107": CatIdempotency, "10199": CatValidation,
		"11002": CatAccount, "11550": CatBusiness, "12000": CatTimeout, "12995": CatOffline, "12999": CatOffline,
		"13000": CatOther, "13100": CatSuspicious, "14000": CatSecurity, "15000": CatSystem, "": CatUncatalogued, "99999": CatUncatalogued,
		"1000": CatUncatalogued,
	} {
		if got := Categorize(code); got != want {
			t.Errorf("%q: %s, want %s", code, got, want)
		}
	}
}

// A gateway that echoes the Authorization header into its error body must
// not get our token into the attempt record or the error.
func TestSubmitScrubsEchoedToken(t *testing.T) {
	b := newBank(t)
	// A realistic token: the scrubber blanks literal secrets from 8
	// characters (scrub.go), so the helper's short "tok-N" would not do.
	const token = "eyJ0eXAiOiJKV1Qi.payments-7f3a9c21"
	b.token = func(w http.ResponseWriter, r *http.Request, n int32) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"access_token":%q,"token_type":"Bearer","expires_in":3600}`, token)
	}
	var log postLog
	b.handle("POST /payment/v2/payments", func(w http.ResponseWriter, r *http.Request) {
		log.record(r)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(400)
		io.WriteString(w, gp2Err(400, `{"code":"10104","message":"bad header `+r.Header.Get("Authorization")+`"}`))
	})
	var seen []model.PaymentAttempt
	_, err := b.client(withPayments(b)).SubmitPayment(context.Background(), submission(t), func(a model.PaymentAttempt) { seen = append(seen, a) })
	if err == nil || len(seen) != 1 {
		t.Fatalf("%v %d", err, len(seen))
	}
	for _, s := range []string{err.Error(), string(seen[0].Response), seen[0].Err} {
		if strings.Contains(s, token) || strings.Contains(s, "payments-7f3a9c21") {
			t.Errorf("token leaked: %s", s)
		}
	}
	if !strings.Contains(string(seen[0].Response), redacted) { // the client's scrubber (scrub.go) runs on every answer
		t.Errorf("response %s", seen[0].Response)
	}
}
