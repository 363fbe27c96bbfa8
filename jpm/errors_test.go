package jpm

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"cashpos/model"
)

func TestGCAErrorsTyped(t *testing.T) {
	cases := []struct {
		name    string
		status  int
		body    string
		watched []model.AccountRef
		want    error
		text    []string
	}{
		{"GCA-022 no eligible accounts", 400, `{"errors":[{"errorCode":"GCA-022","errorMsg":"No eligible accounts"}]}`, nil,
			model.ErrNoEligibleAccounts, []string{"no eligible accounts for these credentials (HTTP 400, GCA-022: No eligible accounts)", "entitle"}},
		{"GCA-022 in a 200", 200, `{"errors":[{"errorCode":"GCA-022","errorMsg":"No eligible accounts"}]}`, nil,
			model.ErrNoEligibleAccounts, []string{"GCA-022"}},
		{"GCA-009 none found", 400, `{"errors":[{"errorCode":"GCA-009","errorMsg":"None of the accounts found"}]}`, v1Refs("1"),
			model.ErrBadRequest, []string{"the bank rejected the request (HTTP 400, GCA-009: None of the accounts found); check the watched account ids"}},
		{"GCA-099 unavailable", 500, `{"errors":[{"errorCode":"GCA-099","errorMsg":"System is Unavailable"}]}`, v1Refs("1"),
			model.ErrUnavailable, []string{"bank unavailable (HTTP 500, GCA-099: System is Unavailable) after 5 attempts; the last good data stays valid"}},
		{"GCA-001 not eligible", 403, `{"errors":[{"errorCode":"GCA-001","errorMsg":"Client is not eligible"}]}`, v1Refs("1"),
			model.ErrUnauthorized, []string{"the bank refused access (HTTP 403, GCA-001"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := newBank(t)
			b.handle("POST /accessapi/balance", status(tc.status, tc.body))
			_, err := b.client().Balances(context.Background(), tc.watched, CurrentDay)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			var ae *APIError
			if !errors.As(err, &ae) {
				t.Fatalf("not an *APIError: %T", err)
			}
			for _, s := range tc.text {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("message %q lacks %q", err, s)
				}
			}
			if strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), `{"errors"`) {
				t.Errorf("message is not one clean line: %q", err)
			}
			t.Log(err)
		})
	}
}

func TestCommonErrorModel(t *testing.T) {
	b := newBank(t)
	b.handle("POST /account/v2/accounts/balances/inquiry", status(400, `{
		"title":"Bad Request","httpStatus":400,"traceId":"trace-9f2a","requestId":"req-echo-1",
		"context":[{"code":"10001","message":"Mandatory field is missing","location":"BODY","field":"$.accountIdentifiers[0].number"},
		           {"code":"10103","message":"Invalid format","location":"BODY","field":"$.toDate"}]}`))
	_, err := b.client().Balances(context.Background(), bdaRefs("1234567890"), CurrentDay)
	var ae *APIError
	if !errors.As(err, &ae) || !errors.Is(err, model.ErrBadRequest) {
		t.Fatalf("err = %v", err)
	}
	want := APIError{API: apiBDA, HTTPStatus: 400, Code: "10001", Message: "Mandatory field is missing", Title: "Bad Request",
		Field: "$.accountIdentifiers[0].number", RequestID: "req-echo-1", TraceID: "trace-9f2a"}
	got := *ae
	got.attempts, got.retryAfter, got.advice, got.malformed = 0, 0, "", false
	if got != want {
		t.Errorf("decoded %+v\nwant    %+v", got, want)
	}
	wantMsg := "BDA balances v2: the bank rejected the request (HTTP 400, 10001: Mandatory field is missing, field $.accountIdentifiers[0].number); " +
		"check the accounts and dates in the configuration [request-id req-echo-1, trace-id trace-9f2a]"
	if err.Error() != wantMsg {
		t.Errorf("message:\n%s\nwant:\n%s", err, wantMsg)
	}
}

func TestCommonErrorModel14000(t *testing.T) {
	e := newAPIError(apiBDA, 403, "application/json", []byte(`{"title":"Forbidden","httpStatus":403,"context":[{"code":"14000","message":"Not authorized for account"}]}`), "r1")
	if !errors.Is(e, model.ErrUnauthorized) {
		t.Errorf("14000 → %v", e.kind())
	}
}

func TestHTML502NotDumped(t *testing.T) {
	b := newBank(t)
	b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(502)
		io.WriteString(w, `<html><head><title>502</title></head><body>upstream lb-internal-03.corp.example timed out</body></html>`)
	})
	_, err := b.client().Balances(context.Background(), v1Refs("1"), CurrentDay)
	if !errors.Is(err, model.ErrUnavailable) {
		t.Fatalf("err = %v", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, "unexpected response (HTTP 502, text/html)") {
		t.Errorf("message = %q", msg)
	}
	for _, leak := range []string{"<", "lb-internal", "upstream"} {
		if strings.Contains(msg, leak) {
			t.Errorf("message leaks the body (%q): %q", leak, msg)
		}
	}
	t.Log(msg)
}

func TestHTMLWith200IsUnexpected(t *testing.T) {
	b := newBank(t)
	b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		io.WriteString(w, `<html>Please log in to the corporate proxy</html>`)
	})
	_, err := b.client().Balances(context.Background(), v1Refs("1"), CurrentDay)
	if err == nil || !strings.Contains(err.Error(), "unexpected response (HTTP 200, text/html)") || strings.Contains(err.Error(), "log in") {
		t.Errorf("err = %v", err)
	}
}

func TestRedirectNotFollowed(t *testing.T) {
	b := newBank(t)
	b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://login.example/sso", http.StatusFound)
	})
	_, err := b.client().Balances(context.Background(), v1Refs("1"), CurrentDay)
	if err == nil || !strings.Contains(err.Error(), "unexpected response (HTTP 302") {
		t.Errorf("err = %v", err)
	}
}

func TestErrorMessagesOneLine(t *testing.T) {
	long := strings.Repeat("x", 400) + "\nsecond line"
	e := newAPIError(apiBalanceV1, 400, "application/json", []byte(`{"errors":[{"errorCode":"GCA-023","errorMsg":"`+strings.ReplaceAll(long, "\n", `\n`)+`"}]}`), "")
	if msg := e.Error(); strings.Contains(msg, "\n") || len(msg) > 400 {
		t.Errorf("message not cleaned: %d bytes %q", len(msg), msg)
	}
}
