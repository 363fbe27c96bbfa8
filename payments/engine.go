package payments

import (
	"context"
	"errors"
	"os"
	"os/user"
	"sync"
	"time"

	"cashpos/jpm"
	"cashpos/model"
	"cashpos/store"
)

// Bank is what the engine needs from the bank client; *jpm.Client is one.
type Bank interface {
	SubmitPayment(ctx context.Context, s jpm.PaymentSubmission, observe func(model.PaymentAttempt)) (model.PaymentAck, error)
	PaymentStatus(ctx context.Context, endToEndID string, rail model.Rail) (model.BankPaymentState, error)
}

// Options configure an Engine. Bank, Journal and Audit are required.
type Options struct {
	Bank    Bank
	Journal store.Journal
	Audit   store.AuditLog
	Env     string // demo, mock, cat, production: recorded with every payment and audit row

	Limits  model.Limits                // the company's limits (config); zero means none
	Cutoffs map[model.Rail]model.Cutoff // per-rail cut-offs (config), for Notes

	// ACHCompanyID is the company's ACH originator id (config); Submit puts
	// it on an ACH intent whose debtor carries none.
	ACHCompanyID string

	User, Host string // who and where, for the audit log; default the OS user and host name

	Poll PollPolicy

	// KeyTTL is how long the bank keeps an idempotency key (24 h, jpm-api
	// §6.6). An unsent intent older than this is never sent automatically.
	KeyTTL time.Duration

	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error

	// OnChange, when set, hears every change of a payment followed in the
	// background (Track, Resume): a new status or sub-status, or a new
	// problem. It is called from the follower's goroutine; a Bubble Tea
	// program would p.Send a message from it. SetOnChange replaces it.
	OnChange func(model.Payment)

	// BeforeSend, when set, runs after the intent is journalled and before
	// the first POST. Tests use it to kill the process at that point.
	BeforeSend func(endToEndID string)
}

// PollPolicy is the status polling schedule: First after a submission or
// a change, growing by Factor up to Max while nothing changes. A
// Retry-After from the bank overrides it when longer.
type PollPolicy struct {
	First, Max time.Duration
	Factor     float64
}

// DefaultPoll polls 1 s after a change, then 2, 4, 8, 15, 15 … s.
var DefaultPoll = PollPolicy{First: time.Second, Max: 15 * time.Second, Factor: 2}

// Engine runs payments. It is safe for concurrent use; one payment is
// never stepped by two goroutines of one engine at once.
type Engine struct {
	o         Options
	mu        sync.Mutex
	locks     map[string]*sync.Mutex
	polls     map[string]*pollState
	following map[string]chan struct{} // payments followed in the background, closed when done
	onChange  func(model.Payment)
}

type pollState struct {
	delay time.Duration // the last delay Step returned
}

// New builds an engine.
func New(o Options) (*Engine, error) {
	if o.Bank == nil || o.Journal == nil || o.Audit == nil {
		return nil, errors.New("payments: the engine needs a bank, a journal and an audit log")
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = sleepCtx
	}
	if o.Poll.First <= 0 {
		o.Poll = DefaultPoll
	}
	if o.KeyTTL <= 0 {
		o.KeyTTL = 24 * time.Hour
	}
	if o.User == "" {
		o.User = osUser()
	}
	if o.Host == "" {
		o.Host, _ = os.Hostname()
	}
	return &Engine{o: o, locks: map[string]*sync.Mutex{}, polls: map[string]*pollState{},
		following: map[string]chan struct{}{}, onChange: o.OnChange}, nil
}

func osUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "unknown"
}

// lock serialises work on one payment within this engine.
func (e *Engine) lock(e2e string) func() {
	e.mu.Lock()
	l, ok := e.locks[e2e]
	if !ok {
		l = &sync.Mutex{}
		e.locks[e2e] = l
	}
	e.mu.Unlock()
	l.Lock()
	return l.Unlock
}

// Get returns one journalled payment with its timeline.
func (e *Engine) Get(ctx context.Context, endToEndID string) (model.Payment, error) {
	return e.getOwn(ctx, endToEndID)
}

// List returns every journalled payment, newest first.
func (e *Engine) List(ctx context.Context) ([]model.Payment, error) {
	return e.listOwn(ctx)
}

// Attempts returns the POST attempts of one payment, oldest first.
func (e *Engine) Attempts(ctx context.Context, endToEndID string) ([]model.PaymentAttempt, error) {
	return e.o.Journal.Attempts(ctx, endToEndID)
}

// SetOnChange replaces the background followers' change callback (nil
// for none); a screen stack created after the engine sets it here.
func (e *Engine) SetOnChange(f func(model.Payment)) {
	e.mu.Lock()
	e.onChange = f
	e.mu.Unlock()
}

func (e *Engine) notify(p model.Payment) {
	e.mu.Lock()
	f := e.onChange
	e.mu.Unlock()
	if f != nil {
		f(p)
	}
}

// Env is the environment the engine sends to.
func (e *Engine) Env() string { return e.o.Env }

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
