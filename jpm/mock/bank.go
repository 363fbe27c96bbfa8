package mock

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
)

// Routes, at the real APIs' paths (jpm-api §1.1, §3, §4) so a client given
// one base URL keeps the documented prefixes.
const (
	BalanceV1Path   = "/accessapi/balance"
	BDABalancesPath = "/account/v2/accounts/balances"
	BDAInquiryPath  = "/account/v2/accounts/balances/inquiry"
	FaultsPath      = "/_mock/faults"
	AccountsPath    = "/_mock/accounts"
)

// Default credentials and token lifetime (expires_in 3599, jpm-api §1.2).
const (
	DefaultClientID     = "demo-client"
	DefaultClientSecret = "demo-secret"
	DefaultTokenTTL     = 3599 * time.Second
)

// Options configure a Bank. The zero value is a working demo bank.
type Options struct {
	Seed int64            // drives every balance move and token; same seed + clock ⇒ same bytes
	Now  func() time.Time // injected clock; nil means time.Now

	// Accepted client credentials; empty means DefaultClientID /
	// DefaultClientSecret.
	ClientID, ClientSecret string

	TokenTTL time.Duration // access-token lifetime; 0 means DefaultTokenTTL

	// ExtraAccounts adds N synthetic USD v1 accounts, ids "9" + a 14-digit
	// counter (900000000000001, ...), for load tests and benchmarks.
	ExtraAccounts int

	// NoEligibleAccounts starts the bank with the NoEligibleAccounts fault
	// set (v1 request without accountList → 404 GCA-022).
	NoEligibleAccounts bool

	// PaymentsFile, when set, keeps the bank's payments (and idempotency
	// keys) in this file across restarts, so a resumed payment finds the
	// one sent before. Empty: payments live in memory only.
	PaymentsFile string

	// Logf, when set, receives one line per request: method, path, status
	// and duration. Headers, bodies, query strings and tokens are never
	// logged, so secrets cannot leak through it.
	Logf func(format string, args ...any)
}

// Bank is the mock J.P. Morgan bank. It implements http.Handler and is safe
// for concurrent use. The book is fixed at New; only tokens, faults and the
// request counter change afterwards.
type Bank struct {
	seed                   int64
	now                    func() time.Time
	clientID, clientSecret string
	ttl                    time.Duration
	logf                   func(string, ...any)
	paymentsFile           string

	book     []*account // v1 accounts then BDA accounts, in book order
	v1       []*account
	v1ByID   map[string]*account
	bda      []*account
	bdaByNum map[string]*account
	bdaZone  *time.Location // business-day zone for v2 request dates

	tokens   *tokenStore
	faults   *Faults
	gp2      *gp2Store // Global Payments 2 state (payments.go)
	requests atomic.Int64
	traces   atomic.Uint64
	txnMemo  dayMemo // transactions_gen.go
}

// New builds a bank from o.
func New(o Options) *Bank {
	b := &Bank{
		seed: o.Seed, now: o.Now, clientID: o.ClientID, clientSecret: o.ClientSecret,
		ttl: o.TokenTTL, logf: o.Logf,
		v1ByID: map[string]*account{}, bdaByNum: map[string]*account{},
	}
	if b.now == nil {
		b.now = time.Now
	}
	if b.clientID == "" {
		b.clientID = DefaultClientID
	}
	if b.clientSecret == "" {
		b.clientSecret = DefaultClientSecret
	}
	if b.ttl <= 0 {
		b.ttl = DefaultTokenTTL
	}
	for _, s := range demoBook {
		b.add(s.build())
	}
	for n := 1; n <= o.ExtraAccounts; n++ {
		b.add(syntheticAccount(o.Seed, n))
	}
	b.book = append(append(b.book, b.v1...), b.bda...)
	b.bdaZone = b.bda[0].loc
	b.tokens = newTokenStore(o.Seed)
	b.gp2 = newGP2Store()
	b.paymentsFile = o.PaymentsFile
	if o.PaymentsFile != "" {
		if err := b.gp2.load(o.PaymentsFile); err != nil && b.logf != nil {
			b.logf("mock: payments file %s unreadable, starting empty: %v", o.PaymentsFile, err)
		}
	}
	b.faults = &Faults{expire: b.tokens.expireAll}
	b.faults.s.NoEligibleAccounts = o.NoEligibleAccounts
	return b
}

func (b *Bank) add(a *account) {
	if a.api == APIBDA {
		b.bda = append(b.bda, a)
		b.bdaByNum[a.id] = a
		return
	}
	b.v1 = append(b.v1, a)
	b.v1ByID[a.id] = a
}

// Faults returns the bank's fault switchboard.
func (b *Bank) Faults() *Faults { return b.faults }

// Accounts returns the book: v1 accounts in book order, then BDA accounts.
func (b *Bank) Accounts() []AccountInfo {
	out := make([]AccountInfo, len(b.book))
	for i, a := range b.book {
		out[i] = a.info()
	}
	return out
}

// Requests is the number of API requests received (v1 and v2 routes,
// including those answered by a fault or a 401); token, admin and unrouted
// requests are not counted.
func (b *Bank) Requests() int64 { return b.requests.Load() }

