package mock

import (
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"cashpos/model"
)

const payOperating = "000000010962009"

// payBody is a valid US wire for the fixture's day; edit it with repl
// pairs (old, new) to break it.
func payBody(e2e, creditorAcct string, repl ...string) string {
	s := `{"requestedExecutionDate":"2025-03-12","paymentIdentifiers":{"endToEndId":"` + e2e + `"},
	"value":{"currency":"USD","amount":"1500.00"},"transferType":"CREDIT","paymentType":"WIRE",
	"paymentTypeInformation":{"paymentContext":"CUSTOMER"},
	"debtor":{"name":"Operating","account":{"accountNumber":"` + payOperating + `","accountCurrency":"USD"}},
	"debtorAgent":{"financialInstitutionIds":[{"id":"021000021","idType":"USABA"}]},
	"creditor":{"name":"ACME","account":{"accountNumber":"` + creditorAcct + `"}},
	"creditorAgent":{"financialInstitutionIds":[{"id":"071000013","idType":"USABA"}]}}`
	for i := 0; i+1 < len(repl); i += 2 {
		s = strings.Replace(s, repl[i], repl[i+1], 1)
	}
	return s
}

func achBody(e2e string, repl ...string) string {
	return payBody(e2e, "987654321", append([]string{`"paymentType":"WIRE"`, `"paymentType":"ACH"`,
		`"paymentTypeInformation":{"paymentContext":"CUSTOMER"}`, `"paymentTypeInformation":{"serviceLevelCode":"NURG","localInstrumentCode":{"code":"CCD"}}`,
		`"accountNumber":"987654321"}`, `"accountNumber":"987654321","accountType":"CACC"}`}, repl...)...)
}

func (f *fixture) post(t *testing.T, tok, key, body string) (*http.Response, []byte) {
	t.Helper()
	hdr := []string{"Request-Id", "req-1"}
	if key != "" {
		hdr = append(hdr, "Idempotency-Key", key)
	}
	return f.call(t, http.MethodPost, PaymentsPath, tok, body, hdr...)
}

func (f *fixture) status(t *testing.T, tok, e2e string) gp2Detail {
	t.Helper()
	resp, body := f.call(t, http.MethodGet, PaymentsPath+"?endToEndId="+e2e+"&view=SUMMARY", tok, "")
	wantStatus(t, resp, body, 200)
	var out struct{ Payments []gp2Detail }
	mustUnmarshal(t, body, &out)
	return out.Payments[0]
}

func gp2Ctx(t *testing.T, body []byte) []gp2Exc {
	t.Helper()
	var e gp2ErrorBody
	mustUnmarshal(t, body, &e)
	return e.Context
}

