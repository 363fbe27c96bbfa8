package jpm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"cashpos/model"
)

func bal(typ, amount, date string) string {
	return fmt.Sprintf(`{"type":%q,"amount":%q,"bookDate":%q}`, typ, amount, date)
}

func bdaItem(number, currency string, bals ...string) string {
	return fmt.Sprintf(`{"account":{"number":%q,"type":"BDA","currency":%q,"name":"BDA %s",`+
		`"financialInstitutionIds":[{"id":"CHASUS33MCY","idType":"BIC"}]},"balances":[%s]}`,
		number, currency, number, strings.Join(bals, ","))
}

func bdaPage(next string, items ...string) string {
	cursor := `"first":"c1","this":"c1"`
	if next != "" {
		cursor += fmt.Sprintf(`,"next":%q`, next)
	}
	return `{"accountBalances":[` + strings.Join(items, ",") + `],"metadata":{"cursor":{` + cursor + `}}}`
}

type inquirySeen struct {
	AccountIdentifiers []struct {
		Number                 string `json:"number"`
		FinancialInstitutionID struct {
			ID     string `json:"id"`
			IDType string `json:"idType"`
		} `json:"financialInstitutionId"`
	} `json:"accountIdentifiers"`
	BalanceTypes []string `json:"balanceTypes"`
	FromDate     string   `json:"fromDate"`
	ToDate       string   `json:"toDate"`
}

// bdaInquiryHandler answers each asked account with data[number] (or
// nothing) and records the requests.
func bdaInquiryHandler(t *testing.T, data map[string]string) (http.HandlerFunc, func() []inquirySeen) {
	var mu sync.Mutex
	var seen []inquirySeen
	return func(w http.ResponseWriter, r *http.Request) {
			raw, _ := io.ReadAll(r.Body)
			var q inquirySeen
			if err := json.Unmarshal(raw, &q); err != nil {
				t.Errorf("inquiry body: %v", err)
			}
			if r.URL.Query().Get("pageSize") != "100" {
				t.Errorf("pageSize = %q", r.URL.Query().Get("pageSize"))
			}
			mu.Lock()
			seen = append(seen, q)
			mu.Unlock()
			var items []string
			for _, a := range q.AccountIdentifiers {
				if d, ok := data[a.Number]; ok {
					items = append(items, d)
				}
			}
			writeJSON(w, 200, bdaPage("", items...))
		}, func() []inquirySeen {
			mu.Lock()
			defer mu.Unlock()
			return slices.Clone(seen)
		}
}

func TestBDAInquiryBatchesOf25(t *testing.T) {
	b := newBank(t)
	h, seen := bdaInquiryHandler(t, nil)
	b.handle("POST /account/v2/accounts/balances/inquiry", h)
	var refs []model.AccountRef
	for i := range 26 {
		refs = append(refs, model.AccountRef{ID: fmt.Sprintf("%010d", i+1), API: model.APIBDAV2})
	}
	refs[3].BIC = "CHASGB2LXXX"
	snap, err := b.client().Balances(context.Background(), refs, CurrentDay)
	if err != nil {
		t.Fatal(err)
	}
	reqs := seen()
	var sizes []int
	for _, q := range reqs {
		sizes = append(sizes, len(q.AccountIdentifiers))
		if !slices.Equal(q.BalanceTypes, []string{"INTERIM_AVAILABLE", "INTERIM_BOOKED", "CLOSING_AVAILABLE", "CLOSING_BOOKED"}) {
			t.Errorf("balanceTypes = %v", q.BalanceTypes)
		}
		// Today in New York is 2024-10-07; the look-back reaches the
		// previous closing (see bdaLookback).
		if q.ToDate != "2024-10-07" || q.FromDate != "2024-10-02" {
			t.Errorf("dates %s..%s", q.FromDate, q.ToDate)
		}
		for _, a := range q.AccountIdentifiers {
			wantBIC := "CHASUS33MCY"
			if a.Number == refs[3].ID {
				wantBIC = "CHASGB2LXXX"
			}
			if a.FinancialInstitutionID.ID != wantBIC || a.FinancialInstitutionID.IDType != "BIC" {
				t.Errorf("identifier %+v", a)
			}
		}
	}
	slices.Sort(sizes)
	if !slices.Equal(sizes, []int{1, 25}) {
		t.Errorf("batch sizes = %v, want 25 and 1", sizes)
	}
	if len(snap.Balances) != 26 || snap.Balances[0].Problem == nil || snap.Balances[0].Problem.Code != "MISSING" {
		t.Errorf("accounts the bank did not answer for should be MISSING rows: %+v", snap.Balances[0])
	}
}

