package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// ctrl+c (the signal cancels run's context) while transactions waits on
// the bank ends with the "interrupted" line and exit 130, not a raw
// "context canceled" and exit 1 (issue 6 item 12).
func TestTransactionsInterruptedSaysSo(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/token" {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"access_token":"tok-interrupt-test","token_type":"Bearer","expires_in":3600}`)
			return
		}
		<-r.Context().Done() // a bank that never answers
	}))
	defer srv.Close()
	getenv := env(t, "CASHPOS_ENV", "mock", "CASHPOS_BASE_URL", srv.URL, "CASHPOS_TOKEN_URL", srv.URL+"/token",
		"CASHPOS_CLIENT_ID", "cid", "CASHPOS_CLIENT_SECRET", "csecret-0123")
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	var out, errb bytes.Buffer
	code := run(ctx, []string{"transactions", "--account", "000000010962009", "--new"},
		stdio{in: strings.NewReader(""), out: &out, err: &errb, now: fixedClock}, getenv)
	if code != exitInterrupted || !strings.Contains(errb.String(), "interrupted") ||
		strings.Contains(errb.String(), "context canceled") || out.Len() != 0 {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out.String(), errb.String())
	}
}