func TestPaymentValidation(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	for _, tc := range []struct {
		name, body, code, field string
	}{
		{"not JSON", `[1]`, "10103", "$"},
		{"unknown field", payBody("E1", "1", `"transferType"`, `"paymentMethod":"X","transferType"`), "10105", "$.paymentMethod"},
		{"unknown debtor field", payBody("E1", "1", `"debtor":{`, `"debtor":{"nickname":"x",`), "10105", "$.debtor.nickname"},
		{"amount as number", payBody("E1", "1", `"amount":"1500.00"`, `"amount":1500`), "10103", "$"},
		{"amount three decimals", payBody("E1", "1", `"1500.00"`, `"1500.001"`), "10103", "$.value.amount"},
		{"amount zero", payBody("E1", "1", `"1500.00"`, `"0.00"`), "10100", "$.value.amount"},
		{"amount negative", payBody("E1", "1", `"1500.00"`, `"-5"`), "10103", "$.value.amount"},
		{"currency", payBody("E1", "1", `"USD"`, `"EUR"`), "10104", "$.value.currency"},
		{"missing e2e", payBody("", "1"), "10001", "$.paymentIdentifiers.endToEndId"},
		{"e2e punctuation", payBody("E-1", "1"), "10103", "$.paymentIdentifiers.endToEndId"},
		{"wire e2e too long", payBody(strings.Repeat("A", 36), "1"), "10003", "$.paymentIdentifiers.endToEndId"},
		{"past date", payBody("E1", "1", `2025-03-12`, `2025-03-11`), "10100", "$.requestedExecutionDate"},
		{"bad date", payBody("E1", "1", `2025-03-12`, `12/03/2025`), "10103", "$.requestedExecutionDate"},
		{"debit", payBody("E1", "1", `"CREDIT"`, `"DEBIT"`), "10104", "$.transferType"},
		{"RTP", payBody("E1", "1", `"WIRE"`, `"RTP"`), "10104", "$.paymentType"},
		{"bad ABA", payBody("E1", "1", `071000013`, `071000014`), "10103", "$.creditorAgent.financialInstitutionIds[0].id"},
		{"no creditor agent", payBody("E1", "1", `"creditorAgent":{"financialInstitutionIds":[{"id":"071000013","idType":"USABA"}]}`, `"creditorAgent":{}`), "10001", "$.creditorAgent.financialInstitutionIds"},
		{"wire without debtor name", payBody("E1", "1", `"name":"Operating",`, ``), "10001", "$.debtor.name"},
		{"unknown debtor", payBody("E1", "1", payOperating, "000000099999999"), "10104", "$.debtor.account.accountNumber"},
		{"GBP debtor", payBody("E1", "1", payOperating, "000000020450017"), "10104", "$.debtor.account.accountNumber"},
		{"ACH e2e over 15", achBody(strings.Repeat("A", 16)), "10003", "$.paymentIdentifiers.endToEndId"},
		{"ACH without SEC", achBody("E1", `"localInstrumentCode":{"code":"CCD"}`, `"localInstrumentCode":{}`), "10001", "$.paymentTypeInformation.localInstrumentCode.code"},
		{"ACH without account type", achBody("E1", `,"accountType":"CACC"`, ``), "10001", "$.creditor.account.accountType"},
		{"ACH creditor name 23", achBody("E1", `"name":"ACME"`, `"name":"`+strings.Repeat("N", 23)+`"`), "10003", "$.creditor.name"},
		{"ACH amount 11 digits", achBody("E1", `"1500.00"`, `"123456789.00"`), "10101", "$.value.amount"},
		{"ACH service level", achBody("E1", `"NURG"`, `"URGP"`), "10104", "$.paymentTypeInformation.serviceLevelCode"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := f.post(t, tok, "", tc.body)
			wantStatus(t, resp, body, 400)
			ctx := gp2Ctx(t, body)
			found := false
			for _, c := range ctx {
				found = found || c.Code == tc.code && c.Field == tc.field
			}
			if !found {
				t.Errorf("want %s at %s; got %s", tc.code, tc.field, body)
			}
		})
	}
	if n := len(f.bank.Payments()); n != 0 {
		t.Errorf("%d payments created by invalid requests", n)
	}
}

func TestPaymentIdempotencyAndDuplicates(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	body := payBody("E2E1", "123456789")
	r1, b1 := f.post(t, tok, "key-1", body)
	wantStatus(t, r1, b1, 201)
	// Same key, same body: the very same answer, no second payment.
	r2, b2 := f.post(t, tok, "key-1", body)
	if r2.StatusCode != 201 || string(b2) != string(b1) {
		t.Errorf("replay: %d %s vs %s", r2.StatusCode, b2, b1)
	}
	// Same key, another body: 10106.
	r3, b3 := f.post(t, tok, "key-1", payBody("E2E1", "123456780"))
	if r3.StatusCode != 400 || gp2Ctx(t, b3)[0].Code != "10106" {
		t.Errorf("other body: %d %s", r3.StatusCode, b3)
	}
	// Another key, same end-to-end id: the business duplicate check.
	r4, b4 := f.post(t, tok, "key-2", body)
	var a1, a4 gp2InitResponse
	mustUnmarshal(t, b1, &a1)
	mustUnmarshal(t, b4, &a4)
	if r4.StatusCode != 200 || !a4.DuplicateRequest || a4.PaymentID != a1.PaymentID || a1.DuplicateRequest {
		t.Errorf("duplicate e2e: %d %s", r4.StatusCode, b4)
	}
	// A key in flight: 10107.
	f.bank.gp2.mu.Lock()
	f.bank.gp2.byKey["key-3"] = &idemEntry{inflight: true, at: f.clock.Now()}
	f.bank.gp2.mu.Unlock()
	r5, b5 := f.post(t, tok, "key-3", payBody("E2E2", "123456789"))
	if r5.StatusCode != 400 || gp2Ctx(t, b5)[0].Code != "10107" {
		t.Errorf("in flight: %d %s", r5.StatusCode, b5)
	}
	// After 24 hours the key is forgotten, but the end-to-end id is not.
	f.clock.Add(25 * time.Hour)
	r6, b6 := f.post(t, f.token(t), "key-1", payBody("E2E1", "123456789", "2025-03-12", "2025-03-13"))
	if r6.StatusCode != 200 || !strings.Contains(string(b6), `"duplicateRequest":true`) {
		t.Errorf("after 24h: %d %s", r6.StatusCode, b6)
	}
	if n := len(f.bank.Payments()); n != 1 {
		t.Errorf("%d payments", n)
	}
}