func TestBDAZoneDecidesToday(t *testing.T) {
	b := newBank(t)
	h, seen := bdaInquiryHandler(t, nil)
	b.handle("POST /account/v2/accounts/balances/inquiry", h)
	late := time.Date(2024, 10, 7, 23, 30, 0, 0, time.UTC) // 19:30 in New York, 08:30 on the 8th in Tokyo
	refs := []model.AccountRef{
		{ID: "1", API: model.APIBDAV2},
		{ID: "2", API: model.APIBDAV2, TimeZone: "Asia/Tokyo"},
	}
	if _, err := b.client(func(o *Options) { o.Now = func() time.Time { return late } }).Balances(context.Background(), refs, CurrentDay); err != nil {
		t.Fatal(err)
	}
	var to []string
	for _, q := range seen() {
		to = append(to, q.ToDate)
	}
	slices.Sort(to)
	if !slices.Equal(to, []string{"2024-10-07", "2024-10-08"}) {
		t.Errorf("toDates = %v; each zone has its own today", to)
	}
}

func TestBDAMapping(t *testing.T) {
	const fri, mon = "2024-10-04", "2024-10-07"
	data := map[string]string{
		// Full picture: Friday closed, Monday intraday.
		"1": bdaItem("1", "USD",
			bal("INTERIM_AVAILABLE", "150.25", mon), bal("INTERIM_BOOKED", "160.50", mon),
			bal("CLOSING_AVAILABLE", "100.00", fri), bal("CLOSING_BOOKED", "110.00", fri),
			bal("CLOSING_AVAILABLE", "90.00", "2024-10-03"), bal("CLOSING_BOOKED", "95.00", "2024-10-03")),
		// Only today's interim: no opening to be had.
		"2": bdaItem("2", "JPY", bal("INTERIM_AVAILABLE", "1234567", mon)),
		// Signs and exactness.
		"3": bdaItem("3", "BHD", bal("INTERIM_AVAILABLE", "-4681826093.930", mon), bal("INTERIM_BOOKED", "+12.345", mon),
			bal("CLOSING_AVAILABLE", "0.1", fri), bal("CLOSING_BOOKED", "-0", fri)),
	}
	b := newBank(t)
	h, _ := bdaInquiryHandler(t, data)
	b.handle("POST /account/v2/accounts/balances/inquiry", h)
	c := b.client()
	snap, err := c.Balances(context.Background(), bdaRefs("1", "2", "3"), CurrentDay)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		asOf       string
		current    bool
		oa, ol     string
		ea, el     string
		currency   string
		decimals   int32
		recordZero bool
	}
	got := func(b model.Balance) row {
		return row{b.AsOfDate, b.CurrentDay, exact(b.OpeningAvailable), exact(b.OpeningLedger), exact(b.EndingAvailable), exact(b.EndingLedger),
			b.Account.Currency.Code, b.Account.Currency.Decimals, b.RecordTime.IsZero()}
	}
	want := []row{
		{mon, true, "100.00", "110.00", "150.25", "160.50", "USD", 2, true},
		{mon, true, "missing", "missing", "1234567", "missing", "JPY", 0, true},
		{mon, true, "0.1", "0", "-4681826093.930", "12.345", "BHD", 3, true},
	}
	for i, w := range want {
		if g := got(snap.Balances[i]); g != w {
			t.Errorf("row %d = %+v\nwant    %+v", i, g, w)
		}
		r := snap.Balances[i]
		if !r.FetchedAt.Equal(testNow) || r.Account.API != model.APIBDAV2 || r.Account.BIC != "CHASUS33MCY" || r.Problem != nil {
			t.Errorf("row %d = %+v", i, r)
		}
	}

	// The prior day: Friday, closed, opening from Thursday's close.
	snap, err = c.Balances(context.Background(), bdaRefs("1", "2"), PriorDay)
	if err != nil {
		t.Fatal(err)
	}
	if g := got(snap.Balances[0]); g != (row{fri, false, "90.00", "95.00", "100.00", "110.00", "USD", 2, true}) {
		t.Errorf("prior day row = %+v", g)
	}
	if p := snap.Balances[1].Problem; p == nil || p.Code != "NO_DATA" {
		t.Errorf("account with no prior day: %+v", snap.Balances[1])
	}
}

