package jpm

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"cashpos/model"
)

// tokenEarlyExpiry: a token is replaced this long before the bank says it
// expires (jpm-api.md §1.3: reuse until ~30 s before expiry), so a request
// never leaves with a token that dies in flight.
const tokenEarlyExpiry = 30 * time.Second

type tokenFetcher func(ctx context.Context) (*oauth2.Token, error)

// tokenCache holds the access token and fetches a new one when it is near
// expiry or the bank refused it.
//
// Why not oauth2.ReuseTokenSourceWithExpiry: its Token() takes no context,
// so a hung token endpoint could not be cut off by the per-attempt timeout
// or the caller's cancellation, and it has no way to drop a token the bank
// answered 401 to. This is the same idea (cache, early expiry, one fetch at
// a time) with both.
type tokenCache struct {
	fetch  tokenFetcher
	now    func() time.Time
	issued func(token string) // told every token the bank issues, to scrub it from text

	mu      sync.Mutex
	token   string
	expires time.Time // on the injected clock; zero = no expires_in, keep until refused
	flight  *flight   // the fetch in progress, if any
}

// flight is one token fetch that concurrent callers share, result and
// error alike: eight batches refused for a bad secret make one token call.
type flight struct {
	done  chan struct{}
	token string
	err   error
}

func newTokenCache(fetch tokenFetcher, now func() time.Time) *tokenCache {
	return &tokenCache{fetch: fetch, now: now}
}

// get returns a usable token, fetching one if needed.
func (tc *tokenCache) get(ctx context.Context) (string, error) {
	for {
		tc.mu.Lock()
		if tc.token != "" && (tc.expires.IsZero() || tc.now().Before(tc.expires)) {
			t := tc.token
			tc.mu.Unlock()
			return t, nil
		}
		if f := tc.flight; f != nil {
			tc.mu.Unlock()
			select {
			case <-f.done:
			case <-ctx.Done():
				return "", ctx.Err()
			}
			if f.err != nil && ctx.Err() == nil &&
				(errors.Is(f.err, context.Canceled) || errors.Is(f.err, context.DeadlineExceeded)) {
				continue // the fetching caller gave up, not the bank: fetch ourselves
			}
			return f.token, f.err
		}
		f := &flight{done: make(chan struct{})}
		tc.flight = f
		tc.mu.Unlock()

		tok, err := tc.fetch(ctx)
		if err == nil {
			if tc.issued != nil {
				tc.issued(tok.AccessToken)
			}
			err = checkToken(tok.AccessToken)
		}

		tc.mu.Lock()
		if err == nil {
			var expires time.Time
			if !tok.Expiry.IsZero() {
				// oauth2 computes Expiry on the wall clock; carry the
				// lifetime over to the injected clock. A short-lived
				// token keeps at least half its life rather than being
				// fetched again on every call.
				ttl := time.Until(tok.Expiry)
				expires = tc.now().Add(ttl - min(tokenEarlyExpiry, ttl/2))
			}
			tc.token, tc.expires = tok.AccessToken, expires
			f.token = tok.AccessToken
		}
		f.err = err
		tc.flight = nil
		tc.mu.Unlock()
		close(f.done)
		return f.token, f.err
	}
}

// drop forgets token if it is still the cached one, so that many requests
// refused with the same stale token cause one fetch, not many.
func (tc *tokenCache) drop(token string) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	if tc.token == token {
		tc.token, tc.expires = "", time.Time{}
	}
}

