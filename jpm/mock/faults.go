package mock

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"
)

// FaultState is a snapshot of the fault switchboard. The zero value means
// "behave normally". Its JSON form is what GET/POST /_mock/faults speak;
// Latency is a Go duration string there ("250ms").
type FaultState struct {
	Latency            time.Duration // added before every API and token response
	FailNext           int           // the next N API calls answer FailStatus
	FailStatus         int           // 500–599; 0 means 500
	RateLimitNext      int           // the next N API calls answer 429
	RetryAfter         int           // Retry-After seconds on those 429s (0 means 1), and on FailNext answers when set
	DropNext           int           // the next N API calls get their connection closed, no response
	LoseNext           int           // the next N API calls are processed, then their connection closed: the answer is lost
	Down               bool          // every API call answers 503 until cleared
	NoEligibleAccounts bool          // the credentials are entitled to no v1 or BDA account
	RepeatRows         bool          // each transactions page after the first repeats the last item of the page before
	ClockSkew          time.Duration // the bank's Date header runs this far ahead (negative: behind)
	NotEntitled        APISet        // these APIs answer 403: the client is not entitled to them
}

// Faults is the bank's thread-safe fault switchboard. Counted faults
// (FailNext, RateLimitNext, DropNext) are consumed one per API call, under
// the lock, so N concurrent calls see exactly N faults. The token endpoint
// is not an API call: only Latency applies to it, so a demo can show an
// outage without also breaking authentication.
type Faults struct {
	mu     sync.Mutex
	s      FaultState
	expire func() // the token store's expire-all
}

// State returns a copy of the current switchboard.
func (f *Faults) State() FaultState {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.s
}

// Set replaces the whole switchboard.
func (f *Faults) Set(s FaultState) error {
	if err := s.validate(); err != nil {
		return err
	}
	f.mu.Lock()
	f.s = s
	f.mu.Unlock()
	return nil
}

// Reset clears every fault.
func (f *Faults) Reset() { f.update(func(s *FaultState) { *s = FaultState{} }) }

// SetLatency delays every API and token response by d (0 clears). The delay
// is abandoned as soon as the request's context is cancelled.
func (f *Faults) SetLatency(d time.Duration) {
	f.update(func(s *FaultState) { s.Latency = max(d, 0) })
}

// FailNext makes the next n API calls answer status (500–599, anything else
// means 500) with the API's own error body: GCA-099 "System is Unavailable"
// for v1, the common error model for v2.
func (f *Faults) FailNext(n, status int) {
	if status < 500 || status > 599 {
		status = 500
	}
	f.update(func(s *FaultState) { s.FailNext, s.FailStatus = max(n, 0), status })
}

// RateLimitNext makes the next n API calls answer 429 with a Retry-After
// header of retryAfter seconds (values below 1 mean 1).
func (f *Faults) RateLimitNext(n, retryAfter int) {
	f.update(func(s *FaultState) { s.RateLimitNext, s.RetryAfter = max(n, 0), max(retryAfter, 1) })
}

// DropNext makes the next n API calls lose their connection without any
// response, as a network failure or a crashed gateway would. Note that
// net/http's client silently retries an idempotent request (GET) that fails
// this way on a reused keep-alive connection, which consumes a second drop.
func (f *Faults) DropNext(n int) { f.update(func(s *FaultState) { s.DropNext = max(n, 0) }) }

// LoseNext makes the next n API calls do their work — a payment POST
// creates the payment — and then lose the answer: the connection closes
// with no response, as when a gateway dies on the way back.
func (f *Faults) LoseNext(n int) { f.update(func(s *FaultState) { s.LoseNext = max(n, 0) }) }

// SetDown makes every API call answer 503 until cleared (demo of offline mode).
func (f *Faults) SetDown(down bool) { f.update(func(s *FaultState) { s.Down = down }) }

// SetNoEligibleAccounts empties the credentials' entitlement: a v1 request
// without accountList answers 404 GCA-022, listed accounts 404 GCA-009, and
// the v2 list is empty.
func (f *Faults) SetNoEligibleAccounts(on bool) {
	f.update(func(s *FaultState) { s.NoEligibleAccounts = on })
}