func TestBDAPastDayNeverShowsInterim(t *testing.T) {
	ab := &bdaAccountBalances{}
	if err := json.Unmarshal([]byte(bdaItem("1", "USD",
		bal("INTERIM_AVAILABLE", "5", "2024-10-04"), // Friday's intraday figure, never closed
		bal("CLOSING_BOOKED", "7", "2024-10-04"),
		bal("INTERIM_AVAILABLE", "9", "2024-10-07"))), ab); err != nil {
		t.Fatal(err)
	}
	rows := bdaRangeRows(ab, model.AccountRef{ID: "1", API: model.APIBDAV2}, time.Date(2024, 10, 4, 0, 0, 0, 0, time.UTC), time.Date(2024, 10, 7, 0, 0, 0, 0, time.UTC), testNow, testNow)
	if len(rows) != 2 {
		t.Fatalf("rows = %+v", rows)
	}
	fri, mon := rows[0], rows[1]
	if fri.CurrentDay || exact(fri.EndingAvailable) != "missing" || exact(fri.EndingLedger) != "7" {
		t.Errorf("Friday = %+v", fri)
	}
	if !mon.CurrentDay || exact(mon.EndingAvailable) != "9" || exact(mon.OpeningLedger) != "7" || exact(mon.OpeningAvailable) != "missing" {
		t.Errorf("Monday = %+v", mon)
	}
}

func TestBDATodayClosedFallsBackToClosing(t *testing.T) {
	ab := &bdaAccountBalances{}
	json.Unmarshal([]byte(bdaItem("1", "USD", bal("CLOSING_AVAILABLE", "3", "2024-10-07"), bal("CLOSING_BOOKED", "4", "2024-10-07"))), ab)
	r := bdaRelativeRow(ab, model.AccountRef{ID: "1"}, CurrentDay, testNow, testNow)
	if !r.CurrentDay || exact(r.EndingAvailable) != "3" || exact(r.EndingLedger) != "4" {
		t.Errorf("row = %+v", r)
	}
}

func TestBDAMalformedAmount(t *testing.T) {
	for _, amount := range []string{"12,50", "1e5", "", " 1.00", "1.", ".5", "--1", "0x10", "1.5.0"} {
		_, err := decodeBDA([]byte(bdaPage("", bdaItem("1", "USD", bal("INTERIM_AVAILABLE", amount, "2024-10-07")))))
		if err == nil {
			t.Errorf("amount %q accepted", amount)
		}
	}
	for _, body := range []string{
		`{"accountBalances":[{"account":{"number":"1"},"balances":[{"type":"INTERIM_AVAILABLE","amount":true,"bookDate":"2024-10-07"}]}]}`,
		`{"accountBalances":[{"account":{"number":"1"},"balances":[{"type":"INTERIM_AVAILABLE","amount":"1","bookDate":"07/10/2024"}]}]}`,
		`{"accountBalances":[{"account":{"number":""},"balances":[]}]}`,
	} {
		if _, err := decodeBDA([]byte(body)); err == nil {
			t.Errorf("accepted %s", body)
		}
	}

	b := newBank(t)
	b.handle("POST /account/v2/accounts/balances/inquiry", status(200, bdaPage("", bdaItem("1", "USD", bal("INTERIM_AVAILABLE", "12,50", "2024-10-07")))))
	_, err := b.client().Balances(context.Background(), bdaRefs("1"), CurrentDay)
	if err == nil || !strings.Contains(err.Error(), `amount "12,50" is not a signed decimal`) {
		t.Fatalf("err = %v", err)
	}
	t.Log(err)
}

