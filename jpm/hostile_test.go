package jpm

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"cashpos/model"
)

// The hostile bank: one handler, one scenario per way a bank, a proxy or a
// careless gateway can hurt the position. Each scenario is served on both
// the token endpoint and the APIs; the tests below pin the outcome of each
// (issue 6). README "Hostile bank" lists them.
type hostile struct {
	scenario string
	calls    atomic.Int32 // API calls
	tokens   atomic.Int32
	lastBody atomic.Value // the last v1 request body
	srv      *httptest.Server
}

const hostileToken = "eyJhbGciOi.hostile-token-value.sig"

func newHostile(t *testing.T, scenario string) *hostile {
	h := &hostile{scenario: scenario}
	h.srv = httptest.NewServer(http.HandlerFunc(h.serve))
	t.Cleanup(h.srv.Close)
	return h
}

func (h *hostile) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/token" {
		h.tokens.Add(1)
		h.token(w, r)
		return
	}
	h.calls.Add(1)
	body, _ := io.ReadAll(r.Body)
	if strings.HasSuffix(r.URL.Path, "/balance") {
		h.lastBody.Store(string(body))
	}
	switch h.scenario {
	case "echo-bearer": // a gateway that echoes the request's headers in its error
		msg, _ := json.Marshal("bad request; Authorization: " + r.Header.Get("Authorization"))
		writeJSON(w, 400, `{"errors":[{"errorCode":"GCA-023","errorMsg":`+string(msg)+`}]}`)
	case "token-in-name": // the bank puts the caller's token in an account name
		writeJSON(w, 200, `{"accountList":[`+strings.Replace(usdAccount("000000010962009"), "ACCOUNT 000000010962009", "x "+hostileToken, 1)+`]}`)
	case "duplicates-agree":
		writeJSON(w, 200, `{"accountList":[`+usdAccount("000000010962009")+","+usdAccount("10962009")+","+usdAccount("000000010962009")+`]}`)
	case "duplicates-disagree":
		other := v1AccountJSON("10962009", "2024-10-07", true, "USD", 2, [4]string{"1", "1", "1", "1"})
		writeJSON(w, 200, `{"accountList":[`+usdAccount("000000010962009")+","+other+","+usdAccount("2")+`]}`)
	case "currency-shapes":
		lower := v1AccountJSON("1", "2024-10-07", true, "usd", 2, [4]string{"1.00", "1.00", "1.00", "1.00"})
		none := v1AccountJSON("2", "2024-10-07", true, "", 2, [4]string{"5", "5", "5", "5"})
		jpy := v1AccountJSON("3", "2024-10-07", true, "JPY", 2, [4]string{"1234", "1234", "1234", "1234"})
		writeJSON(w, 200, `{"accountList":[`+lower+","+none+","+jpy+`]}`)
	case "empty-object":
		writeJSON(w, 200, `{}`)
	case "bda-down", "bda-cursor-loop", "bda-forbidden":
		h.bda(w, r)
	case "slow-second-batch": // one batch answers, the other never does
		if strings.Contains(string(body), `"1"`) {
			v1Answer(w, []string{"1"})
			return
		}
		<-r.Context().Done()
	case "always-503":
		writeJSON(w, 503, `{"errors":[{"errorCode":"GCA-099","errorMsg":"System is Unavailable"}]}`)
	case "retry-after-forever":
		w.Header().Set("Retry-After", "999999")
		writeJSON(w, 503, `{"errors":[{"errorCode":"GCA-099","errorMsg":"System is Unavailable"}]}`)
	case "drip": // headers at once, then one byte a second
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(200)
		for i := 0; ; i++ {
			if _, err := w.Write([]byte(" ")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(time.Second):
			}
		}
	default:
		var q v1ReqSeen
		json.Unmarshal(body, &q)
		v1Answer(w, q.ids())
	}
}

