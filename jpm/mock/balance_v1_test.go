package mock

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// Test-side view of a v1 response: amounts kept as the raw JSON bytes, so
// exactness is checked on what was written, not on a re-encoding.
type tV1Response struct {
	AccountList []json.RawMessage `json:"accountList"`
}

type tV1Account struct {
	AccountID   string `json:"accountId"`
	AccountName string `json:"accountName"`
	BranchID    string `json:"branchId"`
	BankID      string `json:"bankId"`
	BankName    string `json:"bankName"`
	Currency    struct {
		Code             string `json:"code"`
		CurrencySequence int    `json:"currencySequence"`
		DecimalLocation  int    `json:"decimalLocation"`
		Description      string `json:"description"`
	} `json:"currency"`
	BalanceList []tV1Balance `json:"balanceList"`
	ErrorCode   string       `json:"errorCode"`
	ErrorMsg    string       `json:"errorMsg"`
}

type tV1Balance struct {
	AsOfDate        string          `json:"asOfDate"`
	RecordTimestamp string          `json:"recordTimestamp"`
	CurrentDay      bool            `json:"currentDay"`
	OpenAvail       json.RawMessage `json:"openingAvailableAmount"`
	OpenLedger      json.RawMessage `json:"openingLedgerAmount"`
	EndAvail        json.RawMessage `json:"endingAvailableAmount"`
	EndLedger       json.RawMessage `json:"endingLedgerAmount"`
}

func (b tV1Balance) amounts() map[string]string {
	return map[string]string{
		"openingAvailableAmount": string(b.OpenAvail), "openingLedgerAmount": string(b.OpenLedger),
		"endingAvailableAmount": string(b.EndAvail), "endingLedgerAmount": string(b.EndLedger),
	}
}

// dec parses a raw JSON number with shopspring/decimal, as the client does.
func dec(t *testing.T, raw json.RawMessage) decimal.Decimal {
	t.Helper()
	var d decimal.Decimal
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatalf("decimal %s: %v", raw, err)
	}
	return d
}

func (f *fixture) v1(t *testing.T, tok, body string) map[string]tV1Account {
	t.Helper()
	resp, raw := f.call(t, http.MethodPost, BalanceV1Path, tok, body)
	wantStatus(t, resp, raw, http.StatusOK)
	return parseV1(t, raw)
}

func parseV1(t *testing.T, raw []byte) map[string]tV1Account {
	t.Helper()
	var r tV1Response
	mustUnmarshal(t, raw, &r)
	out := map[string]tV1Account{}
	for _, e := range r.AccountList {
		var a tV1Account
		mustUnmarshal(t, e, &a)
		out[a.AccountID] = a
	}
	return out
}

func v1IDs(accts []AccountInfo) (ids []string) {
	for _, a := range accts {
		if a.API == APIv1 {
			ids = append(ids, a.ID)
		}
	}
	return ids
}

func accountList(ids ...string) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf(`{"accountId":%q}`, id)
	}
	return `{"accountList":[` + strings.Join(parts, ",") + `]}`
}

func TestV1AllAccountsCurrentDay(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	for _, body := range []string{`{}`, ``, `{"relativeDateType":"CURRENT_DAY"}`} {
		got := f.v1(t, tok, body)
		ids := v1IDs(f.bank.Accounts())
		if len(ids) < 12 || len(got) != len(ids) {
			t.Fatalf("body %q: %d accounts, book has %d v1", body, len(got), len(ids))
		}
		for _, info := range f.bank.Accounts() {
			a, ok := got[info.ID]
			if info.API == APIBDA {
				if ok {
					t.Errorf("BDA account %s in v1 response", info.ID)
				}
				continue
			}
			if a.AccountName != info.Name || a.BranchID != "" || a.BankID != info.BankID || a.BankName == "" ||
				a.Currency.Code != info.Currency || a.Currency.DecimalLocation != info.Decimals || a.Currency.Description == "" {
				t.Errorf("account %s header wrong: %+v", info.ID, a)
			}
			if len(a.BalanceList) != 1 {
				t.Fatalf("%s: %d balance entries", info.ID, len(a.BalanceList))
			}
		}
	}
}