// SetClockSkew moves the bank's clock, as its Date header shows it, by d
// against the mock's own clock: a client whose clock is off by as much
// (signed JWT assertions are then rejected, ages misread) sees the same.
func (f *Faults) SetClockSkew(d time.Duration) { f.update(func(s *FaultState) { s.ClockSkew = d }) }

// SetNotEntitled makes every call to the given APIs answer 403 after the
// token check, in the API's own error shape (GCA-001 for the legacy APIs,
// 14000 for the common error model): the credentials are good, the
// entitlement is missing. An empty set clears it.
func (f *Faults) SetNotEntitled(apis APISet) { f.update(func(s *FaultState) { s.NotEntitled = apis }) }

// ExpireTokens expires every token issued so far: the next API call with any
// of them answers 401. Tokens issued afterwards are valid as usual.
func (f *Faults) ExpireTokens() {
	if f.expire != nil {
		f.expire()
	}
}

func (f *Faults) update(fn func(*FaultState)) {
	f.mu.Lock()
	fn(&f.s)
	f.mu.Unlock()
}

func (s FaultState) validate() error {
	switch {
	case s.Latency < 0:
		return errors.New("latency must not be negative")
	case s.FailNext < 0 || s.RateLimitNext < 0 || s.DropNext < 0 || s.LoseNext < 0:
		return errors.New("failNext, rateLimitNext, dropNext and loseNext must not be negative")
	case s.FailStatus != 0 && (s.FailStatus < 500 || s.FailStatus > 599):
		return fmt.Errorf("failStatus %d is not a 5xx status", s.FailStatus)
	case s.RetryAfter < 0:
		return errors.New("retryAfter must not be negative")
	case s.NotEntitled&^allAPIs != 0:
		return errors.New("notEntitled holds an unknown API")
	}
	return nil
}

// faultKind is what a single API call should suffer.
type faultKind int

const (
	faultNone faultKind = iota
	faultDrop
	faultDown
	faultRateLimit
	faultFail
	faultLose
)

// take decides, and consumes, the fault for one API call. Precedence follows
// the path of a request: a dropped connection never reaches the gateway; a
// down service and the rate limiter answer before the backend can fail.
func (f *Faults) take() (kind faultKind, status, retryAfter int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	s := &f.s
	switch {
	case s.DropNext > 0:
		s.DropNext--
		return faultDrop, 0, 0
	case s.Down:
		return faultDown, 503, 0
	case s.RateLimitNext > 0:
		s.RateLimitNext--
		return faultRateLimit, 429, max(s.RetryAfter, 1)
	case s.FailNext > 0:
		s.FailNext--
		status = s.FailStatus
		if status == 0 {
			status = 500
		}
		return faultFail, status, s.RetryAfter
	case s.LoseNext > 0:
		s.LoseNext--
		return faultLose, 0, 0
	}
	return faultNone, 0, 0
}

func (f *Faults) latency() time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.s.Latency
}

func (f *Faults) clockSkew() time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.s.ClockSkew
}

func (f *Faults) notEntitled(api APISet) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return api != 0 && f.s.NotEntitled&api != 0
}

// SetRepeatRows makes every Transaction Details page after the first also
// start with the last item of the page before, as offset paging does when
// items shift between requests; a client must not count it twice.
func (f *Faults) SetRepeatRows(on bool) { f.update(func(s *FaultState) { s.RepeatRows = on }) }

func (f *Faults) repeatRows() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.s.RepeatRows
}

func (f *Faults) noEligible() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.s.NoEligibleAccounts
}

// faultJSON is FaultState on the wire.
type faultJSON struct {
	Latency            string `json:"latency"`
	FailNext           int    `json:"failNext"`
	FailStatus         int    `json:"failStatus"`
	RateLimitNext      int    `json:"rateLimitNext"`
	RetryAfter         int    `json:"retryAfter"`
	DropNext           int    `json:"dropNext"`
	LoseNext           int    `json:"loseNext"`
	Down               bool   `json:"down"`
	NoEligibleAccounts bool   `json:"noEligibleAccounts"`
	RepeatRows         bool   `json:"repeatRows"`
	ClockSkew          string `json:"clockSkew"`
	NotEntitled        APISet `json:"notEntitled"`
}