func (h *hostile) bda(w http.ResponseWriter, r *http.Request) {
	switch {
	case strings.HasSuffix(r.URL.Path, "/balance"):
		v1Answer(w, []string{"000000010962009"})
	case h.scenario == "bda-down":
		writeJSON(w, 503, `{"title":"Service Unavailable","httpStatus":503}`)
	case h.scenario == "bda-forbidden":
		writeJSON(w, 403, `{"title":"Forbidden","httpStatus":403,"context":[{"code":"14000","message":"not entitled"}]}`)
	default: // a cursor that points back at itself
		writeJSON(w, 200, `{"accountBalances":[],"metadata":{"cursor":{"this":"c1","next":"c1"}}}`)
	}
}

func (h *hostile) token(w http.ResponseWriter, r *http.Request) {
	switch h.scenario {
	case "token-echo": // an error body echoing the whole request: Basic header and form
		r.ParseForm()
		desc, _ := json.Marshal("bad auth " + r.Header.Get("Authorization") + " form " + r.PostForm.Encode())
		writeJSON(w, 401, `{"error":"invalid_client","error_description":`+string(desc)+`}`)
	case "token-crlf":
		writeJSON(w, 200, `{"access_token":"abc\r\nX-Evil: 1","token_type":"Bearer","expires_in":3600}`)
	case "token-not-json": // a 200 whose body is no token at all
		writeJSON(w, 200, `{"access_token":"abc`)
	case "token-redirect":
		w.Header().Set("Location", "https://user:pw@login.evil.example/sso?x=1")
		w.WriteHeader(307)
	case "token-drip":
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(200)
		io.WriteString(w, `{"access_token":"`)
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	default:
		writeJSON(w, 200, fmt.Sprintf(`{"access_token":%q,"token_type":"Bearer","expires_in":3600}`, hostileToken))
	}
}

func (h *hostile) client(t *testing.T, mutate ...func(*Options)) *Client {
	t.Helper()
	base := h.srv.URL
	o := Options{
		Endpoints:    Endpoints{Balance: base + "/accessapi", BDA: base + "/account/v2", Token: base + "/token"},
		ClientID:     testClientID,
		ClientSecret: testSecret,
		Timeout:      2 * time.Second,
		Now:          func() time.Time { return testNow },
		Sleep:        sleepCtx,
		Rand:         func() float64 { return 0 },
		MaxRetries:   2,
	}
	for _, m := range mutate {
		m(&o)
	}
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// secretForms are the ways our credentials could leak.
func secretForms() []string {
	return []string{testSecret, base64.StdEncoding.EncodeToString([]byte(testClientID + ":" + testSecret)), hostileToken}
}

func assertNoSecret(t *testing.T, where, text string) {
	t.Helper()
	for _, s := range secretForms() {
		if strings.Contains(text, s) {
			t.Errorf("%s holds a secret (%.8s…): %q", where, s, text)
		}
	}
}

// Item 8: a token endpoint that echoes the Basic header and form never gets
// the secret or its base64 onto the screen.
func TestHostileTokenEchoIsScrubbed(t *testing.T) {
	h := newHostile(t, "token-echo")
	_, err := h.client(t).Balances(context.Background(), v1Refs("1"), CurrentDay)
	if err == nil || !errors.Is(err, model.ErrUnauthorized) {
		t.Fatalf("err = %v", err)
	}
	assertNoSecret(t, "error", err.Error())
	if !strings.Contains(err.Error(), redacted) {
		t.Errorf("the echo should show where the secret was cut: %v", err)
	}
}

// Item 8: an API error that echoes the bearer token, and a token inside bank
// data, are scrubbed from errors and from the snapshot.
func TestHostileBearerEchoIsScrubbed(t *testing.T) {
	h := newHostile(t, "echo-bearer")
	_, err := h.client(t).Balances(context.Background(), v1Refs("1"), CurrentDay)
	if err == nil {
		t.Fatal("want an error")
	}
	assertNoSecret(t, "error", err.Error())

	h = newHostile(t, "token-in-name")
	snap, err := h.client(t).Balances(context.Background(), v1Refs("000000010962009"), CurrentDay)
	if err != nil {
		t.Fatal(err)
	}
	assertNoSecret(t, "account name", snap.Balances[0].Account.Name)
}

// Item 8: a URL's userinfo is never echoed.
func TestURLUserinfoNeverEchoed(t *testing.T) {
	_, err := New(Options{Endpoints: Endpoints{Balance: "https://u:hunter2@", BDA: "https://x", Token: "https://x"}, ClientID: "a", ClientSecret: "b"})
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("err = %v", err)
	}
	h := newHostile(t, "token-redirect")
	_, err = h.client(t).Balances(context.Background(), v1Refs("1"), CurrentDay)
	if err == nil || strings.Contains(err.Error(), "pw") || strings.Contains(err.Error(), "user") {
		t.Fatalf("redirect error = %v", err)
	}
}