var amountShape = map[int]*regexp.Regexp{
	0: regexp.MustCompile(`^-?\d+$`),
	2: regexp.MustCompile(`^-?\d+\.\d{2}$`),
	3: regexp.MustCompile(`^-?\d+\.\d{3}$`),
}

func TestV1AmountsAreExactWithCurrencyDecimals(t *testing.T) {
	f := newFixture(t, Options{})
	got := f.v1(t, f.token(t), `{"startDate":"2025-03-01","endDate":"2025-03-13"}`)
	currencies := map[string]bool{}
	for _, info := range f.bank.Accounts() {
		if info.API != APIv1 {
			continue
		}
		currencies[info.Currency] = true
		for _, bal := range got[info.ID].BalanceList {
			for field, raw := range bal.amounts() {
				if !amountShape[info.Decimals].MatchString(raw) {
					t.Errorf("%s %s %s = %s: not %d decimals", info.ID, bal.AsOfDate, field, raw, info.Decimals)
				}
				d := dec(t, json.RawMessage(raw))
				if d.StringFixed(int32(info.Decimals)) != raw {
					t.Errorf("%s %s: decimal %s != raw %s", info.ID, field, d.StringFixed(int32(info.Decimals)), raw)
				}
			}
		}
	}
	for _, c := range []string{"USD", "EUR", "GBP", "JPY", "BHD"} {
		if !currencies[c] {
			t.Errorf("book has no %s account", c)
		}
	}
}

func TestV1LargeBalanceIsExact(t *testing.T) {
	f := newFixture(t, Options{})
	info := f.accountByScenario(t, ScenarioLarge)
	a := f.v1(t, f.token(t), accountList(info.ID))[info.ID]
	bal := a.BalanceList[0]
	raw := string(bal.EndLedger)
	if !regexp.MustCompile(`^\d{11}\.\d{2}$`).MatchString(raw) {
		t.Fatalf("large balance %s does not have 11 integer digits", raw)
	}
	want := f.bank.current(f.bank.v1ByID[info.ID], fixedNow).endLedger.format(2)
	if raw != want {
		t.Errorf("wire %s, model %s", raw, want)
	}
	if got := dec(t, bal.EndLedger).StringFixed(2); got != raw {
		t.Errorf("decimal round trip %s != %s", got, raw)
	}
}

func TestV1DecimalsPerCurrency(t *testing.T) {
	f := newFixture(t, Options{})
	got := f.v1(t, f.token(t), `{}`)
	for _, info := range f.bank.Accounts() {
		if info.API != APIv1 {
			continue
		}
		want := map[string]int{"USD": 2, "EUR": 2, "GBP": 2, "JPY": 0, "BHD": 3}[info.Currency]
		if got[info.ID].Currency.DecimalLocation != want {
			t.Errorf("%s %s decimalLocation %d", info.ID, info.Currency, got[info.ID].Currency.DecimalLocation)
		}
	}
}