// MarshalJSON writes Latency as a Go duration string.
func (s FaultState) MarshalJSON() ([]byte, error) {
	return json.Marshal(faultJSON{
		Latency: s.Latency.String(), FailNext: s.FailNext, FailStatus: s.FailStatus,
		RateLimitNext: s.RateLimitNext, RetryAfter: s.RetryAfter, DropNext: s.DropNext, LoseNext: s.LoseNext,
		Down: s.Down, NoEligibleAccounts: s.NoEligibleAccounts, RepeatRows: s.RepeatRows,
		ClockSkew: s.ClockSkew.String(), NotEntitled: s.NotEntitled,
	})
}

// UnmarshalJSON reads the MarshalJSON form; Latency may also be a number of
// milliseconds.
func (s *FaultState) UnmarshalJSON(data []byte) error {
	var p faultPatch
	if err := json.Unmarshal(data, &p); err != nil {
		return err
	}
	var out FaultState
	p.apply(&out)
	*s = out
	return nil
}

// faultPatch is the body of POST /_mock/faults: only the fields present are
// changed, after "reset" (if true) has cleared everything; "expireTokens"
// (if true) then expires every issued token.
type faultPatch struct {
	Reset              bool      `json:"reset"`
	ExpireTokens       bool      `json:"expireTokens"`
	Latency            *duration `json:"latency"`
	FailNext           *int      `json:"failNext"`
	FailStatus         *int      `json:"failStatus"`
	RateLimitNext      *int      `json:"rateLimitNext"`
	RetryAfter         *int      `json:"retryAfter"`
	DropNext           *int      `json:"dropNext"`
	LoseNext           *int      `json:"loseNext"`
	Down               *bool     `json:"down"`
	NoEligibleAccounts *bool     `json:"noEligibleAccounts"`
	RepeatRows         *bool     `json:"repeatRows"`
	ClockSkew          *duration `json:"clockSkew"`
	NotEntitled        *APISet   `json:"notEntitled"`
}

func (p faultPatch) apply(s *FaultState) {
	if p.Reset {
		*s = FaultState{}
	}
	setIf(&s.Latency, (*time.Duration)(p.Latency))
	setIf(&s.FailNext, p.FailNext)
	setIf(&s.FailStatus, p.FailStatus)
	setIf(&s.RateLimitNext, p.RateLimitNext)
	setIf(&s.RetryAfter, p.RetryAfter)
	setIf(&s.DropNext, p.DropNext)
	setIf(&s.LoseNext, p.LoseNext)
	setIf(&s.Down, p.Down)
	setIf(&s.NoEligibleAccounts, p.NoEligibleAccounts)
	setIf(&s.ClockSkew, (*time.Duration)(p.ClockSkew))
	setIf(&s.NotEntitled, p.NotEntitled)
	setIf(&s.RepeatRows, p.RepeatRows)
}

func setIf[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}

// patch applies p atomically, refusing it whole if the result is invalid.
func (f *Faults) patch(p faultPatch) (FaultState, error) {
	f.mu.Lock()
	next := f.s
	p.apply(&next)
	if err := next.validate(); err != nil {
		f.mu.Unlock()
		return FaultState{}, err
	}
	f.s = next
	f.mu.Unlock()
	if p.ExpireTokens {
		f.ExpireTokens()
	}
	return next, nil
}

// duration decodes "250ms"-style strings (negative too) or plain
// milliseconds.
type duration time.Duration

func (d *duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		v, err := time.ParseDuration(s)
		if err != nil {
			return err
		}
		*d = duration(v)
		return nil
	}
	var ms int64
	if err := json.Unmarshal(b, &ms); err != nil {
		return errors.New(`want a duration string such as "250ms" or a number of milliseconds`)
	}
	*d = duration(time.Duration(ms) * time.Millisecond)
	return nil
}