// Item 13: a 307 on the token URL names where it redirected.
func TestHostileTokenRedirectNamesHost(t *testing.T) {
	h := newHostile(t, "token-redirect")
	_, err := h.client(t).Balances(context.Background(), v1Refs("1"), CurrentDay)
	if err == nil || !strings.Contains(err.Error(), "redirect to login.evil.example") {
		t.Fatalf("err = %v", err)
	}
}

// Item 13: a token with a CRLF is the token endpoint's fault, said once,
// not five network retries.
func TestHostileTokenCRLFIsNotANetworkFault(t *testing.T) {
	h := newHostile(t, "token-crlf")
	_, err := h.client(t).Balances(context.Background(), v1Refs("1"), CurrentDay)
	var ne *NetworkError
	if err == nil || errors.As(err, &ne) || !strings.Contains(err.Error(), "line break") {
		t.Fatalf("err = %v", err)
	}
	if n := h.tokens.Load(); n != 1 {
		t.Errorf("token calls = %d, want 1 (no retries for a bad token)", n)
	}
	if h.calls.Load() != 0 {
		t.Error("no API call may go out with a broken token")
	}
}

// Item 13: a 200 from the token endpoint that holds no token is an
// unreadable answer, not "token endpoint unavailable; try again later".
func TestHostileTokenNotJSONIsUnreadable(t *testing.T) {
	h := newHostile(t, "token-not-json")
	_, err := h.client(t).Balances(context.Background(), v1Refs("1"), CurrentDay)
	if err == nil || strings.Contains(err.Error(), "unavailable") || !strings.Contains(err.Error(), "unreadable answer") ||
		!strings.Contains(err.Error(), "no usable access token") {
		t.Fatalf("err = %v", err)
	}
}

// Item 13: a token answer that stalls past the attempt's deadline is a
// timeout, not "connection closed".
func TestHostileTokenStallIsATimeout(t *testing.T) {
	h := newHostile(t, "token-drip")
	_, err := h.client(t, func(o *Options) { o.Timeout = 200 * time.Millisecond; o.MaxRetries = -1 }).Balances(context.Background(), v1Refs("1"), CurrentDay)
	if err == nil || !strings.Contains(err.Error(), "no answer within 200ms") {
		t.Fatalf("err = %v", err)
	}
}

// Item 13: {} is not the documented answer, and not "no eligible accounts".
func TestHostileEmptyObjectIsNotNoAccounts(t *testing.T) {
	h := newHostile(t, "empty-object")
	_, err := h.client(t).Balances(context.Background(), nil, CurrentDay)
	if err == nil || errors.Is(err, model.ErrNoEligibleAccounts) || !strings.Contains(err.Error(), "no accountList") {
		t.Fatalf("err = %v", err)
	}
}

// Item 4: repeats of one account (leading zeros or not) show once and sum
// once; copies that disagree show once as a problem and sum never.
func TestHostileDuplicatesNeverCountTwice(t *testing.T) {
	h := newHostile(t, "duplicates-agree")
	snap, err := h.client(t).Balances(context.Background(), nil, CurrentDay)
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Balances) != 1 {
		t.Fatalf("rows = %v, want one", rowIDs(snap.Balances))
	}
	if tot := model.TotalsByCurrency(snap.Balances); tot[0].Amounts[model.EndingLedger].String() != "103" {
		t.Errorf("total = %v", tot[0].Amounts)
	}

	h = newHostile(t, "duplicates-disagree")
	for _, watched := range [][]model.AccountRef{nil, v1Refs("10962009", "2")} {
		snap, err = h.client(t).Balances(context.Background(), watched, CurrentDay)
		if err != nil {
			t.Fatal(err)
		}
		if len(snap.Balances) != 2 || snap.Balances[0].Problem == nil || snap.Balances[0].Problem.Code != "DUPLICATE" {
			t.Fatalf("watched %v: rows %+v", watched, snap.Balances)
		}
		if tot := model.TotalsByCurrency(snap.Balances); tot[0].Accounts != 1 || tot[0].Amounts[model.EndingLedger].String() != "103" {
			t.Errorf("watched %v: total = %+v", watched, tot[0])
		}
	}
}

