package jpm

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"syscall"
	"time"

	"github.com/google/uuid"
)

// maxBody bounds what we read from one response. 200 accounts x 31 days of
// balances is about 2 MB; anything far bigger is not a balance answer.
const maxBody = 32 << 20

// call is one logical API request; do() may send it several times.
type call struct {
	api    string // for messages: apiBalanceV1, apiBDA
	method string
	url    string
	body   []byte // JSON, nil for GET
	// stream, when set, decodes a 2xx body as it arrives instead of
	// reading it whole (no maxBody wall); its error is a decode failure,
	// unless the connection failed under it.
	stream func(io.Reader) error

	// Payments only. idempotencyKey is sent as Idempotency-Key; requestID,
	// when set, is the attempt's Request-Id (else a fresh one is minted).
	idempotencyKey string
	requestID      string
}

// response is a 2xx answer, read in full within the attempt's deadline.
type response struct {
	status      int
	contentType string
	body        []byte
	requestID   string
}

// attempt sends the call once: token (cached or fetched), request, whole
// body, all inside one per-attempt deadline. It returns the token it used,
// so a 401 can drop exactly that token.
func (c *Client) attempt(ctx context.Context, r call) (*response, string, error) {
	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()

	token, err := c.tokens.get(actx)
	if err != nil {
		return nil, "", c.tokenError(ctx, actx, err)
	}
	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	req, err := http.NewRequestWithContext(actx, r.method, r.url, body)
	if err != nil {
		return nil, token, fmt.Errorf("%s: cannot build the request: %w", r.api, err)
	}
	// A fresh Request-Id per attempt: J.P. Morgan echoes it in errors, and
	// support can then find the exact attempt that failed.
	reqID := r.requestID
	if reqID == "" {
		reqID = uuid.NewString()
	}
	req.Header.Set("Request-Id", reqID)
	if r.idempotencyKey != "" {
		req.Header.Set("Idempotency-Key", r.idempotencyKey)
		// net/http silently resends a request carrying Idempotency-Key
		// when a reused connection breaks; without GetBody it cannot, so
		// every send is one we see, journal and audit.
		req.GetBody = nil
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	if r.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}

	res, err := c.http.Do(req)
	if err != nil {
		return nil, token, c.networkError(ctx, actx, r.api, r.url, err)
	}
	defer res.Body.Close()
	if r.stream != nil && res.StatusCode >= 200 && res.StatusCode <= 299 {
		return c.streamBody(ctx, actx, r, res, reqID, token)
	}
	data, err := readBody(res, maxBody+1)
	if err != nil {
		return nil, token, c.networkError(ctx, actx, r.api, r.url, err)
	}
	data = c.scrub.bytes(data) // an echo of our credentials never gets further
	ct := res.Header.Get("Content-Type")
	if res.StatusCode < 200 || res.StatusCode > 299 {
		e := newAPIError(r.api, res.StatusCode, ct, data, reqID)
		if r.api == apiPayments {
			e.body = string(data) // payments read exceptions[].additionalContext from it
		}
		e.retryAfter = retryAfter(res.Header, c.now())
		if res.StatusCode >= 300 && res.StatusCode < 400 { // redirects are not followed (transport.go)
			e.ContentType = "redirect" + redirectHost(res.Header.Get("Location"))
		}
		return nil, token, e
	}
	if len(data) > maxBody {
		return nil, token, &APIError{API: r.api, HTTPStatus: res.StatusCode, Message: "response larger than 32 MiB", RequestID: reqID}
	}
	return &response{status: res.StatusCode, contentType: ct, body: data, requestID: reqID}, token, nil
}

// readBody reads at most limit bytes of the body into a buffer sized from
// Content-Length when the server sent one: a 100-item transactions page is
// ~130 KB, and growing a buffer by doubling to that size copies it several
// times over.
func readBody(res *http.Response, limit int64) ([]byte, error) {
	var buf bytes.Buffer
	if n := res.ContentLength; n > 0 && n < limit {
		buf.Grow(int(n) + bytes.MinRead)
	}
	_, err := buf.ReadFrom(io.LimitReader(res.Body, limit))
	return buf.Bytes(), err
}

