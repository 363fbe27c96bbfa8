package payments

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"cashpos/jpm/mock"
	"cashpos/store"
)

// hostile is a bank that repeats credentials in its payment answers: the
// Authorization header of the request, and the Basic credentials it saw
// when the client signed in. Every secret it has seen is kept so the test
// can look for it afterwards.
type hostile struct {
	// escaped repeats each secret with its first character as a JSON
	// \u escape: the bytes differ from the secret, the decoded text not.
	escaped bool
	mu      sync.Mutex
	basic   string   // the token request's Basic credentials (base64 of id:secret)
	seen    []string // bearer tokens seen on payment requests
}

func (h *hostile) echo(req *http.Request) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	auth := req.Header.Get("Authorization")
	token := strings.TrimPrefix(auth, "Bearer ")
	h.seen = append(h.seen, token)
	return fmt.Sprintf("you sent Authorization: Bearer %s; at sign-in Basic %s and secret %s",
		h.mark(token), h.mark(h.basic), h.mark(mock.DefaultClientSecret))
}

// mark stands for s in the echo; unmark writes it out in the JSON, as is
// or with its first character escaped. (json.Marshal writes the marks,
// NUL and SOH, as \u0000 and \u0001.)
func (h *hostile) mark(s string) string { return "\x00" + s + "\x01" }

func (h *hostile) unmark(b []byte) []byte {
	open, shut := []byte(`\u0000`), []byte(`\u0001`)
	var out []byte
	for {
		i := bytes.Index(b, open)
		if i < 0 {
			return append(out, b...)
		}
		j := i + bytes.Index(b[i:], shut)
		secret := b[i+len(open) : j]
		out = append(out, b[:i]...)
		if h.escaped && len(secret) > 0 {
			out = append(out, fmt.Sprintf(`\u%04x`, secret[0])...)
			secret = secret[1:]
		}
		out = append(out, secret...)
		b = b[j+len(shut):]
	}
}

// secrets is every value that must not reach the state database.
func (h *hostile) secrets(t *testing.T) []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.basic == "" || len(h.seen) == 0 {
		t.Fatal("the hostile bank saw no sign-in or no payment request: the test proves nothing")
	}
	return append([]string{mock.DefaultClientSecret, h.basic}, h.seen...)
}

// intercept: sign-ins pass to the mock after their Basic header is noted;
// a POST is answered 503 with the echo (retried, then outcome unknown) or,
// when reject is set, 422 with the echo in the exception; a lookup finds
// the payment REJECTED with the echo in its exception.
func (h *hostile) intercept(reject bool) func(w http.ResponseWriter, req *http.Request) bool {
	return func(w http.ResponseWriter, req *http.Request) bool {
		switch {
		case req.URL.Path == mock.TokenPath:
			h.mu.Lock()
			h.basic = strings.TrimPrefix(req.Header.Get("Authorization"), "Basic ")
			h.mu.Unlock()
			return false
		case isPost(req) && reject:
			exc := map[string]any{"code": "10001", "message": h.echo(req), "field": "$.debtor",
				"additionalContext": []map[string]string{{"type": "ECHO", "code": h.echo(req), "message": h.echo(req)}}}
			h.writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"context": []any{exc}})
			return true
		case isPost(req):
			h.writeJSON(w, http.StatusServiceUnavailable, map[string]any{
				"errorCode": "12999", "errorDescription": h.echo(req), "context": []any{map[string]string{"code": "12999", "message": h.echo(req)}}})
			return true
		case req.URL.Path == mock.PaymentsPath:
			e2e := req.URL.Query().Get("endToEndId")
			h.writeJSON(w, http.StatusOK, map[string]any{"payments": []any{map[string]any{
				"paymentId": "P-1", "paymentStatus": "REJECTED", "paymentSubStatus": "REJECTED",
				"paymentIdentifiers": map[string]string{"endToEndId": e2e},
				"exceptions":         []any{map[string]string{"code": "11002", "message": h.echo(req), "field": h.echo(req)}},
			}}})
			return true
		}
		return false
	}
}

func (h *hostile) writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(h.unmark(b))
}

// stateBytes is every byte of the state directory: the database, its WAL.
func stateBytes(t *testing.T, dir string) []byte {
	t.Helper()
	var all []byte
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	return all
}

// Bank text the engine writes — attempt bodies and errors, exceptions of a
// rejection and of a looked-up status, the unknown-outcome error — goes
// through the client's scrubber: neither the journal nor the audit log
// holds the client secret, its Basic form, or any token issued.
func TestEchoedCredentialsNeverReachJournalOrAudit(t *testing.T) {
	for _, c := range []struct{ reject, escaped bool }{{true, false}, {false, false}, {true, true}, {false, true}} {
		reject := c.reject
		t.Run(fmt.Sprintf("reject=%v,escaped=%v", c.reject, c.escaped), func(t *testing.T) {
			r := newRig(t)
			h := &hostile{escaped: c.escaped}
			r.setIntercept(h.intercept(reject))
			p := r.submit(wire("1250.00", "8837420011"))
			if !reject {
				ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
				defer cancel()
				if _, _, err := r.eng.Step(ctx, p.IDs.EndToEndID); err != nil {
					t.Fatalf("Step: %v", err)
				}
			}
			r.verifyAudit()
			all := stateBytes(t, r.dir)
			for _, s := range h.secrets(t) {
				for _, form := range []string{s, base64.StdEncoding.EncodeToString([]byte(s))} {
					if bytes.Contains(all, []byte(form)) {
						t.Errorf("the state database holds a secret the bank echoed: %.12s…", form)
					}
				}
			}
			// Not vacuous: the echoes were recorded, with the secrets cut out.
			if !bytes.Contains(all, []byte("[redacted]")) {
				t.Error("no [redacted] in the state database: the echoed text was not recorded, so the test proves nothing")
			}
			if c.escaped && !bytes.Contains(all, []byte("response withheld")) {
				t.Error("a body that repeats a credential only in escaped form was kept, not withheld")
			}
			entries, err := store.NewAudit(r.db, nil).Entries(context.Background(), p.IDs.EndToEndID)
			if err != nil {
				t.Fatal(err)
			}
			redactedInAudit := false
			for _, e := range entries {
				redactedInAudit = redactedInAudit || strings.Contains(e.Detail, "[redacted]")
			}
			if !redactedInAudit {
				t.Errorf("no audit entry holds the scrubbed echo: %+v", entries)
			}
		})
	}
}
