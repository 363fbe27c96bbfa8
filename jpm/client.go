// Package jpm is cashpos's J.P. Morgan client: OAuth2 sign-in, retries,
// typed errors, and the Account Balances v1 and BDA Balances v2 wire formats,
// mapped onto model types. Nothing outside this package sees a wire struct.
//
// It takes plain Options and imports neither config nor ui.
package jpm

import (
	"context"
	"crypto/tls"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"time"

	"cashpos/model"
)

// Endpoints are the API bases, each including its documented path prefix.
type Endpoints struct {
	Balance string // Account Balances v1, e.g. "https://apigateway.jpmorgan.com/accessapi"
	BDA     string // BDA Balances v2, e.g. "https://api.payments.jpmorgan.com/account/v2"
	Token   string // the OAuth2 token URL in full
	// Transactions is Transaction Details v3, e.g.
	// "https://apigateway.jpmorgan.com/tsapi/v3". Optional: without it
	// the transaction calls are refused and the balance calls still work.
	Transactions string
	// Payments is Global Payments 2, e.g.
	// "https://api.payments.jpmorgan.com/payment/v2". Optional: without it
	// the payment calls refuse to run and nothing else changes.
	Payments string
}

// Options configure a Client. Zero values take the documented defaults.
type Options struct {
	Endpoints               Endpoints
	ClientID, ClientSecret  string
	Scope                   string
	Assertion               *Assertion        // when set, sign in with a signed JWT instead of the secret
	TLSCertificates         []tls.Certificate // client certificate(s) for mutual TLS
	HTTPClient              *http.Client      // optional base (tests); its Transport is used
	Timeout                 time.Duration     // per attempt, default 20s
	MaxRetries              int               // retries after the first attempt, default 4; negative means none
	BaseBackoff, MaxBackoff time.Duration     // default 250ms, 8s
	MaxRetryAfter           time.Duration     // cap on an honoured Retry-After, default 30s
	Concurrency             int               // concurrent batch requests, default 8
	DiscoverBDA             bool              // with no watched list, also list BDA v2 accounts
	Debug                   io.Writer         // --debug: one JSON line per HTTP request (debuglog.go); nil means none
	Now                     func() time.Time
	Sleep                   func(ctx context.Context, d time.Duration) error
	Rand                    func() float64 // jitter source in [0,1)
	// Categories maps BAI type codes to ledger categories for every
	// transaction the client returns; the zero value is the defaults.
	Categories model.CategoryTable
}

// RelativeDay selects the current (intraday) or the prior (closed) day.
type RelativeDay string

const (
	CurrentDay RelativeDay = "CURRENT_DAY"
	PriorDay   RelativeDay = "PRIOR_DAY"
)

// Client talks to J.P. Morgan. It is safe for concurrent use; pass it
// around as a value, never keep it in a package global.
type Client struct {
	ep     Endpoints
	http   *http.Client
	tokens *tokenCache
	scrub  *scrubber // this process's secrets, kept out of every text from the bank

	timeout       time.Duration
	maxRetries    int
	baseBackoff   time.Duration
	maxBackoff    time.Duration
	maxRetryAfter time.Duration
	concurrency   int
	discoverBDA   bool
	assertion     bool // signs in with a JWT assertion, not a secret
	maxV1Accounts int  // accounts kept from one v1 answer; beyond, LIMIT rows

	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error
	rand  func() float64

	categories model.CategoryTable
	txnCache   *txnCache // closed days' transactions, for the session
}

// New checks the options and builds a Client. It makes no network call:
// the first token is fetched with the first request.
func New(o Options) (*Client, error) {
	ep := trimEndpoints(o.Endpoints)
	if err := checkEndpoints(ep); err != nil {
		return nil, err
	}
	if err := checkCredentials(o); err != nil {
		return nil, err
	}
	hc, err := httpClient(o)
	if err != nil {
		return nil, err
	}
	c := newClient(o, ep, hc)
	c.scrub.addClient(o.ClientID, o.ClientSecret)
	c.tokens = newTokenCache(c.tokenFetcher(o), c.now)
	c.tokens.issued = func(token string) { c.scrub.add(token) }
	return c, nil
}

// trimEndpoints drops trailing slashes from the API bases, which have paths
// appended; the token URL is used as given.
func trimEndpoints(e Endpoints) Endpoints {
	return Endpoints{
		Balance:      strings.TrimRight(e.Balance, "/"),
		BDA:          strings.TrimRight(e.BDA, "/"),
		Transactions: strings.TrimRight(e.Transactions, "/"),
		Token:        e.Token,
		Payments:     strings.TrimRight(e.Payments, "/"),
	}
}

// checkEndpoints refuses a missing or unsafe URL (see checkURL).
func checkEndpoints(ep Endpoints) error {
	for _, u := range []struct{ name, url string }{
		{"balances v1 base URL", ep.Balance},
		{"BDA balances v2 base URL", ep.BDA},
		{"token URL", ep.Token},
	} {
		if err := checkURL(u.name, u.url); err != nil {
			return err
		}
	}
	if ep.Transactions != "" {
		if err := checkURL("transactions v3 base URL", ep.Transactions); err != nil {
			return err
		}
	}
	if ep.Payments != "" {
		return checkURL("payments base URL", ep.Payments)
	}
	return nil
}

// checkCredentials refuses a missing client id, and a missing secret unless
// a JWT assertion signs in instead, which must then be usable.
func checkCredentials(o Options) error {
	if o.ClientID == "" {
		return &settingError{"jpm: no client id; set the client id", SettingClientCredentials}
	}
	if o.Assertion == nil && o.ClientSecret == "" {
		return &settingError{"jpm: no client secret; set the client secret", SettingClientCredentials}
	}
	if o.Assertion != nil {
		return o.Assertion.check()
	}
	return nil
}

// newClient builds the Client from checked options, zero values taking the
// documented defaults. Its token cache is left to the caller.
func newClient(o Options, ep Endpoints, hc *http.Client) *Client {
	c := &Client{
		ep:            ep,
		http:          hc,
		scrub:         &scrubber{},
		timeout:       or(o.Timeout, 20*time.Second),
		maxRetries:    o.MaxRetries,
		baseBackoff:   or(o.BaseBackoff, 250*time.Millisecond),
		maxBackoff:    or(o.MaxBackoff, 8*time.Second),
		maxRetryAfter: or(o.MaxRetryAfter, 30*time.Second),
		concurrency:   o.Concurrency,
		discoverBDA:   o.DiscoverBDA,
		assertion:     o.Assertion != nil,
		now:           o.Now,
		sleep:         o.Sleep,
		rand:          o.Rand,
		categories:    o.Categories,
		txnCache:      newTxnCache(),
	}
	c.fillDefaults()
	return c
}

// fillDefaults sets the defaults of the options that are not durations:
// MaxRetries zero means the default and negative means none; missing hooks
// are the real clock, sleep and random source.
func (c *Client) fillDefaults() {
	switch {
	case c.maxRetries == 0:
		c.maxRetries = 4
	case c.maxRetries < 0:
		c.maxRetries = 0
	}
	if c.concurrency <= 0 {
		c.concurrency = 8
	}
	if c.maxV1Accounts <= 0 {
		c.maxV1Accounts = maxV1Accounts
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.sleep == nil {
		c.sleep = sleepCtx
	}
	if c.rand == nil {
		c.rand = rand.Float64
	}
}

func or(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (d RelativeDay) valid() error {
	if d != CurrentDay && d != PriorDay {
		return refuse("balances", "the relative day %q is neither CurrentDay nor PriorDay", string(d))
	}
	return nil
}