// networkError describes a call that got no usable HTTP answer. A caller's
// cancellation is returned as is; the per-attempt deadline becomes a
// retryable timeout.
func (c *Client) networkError(ctx, attemptCtx context.Context, api, rawURL string, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	ne := &NetworkError{API: api, Host: hostOf(rawURL), Err: err, retryable: true}
	var (
		dnsErr   *net.DNSError
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
		verify   *tls.CertificateVerificationError
		opErr    *net.OpError
		recErr   *tls.RecordHeaderError
	)
	switch {
	case attemptCtx.Err() != nil || errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		ne.Reason = "no answer within " + c.timeout.String()
	case errors.As(err, &unknown):
		ne.Reason, ne.retryable = "the server's certificate is not signed by a trusted authority", false
		ne.advice = "check the URL; if a corporate proxy inspects TLS, its CA must be in the system trust store"
	case errors.As(err, &hostname):
		ne.Reason, ne.retryable = "the server's certificate is for a different host", false
	case errors.As(err, &invalid):
		ne.Reason, ne.retryable = "the server's certificate is invalid or expired", false
	case errors.As(err, &verify):
		ne.Reason, ne.retryable = "the server's certificate could not be verified", false
	case errors.As(err, &opErr) && opErr.Op == "remote error":
		// A TLS alert from the server, typically for want of an
		// acceptable client certificate ("tls: certificate required").
		ne.Reason, ne.retryable = "the server refused the TLS connection ("+clean(opErr.Err.Error())+")", false
		ne.advice = "check that the client certificate is the one registered with J.P. Morgan"
		ne.setting = SettingTLSCert
	case errors.As(err, &recErr):
		ne.Reason, ne.retryable = "the server does not speak TLS; check the URL scheme", false
	case errors.As(err, &dnsErr):
		ne.Reason = "host name lookup failed"
		if dnsErr.IsNotFound {
			ne.Reason = "host not found"
		}
	case errors.Is(err, syscall.ECONNREFUSED):
		ne.Reason = "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		ne.Reason = "connection reset"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		ne.Reason = "connection closed before the response was complete"
	default:
		ne.Reason = innermost(err)
	}
	return ne
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// innermost is the root cause's text, without url.Error's "Post <url>:".
func innermost(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		err = op.Err
	}
	return clean(err.Error())
}

func hostOf(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.Host != "" {
		return u.Host
	}
	return "the bank"
}

// retryAfter reads Retry-After: integer seconds or an HTTP date. Zero if
// absent or unreadable.
func retryAfter(h http.Header, now time.Time) time.Duration {
	v := h.Get("Retry-After")
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0
		}
		return time.Duration(min(secs, 1<<30)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0)
	}
	return 0
}

// streamBody hands a 2xx body to r.stream. A failing connection under the
// decoder is a network error (retried like any other); a body that is not
// the documented JSON is a decode failure, described by its first byte and
// content type as decodeFailure does.
func (c *Client) streamBody(ctx, actx context.Context, r call, res *http.Response, reqID, token string) (*response, string, error) {
	rec := &readErrRecorder{r: res.Body}
	br := bufio.NewReader(rec)
	first, _ := br.Peek(1)
	resp := &response{status: res.StatusCode, contentType: res.Header.Get("Content-Type"), requestID: reqID}
	err := r.stream(br)
	if rec.err != nil && !errors.Is(rec.err, io.EOF) {
		return nil, token, c.networkError(ctx, actx, r.api, r.url, rec.err)
	}
	if err != nil {
		if actx.Err() != nil {
			return nil, token, c.networkError(ctx, actx, r.api, r.url, actx.Err())
		}
		resp.body = bytes.Clone(first)
		return nil, token, decodeFailure(r.api, resp, err)
	}
	return resp, token, nil
}

// readErrRecorder remembers the error a read failed with, so a decoder's
// "unexpected EOF" can be told from a connection that broke.
type readErrRecorder struct {
	r   io.Reader
	err error
}

func (e *readErrRecorder) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && e.err == nil {
		e.err = err
	}
	return n, err
}