// discoveryBank serves GET /accounts/balances in pages and answers
// inquiries from the same data.
func discoveryBank(t *testing.T, pages map[string]string, data map[string]string) (*bank, *[]string) {
	b := newBank(t)
	var mu sync.Mutex
	var cursors []string
	b.handle("GET /account/v2/accounts/balances", func(w http.ResponseWriter, r *http.Request) {
		cur := r.URL.Query().Get("cursor")
		if r.URL.Query().Get("pageSize") != "100" {
			t.Errorf("pageSize = %q", r.URL.Query().Get("pageSize"))
		}
		mu.Lock()
		cursors = append(cursors, cur)
		mu.Unlock()
		page, ok := pages[cur]
		if !ok {
			writeJSON(w, 400, `{"title":"Bad Request","context":[{"code":"10104","message":"bad cursor","location":"QUERY","field":"cursor"}]}`)
			return
		}
		writeJSON(w, 200, page)
	})
	h, _ := bdaInquiryHandler(t, data)
	b.handle("POST /account/v2/accounts/balances/inquiry", h)
	return b, &cursors
}

func TestBDADiscoveryPagination(t *testing.T) {
	mon, fri := "2024-10-07", "2024-10-04"
	item := func(n string) string { return bdaItem(n, "USD", bal("INTERIM_AVAILABLE", "1.00", mon)) }
	full := func(n string) string {
		return bdaItem(n, "USD", bal("INTERIM_AVAILABLE", "1.00", mon), bal("CLOSING_AVAILABLE", "0.50", fri))
	}
	pages := map[string]string{
		"":   bdaPage("p2", item("A1"), item("A2")),
		"p2": bdaPage("p3", item("B1")),
		"p3": bdaPage("", item("C1")), // no next: the last page
	}
	b, cursors := discoveryBank(t, pages, map[string]string{"A1": full("A1"), "A2": full("A2"), "B1": full("B1"), "C1": full("C1")})
	b.handle("POST /accessapi/balance", status(200, `{"accountList":[`+usdAccount("V1")+`]}`))
	snap, err := b.client(func(o *Options) { o.DiscoverBDA = true }).Balances(context.Background(), nil, CurrentDay)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(*cursors, []string{"", "p2", "p3"}) {
		t.Errorf("cursors followed = %q", *cursors)
	}
	if got := rowIDs(snap.Balances); !slices.Equal(got, []string{"V1", "A1", "A2", "B1", "C1"}) {
		t.Errorf("rows = %v; want v1 accounts, then BDA in answer order", got)
	}
	if r := snap.Balances[1]; exact(r.OpeningAvailable) != "0.50" || r.Account.API != model.APIBDAV2 || snap.Partial {
		t.Errorf("BDA row = %+v (opening from the follow-up inquiry)", r)
	}
}

func TestBDADiscoveryCursorLoop(t *testing.T) {
	pages := map[string]string{
		"":   bdaPage("p2", bdaItem("A1", "USD")),
		"p2": bdaPage("p2", bdaItem("B1", "USD")), // points at itself
	}
	b, cursors := discoveryBank(t, pages, nil)
	b.handle("POST /accessapi/balance", status(200, `{"accountList":[`+usdAccount("V1")+`]}`))
	snap, err := b.client(func(o *Options) { o.DiscoverBDA = true }).Balances(context.Background(), nil, CurrentDay)
	if err != nil {
		t.Fatal(err)
	}
	if len(*cursors) != 2 || !snap.Partial || len(snap.Balances) != 1 {
		t.Errorf("cursors %q, partial %v, rows %v", *cursors, snap.Partial, rowIDs(snap.Balances))
	}
}

func TestBDADiscoveryNotEntitled(t *testing.T) {
	for _, code := range []int{401, 403} {
		b := newBank(t)
		b.handle("GET /account/v2/accounts/balances", status(code, `{"title":"Forbidden","httpStatus":403,"context":[{"code":"14000","message":"Security failure"}]}`))
		b.handle("POST /accessapi/balance", status(200, `{"accountList":[`+usdAccount("V1")+`]}`))
		snap, err := b.client(func(o *Options) { o.DiscoverBDA = true }).Balances(context.Background(), nil, CurrentDay)
		if err != nil || snap.Partial || !slices.Equal(rowIDs(snap.Balances), []string{"V1"}) {
			t.Errorf("HTTP %d: %v, partial %v, rows %v", code, err, snap.Partial, rowIDs(snap.Balances))
		}
	}
}