func TestV1Scenarios(t *testing.T) {
	f := newFixture(t, Options{})
	got := f.v1(t, f.token(t), `{}`)
	cycle := "2025-03-12T15:00:00Z" // last 15-minute boundary before 15:07:30Z
	sign := func(raw json.RawMessage) int { return dec(t, raw).Sign() }

	for _, info := range f.bank.Accounts() {
		if info.API != APIv1 {
			continue
		}
		bal := got[info.ID].BalanceList[0]
		switch info.Scenario {
		case ScenarioOverdrawn:
			for field, raw := range bal.amounts() {
				if sign(json.RawMessage(raw)) >= 0 {
					t.Errorf("overdrawn %s %s = %s", info.ID, field, raw)
				}
			}
		case ScenarioZero:
			for field, raw := range bal.amounts() {
				if raw != "0.00" {
					t.Errorf("zero %s %s = %s", info.ID, field, raw)
				}
			}
		case ScenarioFloat:
			if !dec(t, bal.EndAvail).LessThan(dec(t, bal.EndLedger)) || !dec(t, bal.OpenAvail).LessThan(dec(t, bal.OpenLedger)) {
				t.Errorf("float account: available not below ledger: %+v", bal)
			}
		case ScenarioStale:
			ts, err := time.Parse(time.RFC3339, bal.RecordTimestamp)
			if err != nil {
				t.Fatal(err)
			}
			if lag := fixedNow.Sub(ts); lag < 3*time.Hour || lag > 3*time.Hour+15*time.Minute {
				t.Errorf("stale lag %s", lag)
			}
			if !bal.CurrentDay || bal.AsOfDate != "2025-03-12" {
				t.Errorf("stale account must still be current day today: %+v", bal)
			}
		case ScenarioPriorDay:
			if bal.CurrentDay || bal.AsOfDate != "2025-03-11" {
				t.Errorf("prior-day-only account: %+v", bal)
			}
		default:
			if !bal.CurrentDay || bal.RecordTimestamp != cycle {
				t.Errorf("%s: currentDay %v recordTimestamp %s", info.ID, bal.CurrentDay, bal.RecordTimestamp)
			}
			wantDay := "2025-03-12"
			if info.TimeZone == "Asia/Tokyo" {
				wantDay = "2025-03-13" // 00:07 JST: the account's own current day
			}
			if bal.AsOfDate != wantDay {
				t.Errorf("%s (%s) asOfDate %s, want %s", info.ID, info.TimeZone, bal.AsOfDate, wantDay)
			}
		}
	}
	for _, s := range []string{ScenarioOverdrawn, ScenarioZero, ScenarioLarge, ScenarioFloat, ScenarioStale, ScenarioPriorDay} {
		f.accountByScenario(t, s)
	}
}

func TestV1OpeningIsPriorDayEnding(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	cur := f.v1(t, tok, `{"relativeDateType":"CURRENT_DAY"}`)
	prior := f.v1(t, tok, `{"relativeDateType":"PRIOR_DAY"}`)
	for id, a := range cur {
		if f.bank.v1ByID[id].priorDayOnly {
			continue
		}
		c, p := a.BalanceList[0], prior[id].BalanceList[0]
		if p.CurrentDay || c.AsOfDate == p.AsOfDate {
			t.Errorf("%s prior entry %+v", id, p)
		}
		if string(c.OpenLedger) != string(p.EndLedger) || string(c.OpenAvail) != string(p.EndAvail) {
			t.Errorf("%s opening %s/%s != prior ending %s/%s", id, c.OpenLedger, c.OpenAvail, p.EndLedger, p.EndAvail)
		}
	}
}

func TestV1DateRange(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	op, pd := "000000010962009", f.accountByScenario(t, ScenarioPriorDay).ID
	got := f.v1(t, tok, `{"accountList":[{"accountId":"`+op+`"},{"accountId":"`+pd+`"}],`+
		`"startDate":"2025-03-01","endDate":"2025-03-20"}`)

	list := got[op].BalanceList
	if len(list) != 12 { // 1..12 March; future days have no report
		t.Fatalf("operating: %d entries", len(list))
	}
	for i, b := range list {
		if want := fmt.Sprintf("2025-03-%02d", i+1); b.AsOfDate != want {
			t.Errorf("entry %d asOfDate %s, want %s", i, b.AsOfDate, want)
		}
		if b.CurrentDay != (i == 11) {
			t.Errorf("entry %d currentDay %v", i, b.CurrentDay)
		}
		if i > 0 && string(b.OpenLedger) != string(list[i-1].EndLedger) {
			t.Errorf("day %s opening %s != previous ending %s", b.AsOfDate, b.OpenLedger, list[i-1].EndLedger)
		}
		if !b.CurrentDay {
			// A finished day's report is stamped at the end of that day.
			ts, _ := time.Parse(time.RFC3339, b.RecordTimestamp)
			if ts.In(f.bank.v1ByID[op].loc).Format(dateLayout) != fmt.Sprintf("2025-03-%02d", i+2) {
				t.Errorf("entry %d recordTimestamp %s", i, b.RecordTimestamp)
			}
		}
	}
	if n := len(got[pd].BalanceList); n != 11 {
		t.Errorf("prior-day-only account: %d entries, want 11", n)
	}
	for _, b := range got[pd].BalanceList {
		if b.CurrentDay {
			t.Errorf("prior-day-only account has a current-day entry %+v", b)
		}
	}
}

