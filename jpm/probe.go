package jpm

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"cashpos/model"
)

// Probes for `cashpos doctor`: one small call per API, each answer sorted
// into entitled, not entitled, unreachable or unknown. The doctor builds
// its client with no retries, so a failing bank gives its answer at once.

// Access is what one API said about the client's entitlement.
type Access int

const (
	// AccessUnknown: something answered, but not the API (404 "no such
	// route", an unreadable answer): the host or the path is wrong, or
	// this bank (or mock) does not serve the API.
	AccessUnknown Access = iota
	AccessEntitled
	AccessNotEntitled
	AccessUnreachable // no answer, or the bank said it is unavailable (5xx, 429)
)

func (a Access) String() string {
	return [...]string{"unknown", "entitled", "not entitled", "unreachable"}[a]
}

// Probe is one API's answer.
type Probe struct {
	Access     Access
	Accounts   []string // the accounts it listed (balances APIs), in its order
	Status     int      // HTTP status; 0 without an answer
	Detail     string   // the bank's answer in one clean line: status, code, message
	RequestID  string
	TraceID    string
	Err        error // the underlying error, nil when entitled
	NoAccounts bool  // entitled to the API but to no account in it (GCA-022)
}

// SignIn fetches a fresh access token and says how long the bank grants
// it (0 when it gave no expires_in).
func (c *Client) SignIn(ctx context.Context) (time.Duration, error) {
	actx, cancel := context.WithTimeout(withAttempt(ctx, 1), c.timeout)
	defer cancel()
	c.tokens.mu.Lock()
	c.tokens.token, c.tokens.expires = "", time.Time{}
	c.tokens.mu.Unlock()
	if _, err := c.tokens.get(actx); err != nil {
		return 0, c.tokenError(ctx, actx, err)
	}
	c.tokens.mu.Lock()
	defer c.tokens.mu.Unlock()
	if c.tokens.expires.IsZero() {
		return 0, nil
	}
	// expires is kept early (tokenEarlyExpiry); give back the bank's figure.
	return (c.tokens.expires.Sub(c.now()) + tokenEarlyExpiry).Round(time.Second), nil
}

// ProbeBalances asks Account Balances v1 for every account the client is
// entitled to (an empty request), and counts them.
func (c *Client) ProbeBalances(ctx context.Context) Probe {
	res, err := c.fetchV1(ctx, v1Query{relative: CurrentDay}, nil)
	if err != nil {
		p := classify(err)
		var ae *APIError
		if errors.As(err, &ae) && ae.kind() == model.ErrNoEligibleAccounts {
			p.Access, p.NoAccounts = AccessNotEntitled, true
		}
		return p
	}
	p := Probe{Access: AccessEntitled, Status: http.StatusOK}
	seen := map[string]bool{}
	for _, a := range res.resp.AccountList {
		if !seen[a.AccountID] {
			seen[a.AccountID] = true
			p.Accounts = append(p.Accounts, a.AccountID)
		}
	}
	return p
}

// ProbeBDA lists the BDA accounts (GET /accounts/balances, every page).
func (c *Client) ProbeBDA(ctx context.Context) Probe {
	res, err := c.bdaPages(ctx, http.MethodGet, "/accounts/balances", nil)
	if err != nil {
		return classify(err)
	}
	p := Probe{Access: AccessEntitled, Status: http.StatusOK}
	for _, a := range res.accounts {
		p.Accounts = append(p.Accounts, a.Account.Number)
	}
	return p
}

