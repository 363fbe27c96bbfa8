package jpm

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"sync"
	"time"
)

// DebugRecord is one line of the --debug log: what support needs to find a
// request at J.P. Morgan, and nothing more. Never a header value other than
// Request-Id, never a body, never a query value (account ids and payment
// references travel there), so no secret, token or amount can reach the
// file.
type DebugRecord struct {
	Time       string   `json:"time"` // when the request was sent, RFC 3339 UTC
	Method     string   `json:"method"`
	Host       string   `json:"host"`
	Path       string   `json:"path"`
	QueryKeys  []string `json:"query_keys,omitempty"` // parameter names only
	Status     int      `json:"status,omitempty"`     // 0 when no answer came
	DurationMS float64  `json:"duration_ms"`
	Attempt    int      `json:"attempt,omitempty"` // 1 for the first try; 0 outside the retry loop
	RequestID  string   `json:"request_id,omitempty"`
	TraceID    string   `json:"trace_id,omitempty"` // the bank's traceId, from an error answer
	Error      string   `json:"error,omitempty"`    // why no answer came (connection refused, timeout)
}

// debugTransport writes one DebugRecord per round trip to w. It wraps the
// finished transport (after the mTLS set-up), so it sees exactly the
// requests the bank sees, token calls included.
type debugTransport struct {
	next http.RoundTripper
	now  func() time.Time
	mu   *sync.Mutex
	w    io.Writer
}

// attemptKey carries do()'s attempt number down to the transport.
type attemptKey struct{}

func withAttempt(ctx context.Context, n int) context.Context {
	return context.WithValue(ctx, attemptKey{}, n)
}

func (t *debugTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	rec := DebugRecord{
		Time:      t.now().UTC().Format(time.RFC3339Nano),
		Method:    req.Method,
		Host:      req.URL.Host,
		Path:      req.URL.Path,
		RequestID: clean(req.Header.Get("Request-Id")),
	}
	for k := range req.URL.Query() {
		rec.QueryKeys = append(rec.QueryKeys, k)
	}
	sort.Strings(rec.QueryKeys)
	if n, ok := req.Context().Value(attemptKey{}).(int); ok {
		rec.Attempt = n
	}
	start := time.Now()
	res, err := t.next.RoundTrip(req)
	rec.DurationMS = float64(time.Since(start).Microseconds()) / 1000
	if err != nil {
		rec.Error = innermost(err)
	} else {
		rec.Status = res.StatusCode
		if res.StatusCode >= 400 {
			rec.TraceID = peekTraceID(res)
		}
	}
	t.write(rec)
	return res, err
}

func (t *debugTransport) write(rec DebugRecord) {
	line, err := json.Marshal(rec)
	if err != nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	// One Write per line, so concurrent batches never interleave inside
	// a line; a failing debug file must not fail the request.
	_, _ = t.w.Write(append(line, '\n'))
}

// maxPeek bounds how much of an error answer is read early to find its
// traceId; error bodies are small, and a larger one is left alone.
const maxPeek = 64 << 10

// peekTraceID reads the bank's traceId (common error model, jpm-api.md §2)
// from an error answer and puts the bytes back for the caller. Only that
// one field is kept. UNCONFIRMED: whether J.P. Morgan also sends a trace id
// header on successful answers; none is documented, so none is logged.
func peekTraceID(res *http.Response) string {
	if res.Body == nil || res.ContentLength > maxPeek {
		return ""
	}
	data, err := io.ReadAll(io.LimitReader(res.Body, maxPeek+1))
	res.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(data), errAfter(err)), res.Body}
	if err != nil || len(data) > maxPeek {
		return ""
	}
	var v struct {
		TraceID string `json:"traceId"`
	}
	if json.Unmarshal(data, &v) != nil {
		return ""
	}
	return clean(v.TraceID)
}

// errAfter replays a read error after the peeked bytes.
func errAfter(err error) io.Reader {
	if err == nil {
		return bytes.NewReader(nil)
	}
	return errReader{err}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
