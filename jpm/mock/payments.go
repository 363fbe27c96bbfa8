package mock

import (
	"crypto/sha256"
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/google/uuid"

	"cashpos/model"
)

// Global Payments 2 (jpm-api §6): POST and GET /payment/v2/payments; and
// the admin listing of what the bank holds.
const (
	PaymentsPath      = "/payment/v2/payments"
	AdminPaymentsPath = "/_mock/payments"
)

// idempotencyTTL: the bank keeps an Idempotency-Key for 24 hours (§6.6).
const idempotencyTTL = 24 * time.Hour

// Wire structs, written from jpm-api.md (not from the client; see bda_v2.go).
type gp2Std struct {
	Type    string `json:"type"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

type gp2Exc struct {
	Code              string   `json:"code,omitempty"`
	Message           string   `json:"message"`
	Location          string   `json:"location,omitempty"`
	Field             string   `json:"field,omitempty"`
	AdditionalContext []gp2Std `json:"additionalContext,omitempty"`
}

type gp2ErrorBody struct {
	Title      string   `json:"title"`
	HTTPStatus int      `json:"httpStatus"`
	TraceID    string   `json:"traceId"`
	RequestID  string   `json:"requestId,omitempty"`
	Context    []gp2Exc `json:"context"`
}

type gp2InitResponse struct {
	EndToEndID       string `json:"endToEndId"`
	PaymentID        string `json:"paymentId"`
	DuplicateRequest bool   `json:"duplicateRequest"`
}

type gp2Detail struct {
	PaymentID              string          `json:"paymentId"`
	PaymentStatus          string          `json:"paymentStatus"`
	PaymentSubStatus       string          `json:"paymentSubStatus"`
	StatusUpdatedAt        string          `json:"statusUpdatedAt"`
	ValueDate              string          `json:"valueDate,omitempty"`
	PaymentIdentifiers     gp2DetailIDs    `json:"paymentIdentifiers"`
	PaymentType            string          `json:"paymentType"`
	TransferType           string          `json:"transferType"`
	RequestedExecutionDate string          `json:"requestedExecutionDate"`
	Exceptions             []gp2Exc        `json:"exceptions,omitempty"`
	ClearingSystem         *gp2Clearing    `json:"clearingSystem,omitempty"`
	Payment                json.RawMessage `json:"payment,omitempty"` // view=FULL: the request as received
}

type gp2DetailIDs struct {
	EndToEndID     string `json:"endToEndId"`
	ACHTraceNumber string `json:"achTraceNumber,omitempty"`
}

type gp2Clearing struct {
	Name      string `json:"name"`
	Reference string `json:"reference"`
}

// mockPayment is one payment the bank holds.
type mockPayment struct {
	id, e2e      string
	rail         string
	debtor       string // the debtor account id in the book
	creditor     string // the creditor account number: picks the script
	underfunded  bool   // the debtor could not cover it when it arrived
	amount       money  // USD cents
	execDate     string
	created      time.Time
	scheduledFor time.Time // start of the execution date in New York when later than created
	path         []stage
	body         []byte
	seq          int64
}

// idemEntry is what an Idempotency-Key saw: the body's hash and the answer.
type idemEntry struct {
	hash     [32]byte
	status   int
	answer   []byte
	inflight bool
	at       time.Time
}

// gp2Store is the bank's payment state.
type gp2Store struct {
	mu    sync.Mutex
	byE2E map[string]*mockPayment
	byKey map[string]*idemEntry
	all   []*mockPayment
	lost  map[string]bool // ScriptLostResponse payments whose answer was already dropped once
}

func newGP2Store() *gp2Store {
	return &gp2Store{byE2E: map[string]*mockPayment{}, byKey: map[string]*idemEntry{}, lost: map[string]bool{}}
}

// PaymentInfo is what the bank holds for one payment, for tests and
// GET /_mock/payments.
type PaymentInfo struct {
	PaymentID  string `json:"paymentId"`
	EndToEndID string `json:"endToEndId"`
	Debtor     string `json:"debtorAccount"`
	Amount     string `json:"amount"`
	Status     string `json:"paymentStatus"`
	SubStatus  string `json:"paymentSubStatus"`
}

// Payments lists every payment the bank holds, in creation order, with its
// status at the bank's clock. Tests count them: exactly one per intent.
func (b *Bank) Payments() []PaymentInfo {
	b.gp2.mu.Lock()
	defer b.gp2.mu.Unlock()
	now := b.now()
	out := make([]PaymentInfo, 0, len(b.gp2.all))
	for _, p := range b.gp2.all {
		st := p.stageAt(now)
		out = append(out, PaymentInfo{PaymentID: p.id, EndToEndID: p.e2e, Debtor: p.debtor, Amount: p.amount.format(2),
			Status: string(st.status), SubStatus: string(st.sub)})
	}
	return out
}

// handlePaymentsPost is POST /payment/v2/payments.
func (b *Bank) handlePaymentsPost(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	key := r.Header.Get("Idempotency-Key")
	if len(key) > 36 {
		b.writeGP2(w, r, http.StatusBadRequest, gp2Exc{Code: codeMaxLength, Message: "Idempotency-Key must be 1-36 characters",
			Location: locHeader, Field: "Idempotency-Key"})
		return
	}
	if rid := r.Header.Get("Request-Id"); len(rid) > 128 {
		b.writeGP2(w, r, http.StatusBadRequest, gp2Exc{Code: codeMaxLength, Message: "Request-Id must be 1-128 characters",
			Location: locHeader, Field: "Request-Id"})
		return
	}
	hash := sha256.Sum256(body)
	if key != "" {
		if replay, ok := b.gp2.reserve(key, hash, b.now()); ok {
			b.writeRaw(w, replay.status, replay.answer)
			return
		} else if replay != nil {
			b.writeGP2(w, r, http.StatusBadRequest, replay.refusal())
			return
		}
	}
	status, answer, created := b.initiate(r, body)
	if key != "" {
		b.gp2.settle(key, status, answer)
	}
	b.persist()
	if created != nil && b.gp2.loseOnce(created) {
		drop(w) // ScriptLostResponse: processed, answer lost
		return
	}
	b.writeRaw(w, status, answer)
}

// refusal is the error for a key that cannot be replayed: still in flight
// (10107) or used with another body (10106).
func (e *idemEntry) refusal() gp2Exc {
	if e.inflight {
		return gp2Exc{Code: model.CodeIdempotencyInFlight, Message: "A request with this Idempotency-Key is still being processed",
			Location: locHeader, Field: "Idempotency-Key"}
	}
	return gp2Exc{Code: model.CodeIdempotencyMismatch, Message: "Idempotency failure: the key was used with a different request body",
		Location: locHeader, Field: "Idempotency-Key"}
}

// reserve looks the key up. ok with an entry: replay its answer. not ok
// with an entry: refuse (in flight, or another body). not ok and nil: the
// key is new (or expired) and is now reserved in flight.
func (s *gp2Store) reserve(key string, hash [32]byte, now time.Time) (*idemEntry, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.byKey[key]
	if ok && now.Sub(e.at) < idempotencyTTL {
		if e.inflight || e.hash != hash {
			c := *e
			return &c, false
		}
		c := *e
		return &c, true
	}
	s.byKey[key] = &idemEntry{hash: hash, inflight: true, at: now}
	return nil, false
}

func (s *gp2Store) settle(key string, status int, answer []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.byKey[key]; ok {
		e.status, e.answer, e.inflight = status, answer, false
	}
}

// loseOnce reports whether this answer is the one to lose.
func (s *gp2Store) loseOnce(p *mockPayment) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p.creditorScript() != ScriptLostResponse || s.lost[p.e2e] {
		return false
	}
	s.lost[p.e2e] = true
	return true
}

// initiate validates and creates; it returns the answer to send (and to
// keep for the key) and the payment created, if any.
func (b *Bank) initiate(r *http.Request, body []byte) (int, []byte, *mockPayment) {
	req, errs := b.validatePayment(body)
	if len(errs) > 0 {
		return http.StatusBadRequest, b.gp2Error(r, http.StatusBadRequest, errs...), nil
	}
	if req.Creditor.Account.AccountNumber == ScriptLimitBreach {
		return http.StatusBadRequest, b.gp2Error(r, http.StatusBadRequest, limitBreach), nil
	}
	amt, _ := parseMoney(padCents(req.Value.Amount), 2)
	funded := b.canFund(req.Debtor.Account.AccountNumber, amt, b.now())
	b.gp2.mu.Lock()
	if old, dup := b.gp2.byE2E[req.PaymentIdentifiers.EndToEndID]; dup {
		b.gp2.mu.Unlock()
		// The business duplicate check (§6.6): the original, flagged.
		return http.StatusOK, mustJSON(gp2InitResponse{EndToEndID: old.e2e, PaymentID: old.id, DuplicateRequest: true}), nil
	}
	p := b.newPayment(req, body, amt, funded)
	b.gp2.byE2E[p.e2e] = p
	b.gp2.all = append(b.gp2.all, p)
	b.gp2.mu.Unlock()
	return http.StatusCreated, mustJSON(gp2InitResponse{EndToEndID: p.e2e, PaymentID: p.id}), p
}

// newPayment builds the payment; the caller holds gp2.mu.
func (b *Bank) newPayment(req *gp2Request, body []byte, amt money, funded bool) *mockPayment {
	now := b.now()
	seq := int64(len(b.gp2.all) + 1)
	p := &mockPayment{
		id: b.paymentID(seq), e2e: req.PaymentIdentifiers.EndToEndID, rail: req.PaymentType,
		debtor: req.Debtor.Account.AccountNumber, amount: amt, execDate: req.RequestedExecutionDate,
		created: now, body: append([]byte(nil), body...), seq: seq,
	}
	if d, ok := parseDate(req.RequestedExecutionDate); ok {
		if start := d.midnight(nyLoc()); start.After(now) {
			p.scheduledFor = start
		}
	}
	p.creditor = req.Creditor.Account.AccountNumber
	p.underfunded = !funded
	p.path = pathFor(p.creditor, p.underfunded)
	return p
}

func (p *mockPayment) creditorScript() string { return p.creditor }

// paymentID is uuid-shaped and derived from the seed and a sequence
// number, so a replayed session reproduces it.
func (b *Bank) paymentID(seq int64) string {
	h1 := newHasher(b.seed).str("payment").i64(seq).sum()
	h2 := newHasher(b.seed).str("payment2").i64(seq).sum()
	var u uuid.UUID
	for i := range 8 {
		u[i] = byte(h1 >> (56 - 8*i))
		u[8+i] = byte(h2 >> (56 - 8*i))
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return u.String()
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic("mock: " + err.Error())
	}
	return b
}

func (b *Bank) writeRaw(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(body)
}

// gp2Error is the common error model body for GP2.
func (b *Bank) gp2Error(r *http.Request, status int, ctx ...gp2Exc) []byte {
	rid := r.Header.Get("Request-Id")
	if len(rid) > 128 {
		rid = ""
	}
	return mustJSON(gp2ErrorBody{Title: http.StatusText(status), HTTPStatus: status, TraceID: b.traceID(), RequestID: rid, Context: ctx})
}

func (b *Bank) writeGP2(w http.ResponseWriter, r *http.Request, status int, ctx ...gp2Exc) {
	b.writeRaw(w, status, b.gp2Error(r, status, ctx...))
}
