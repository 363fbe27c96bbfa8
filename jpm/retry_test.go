package jpm

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"cashpos/model"
)

// failing answers the first n calls with fail, then echoes balances.
func failing(t *testing.T, n int32, fail http.HandlerFunc) (http.HandlerFunc, *atomic.Int32) {
	var calls atomic.Int32
	return func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) <= n {
			fail(w, r)
			return
		}
		v1Echo(t)(w, r)
	}, &calls
}

func status(code int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { writeJSON(w, code, body) }
}

func TestRequestIDFreshPerAttempt(t *testing.T) {
	b := newBank(t)
	var mu sync.Mutex
	var ids []string
	h, _ := failing(t, 2, status(503, `{"errors":[{"errorCode":"GCA-099","errorMsg":"System is Unavailable"}]}`))
	b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		ids = append(ids, r.Header.Get("Request-Id"))
		mu.Unlock()
		if r.Header.Get("Accept") != "application/json" || r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("Accept %q, Content-Type %q", r.Header.Get("Accept"), r.Header.Get("Content-Type"))
		}
		h(w, r)
	})
	if _, err := b.client().Balances(context.Background(), v1Refs("1"), CurrentDay); err != nil {
		t.Fatal(err)
	}
	if len(ids) != 3 {
		t.Fatalf("attempts = %d, want 3", len(ids))
	}
	for _, id := range ids {
		u, err := uuid.Parse(id)
		if err != nil || u.Version() != 4 {
			t.Errorf("Request-Id %q is not a UUIDv4", id)
		}
	}
	if uniq := slices.Compact(slices.Sorted(slices.Values(ids))); len(uniq) != 3 {
		t.Errorf("Request-Ids repeat: %v", ids)
	}
}

func TestRetryAfterHonoured(t *testing.T) {
	cases := []struct {
		name, header string
		want         time.Duration
	}{
		{"seconds", "7", 7 * time.Second},
		{"HTTP date", testNow.Add(12 * time.Second).Format(http.TimeFormat), 12 * time.Second},
		{"capped", "600", 30 * time.Second}, // a 600 s Retry-After must not freeze a read
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := newBank(t)
			h, calls := failing(t, 1, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Retry-After", tc.header)
				writeJSON(w, 429, `{}`)
			})
			b.handle("POST /accessapi/balance", h)
			sl := &sleeps{}
			if _, err := b.client(func(o *Options) { o.Sleep = sl.sleep }).Balances(context.Background(), v1Refs("1"), CurrentDay); err != nil {
				t.Fatal(err)
			}
			if got := sl.got(); len(got) != 1 || got[0] != tc.want || calls.Load() != 2 {
				t.Errorf("slept %v over %d calls, want [%v] over 2", got, calls.Load(), tc.want)
			}
		})
	}
}

func TestBackoffExponentialWithJitter(t *testing.T) {
	b := newBank(t)
	h, _ := failing(t, 3, status(503, `{}`))
	b.handle("POST /accessapi/balance", h)
	sl := &sleeps{}
	c := b.client(func(o *Options) { o.Sleep = sl.sleep; o.Rand = func() float64 { return 0.5 } })
	if _, err := c.Balances(context.Background(), v1Refs("1"), CurrentDay); err != nil {
		t.Fatal(err)
	}
	// Full jitter: rand * min(8s, 250ms * 2^(n-1)), rand = 0.5.
	want := []time.Duration{125 * time.Millisecond, 250 * time.Millisecond, 500 * time.Millisecond}
	if got := sl.got(); !slices.Equal(got, want) {
		t.Errorf("slept %v, want %v", got, want)
	}
	// The ceiling stops at MaxBackoff.
	if d := c.backoff(20, &APIError{HTTPStatus: 503}); d != 4*time.Second {
		t.Errorf("backoff(20) = %v, want 4s (half of the 8s cap)", d)
	}
}

func TestRetriesBoundedThenUnavailable(t *testing.T) {
	for _, code := range []int{500, 502, 503, 504, 429} {
		b := newBank(t)
		var calls atomic.Int32
		b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			writeJSON(w, code, `{"errors":[{"errorCode":"GCA-099","errorMsg":"System is Unavailable"}]}`)
		})
		sl := &sleeps{}
		_, err := b.client(func(o *Options) { o.Sleep = sl.sleep }).Balances(context.Background(), v1Refs("1"), CurrentDay)
		if !errors.Is(err, model.ErrUnavailable) {
			t.Fatalf("HTTP %d: err = %v", code, err)
		}
		if calls.Load() != 5 || len(sl.got()) != 4 {
			t.Errorf("HTTP %d: %d calls, %d sleeps; want 5 and 4", code, calls.Load(), len(sl.got()))
		}
		if !strings.Contains(err.Error(), "after 5 attempts") {
			t.Errorf("message %q does not say how often it tried", err)
		}
		if code == 503 {
			t.Log(err)
		}
	}
}

