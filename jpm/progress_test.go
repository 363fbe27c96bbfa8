package jpm

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"cashpos/model"
)

// A slow refresh can say what it waits on: every retry pause is reported,
// with the reason, the next attempt and the pause, before it begins.
func TestProgressReportsRetryWaits(t *testing.T) {
	b := newBank(t)
	n := 0
	b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
		n++
		switch n {
		case 1:
			w.Header().Set("Retry-After", "2")
			writeJSON(w, 429, `{}`)
		case 2:
			writeJSON(w, 503, `{"errors":[{"errorCode":"GCA-099","errorMsg":"System is Unavailable"}]}`)
		default:
			v1Echo(t)(w, r)
		}
	})
	var mu sync.Mutex
	var got []model.FetchProgress
	ctx := WithProgress(context.Background(), func(p model.FetchProgress) {
		mu.Lock()
		got = append(got, p)
		mu.Unlock()
	})
	sl := &sleeps{}
	c := b.client(func(o *Options) { o.Sleep = sl.sleep; o.Rand = func() float64 { return 0.5 } })
	if _, err := c.Balances(ctx, v1Refs("1"), CurrentDay); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("reports %+v, want 2", got)
	}
	if p := got[0]; p.Reason != "rate limited" || p.Attempt != 2 || p.Of != 5 || p.Wait != 2*time.Second || p.API != apiBalanceV1 || p.At.IsZero() {
		t.Errorf("first report %+v", p)
	}
	if p := got[1]; p.Reason != "HTTP 503" || p.Attempt != 3 {
		t.Errorf("second report %+v", p)
	}
	// Without a callback nothing is reported and nothing breaks.
	n = 0
	if _, err := c.Balances(context.Background(), v1Refs("1"), CurrentDay); err != nil {
		t.Fatal(err)
	}
}
