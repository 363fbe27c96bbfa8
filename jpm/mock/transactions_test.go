package mock

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// fixedNow (helpers_test.go) is Wednesday 2025-03-12, 11:07 in New York.

type txnPage struct {
	Pagination txnPagination
	Data       []map[string]json.RawMessage
	Errors     []gcaError
}

func (f *fixture) txns(t *testing.T, tok string, q url.Values) (*http.Response, []byte) {
	t.Helper()
	return f.call(t, http.MethodGet, TransactionsPath+"?"+q.Encode(), tok, "")
}

func rangeQ(id, from, to string, extra ...string) url.Values {
	q := url.Values{"accountIds": {id}, "startDate": {from}, "endDate": {to}}
	for i := 0; i+1 < len(extra); i += 2 {
		q.Set(extra[i], extra[i+1])
	}
	return q
}

func TestTransactionsLimits(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	ops := "000000010962009"
	for _, tc := range []struct {
		name string
		q    url.Values
		want string
	}{
		{"six days", rangeQ(ops, "2025-03-01", "2025-03-06"), "cannot exceed 5 days"},
		{"end before start", rangeQ(ops, "2025-03-05", "2025-03-01"), "before startDate"},
		{"bad date", rangeQ(ops, "2025-3-1", "2025-03-02"), "YYYY-MM-DD"},
		{"both kinds", rangeQ(ops, "2025-03-01", "2025-03-02", "relativeDateType", "PRIOR_DAY"), "cannot be combined"},
		{"bad relative", url.Values{"accountIds": {ops}, "relativeDateType": {"YESTERDAY"}}, "CURRENT_DAY or PRIOR_DAY"},
		{"no dates", url.Values{"accountIds": {ops}}, "required"},
		{"no account", url.Values{"relativeDateType": {"CURRENT_DAY"}}, "accountIds is required"},
		{"eleven accounts", url.Values{"accountIds": {strings.Repeat(ops+",", 10) + ops}, "relativeDateType": {"CURRENT_DAY"}}, "at most 10"},
		{"page size 0", rangeQ(ops, "2025-03-01", "2025-03-01", "pageSize", "0"), "pageSize must be"},
		{"page size 1001", rangeQ(ops, "2025-03-01", "2025-03-01", "pageSize", "1001"), "pageSize must be"},
		{"page 0", rangeQ(ops, "2025-03-01", "2025-03-01", "pageNumber", "0"), "pageNumber must be"},
		{"page beyond", rangeQ(ops, "2025-03-01", "2025-03-01", "pageNumber", "9"), "beyond the last page"},
		{"future", rangeQ(ops, "2025-03-13", "2025-03-14"), "in the future"},
		{"too old", rangeQ(ops, "2023-01-01", "2023-01-02"), "older than"},
	} {
		resp, body := f.txns(t, tok, tc.q)
		if resp.StatusCode != http.StatusBadRequest || gcaCode(t, body) != gcaBadRequest || !strings.Contains(string(body), tc.want) {
			t.Errorf("%s: %d %s", tc.name, resp.StatusCode, body)
		}
	}
	resp, body := f.txns(t, tok, url.Values{"accountIds": {"999999999999999"}, "relativeDateType": {"PRIOR_DAY"}})
	wantStatus(t, resp, body, http.StatusNotFound)
	if gcaCode(t, body) != gcaNoneFound {
		t.Errorf("unknown account: %s", body)
	}
	resp, body = f.txns(t, tok, url.Values{"accountIds": {ops + ",999999999999999"}, "relativeDateType": {"PRIOR_DAY"}})
	wantStatus(t, resp, body, http.StatusOK)
	var p txnPage
	mustUnmarshal(t, body, &p)
	if len(p.Errors) != 1 || p.Errors[0].ErrorCode != gcaOneNotFound || len(p.Data) == 0 {
		t.Errorf("one unknown of two: %d items, errors %v", len(p.Data), p.Errors)
	}
	resp, body = f.txns(t, "", url.Values{"accountIds": {ops}, "relativeDateType": {"PRIOR_DAY"}})
	wantStatus(t, resp, body, http.StatusUnauthorized)
	f.bank.Faults().SetDown(true)
	resp, body = f.txns(t, tok, url.Values{"accountIds": {ops}, "relativeDateType": {"PRIOR_DAY"}})
	wantStatus(t, resp, body, http.StatusServiceUnavailable)
	if gcaCode(t, body) != gcaUnavailable {
		t.Errorf("down: %s", body)
	}
}

