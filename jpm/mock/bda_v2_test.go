package mock

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

var bdaBIC = "CHASUS33MCY"

func (f *fixture) bdaNumbers() (out []string) {
	for _, a := range f.bank.Accounts() {
		if a.API == APIBDA {
			out = append(out, a.ID)
		}
	}
	return out
}

func identifiers(nums ...string) string {
	parts := make([]string, len(nums))
	for i, n := range nums {
		parts[i] = fmt.Sprintf(`{"number":%q,"financialInstitutionId":{"id":%q,"idType":"BIC"}}`, n, bdaBIC)
	}
	return `"accountIdentifiers":[` + strings.Join(parts, ",") + `]`
}

func (f *fixture) bdaOK(t *testing.T, method, path, tok, body string, hdr ...string) bdaResponse {
	t.Helper()
	resp, raw := f.call(t, method, path, tok, body, hdr...)
	wantStatus(t, resp, raw, http.StatusOK)
	var r bdaResponse
	mustUnmarshal(t, raw, &r)
	return r
}

var signedDecimal2 = regexp.MustCompile(`^-?\d+\.\d{2}$`)

func TestBDAListCurrentDay(t *testing.T) {
	f := newFixture(t, Options{})
	r := f.bdaOK(t, http.MethodGet, BDABalancesPath, f.token(t), "")
	nums := f.bdaNumbers()
	if len(nums) != 3 || len(r.AccountBalances) != 3 {
		t.Fatalf("book %d BDA accounts, response %d", len(nums), len(r.AccountBalances))
	}
	for i, ab := range r.AccountBalances {
		a := ab.Account
		if a.Number != nums[i] || len(a.Number) > 10 || a.Type != "BDA" || a.Currency != "USD" || a.Name == "" ||
			len(a.FinancialInstitutionIDs) != 1 || a.FinancialInstitutionIDs[0] != (bdaFIID{bdaBIC, "BIC"}) {
			t.Errorf("account %+v", a)
		}
		if len(ab.Balances) != 2 || ab.Balances[0].Type != interimAvailable || ab.Balances[1].Type != interimBooked {
			t.Fatalf("balances %+v", ab.Balances)
		}
		for _, b := range ab.Balances {
			if b.BookDate != "2025-03-12" || !signedDecimal2.MatchString(b.Amount) {
				t.Errorf("balance %+v", b)
			}
			if d, err := decimal.NewFromString(b.Amount); err != nil || d.StringFixed(2) != b.Amount {
				t.Errorf("amount %s not exact", b.Amount)
			}
		}
	}
	c := r.Metadata.Cursor
	if c.First == "" || c.This != c.First || c.Next != "" || c.Prev != "" {
		t.Errorf("single page cursor %+v", c)
	}
}