func TestNoEligibleAccounts(t *testing.T) {
	gca022 := status(400, `{"errors":[{"errorCode":"GCA-022","errorMsg":"No eligible accounts"}]}`)

	// v1 says GCA-022, BDA not asked.
	b := newBank(t)
	b.handle("POST /accessapi/balance", gca022)
	if _, err := b.client().Balances(context.Background(), nil, CurrentDay); !errors.Is(err, model.ErrNoEligibleAccounts) {
		t.Errorf("v1 only: %v", err)
	}

	// v1 says GCA-022 and BDA has nothing.
	b, _ = discoveryBank(t, map[string]string{"": bdaPage("")}, nil)
	b.handle("POST /accessapi/balance", gca022)
	if _, err := b.client(func(o *Options) { o.DiscoverBDA = true }).Balances(context.Background(), nil, CurrentDay); !errors.Is(err, model.ErrNoEligibleAccounts) {
		t.Errorf("v1 and empty BDA: %v", err)
	}

	// v1 says GCA-022 but BDA has accounts: fine, and not partial.
	b, _ = discoveryBank(t, map[string]string{"": bdaPage("", bdaItem("A1", "USD", bal("INTERIM_AVAILABLE", "1", "2024-10-07")))}, nil)
	b.handle("POST /accessapi/balance", gca022)
	snap, err := b.client(func(o *Options) { o.DiscoverBDA = true }).Balances(context.Background(), nil, CurrentDay)
	if err != nil || snap.Partial || !slices.Equal(rowIDs(snap.Balances), []string{"A1"}) {
		t.Errorf("v1 GCA-022 with BDA accounts: %v, %+v", err, snap)
	}
	// The inquiry answered nothing for A1 here, so the discovery data stands.
	if r := snap.Balances[0]; exact(r.EndingAvailable) != "1" || r.Problem != nil {
		t.Errorf("row = %+v", r)
	}

	// An empty accountList with nothing watched is also "no eligible".
	b = newBank(t)
	b.handle("POST /accessapi/balance", status(200, `{"accountList":[]}`))
	if _, err := b.client().Balances(context.Background(), nil, CurrentDay); !errors.Is(err, model.ErrNoEligibleAccounts) {
		t.Errorf("empty list: %v", err)
	}
}

func TestBDAHistory(t *testing.T) {
	b := newBank(t)
	var mu sync.Mutex
	var windows []string
	b.handle("POST /account/v2/accounts/balances/inquiry", func(w http.ResponseWriter, r *http.Request) {
		var q inquirySeen
		json.NewDecoder(r.Body).Decode(&q)
		mu.Lock()
		windows = append(windows, q.FromDate+".."+q.ToDate)
		mu.Unlock()
		from, _ := time.Parse(time.DateOnly, q.FromDate)
		to, _ := time.Parse(time.DateOnly, q.ToDate)
		var bals []string
		for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
			bals = append(bals, bal("CLOSING_BOOKED", fmt.Sprint(d.Day()), d.Format(time.DateOnly)))
		}
		writeJSON(w, 200, bdaPage("", bdaItem("1", "USD", bals...)))
	})
	// The client's clock is 2024-10-07: BDA keeps 45 days, back to
	// 2024-08-23. Ask for the 45 days from 2024-08-24.
	from := time.Date(2024, 8, 24, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(0, 0, 44)
	rows, err := b.client().BalanceHistory(context.Background(), bdaRefs("1"), from, to)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(windows)
	// 41-day windows plus 4 look-back days, except that the first window's
	// look-back stops at the oldest day the bank keeps (2024-08-23).
	if !slices.Equal(windows, []string{"2024-08-23..2024-10-03", "2024-09-30..2024-10-07"}) {
		t.Errorf("windows = %v", windows)
	}
	if len(rows) != 45 || rows[0].AsOfDate != "2024-08-24" || rows[44].AsOfDate != "2024-10-07" {
		t.Fatalf("%d rows, %s..%s", len(rows), rows[0].AsOfDate, rows[len(rows)-1].AsOfDate)
	}
	if exact(rows[0].OpeningLedger) != "23" || exact(rows[0].EndingLedger) != "24" || exact(rows[41].OpeningLedger) != "3" {
		t.Errorf("openings from the previous close: %+v / %+v", rows[0], rows[41])
	}
}