func TestTransactionsPagesAndRepeatRows(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	q := rangeQ("000000010962009", "2025-03-03", "2025-03-07")
	var all []string
	total := 0
	for page := 1; ; page++ {
		q.Set("pageNumber", itoa(page))
		resp, body := f.txns(t, tok, q)
		wantStatus(t, resp, body, http.StatusOK)
		var p txnPage
		mustUnmarshal(t, body, &p)
		if p.Pagination.PageSize != txnDefaultPageSize || p.Pagination.PageNumber != page {
			t.Fatalf("pagination %+v", p.Pagination)
		}
		total = p.Pagination.TotalRecords
		for _, d := range p.Data {
			all = append(all, string(d["transactionId"]))
		}
		if page == p.Pagination.TotalPages {
			break
		}
	}
	if len(all) != total || total < 5*80 {
		t.Fatalf("%d items in pages, totalRecords %d", len(all), total)
	}
	f.bank.Faults().SetRepeatRows(true)
	q.Set("pageNumber", "2")
	_, body := f.txns(t, tok, q)
	var p txnPage
	mustUnmarshal(t, body, &p)
	if string(p.Data[0]["transactionId"]) != all[txnDefaultPageSize-1] || len(p.Data) != txnDefaultPageSize+1 {
		t.Errorf("page 2 with RepeatRows does not start with page 1's last item")
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// TestTransactionsConsistentWithBalances: for every account of the book
// (and some synthetic ones) and 40 days, the day's items, plus the one the
// broken day leaves out, add up exactly to the ledger's move.
func TestTransactionsConsistentWithBalances(t *testing.T) {
	b := New(Options{Seed: 42, ExtraAccounts: 3, Now: func() time.Time { return fixedNow }})
	broken := 0
	for _, a := range b.book {
		for d := today(a, fixedNow) - 40; d < today(a, fixedNow); d++ {
			got, want := netOf(b.dayItems(a, d)), b.dayMove(a, d)
			if isBrokenDay(a, d) {
				broken++
				got -= mustMoney(BrokenAmount, a.ccy.decimals) // the fee the report leaves out
			}
			if got != want {
				t.Fatalf("%s %s: items net %s, ledger moved %s", a.id, d, got.format(a.ccy.decimals), want.format(a.ccy.decimals))
			}
		}
	}
	if broken < 5 {
		t.Errorf("%d broken days in 40, want one a week", broken)
	}
	if day := b.BrokenDay(fixedNow); day != "2025-03-05" {
		t.Errorf("BrokenDay = %s, want the Wednesday before 2025-03-12", day)
	}
}

func TestTransactionsCurrentDay(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	get := func(id string) []map[string]json.RawMessage {
		_, body := f.txns(t, tok, url.Values{"accountIds": {id}, "relativeDateType": {"CURRENT_DAY"}})
		var p txnPage
		mustUnmarshal(t, body, &p)
		return p.Data
	}
	ops := get("000000010962009")
	if len(ops) == 0 {
		t.Fatal("no items by 11:07 New York")
	}
	for _, d := range ops {
		var at time.Time
		_ = json.Unmarshal(d["asOfDateTime"], &at)
		if at.After(fixedNow) || string(d["asOfDate"]) != `"2025-03-12"` {
			t.Fatalf("an item from the future or another day: %s %s", d["asOfDateTime"], d["asOfDate"])
		}
	}
	if n := len(get(f.accountByScenario(t, ScenarioPriorDay).ID)); n != 0 {
		t.Errorf("a prior-day-only account reported %d intraday items", n)
	}
	stale := f.accountByScenario(t, ScenarioStale).ID
	before := len(get(stale))
	f.clock.Add(3 * time.Hour)
	tok = f.token(t) // the old one has expired
	if after := len(get(stale)); after <= before {
		t.Errorf("the stale feed did not catch up: %d then %d", before, after)
	}
}

func TestTransactionsWireShape(t *testing.T) {
	f := newFixture(t, Options{})
	_, body := f.txns(t, f.token(t), rangeQ("000000010962009", "2025-03-10", "2025-03-10"))
	if !bytes.Contains(body, []byte(`"YOUR REF    ":`)) || !bytes.Contains(body, []byte(`"B/O CUSTOMER":`)) {
		t.Error("narrative keys are not padded to 12")
	}
	var p txnPage
	mustUnmarshal(t, body, &p)
	for _, d := range p.Data {
		amt := string(d["amount"])
		if strings.HasPrefix(amt, "-") || strings.HasPrefix(amt, `"`) || !strings.Contains(amt, ".") || len(amt)-strings.Index(amt, ".") != 3 {
			t.Fatalf("amount %s: want a positive JSON number with 2 decimals", amt)
		}
		if dc := string(d["debitCreditCode"]); dc != `"DEBIT"` && dc != `"CREDIT"` {
			t.Fatalf("debitCreditCode %s", dc)
		}
	}
	// Same seed and clock, same bytes.
	g := newFixture(t, Options{})
	_, again := g.txns(t, g.token(t), rangeQ("000000010962009", "2025-03-10", "2025-03-10"))
	if !bytes.Equal(body, again) {
		t.Error("two banks with the same seed and clock answered differently")
	}
}