// tokenFetcher builds the fetch for the configured flavour. Both go through
// clientcredentials with our HTTP client (mTLS, no redirects) in the
// context.
func (c *Client) tokenFetcher(o Options) tokenFetcher {
	if a := o.Assertion; a != nil {
		// Client testing / production: a fresh signed assertion per
		// fetch (each has a unique jti and a short exp). client_id goes in
		// the form (AuthStyleInParams, no secret). Scope is not sent:
		// the documented form has resource instead (jpm-api.md §1.3).
		clientID, tokenURL := o.ClientID, c.ep.Token
		return func(ctx context.Context) (*oauth2.Token, error) {
			jwt, err := a.sign(clientID, tokenURL, c.now())
			c.scrub.add(jwt)
			if err != nil {
				return nil, fmt.Errorf("cannot sign the client assertion (%v); check the signing key: %w", err, model.ErrUnauthorized)
			}
			params := url.Values{
				"client_assertion_type": {assertionType},
				"client_assertion":      {jwt},
			}
			if a.Resource != "" {
				params.Set("resource", a.Resource)
			}
			cfg := &clientcredentials.Config{
				ClientID:       clientID,
				TokenURL:       tokenURL,
				EndpointParams: params,
				AuthStyle:      oauth2.AuthStyleInParams,
			}
			return cfg.Token(context.WithValue(ctx, oauth2.HTTPClient, c.http))
		}
	}
	// Mock environment: HTTP Basic client_id:client_secret, as the portal's
	// quick start does (jpm-api.md §1.2). AuthStyle is fixed, never
	// auto-detected: auto-detection retries a failure with the secret in
	// the form body, sending it twice.
	cfg := &clientcredentials.Config{
		ClientID:     o.ClientID,
		ClientSecret: o.ClientSecret,
		TokenURL:     c.ep.Token,
		AuthStyle:    oauth2.AuthStyleInHeader,
	}
	if o.Scope != "" {
		cfg.Scopes = strings.Fields(o.Scope)
	}
	return func(ctx context.Context) (*oauth2.Token, error) {
		return cfg.Token(context.WithValue(ctx, oauth2.HTTPClient, c.http))
	}
}

// tokenError turns a failed token fetch into our types. It never uses
// oauth2's own messages: RetrieveError.Error() prints the raw body.
func (c *Client) tokenError(ctx, attemptCtx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	var own *APIError
	if errors.Is(err, model.ErrUnauthorized) || errors.As(err, &own) { // our own, already one clear line
		return err
	}
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		e := &APIError{API: apiToken}
		ct := ""
		if re.Response != nil {
			e.HTTPStatus = re.Response.StatusCode
			ct = re.Response.Header.Get("Content-Type")
			e.retryAfter = retryAfter(re.Response.Header, c.now())
		}
		body := c.scrub.bytes(re.Body)
		isJSON := parseErrorBody(e, body)
		switch {
		case e.Code == "" && re.ErrorCode != "": // a form-encoded error
			e.Code, e.Message = clean(c.scrub.str(re.ErrorCode)), clean(c.scrub.str(re.ErrorDescription))
		case !isJSON && len(strings.TrimSpace(string(body))) > 0:
			e.ContentType = mediaType(ct)
		}
		if re.Response != nil && e.HTTPStatus >= 300 && e.HTTPStatus < 400 {
			// Redirects are not followed (transport.go): say where the
			// token endpoint sent us, host only, never the userinfo.
			e.ContentType = "redirect" + redirectHost(re.Response.Header.Get("Location"))
		}
		if c.usesAssertion() && e.kind() == model.ErrUnauthorized && e.Code != "invalid_scope" {
			e.advice = "check the client id, the resource id, and that the signing certificate is the one uploaded to the J.P. Morgan portal"
			e.setting = SettingResource
		}
		return e
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return c.networkError(ctx, attemptCtx, apiToken, c.ep.Token, ue)
	}
	// Out of time (our attempt's, or waiting on another caller's fetch).
	if attemptCtx.Err() != nil || errors.Is(err, context.DeadlineExceeded) {
		return c.networkError(ctx, attemptCtx, apiToken, c.ep.Token, err)
	}
	// oauth2 flattens a failed body read into text, losing the error
	// chain ("oauth2: cannot fetch token: unexpected EOF").
	if strings.Contains(err.Error(), "cannot fetch token") {
		return &NetworkError{API: apiToken, Host: hostOf(c.ep.Token), Reason: "connection closed before the token response was complete", Err: err, retryable: true}
	}
	// A 2xx that was not a token (unparseable, no access_token).
	return &APIError{API: apiToken, HTTPStatus: 200, malformed: true, Message: "the answer carried no usable access token"}
}

func (c *Client) usesAssertion() bool { return c.assertion }

// checkToken refuses an access token that cannot go into an HTTP header
// (control characters, a CRLF): sending it would fail on every attempt and
// look like a network fault. It is the token endpoint's answer that is bad.
func checkToken(token string) error {
	for i := 0; i < len(token); i++ {
		if c := token[i]; c < 0x20 || c == 0x7f {
			return &APIError{API: apiToken, HTTPStatus: 200, malformed: true,
				Message: "the access token it issued has control characters or a line break, which no HTTP header can carry"}
		}
	}
	return nil
}

// redirectHost is " to <host>" for a redirect's Location, or "" when it has
// none we can read.
func redirectHost(location string) string {
	if u, err := url.Parse(location); err == nil && u.Host != "" {
		return " to " + u.Host
	}
	return ""
}