func TestPaymentConcurrentSameKey(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	body := payBody("E2EC", "123456789")
	var wg sync.WaitGroup
	codes := make([]int, 8)
	for i := range codes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, b := f.post(t, tok, "key-c", body)
			codes[i] = r.StatusCode
			if r.StatusCode == 400 && gp2Ctx(t, b)[0].Code != "10107" {
				t.Errorf("%s", b)
			}
		}()
	}
	wg.Wait()
	if n := len(f.bank.Payments()); n != 1 {
		t.Fatalf("%d payments from one key: %v", n, codes)
	}
}

func TestPaymentLifecycleAndScripts(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	type step struct {
		after     time.Duration
		status    string
		sub       string
		code, ctx string
	}
	for _, tc := range []struct {
		name, acct string
		steps      []step
	}{
		{"normal", "123456789", []step{{0, "RECEIVED", "RECEIVED", "", ""}, {2 * time.Second, "ACCEPTED", "ACCEPTED", "", ""},
			{2 * time.Second, "PROCESSING", "PROCESSING_BY_JPM", "", ""}, {4 * time.Second, "PROCESSING", "SENT_TO_CLEARING", "", ""},
			{4 * time.Second, "COMPLETED", "COMPLETED_BY_JPM", "", ""}}},
		{"closed account", ScriptClosedAccount, []step{{6 * time.Second, "REJECTED", "REJECTED_BY_JPM", "11002", "AC03"}}},
		{"funds", ScriptInsufficientFunds, []step{{4 * time.Second, "PROCESSING", "PENDING_FUNDING_REVIEW", "", ""},
			{10 * time.Second, "REJECTED", "REJECTED_BY_JPM", model.CodeInsufficientFunds, "AM04"}}},
		{"return", ScriptReturn, []step{{12 * time.Second, "COMPLETED", "COMPLETED_BY_JPM", "", ""}, {18 * time.Second, "RETURNED", "RETURNED", "", "R03"}}},
		{"compliance", ScriptSlowCompliance, []step{{30 * time.Second, "PROCESSING", "PENDING_COMPLIANCE_REVIEW", "", ""},
			{38 * time.Second, "COMPLETED", "COMPLETED_BY_JPM", "", ""}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e2e := "E" + strings.ToUpper(strings.ReplaceAll(tc.name, " ", ""))
			r, b := f.post(t, tok, "", payBody(e2e, tc.acct))
			wantStatus(t, r, b, 201)
			for _, s := range tc.steps {
				f.clock.Add(s.after)
				d := f.status(t, tok, e2e)
				if d.PaymentStatus != s.status || d.PaymentSubStatus != s.sub {
					t.Fatalf("+%s: %s/%s, want %s/%s", s.after, d.PaymentStatus, d.PaymentSubStatus, s.status, s.sub)
				}
				if s.ctx != "" && (len(d.Exceptions) == 0 || d.Exceptions[0].Code != s.code || d.Exceptions[0].AdditionalContext[0].Code != s.ctx) {
					t.Errorf("exceptions %+v", d.Exceptions)
				}
			}
			f.clock.Set(fixedNow)
		})
	}
	r, b := f.post(t, tok, "", payBody("ELIMIT", ScriptLimitBreach))
	if r.StatusCode != 400 || gp2Ctx(t, b)[0].Code != model.CodeLimitBreach {
		t.Errorf("limit: %d %s", r.StatusCode, b)
	}
}

func TestPaymentQueryErrorsAndFaults(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	for q, want := range map[string]string{"?view=SUMMARY": "10001", "?endToEndId=X": "10001", "?endToEndId=X&view=ALL": "10104"} {
		r, b := f.call(t, http.MethodGet, PaymentsPath+q, tok, "")
		if r.StatusCode != 400 || gp2Ctx(t, b)[0].Code != want {
			t.Errorf("%s: %d %s", q, r.StatusCode, b)
		}
	}
	r, b := f.call(t, http.MethodGet, PaymentsPath+"?endToEndId=NOPE&view=SUMMARY", tok, "")
	if r.StatusCode != 404 {
		t.Errorf("unknown: %d %s", r.StatusCode, b)
	}
	f.bank.Faults().Set(FaultState{FailNext: 1, FailStatus: 503, RetryAfter: 9})
	r, b = f.post(t, tok, "k", payBody("E503", "1"))
	if r.StatusCode != 503 || r.Header.Get("Retry-After") != "9" || gp2Ctx(t, b)[0].Code != "12995" {
		t.Errorf("503: %d %s %s", r.StatusCode, r.Header.Get("Retry-After"), b)
	}
	if len(f.bank.Payments()) != 0 {
		t.Error("a faulted POST created a payment")
	}
}