// Item 5: currency codes upper-cased, a row without one is a problem and
// joins no total, ISO minor units beat decimalLocation (and say so).
func TestHostileCurrencyShapes(t *testing.T) {
	h := newHostile(t, "currency-shapes")
	snap, err := h.client(t).Balances(context.Background(), nil, CurrentDay)
	if err != nil {
		t.Fatal(err)
	}
	b := snap.Balances
	if b[0].Account.Currency.Code != "USD" {
		t.Errorf("usd not upper-cased: %q", b[0].Account.Currency.Code)
	}
	if b[1].Problem == nil || b[1].Problem.Code != "NO_CURRENCY" {
		t.Errorf("no currency must be a problem row: %+v", b[1])
	}
	if b[2].Account.Currency.Decimals != 0 || !strings.Contains(b[2].Note, "contradicts ISO 4217") {
		t.Errorf("JPY with decimalLocation 2: %+v", b[2])
	}
	for _, tot := range model.TotalsByCurrency(b) {
		if tot.Currency.Code == "" || tot.Currency.Code == "usd" {
			t.Errorf("a total for %q", tot.Currency.Code)
		}
	}
}

// Item 2: BDA discovery failing (5xx after retries, a cursor loop) names
// the BDA accounts as unread; a 403 is "not entitled", a notice, not partial.
func TestHostileBDADiscoveryFailuresAreNamed(t *testing.T) {
	for _, sc := range []string{"bda-down", "bda-cursor-loop"} {
		h := newHostile(t, sc)
		snap, err := h.client(t, func(o *Options) { o.DiscoverBDA = true }).Balances(context.Background(), nil, CurrentDay)
		if err != nil {
			t.Fatalf("%s: %v", sc, err)
		}
		if !snap.Incomplete() || len(snap.Unread) != 1 || snap.Unread[0].API != model.APIBDAV2 || !strings.Contains(snap.Unread[0].What, "BDA") {
			t.Errorf("%s: unread = %+v", sc, snap.Unread)
		}
	}
	h := newHostile(t, "bda-forbidden")
	snap, err := h.client(t, func(o *Options) { o.DiscoverBDA = true }).Balances(context.Background(), nil, CurrentDay)
	if err != nil || snap.Incomplete() || len(snap.Notices) != 1 || !strings.Contains(snap.Notices[0], "not entitled") {
		t.Fatalf("403: %+v, %v", snap, err)
	}
}

// Item 12: the overall deadline keeps what was fetched and names the rest;
// a bank that never answers, a huge Retry-After or a drip cannot outlast it.
func TestHostileDeadlineBoundsTheFetch(t *testing.T) {
	// Long enough for the fast batch on a loaded machine under -race; the
	// slow one is held until the deadline whatever its length.
	const d = 1500 * time.Millisecond
	deadline := func() (context.Context, context.CancelFunc) {
		return context.WithTimeoutCause(context.Background(), d, &DeadlineError{After: d})
	}
	h := newHostile(t, "slow-second-batch")
	ctx, cancel := deadline()
	defer cancel()
	refs := v1Refs("1")
	for i := range v1MaxAccounts {
		refs = append(refs, model.AccountRef{ID: fmt.Sprint(1000 + i), API: model.APIAccessV1})
	}
	snap, err := h.client(t).Balances(ctx, refs, CurrentDay)
	if err != nil {
		t.Fatalf("a deadline with something fetched is a partial answer, not an error: %v", err)
	}
	if snap.Balances[0].Problem != nil {
		t.Errorf("the fast batch's account must have data: %+v", snap.Balances[0])
	}
	last := snap.Balances[len(snap.Balances)-1]
	if last.Problem == nil || last.Problem.Code != "DEADLINE" || !strings.Contains(last.Problem.Message, "1.5s") {
		t.Errorf("the slow batch's accounts must say the deadline passed: %+v", last.Problem)
	}

	for _, sc := range []string{"retry-after-forever", "drip"} {
		h := newHostile(t, sc)
		ctx, cancel := deadline()
		start := time.Now()
		_, err := h.client(t, func(o *Options) { o.MaxRetryAfter = time.Hour }).Balances(ctx, v1Refs("1"), CurrentDay)
		cancel()
		if !isDeadline(err) || !errors.Is(err, model.ErrUnavailable) {
			t.Errorf("%s: err = %v, want the deadline", sc, err)
		}
		if time.Since(start) > time.Minute {
			t.Errorf("%s outlasted the deadline by far", sc)
		}
	}
}