func TestNoRetryOnOther4xx(t *testing.T) {
	for _, code := range []int{400, 404, 409, 422} {
		b := newBank(t)
		var calls atomic.Int32
		b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			writeJSON(w, code, `{"errors":[{"errorCode":"GCA-023","errorMsg":"Invalid format"}]}`)
		})
		_, err := b.client().Balances(context.Background(), v1Refs("1"), CurrentDay)
		if !errors.Is(err, model.ErrBadRequest) || calls.Load() != 1 {
			t.Errorf("HTTP %d: err %v after %d calls; want ErrBadRequest after 1", code, err, calls.Load())
		}
	}
}

func TestConnectionClosedMidResponseIsRetried(t *testing.T) {
	b := newBank(t)
	h, calls := failing(t, 1, func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Fatal(err)
		}
		// Promise 1000 bytes, send a few, hang up.
		buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"accountList\":[{\"acc")
		buf.Flush()
		conn.Close()
	})
	b.handle("POST /accessapi/balance", h)
	sl := &sleeps{}
	snap, err := b.client(func(o *Options) { o.Sleep = sl.sleep }).Balances(context.Background(), v1Refs("1"), CurrentDay)
	if err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 2 || len(snap.Balances) != 1 || snap.Balances[0].Problem != nil {
		t.Errorf("calls %d, rows %+v", calls.Load(), snap.Balances)
	}
}

func TestBrokenConnectionExhaustedMessage(t *testing.T) {
	b := newBank(t)
	b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
		conn, _, _ := w.(http.Hijacker).Hijack()
		conn.Close() // no answer at all
	})
	_, err := b.client(func(o *Options) { o.MaxRetries = 1 }).Balances(context.Background(), v1Refs("1"), CurrentDay)
	var ne *NetworkError
	if !errors.Is(err, model.ErrUnavailable) || !errors.As(err, &ne) {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(err.Error(), "connection closed before the response was complete") {
		t.Errorf("message = %q", err)
	}
	t.Log(err)
}

func TestTimeoutPerAttemptIsRetried(t *testing.T) {
	b := newBank(t)
	h, calls := failing(t, 1, func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body) // only then does the server notice the client hanging up
		select {                    // hang until the client gives up
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	b.handle("POST /accessapi/balance", h)
	c := b.client(func(o *Options) { o.Timeout = 100 * time.Millisecond })
	if _, err := c.Balances(context.Background(), v1Refs("1"), CurrentDay); err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 2 {
		t.Errorf("calls = %d, want 2", calls.Load())
	}
}

func TestTimeoutExhausted(t *testing.T) {
	b := newBank(t)
	b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	c := b.client(func(o *Options) { o.Timeout = 50 * time.Millisecond; o.MaxRetries = 1 })
	_, err := c.Balances(context.Background(), v1Refs("1"), CurrentDay)
	if !errors.Is(err, model.ErrUnavailable) || !strings.Contains(err.Error(), "no answer within 50ms") {
		t.Fatalf("err = %v", err)
	}
	if errors.Is(err, context.Canceled) {
		t.Error("a per-attempt timeout must not look like the caller's cancellation")
	}
}

func TestCallerCancellationStopsRetrying(t *testing.T) {
	b := newBank(t)
	var calls atomic.Int32
	b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		writeJSON(w, 503, `{}`)
	})
	ctx, cancel := context.WithCancel(context.Background())
	c := b.client(func(o *Options) {
		o.Sleep = func(ctx context.Context, d time.Duration) error { cancel(); return ctx.Err() }
	})
	_, err := c.Balances(ctx, v1Refs("1"), CurrentDay)
	if !errors.Is(err, context.Canceled) || calls.Load() != 1 {
		t.Errorf("err %v after %d calls; want context.Canceled after 1", err, calls.Load())
	}
}

func TestConnectionRefusedMessage(t *testing.T) {
	b := newBank(t)
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close()
	c := b.client(func(o *Options) { o.Endpoints.Balance = deadURL + "/accessapi"; o.MaxRetries = 2 })
	_, err := c.Balances(context.Background(), v1Refs("1"), CurrentDay)
	host := strings.TrimPrefix(deadURL, "http://")
	want := "balances v1: cannot reach " + host + ": connection refused (after 3 attempts); check the network or the base URL"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant  %s", err, want)
	}
	var op *net.OpError
	if !errors.As(err, &op) || !errors.Is(err, model.ErrUnavailable) {
		t.Error("the cause and the sentinel should both be reachable")
	}
}