// ProbeTransactions asks Transaction Details (base is its prefix, e.g.
// https://host/tsapi/v3) for the current day of account, or of no account
// when none is known. Any answer from the API itself proves access; a 400
// means the gateway let the call through to validation (UNCONFIRMED that
// J.P. Morgan checks entitlement before validation, as gateways do).
func (c *Client) ProbeTransactions(ctx context.Context, base, account string) Probe {
	const api = "transactions"
	if err := checkURL("Transaction Details base URL", base); err != nil {
		return Probe{Access: AccessUnknown, Detail: err.Error(), Err: err}
	}
	q := url.Values{"relativeDateType": {string(CurrentDay)}}
	if account != "" {
		q.Set("accountIds", account)
	}
	_, err := c.do(ctx, call{api: api, method: http.MethodGet, url: strings.TrimRight(base, "/") + "/transactions?" + q.Encode()})
	if err == nil {
		return Probe{Access: AccessEntitled, Status: http.StatusOK, Detail: "answered 200"}
	}
	return classify(err)
}

// ProbePayments looks up the status of a payment that cannot exist, by a
// made-up end-to-end id (Global Payments 2, GET /payments?endToEndId=).
// "Not found" in the API's own error model, or an empty list, proves
// access without touching any payment; a 404 in any other shape is the
// gateway saying there is no such route.
func (c *Client) ProbePayments(ctx context.Context, base string) Probe {
	const api = "payments"
	if err := checkURL("Global Payments base URL", base); err != nil {
		return Probe{Access: AccessUnknown, Detail: err.Error(), Err: err}
	}
	q := url.Values{"endToEndId": {impossibleEndToEndID()}, "view": {"SUMMARY"}}
	_, err := c.do(ctx, call{api: api, method: http.MethodGet, url: strings.TrimRight(base, "/") + "/payments?" + q.Encode()})
	if err == nil {
		return Probe{Access: AccessEntitled, Status: http.StatusOK, Detail: "answered 200 for a payment that does not exist"}
	}
	p := classify(err)
	var ae *APIError
	if errors.As(err, &ae) && ae.HTTPStatus == http.StatusNotFound && ae.Title != "" {
		p.Access = AccessEntitled
		p.Detail = "\"not found\" for a payment that does not exist, in the API's own error model (" + p.Detail + ")"
	}
	return p
}

// impossibleEndToEndID is letters and digits only (the US wire rule), 32
// characters, and says what it is if it ever shows up in a log at the bank.
func impossibleEndToEndID() string {
	var b [10]byte
	_, _ = rand.Read(b[:])
	return "CASHPOSDOCTOR" + strings.ToUpper(hex.EncodeToString(b[:]))[:19]
}

// classify sorts a failed probe's error.
func classify(err error) Probe {
	p := Probe{Err: err, Access: AccessUnknown}
	var ae *APIError
	var ne *NetworkError
	var re *requestError
	switch {
	case errors.As(err, &ae):
		p.Status, p.RequestID, p.TraceID = ae.HTTPStatus, ae.RequestID, ae.TraceID
		p.Detail = ae.detail()
		if ae.HTTPStatus != 0 && !strings.Contains(p.Detail, "HTTP ") {
			p.Detail = "HTTP " + strconv.Itoa(ae.HTTPStatus) + ", " + p.Detail
		}
		p.Access = accessOf(ae)
	case errors.As(err, &ne):
		p.Access, p.Detail = AccessUnreachable, "cannot reach "+ne.Host+": "+ne.Reason
	case errors.As(err, &re):
		p.Detail = re.msg
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		p.Access, p.Detail = AccessUnreachable, "no answer in time"
	default:
		p.Detail = clean(err.Error())
	}
	return p
}

func accessOf(ae *APIError) Access {
	s := ae.HTTPStatus
	switch {
	case ae.API == apiToken:
		return AccessUnreachable // signing in failed here; the token check says why
	case s == 401 || s == 403 || ae.kind() == model.ErrUnauthorized:
		return AccessNotEntitled
	case s == 429 || s >= 500:
		return AccessUnreachable
	case s == 404, ae.ContentType != "", ae.malformed:
		return AccessUnknown
	case s >= 400:
		return AccessEntitled // the API itself judged the request
	}
	return AccessUnknown
}