func TestV1OneDateImpliesTheOther(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	op := "000000010962009"
	body := func(extra string) string { return `{"accountList":[{"accountId":"` + op + `"}],` + extra + `}` }

	got := f.v1(t, tok, body(`"startDate":"2025-03-01"`)) // end = start+31, clipped to today
	if n := len(got[op].BalanceList); n != 12 {
		t.Errorf("startDate only: %d entries, want 12", n)
	}
	got = f.v1(t, tok, body(`"endDate":"2025-03-12"`)) // start = 2025-02-09
	list := got[op].BalanceList
	if len(list) != 32 || list[0].AsOfDate != "2025-02-09" {
		t.Errorf("endDate only: %d entries from %s, want 32 from 2025-02-09", len(list), list[0].AsOfDate)
	}
}

func TestV1Validation(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	cases := []struct{ name, body, inMsg string }{
		{"relative+start", `{"relativeDateType":"CURRENT_DAY","startDate":"2025-03-01"}`, "combined with startDate"},
		{"relative+end", `{"relativeDateType":"PRIOR_DAY","endDate":"2025-03-01"}`, "combined with endDate"},
		{"relative+both", `{"relativeDateType":"CURRENT_DAY","startDate":"2025-03-01","endDate":"2025-03-02"}`, "startDate and endDate"},
		{"32 days", `{"startDate":"2025-02-01","endDate":"2025-03-05"}`, "exceeds 31 days"},
		{"end before start", `{"startDate":"2025-03-05","endDate":"2025-03-01"}`, "before startDate"},
		{"slashes", `{"startDate":"2025/03/01"}`, "YYYY-MM-DD"},
		{"short month", `{"endDate":"2025-3-01"}`, "YYYY-MM-DD"},
		{"no such day", `{"startDate":"2025-02-30"}`, "YYYY-MM-DD"},
		{"bad relative", `{"relativeDateType":"YESTERDAY"}`, "CURRENT_DAY or PRIOR_DAY"},
		{"not json", `{"accountList":`, "not valid JSON"},
		{"wrong type", `{"accountList":"000000010962009"}`, "wrong type"},
		{"empty id", `{"accountList":[{"accountId":""}]}`, "accountId is required"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, body := f.call(t, http.MethodPost, BalanceV1Path, tok, c.body)
			wantStatus(t, resp, body, http.StatusBadRequest)
			if code := gcaCode(t, body); code != gcaBadRequest {
				t.Errorf("code %s", code)
			}
			if !strings.Contains(string(body), c.inMsg) {
				t.Errorf("message %s should mention %q", body, c.inMsg)
			}
		})
	}
	// Exactly 31 days apart is allowed.
	resp, body := f.call(t, http.MethodPost, BalanceV1Path, tok, `{"startDate":"2025-02-01","endDate":"2025-03-04"}`)
	wantStatus(t, resp, body, http.StatusOK)
}

func TestV1AccountLimit(t *testing.T) {
	f := newFixture(t, Options{ExtraAccounts: 201})
	tok := f.token(t)
	ids := make([]string, 201)
	for i := range ids {
		ids[i] = fmt.Sprintf("9%014d", i+1)
	}
	resp, body := f.call(t, http.MethodPost, BalanceV1Path, tok, accountList(ids...))
	wantStatus(t, resp, body, http.StatusBadRequest)
	if code := gcaCode(t, body); code != gcaBadRequest || !strings.Contains(string(body), "200") {
		t.Errorf("201 accounts: %s", body)
	}
	if got := f.v1(t, tok, accountList(ids[:200]...)); len(got) != 200 {
		t.Errorf("200 accounts: %d returned", len(got))
	}
}

