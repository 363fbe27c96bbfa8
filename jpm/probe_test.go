package jpm_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"cashpos/jpm"
	"cashpos/jpm/mock"
)

func noRetries(o *jpm.Options) { o.MaxRetries = -1 }

func TestProbeBalancesAndBDAAgainstMock(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client(noRetries)
	if _, err := c.SignIn(context.Background()); err != nil {
		t.Fatal(err)
	}
	var v1, bda int
	for _, a := range e.bank.Accounts() {
		if a.API == mock.APIBDA {
			bda++
		} else {
			v1++
		}
	}
	p := c.ProbeBalances(context.Background())
	if p.Access != jpm.AccessEntitled || len(p.Accounts) != v1 {
		t.Errorf("v1: %+v, want entitled with %d accounts", p, v1)
	}
	p = c.ProbeBDA(context.Background())
	if p.Access != jpm.AccessEntitled || len(p.Accounts) != bda {
		t.Errorf("BDA: %+v, want entitled with %d accounts", p, bda)
	}

	e.bank.Faults().SetNotEntitled(mock.APIBDABalances)
	p = c.ProbeBDA(context.Background())
	if p.Access != jpm.AccessNotEntitled || p.Status != 403 || !strings.Contains(p.Detail, "14000") || p.TraceID == "" {
		t.Errorf("BDA not entitled: %+v", p)
	}
	e.bank.Faults().SetNoEligibleAccounts(true)
	p = c.ProbeBalances(context.Background())
	if p.Access != jpm.AccessNotEntitled || !p.NoAccounts || !strings.Contains(p.Detail, "GCA-022") {
		t.Errorf("no eligible accounts: %+v", p)
	}
	e.bank.Faults().Reset()
	e.bank.Faults().SetDown(true)
	if p = c.ProbeBalances(context.Background()); p.Access != jpm.AccessUnreachable || p.Status != 503 {
		t.Errorf("down: %+v", p)
	}
}

// The Transaction Details and Global Payments probes against a server of
// our own: every shape of answer the doctor must tell apart.
func TestProbeTransactionsAndPaymentsClassifyAnswers(t *testing.T) {
	const route404 = `{"errors":[{"errorCode":"GCA-404","errorMsg":"Resource not found"}]}`
	const common404 = `{"title":"Not Found","httpStatus":404,"traceId":"t-1","context":[{"code":"10104","message":"No payment found"}]}`
	cases := []struct {
		name    string
		status  int
		body    string
		tx, pay jpm.Access
	}{
		{"ok", 200, `{"data":[],"payments":[]}`, jpm.AccessEntitled, jpm.AccessEntitled},
		{"no such route", 404, route404, jpm.AccessUnknown, jpm.AccessUnknown},
		{"not found in the API's model", 404, common404, jpm.AccessUnknown, jpm.AccessEntitled},
		{"forbidden", 403, `{"errors":[{"errorCode":"GCA-001","errorMsg":"Client is not eligible"}]}`, jpm.AccessNotEntitled, jpm.AccessNotEntitled},
		{"down", 503, `{"errors":[{"errorCode":"GCA-099","errorMsg":"System is Unavailable"}]}`, jpm.AccessUnreachable, jpm.AccessUnreachable},
		{"validation", 400, `{"title":"Bad Request","httpStatus":400,"context":[{"code":"10001","message":"accountIds is required"}]}`, jpm.AccessEntitled, jpm.AccessEntitled},
		{"proxy page", 404, `<html>nope</html>`, jpm.AccessUnknown, jpm.AccessUnknown},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var gotQuery string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == mock.TokenPath {
					w.Header().Set("Content-Type", "application/json")
					w.Write([]byte(`{"access_token":"tok","token_type":"Bearer","expires_in":3600}`))
					return
				}
				gotQuery = r.URL.RawQuery
				if strings.HasPrefix(tc.body, "{") {
					w.Header().Set("Content-Type", "application/json")
				} else {
					w.Header().Set("Content-Type", "text/html")
				}
				w.WriteHeader(tc.status)
				w.Write([]byte(tc.body))
			}))
			defer srv.Close()
			c, err := jpm.New(jpm.Options{Endpoints: jpm.Endpoints{Balance: srv.URL + "/accessapi", BDA: srv.URL + "/account/v2", Token: srv.URL + mock.TokenPath},
				ClientID: "id", ClientSecret: "secret", MaxRetries: -1})
			if err != nil {
				t.Fatal(err)
			}
			if p := c.ProbeTransactions(context.Background(), srv.URL+"/tsapi/v3", "000000010962009"); p.Access != tc.tx {
				t.Errorf("transactions: %v (%s), want %v", p.Access, p.Detail, tc.tx)
			}
			if !strings.Contains(gotQuery, "accountIds=000000010962009") {
				t.Errorf("transactions query %q", gotQuery)
			}
			p := c.ProbePayments(context.Background(), srv.URL+"/payment/v2")
			if p.Access != tc.pay {
				t.Errorf("payments: %v (%s), want %v", p.Access, p.Detail, tc.pay)
			}
			if !strings.Contains(gotQuery, "endToEndId=CASHPOSDOCTOR") || !strings.Contains(gotQuery, "view=SUMMARY") {
				t.Errorf("payments query %q", gotQuery)
			}
		})
	}
}

func TestSignInSaysWhyAndHowLong(t *testing.T) {
	e := newEnv(t, mock.Options{})
	ttl, err := e.client(noRetries).SignIn(context.Background())
	if err != nil || ttl != mock.DefaultTokenTTL {
		t.Errorf("ttl %v, err %v; want %v", ttl, err, mock.DefaultTokenTTL)
	}
	_, err = e.client(noRetries, func(o *jpm.Options) { o.ClientSecret = "wrong" }).SignIn(context.Background())
	if err == nil || !strings.Contains(err.Error(), "invalid_client") || strings.Contains(err.Error(), "wrong") {
		t.Errorf("bad secret: %v", err)
	}
}