// ServeHTTP routes a request. Paths match exactly; a known path with the
// wrong method is answered like an unknown one (404, GCA shape), as the
// brief of "everything else" asks. For a dropped connection or a request
// cancelled during injected latency it panics with http.ErrAbortHandler,
// which net/http turns into a silently closed connection.
func (b *Bank) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec := &recorder{ResponseWriter: w}
	if b.logf != nil {
		start := time.Now()
		defer func() {
			status := "aborted" // dropped, or cancelled during latency
			if rec.status != 0 {
				status = strconv.Itoa(rec.status)
			}
			b.logf("mock: %s %s -> %s (%s)", r.Method, r.URL.Path, status, time.Since(start).Round(time.Microsecond))
		}()
	}
	w = rec
	b.dated(w)
	switch route := r.Method + " " + r.URL.Path; route {
	case "POST " + TokenPath:
		b.handleToken(w, r)
	case "POST " + BalanceV1Path:
		b.api(w, r, familyGCA, b.handleBalanceV1)
	case "GET " + BDABalancesPath:
		b.api(w, r, familyCommon, b.handleBDAList)
	case "POST " + BDAInquiryPath:
		b.api(w, r, familyCommon, b.handleBDAInquiry)
	case "GET " + TransactionsPath:
		b.api(w, r, familyGCA, b.handleTransactions)
	case "POST " + PaymentsPath:
		b.api(w, r, familyGP2, b.handlePaymentsPost)
	case "GET " + PaymentsPath:
		b.api(w, r, familyGP2, b.handlePaymentsGet)
	case "GET " + FaultsPath, "POST " + FaultsPath, "GET " + AccountsPath, "GET " + AdminPaymentsPath:
		b.admin(w, r)
	default:
		writeGCA(w, http.StatusNotFound, gcaNotFound, "Resource not found: "+r.Method+" "+r.URL.Path)
	}
}

// api runs the gateway part every API call shares: count, latency, faults,
// bearer token; then the handler.
func (b *Bank) api(w http.ResponseWriter, r *http.Request, fam family, h http.HandlerFunc) {
	b.requests.Add(1)
	if !b.delay(r) {
		return
	}
	kind, status, retryAfter := b.faults.take()
	switch kind {
	case faultDrop:
		drop(w)
		return
	case faultRateLimit:
		w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
		b.writeFault(w, r, fam, status, "")
		return
	case faultFail:
		if retryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
		}
		b.writeFault(w, r, fam, status, "")
		return
	case faultDown:
		b.writeFault(w, r, fam, status, "")
		return
	}
	if why := b.tokens.check(bearer(r), b.now()); why != "" {
		// The WWW-Authenticate challenge is RFC 6750 practice; whether JPM
		// sends it is UNCONFIRMED.
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		b.writeFault(w, r, fam, http.StatusUnauthorized, why)
		return
	}
	if b.faults.notEntitled(apiOf(r.URL.Path)) {
		b.writeNotEntitled(w, r, fam)
		return
	}
	if kind == faultLose {
		h(discard{header: http.Header{}}, r) // the bank acts…
		drop(w)                              // …and the answer never arrives
		return
	}
	h(w, r)
}

// delay applies the Latency fault, reporting false (after aborting the
// connection) if the request was cancelled meanwhile: nothing must be
// written for a client that has gone, nor a half answer during shutdown.
func (b *Bank) delay(r *http.Request) bool {
	d := b.faults.latency()
	if d <= 0 {
		return true
	}
	prefetchBody(r)
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		panic(http.ErrAbortHandler)
	}
}

// prefetchBody reads the (small) request body before a delay. net/http only
// notices a client hanging up, and cancels the request context, once the
// body has been read to EOF; without this a POST would sleep out the whole
// latency for a client that is long gone. The handler later reads the same
// bytes; an oversized body keeps its tail so the handler's size limit still
// applies.
func prefetchBody(r *http.Request) {
	if r.Body == nil || r.Body == http.NoBody {
		return
	}
	buf, err := io.ReadAll(io.LimitReader(r.Body, 1<<20+1))
	var rest io.Reader = r.Body
	if err != nil {
		rest = errReader{err}
	}
	r.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(buf), rest), r.Body}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// drop closes the client's connection without a response. Hijacking works on
// HTTP/1.x; where it cannot (HTTP/2, a ResponseRecorder) aborting the handler
// has the same effect for the client.
func drop(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	conn.Close()
}

// traceID is a uuid-shaped trace id for error bodies. It is derived from the
// seed and a per-bank sequence number, so a replayed session reproduces it.
func (b *Bank) traceID() string {
	n := b.traces.Add(1)
	h1 := newHasher(b.seed).str("trace").i64(int64(n)).sum()
	h2 := newHasher(b.seed).str("trace2").i64(int64(n)).sum()
	var u uuid.UUID
	for i := range 8 {
		u[i] = byte(h1 >> (56 - 8*i))
		u[8+i] = byte(h2 >> (56 - 8*i))
	}
	u[6] = u[6]&0x0f | 0x40 // look like the UUIDv4 a real gateway would mint
	u[8] = u[8]&0x3f | 0x80
	return u.String()
}

// recorder remembers the status for the request log. Unwrap lets
// http.ResponseController reach the real writer to hijack it.
type recorder struct {
	http.ResponseWriter
	status int
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(p)
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// discard is a ResponseWriter that forgets the answer (LoseNext).
type discard struct{ header http.Header }

func (d discard) Header() http.Header         { return d.header }
func (d discard) Write(p []byte) (int, error) { return len(p), nil }
func (d discard) WriteHeader(int)             {}
