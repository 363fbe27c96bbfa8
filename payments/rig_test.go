package payments

import (
	"cmp"
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"cashpos/jpm"
	"cashpos/jpm/mock"
	"cashpos/model"
	"cashpos/store"
)

// start is a Wednesday morning in New York, well before the cut-offs.
var start = time.Date(2026, 12, 2, 10, 0, 0, 0, model.PaymentLocation())

// clock is the one clock of a test: bank, client and engine read it, and
// every Sleep advances it instead of waiting.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func (c *clock) Sleep(ctx context.Context, d time.Duration) error {
	c.Advance(d)
	return ctx.Err()
}

// rig is a mock bank on loopback, a client, a state database and an engine.
type rig struct {
	t      testing.TB
	clock  *clock
	bank   *mock.Bank
	srv    *httptest.Server
	dir    string
	db     *store.DB
	client *jpm.Client
	eng    *Engine
	posts  atomic.Int64 // POST /payments requests that reached the server
	gets   atomic.Int64
	// timeout is the client's per-attempt timeout (default 2s).
	timeout time.Duration
	// intercept, when set, may take over a request before the bank sees
	// it; it returns true when it answered (or dropped) the request itself.
	intercept atomic.Pointer[func(w http.ResponseWriter, r *http.Request) bool]
}

func newRig(t testing.TB) *rig {
	t.Helper()
	r := &rig{t: t, clock: &clock{t: start}, dir: t.TempDir()}
	r.bank = mock.New(mock.Options{Seed: 11, Now: r.clock.Now})
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.URL.Path == mock.PaymentsPath {
			if req.Method == http.MethodPost {
				r.posts.Add(1)
			} else {
				r.gets.Add(1)
			}
		}
		if f := r.intercept.Load(); f != nil && (*f)(w, req) {
			return
		}
		r.bank.ServeHTTP(w, req)
	}))
	t.Cleanup(r.srv.Close)
	r.openEngine(nil)
	return r
}

// openEngine (re)opens the database and builds client and engine, as a
// fresh process would.
func (r *rig) openEngine(mutate func(*Options)) {
	r.t.Helper()
	if r.db != nil {
		r.db.Close()
	}
	db, err := store.OpenDB(context.Background(), r.dir)
	if err != nil {
		r.t.Fatal(err)
	}
	r.t.Cleanup(func() { db.Close() })
	r.db = db
	tr := http.DefaultTransport.(*http.Transport).Clone()
	r.t.Cleanup(tr.CloseIdleConnections)
	r.client, err = jpm.New(jpm.Options{
		Endpoints: jpm.Endpoints{Balance: r.srv.URL + "/accessapi", BDA: r.srv.URL + "/account/v2",
			Token: r.srv.URL + mock.TokenPath, Payments: r.srv.URL + "/payment/v2"},
		ClientID: mock.DefaultClientID, ClientSecret: mock.DefaultClientSecret,
		HTTPClient: &http.Client{Transport: tr}, Timeout: cmp.Or(r.timeout, 2*time.Second),
		Now: r.clock.Now, Sleep: r.clock.Sleep, Rand: func() float64 { return 0.5 },
	})
	if err != nil {
		r.t.Fatal(err)
	}
	o := Options{Bank: r.client, Journal: store.NewJournal(db), Audit: store.NewAudit(db, r.clock.Now), Env: "demo",
		Limits: model.Limits{PerPayment: decimal.RequireFromString("1000000"), Daily: decimal.RequireFromString("5000000"), Source: "test"},
		User:   "analyst", Host: "jump1", Now: r.clock.Now, Sleep: r.clock.Sleep}
	if mutate != nil {
		mutate(&o)
	}
	if r.eng, err = New(o); err != nil {
		r.t.Fatal(err)
	}
}

const operating = "000000010962009" // USD, well funded
const overdrawn = "000000010975001" // USD, always negative

func wire(amount, creditorAcct string) model.PaymentIntent {
	return model.PaymentIntent{
		Rail: model.RailWire, Amount: decimal.RequireFromString(amount), Currency: "USD",
		ExecutionDate: model.Civil(start),
		Debtor:        model.Debtor{AccountID: operating, Name: "Operating - Concentration", ABA: model.ChaseABA},
		Creditor:      model.Creditor{Name: "ACME SUPPLIES INC", AccountNumber: creditorAcct, ABA: "071000013"},
		Remittance:    "INV 2026-1182",
	}
}

func ach(amount, creditorAcct string) model.PaymentIntent {
	in := wire(amount, creditorAcct)
	in.Rail, in.SEC, in.AccountType = model.RailACH, model.SECCCD, model.AccountChecking
	in.Creditor.Name = "KELLY THOMAS"
	return in
}

// submit mints ids and submits with the right typed amount.
func (r *rig) submit(in model.PaymentIntent) model.Payment {
	r.t.Helper()
	ids, err := NewIDs()
	if err != nil {
		r.t.Fatal(err)
	}
	p, err := r.eng.Submit(context.Background(), in, ids, in.Amount.StringFixed(2))
	if err != nil {
		r.t.Fatalf("Submit: %v", err)
	}
	return p
}

func (r *rig) follow(e2e string) model.Payment {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	p, err := r.eng.Follow(ctx, e2e, nil)
	if err != nil {
		r.t.Fatalf("Follow: %v", err)
	}
	return p
}

// atBank is how many payments the bank holds for e2e.
func (r *rig) atBank(e2e string) int {
	n := 0
	for _, p := range r.bank.Payments() {
		if p.EndToEndID == e2e {
			n++
		}
	}
	return n
}

func (r *rig) verifyAudit() {
	r.t.Helper()
	rep, err := store.NewAudit(r.db, nil).Verify(context.Background())
	if err != nil || !rep.OK() {
		r.t.Fatalf("audit chain: %+v %v", rep, err)
	}
}

// setIntercept installs f for every later request.
func (r *rig) setIntercept(f func(w http.ResponseWriter, req *http.Request) bool) {
	r.intercept.Store(&f)
}

// isPost reports whether req is the payment POST.
func isPost(req *http.Request) bool {
	return req.Method == http.MethodPost && req.URL.Path == mock.PaymentsPath
}