func TestV1UnknownAccounts(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	const known, unknown = "000000010962009", "000000099999999"

	resp, body := f.call(t, http.MethodPost, BalanceV1Path, tok, accountList(unknown, known))
	wantStatus(t, resp, body, http.StatusOK)
	var r tV1Response
	mustUnmarshal(t, body, &r)
	if len(r.AccountList) != 2 {
		t.Fatalf("want 2 entries, got %s", body)
	}
	// The per-account error entry: exactly accountId, errorCode, errorMsg.
	var entry map[string]any
	mustUnmarshal(t, r.AccountList[0], &entry)
	want := map[string]any{"accountId": unknown, "errorCode": "GCA-010", "errorMsg": "Account not found"}
	if fmt.Sprint(entry) != fmt.Sprint(want) {
		t.Errorf("error entry %v, want %v", entry, want)
	}
	if got := parseV1(t, body)[known]; got.ErrorCode != "" || len(got.BalanceList) != 1 {
		t.Errorf("known account entry %+v", got)
	}

	// None found → 404 GCA-009; a BDA number is not a v1 account.
	resp, body = f.call(t, http.MethodPost, BalanceV1Path, tok, accountList(unknown, "1234567890"))
	wantStatus(t, resp, body, http.StatusNotFound)
	if code := gcaCode(t, body); code != gcaNoneFound {
		t.Errorf("none found: %s", code)
	}
}

func TestV1CommaJoinedAndDuplicateIDs(t *testing.T) {
	f := newFixture(t, Options{})
	resp, body := f.call(t, http.MethodPost, BalanceV1Path, f.token(t),
		`{"accountList":[{"accountId":"000000010962009, 000000010900009","bankId":"02100002"},{"accountId":"000000010962009"}]}`)
	wantStatus(t, resp, body, http.StatusOK)
	var r tV1Response
	mustUnmarshal(t, body, &r)
	if len(r.AccountList) != 2 {
		t.Errorf("want 2 distinct accounts, got %d", len(r.AccountList))
	}
}

func TestV1NoEligibleAccounts(t *testing.T) {
	f := newFixture(t, Options{NoEligibleAccounts: true})
	tok := f.token(t)
	resp, body := f.call(t, http.MethodPost, BalanceV1Path, tok, `{}`)
	wantStatus(t, resp, body, http.StatusNotFound)
	if code := gcaCode(t, body); code != gcaNoEligible {
		t.Errorf("code %s, want GCA-022", code)
	}
	resp, body = f.call(t, http.MethodPost, BalanceV1Path, tok, accountList("000000010962009"))
	wantStatus(t, resp, body, http.StatusNotFound)
	if code := gcaCode(t, body); code != gcaNoneFound {
		t.Errorf("listed account: code %s, want GCA-009", code)
	}
	f.bank.Faults().SetNoEligibleAccounts(false)
	resp, body = f.call(t, http.MethodPost, BalanceV1Path, tok, `{}`)
	wantStatus(t, resp, body, http.StatusOK)
	f.bank.Faults().SetNoEligibleAccounts(true)
	resp, body = f.call(t, http.MethodPost, BalanceV1Path, tok, `{}`)
	wantStatus(t, resp, body, http.StatusNotFound)
}

func TestUnknownRoutes(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	for _, c := range []struct{ method, path string }{
		{http.MethodGet, BalanceV1Path},
		{http.MethodPost, "/accessapi/balances"},
		{http.MethodPost, TransactionsPath}, // exists for GET only
		{http.MethodGet, TokenPath},
		{http.MethodDelete, FaultsPath},
	} {
		resp, body := f.call(t, c.method, c.path, tok, "")
		wantStatus(t, resp, body, http.StatusNotFound)
		if code := gcaCode(t, body); code != gcaNotFound {
			t.Errorf("%s %s: %s", c.method, c.path, code)
		}
	}
}