// A payment moves the debtor's balances from the next 15-minute cycle:
// available from acceptance, ledger once completed.
func TestPaymentMovesBalances(t *testing.T) {
	f := newFixture(t, Options{})
	a := f.bank.v1ByID[payOperating]
	before := f.bank.current(a, fixedNow)
	tok := f.token(t)
	r, b := f.post(t, tok, "", payBody("EBAL", "123456789"))
	wantStatus(t, r, b, 201)
	same := f.bank.current(a, fixedNow.Add(time.Minute))
	if same.endAvail != before.endAvail {
		t.Error("the payment showed before the next cycle")
	}
	next := cycleStart(cycleIndex(fixedNow) + 1).Add(time.Second)
	after := f.bank.current(a, next)
	f.bank.gp2.mu.Lock()
	saved := f.bank.gp2.all
	f.bank.gp2.all = nil
	f.bank.gp2.mu.Unlock()
	without := f.bank.current(a, next)
	f.bank.gp2.mu.Lock()
	f.bank.gp2.all = saved
	f.bank.gp2.mu.Unlock()
	if without.endLedger-after.endLedger != 150000 || without.endAvail-after.endAvail != 150000 {
		t.Errorf("ledger moved %d, available %d; want 150000 cents each", without.endLedger-after.endLedger, without.endAvail-after.endAvail)
	}
}

func TestPaymentsSurviveRestart(t *testing.T) {
	file := t.TempDir() + "/demo-bank-payments.json"
	f := newFixture(t, Options{PaymentsFile: file})
	tok := f.token(t)
	body := payBody("EKEEP", "123456789")
	r1, b1 := f.post(t, tok, "key-k", body)
	wantStatus(t, r1, b1, 201)
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("payments file: %v %v", fi, err)
	}
	g := newFixture(t, Options{PaymentsFile: file}) // the restarted bank
	tok = g.token(t)
	r2, b2 := g.post(t, tok, "key-k", body)
	if r2.StatusCode != 201 || string(b2) != string(b1) {
		t.Errorf("replay after restart: %d %s", r2.StatusCode, b2)
	}
	if d := g.status(t, tok, "EKEEP"); d.PaymentStatus != "RECEIVED" || len(g.bank.Payments()) != 1 {
		t.Errorf("after restart: %+v, %d payments", d, len(g.bank.Payments()))
	}
}

func TestAdminPaymentsListing(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	r, b := f.post(t, tok, "", payBody("ELIST", "123456789"))
	wantStatus(t, r, b, 201)
	r, b = f.call(t, http.MethodGet, AdminPaymentsPath, "", "")
	var list []PaymentInfo
	mustUnmarshal(t, b, &list)
	if r.StatusCode != 200 || len(list) != 1 || list[0].EndToEndID != "ELIST" || list[0].Amount != "1500.00" || list[0].Status != "RECEIVED" {
		t.Errorf("%d %s", r.StatusCode, b)
	}
}

func TestLoseNextOverAdmin(t *testing.T) {
	f := newFixture(t, Options{})
	r, b := f.call(t, http.MethodPost, FaultsPath, "", `{"loseNext":1}`)
	if r.StatusCode != 200 || !strings.Contains(string(b), `"loseNext":1`) {
		t.Fatalf("%d %s", r.StatusCode, b)
	}
	tok := f.token(t)
	req, _ := http.NewRequest(http.MethodPost, f.url+PaymentsPath, strings.NewReader(payBody("ELOSE", "123456789")))
	req.Header.Set("Authorization", "Bearer "+tok)
	if resp, err := f.client.Do(req); err == nil {
		resp.Body.Close()
		t.Fatal("the answer arrived")
	}
	if n := len(f.bank.Payments()); n != 1 {
		t.Errorf("%d payments: the lost answer's payment must exist", n)
	}
}