// Item 12: the user's interrupt is not a failure of the bank.
func TestInterruptIsNotAFailure(t *testing.T) {
	h := newHostile(t, "slow-second-batch")
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	_, err := h.client(t).Balances(ctx, v1Refs("2"), CurrentDay)
	if !errors.Is(err, model.ErrInterrupted) || errors.Is(err, model.ErrUnavailable) || strings.Contains(err.Error(), "context canceled") {
		t.Fatalf("err = %v", err)
	}
}

// Item 1: bankId goes beside accountId when it is known.
func TestBankIDSentWhenKnown(t *testing.T) {
	h := newHostile(t, "default")
	refs := v1Refs("0041034035", "2")
	refs[0].BankID = "02100002"
	if _, err := h.client(t).Balances(context.Background(), refs, CurrentDay); err != nil {
		t.Fatal(err)
	}
	body := h.lastBody.Load().(string)
	if !strings.Contains(body, `{"accountId":"0041034035","bankId":"02100002"}`) || !strings.Contains(body, `{"accountId":"2"}`) {
		t.Fatalf("request body = %s", body)
	}
	if h.calls.Load() != 1 {
		t.Fatalf("a 10-digit id must go to v1 only; calls = %d", h.calls.Load())
	}
}

// Also: errors match the model's sentinels with Is, and Unwrap keeps the
// real cause (go-github's ErrorResponse model); advice is a typed Setting.
func TestErrorsIsNotUnwrapToSentinel(t *testing.T) {
	ae := &APIError{API: apiBalanceV1, HTTPStatus: 401}
	if !errors.Is(ae, model.ErrUnauthorized) || errors.Unwrap(ae) != nil {
		t.Errorf("APIError: Is=%v Unwrap=%v", errors.Is(ae, model.ErrUnauthorized), errors.Unwrap(ae))
	}
	cause := io.ErrUnexpectedEOF
	ne := &NetworkError{API: apiBalanceV1, Err: cause}
	if !errors.Is(ne, model.ErrUnavailable) || errors.Unwrap(ne) != cause {
		t.Errorf("NetworkError: Unwrap = %v", errors.Unwrap(ne))
	}
	if SettingOf(ne) != SettingBaseURL || SettingOf(&APIError{API: apiToken, HTTPStatus: 401}) != SettingClientCredentials {
		t.Error("settings")
	}
	if strings.Contains(ne.Error()+ae.Error(), "CASHPOS_") {
		t.Error("jpm must not name configuration variables")
	}
}

// Issue 9 "Fail fast": once one batch found the bank down after its
// retries, the other batches of the refresh report the same cause at once.
func TestFailFastAfterOneBatchFoundTheBankDown(t *testing.T) {
	h := newHostile(t, "always-503")
	refs := make([]model.AccountRef, 0, 3*v1MaxAccounts)
	for i := range 3 * v1MaxAccounts {
		refs = append(refs, model.AccountRef{ID: fmt.Sprint(i + 1), API: model.APIAccessV1})
	}
	c := h.client(t, func(o *Options) { o.Concurrency = 1; o.MaxRetries = 4 })
	_, err := c.Balances(context.Background(), refs, CurrentDay)
	if !errors.Is(err, model.ErrUnavailable) || !strings.Contains(err.Error(), "after 5 attempts") {
		t.Fatalf("err = %v", err)
	}
	if n := h.calls.Load(); n != 5 {
		t.Fatalf("calls = %d, want 5: one batch's attempts, then the other two report the same cause", n)
	}
}