func TestBDAPaginationWalk(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	walk := func() (nums, cursors []string) {
		q := url.Values{"pageSize": {"1"}}
		for page := 0; ; page++ {
			if page > 10 {
				t.Fatal("pagination does not end")
			}
			r := f.bdaOK(t, http.MethodGet, BDABalancesPath+"?"+q.Encode(), tok, "")
			if len(r.AccountBalances) != 1 {
				t.Fatalf("page %d: %d items", page, len(r.AccountBalances))
			}
			nums = append(nums, r.AccountBalances[0].Account.Number)
			c := r.Metadata.Cursor
			cursors = append(cursors, c.This)
			if page > 0 && c.Prev == "" {
				t.Errorf("page %d has no prev", page)
			}
			if c.Next == "" {
				return nums, cursors
			}
			q.Set("cursor", c.Next)
		}
	}
	nums, cursors := walk()
	if fmt.Sprint(nums) != fmt.Sprint(f.bdaNumbers()) {
		t.Errorf("walk visited %v, book has %v", nums, f.bdaNumbers())
	}
	for _, c := range cursors {
		if !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`).MatchString(c) || c == zeroCursor {
			t.Errorf("cursor %q not uuid-shaped", c)
		}
	}
	// Stateless and deterministic: a second walk, and a second bank with the
	// same seed, give the same cursors.
	if _, again := walk(); fmt.Sprint(again) != fmt.Sprint(cursors) {
		t.Errorf("cursors changed between walks")
	}
	g := newFixture(t, Options{})
	r := g.bdaOK(t, http.MethodGet, BDABalancesPath+"?pageSize=1&cursor="+cursors[1], g.token(t), "")
	if r.AccountBalances[0].Account.Number != nums[1] {
		t.Errorf("cursor not portable across banks with the same seed")
	}
}

func TestBDAQueryValidation(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	foreign := newFixture(t, Options{Seed: 99}).bank.encodeCursor(1)
	cases := []struct{ name, query, code, field string }{
		{"pageSize 101", "pageSize=101", codeMaxValue, "pageSize"},
		{"pageSize 0", "pageSize=0", codeMinValue, "pageSize"},
		{"pageSize text", "pageSize=ten", codeBadFormat, "pageSize"},
		{"cursor not uuid", "cursor=abc", codeBadFormat, "cursor"},
		{"cursor from another seed", "cursor=" + foreign, codeBadValue, "cursor"},
		{"cursor past end", "cursor=" + f.bank.encodeCursor(3), codeBadValue, "cursor"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, body := f.call(t, http.MethodGet, BDABalancesPath+"?"+c.query, tok, "", "Request-Id", "abc-123")
			wantStatus(t, resp, body, http.StatusBadRequest)
			e := commonErr(t, body)
			if e.HTTPStatus != 400 || e.RequestID != "abc-123" || e.Title != "Bad Request" ||
				e.Context[0].Code != c.code || e.Context[0].Field != c.field || e.Context[0].Location != locQuery {
				t.Errorf("error %s", body)
			}
		})
	}
	f.bdaOK(t, http.MethodGet, BDABalancesPath+"?pageSize=100", tok, "")
}

func TestBDARequestIDHeader(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	long := strings.Repeat("x", 37)
	resp, body := f.call(t, http.MethodGet, BDABalancesPath, tok, "", "Request-Id", long)
	wantStatus(t, resp, body, http.StatusBadRequest)
	e := commonErr(t, body)
	if e.Context[0].Code != codeMaxLength || e.Context[0].Location != locHeader || e.RequestID != "" {
		t.Errorf("37-char Request-Id: %s", body)
	}
	f.bdaOK(t, http.MethodGet, BDABalancesPath, tok, "", "Request-Id", strings.Repeat("x", 36))
}

func TestBDAInquiryHistory(t *testing.T) {
	f := newFixture(t, Options{})
	nums := f.bdaNumbers()
	r := f.bdaOK(t, http.MethodPost, BDAInquiryPath, f.token(t), `{`+identifiers(nums...)+
		`,"balanceTypes":["INTERIM_AVAILABLE","INTERIM_BOOKED","CLOSING_AVAILABLE","CLOSING_BOOKED"],"fromDate":"2025-03-10","toDate":"2025-03-12"}`)
	if len(r.AccountBalances) != 3 {
		t.Fatalf("%d accounts", len(r.AccountBalances))
	}
	for _, ab := range r.AccountBalances {
		byKey := map[string]string{}
		for _, b := range ab.Balances {
			byKey[b.BookDate+" "+b.Type] = b.Amount
			if !signedDecimal2.MatchString(b.Amount) {
				t.Errorf("amount %q", b.Amount)
			}
		}
		// 2 past days × 4 types + today's 2 interim types (today is not closed).
		if len(ab.Balances) != 10 {
			t.Errorf("%s: %d balances: %+v", ab.Account.Number, len(ab.Balances), ab.Balances)
		}
		for _, d := range []string{"2025-03-10", "2025-03-11"} {
			if byKey[d+" CLOSING_BOOKED"] != byKey[d+" INTERIM_BOOKED"] || byKey[d+" CLOSING_BOOKED"] == "" {
				t.Errorf("%s %s: closing %s interim %s", ab.Account.Number, d, byKey[d+" CLOSING_BOOKED"], byKey[d+" INTERIM_BOOKED"])
			}
		}
		if _, ok := byKey["2025-03-12 CLOSING_BOOKED"]; ok {
			t.Error("today has a closing balance")
		}
	}
}

func TestBDAInquiryDefaultsMatchList(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	list := f.bdaOK(t, http.MethodGet, BDABalancesPath, tok, "")
	inq := f.bdaOK(t, http.MethodPost, BDAInquiryPath, tok, `{`+identifiers(f.bdaNumbers()...)+`}`)
	if fmt.Sprint(list.AccountBalances) != fmt.Sprint(inq.AccountBalances) {
		t.Errorf("inquiry defaults differ from the list:\n%+v\n%+v", inq.AccountBalances, list.AccountBalances)
	}
}

func TestBDAInquiryOneDateImpliesTheOther(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	count := func(dates string) int {
		r := f.bdaOK(t, http.MethodPost, BDAInquiryPath, tok, `{`+identifiers("1234567890")+`,"balanceTypes":["INTERIM_BOOKED"],`+dates+`}`)
		return len(r.AccountBalances[0].Balances)
	}
	if n := count(`"fromDate":"2025-03-09"`); n != 4 {
		t.Errorf("fromDate only: %d days, want 4 (to = today)", n)
	}
	if n := count(`"toDate":"2025-03-12"`); n != 46 {
		t.Errorf("toDate only: %d days, want 46 (from = to-45)", n)
	}
	if n := count(`"toDate":"2025-02-01"`); n != 7 { // from clamped to 2025-01-26, the 45-day history limit
		t.Errorf("old toDate only: %d days, want 7", n)
	}
}

func TestBDAInquiryPagination(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	body := `{` + identifiers(f.bdaNumbers()...) + `}`
	r := f.bdaOK(t, http.MethodPost, BDAInquiryPath+"?pageSize=2", tok, body)
	if len(r.AccountBalances) != 2 || r.Metadata.Cursor.Next == "" {
		t.Fatalf("first page %+v", r)
	}
	r = f.bdaOK(t, http.MethodPost, BDAInquiryPath+"?pageSize=2&cursor="+r.Metadata.Cursor.Next, tok, body)
	if len(r.AccountBalances) != 1 || r.Metadata.Cursor.Next != "" || r.AccountBalances[0].Account.Number != f.bdaNumbers()[2] {
		t.Fatalf("last page %+v", r)
	}
}

func TestBDAInquiryValidation(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	many := make([]string, 26)
	for i := range many {
		many[i] = "1234567890"
	}
	one := identifiers("1234567890")
	cases := []struct{ name, body, code, field string }{
		{"26 accounts", `{` + identifiers(many...) + `}`, codeMaxValue, "$.accountIdentifiers"},
		{"missing accounts", `{"balanceTypes":["INTERIM_BOOKED"]}`, codeMissing, "$.accountIdentifiers"},
		{"empty body", ``, codeMissing, "$.accountIdentifiers"},
		{"no accounts", `{"accountIdentifiers":[]}`, codeMinLength, "$.accountIdentifiers"},
		{"long number", `{` + identifiers("12345678901") + `}`, codeMaxLength, "$.accountIdentifiers[0].number"},
		{"no number", `{"accountIdentifiers":[{"financialInstitutionId":{"id":"CHASUS33MCY","idType":"BIC"}}]}`, codeMissing, "$.accountIdentifiers[0].number"},
		{"no institution", `{"accountIdentifiers":[{"number":"1234567890"}]}`, codeMissing, "$.accountIdentifiers[0].financialInstitutionId"},
		{"short BIC", `{"accountIdentifiers":[{"number":"1234567890","financialInstitutionId":{"id":"CHAS","idType":"BIC"}}]}`, codeMinLength, "$.accountIdentifiers[0].financialInstitutionId.id"},
		{"idType", `{"accountIdentifiers":[{"number":"1234567890","financialInstitutionId":{"id":"CHASUS33MCY","idType":"IBAN"}}]}`, codeBadValue, "$.accountIdentifiers[0].financialInstitutionId.idType"},
		{"no types", `{` + one + `,"balanceTypes":[]}`, codeMinLength, "$.balanceTypes"},
		{"5 types", `{` + one + `,"balanceTypes":["INTERIM_BOOKED","INTERIM_BOOKED","INTERIM_BOOKED","INTERIM_BOOKED","INTERIM_BOOKED"]}`, codeMaxValue, "$.balanceTypes"},
		{"bad type", `{` + one + `,"balanceTypes":["OPENING_BOOKED"]}`, codeBadValue, "$.balanceTypes[0]"},
		{"bad date", `{` + one + `,"fromDate":"03/01/2025"}`, codeBadFormat, "$.fromDate"},
		{"range over 45", `{` + one + `,"fromDate":"2025-01-26","toDate":"2025-03-13"}`, codeRange, "$.toDate"},
		{"to before from", `{` + one + `,"fromDate":"2025-03-10","toDate":"2025-03-09"}`, codeRange, "$.toDate"},
		{"too old", `{` + one + `,"fromDate":"2025-01-25","toDate":"2025-02-01"}`, codeMinValue, "$.fromDate"},
		{"unknown account", `{` + identifiers("999") + `}`, codeBadValue, "$.accountIdentifiers[0].number"},
		{"v1 account", `{` + identifiers("0000000109") + `}`, codeBadValue, "$.accountIdentifiers[0].number"},
		{"other BIC", `{"accountIdentifiers":[{"number":"1234567890","financialInstitutionId":{"id":"CHASGB2L","idType":"BIC"}}]}`, codeBadValue, "$.accountIdentifiers[0].financialInstitutionId.id"},
		{"not json", `{"accountIdentifiers":`, codeBadFormat, "$"},
		{"wrong type", `{"accountIdentifiers":"1234567890"}`, codeBadFormat, "$.accountIdentifiers"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, body := f.call(t, http.MethodPost, BDAInquiryPath, tok, c.body, "Request-Id", "inq-1")
			wantStatus(t, resp, body, http.StatusBadRequest)
			e := commonErr(t, body)
			got := e.Context[0]
			if got.Code != c.code || got.Field != c.field || got.Location != locBody || e.RequestID != "inq-1" || got.Message == "" {
				t.Errorf("got %s; want code %s field %s", body, c.code, c.field)
			}
		})
	}
	// Boundaries that must pass: 25 accounts, 4 types, exactly 45 days.
	f.bdaOK(t, http.MethodPost, BDAInquiryPath, tok, `{`+identifiers(many[:25]...)+`}`)
	f.bdaOK(t, http.MethodPost, BDAInquiryPath, tok, `{`+one+
		`,"balanceTypes":["INTERIM_AVAILABLE","INTERIM_BOOKED","CLOSING_AVAILABLE","CLOSING_BOOKED"],"fromDate":"2025-01-26","toDate":"2025-03-12"}`)
}

func TestBDANoEligibleAccounts(t *testing.T) {
	f := newFixture(t, Options{NoEligibleAccounts: true})
	tok := f.token(t)
	resp, body := f.call(t, http.MethodGet, BDABalancesPath, tok, "")
	wantStatus(t, resp, body, http.StatusOK)
	want := `{"accountBalances":[],"metadata":{"cursor":{"first":"` + zeroCursor + `","this":"` + zeroCursor + `"}}}` + "\n"
	if string(body) != want {
		t.Errorf("empty result %s, want %s", body, want)
	}
	resp, body = f.call(t, http.MethodPost, BDAInquiryPath, tok, `{`+identifiers("1234567890")+`}`)
	wantStatus(t, resp, body, http.StatusBadRequest)
}
