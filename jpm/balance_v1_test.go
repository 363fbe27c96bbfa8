package jpm

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"cashpos/model"
)

func TestV1RequestBody(t *testing.T) {
	b := newBank(t)
	var bodies []string
	var mu sync.Mutex
	b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
		_, raw := readV1Req(t, r)
		mu.Lock()
		bodies = append(bodies, string(raw))
		mu.Unlock()
		writeJSON(w, 200, `{"accountList":[`+usdAccount("000000010962009")+`]}`)
	})
	c := b.client()
	if _, err := c.Balances(context.Background(), v1Refs("000000010962009", "000000010900009"), PriorDay); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Balances(context.Background(), nil, CurrentDay); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`{"accountList":[{"accountId":"000000010962009"},{"accountId":"000000010900009"}],"relativeDateType":"PRIOR_DAY"}`,
		`{"relativeDateType":"CURRENT_DAY"}`, // nothing watched: no accountList, every entitled account
	}
	if !slices.Equal(bodies, want) {
		t.Errorf("bodies:\n%s\nwant:\n%s", strings.Join(bodies, "\n"), strings.Join(want, "\n"))
	}
}

func TestV1AmountsExact(t *testing.T) {
	b := newBank(t)
	b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"accountList":[`+
			v1AccountJSON("1", "2024-10-07", true, "USD", 2, [4]string{"12345678901234.56", "-4681826093.93", "0.1", "0.2"})+","+
			v1AccountJSON("2", "2024-10-07", true, "JPY", 0, [4]string{"1234567", "-1", "0", "99999999999999999"})+","+
			v1AccountJSON("3", "2024-10-07", true, "BHD", 3, [4]string{"12.345", "-0.001", "12.50", "1.10"})+","+
			v1AccountJSON("4", "2024-10-07", true, "USD", 2, [4]string{"null", "1E+3", "0.30000000000000004", "9007199254740993.01"})+
			`]}`)
	})
	snap, err := b.client().Balances(context.Background(), v1Refs("1", "2", "3", "4"), CurrentDay)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][4]string{}
	for _, r := range snap.Balances {
		got[r.Account.ID] = [4]string{exact(r.OpeningAvailable), exact(r.OpeningLedger), exact(r.EndingAvailable), exact(r.EndingLedger)}
	}
	want := map[string][4]string{
		"1": {"12345678901234.56", "-4681826093.93", "0.1", "0.2"},
		"2": {"1234567", "-1", "0", "99999999999999999"},
		"3": {"12.345", "-0.001", "12.50", "1.10"},
		// null is missing, not zero; 2^53+1 survives (a float64 would make it ...992).
		"4": {"missing", "1000", "0.30000000000000004", "9007199254740993.01"},
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("account %s: %v, want %v", id, got[id], w)
		}
	}
	r1 := snap.Balances[0]
	if sum := r1.EndingAvailable.Decimal.Add(r1.EndingLedger.Decimal); sum.String() != "0.3" {
		t.Errorf("0.1 + 0.2 = %s", sum)
	}
	if c := snap.Balances[1].Account.Currency; c.Code != "JPY" || c.Decimals != 0 || c.Description != "DESC JPY" {
		t.Errorf("JPY currency = %+v", c)
	}
	if c := snap.Balances[2].Account.Currency; c.Decimals != 3 {
		t.Errorf("BHD decimals = %d", c.Decimals)
	}
}

func TestV1RowMapping(t *testing.T) {
	b := newBank(t)
	b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
		// Newest first, as the doc's example shows; then oldest first.
		writeJSON(w, 200, `{"accountList":[
		 {"accountId":"000000010962009","accountName":"MORRIS ELECTRIC","bankId":"02100002","bankName":"JPMORGAN CHASE",
		  "currency":{"code":"USD","decimalLocation":2,"description":"US DOLLAR"},
		  "balanceList":[
		   {"asOfDate":"2024-10-07","recordTimestamp":"2024-10-07T14:44:20Z","currentDay":true,"openingAvailableAmount":1,"openingLedgerAmount":2,"endingAvailableAmount":3,"endingLedgerAmount":4},
		   {"asOfDate":"2024-10-04","recordTimestamp":"2024-10-04T23:00:00Z","currentDay":false,"openingAvailableAmount":5,"openingLedgerAmount":6,"endingAvailableAmount":7,"endingLedgerAmount":8}]},
		 {"accountId":"000000010900009","accountName":"RAPID AUDIO","currency":{"code":"USD","decimalLocation":2},
		  "balanceList":[
		   {"asOfDate":"2024-10-04","recordTimestamp":"2024-10-04T23:00:00Z","currentDay":false,"openingAvailableAmount":5,"openingLedgerAmount":6,"endingAvailableAmount":7,"endingLedgerAmount":8},
		   {"asOfDate":"2024-10-07","recordTimestamp":"2024-10-07T14:44:20Z","currentDay":true,"openingAvailableAmount":1,"openingLedgerAmount":2,"endingAvailableAmount":3,"endingLedgerAmount":4}]}]}`)
	})
	watched := []model.AccountRef{
		{ID: "10962009", Label: "Payroll", Group: "US Operating", TimeZone: "America/Chicago"}, // unpadded in config
		{ID: "000000010900009", API: model.APIAccessV1},
	}
	snap, err := b.client().Balances(context.Background(), watched, CurrentDay)
	if err != nil {
		t.Fatal(err)
	}
	if snap.Partial || len(snap.Balances) != 2 || !snap.FetchedAt.Equal(testNow) {
		t.Fatalf("snapshot = %+v", snap)
	}
	r := snap.Balances[0]
	wantAcct := model.Account{ID: "10962009", Name: "MORRIS ELECTRIC", Label: "Payroll", Group: "US Operating",
		BankID: "02100002", BankName: "JPMORGAN CHASE", Currency: model.Currency{Code: "USD", Decimals: 2, Description: "US DOLLAR"},
		API: model.APIAccessV1, TimeZone: "America/Chicago"}
	if r.Account != wantAcct {
		t.Errorf("account = %+v\nwant      %+v", r.Account, wantAcct)
	}
	for i, r := range snap.Balances {
		if r.AsOfDate != "2024-10-07" || !r.CurrentDay || exact(r.EndingLedger) != "4" ||
			!r.RecordTime.Equal(time.Date(2024, 10, 7, 14, 44, 20, 0, time.UTC)) || !r.FetchedAt.Equal(testNow) || r.Problem != nil {
			t.Errorf("row %d = %+v; want the newest entry whatever the list order", i, r)
		}
	}
}

func TestV1PerAccountError(t *testing.T) {
	b := newBank(t)
	b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"accountList":[`+usdAccount("1")+`,{"accountId":"2","errorCode":"GCA-010","errorMsg":"Account not found"},`+usdAccount("3")+`]}`)
	})
	snap, err := b.client().Balances(context.Background(), v1Refs("1", "2", "3", "4"), CurrentDay)
	if err != nil {
		t.Fatal(err)
	}
	if snap.Partial {
		t.Error("a per-account error is not a partial snapshot")
	}
	if got := rowIDs(snap.Balances); !slices.Equal(got, []string{"1", "2", "3", "4"}) {
		t.Fatalf("rows = %v", got)
	}
	if p := snap.Balances[1].Problem; p == nil || p.Code != "GCA-010" || p.Message != "Account not found" {
		t.Errorf("row 2 problem = %+v", p)
	}
	if p := snap.Balances[3].Problem; p == nil || p.Code != "MISSING" {
		t.Errorf("account 4, absent from the answer, problem = %+v", p)
	}
	for _, i := range []int{0, 2} {
		if snap.Balances[i].Problem != nil || !snap.Balances[i].EndingLedger.Valid {
			t.Errorf("row %d = %+v", i, snap.Balances[i])
		}
	}
}

func TestV1Batching450Concurrent(t *testing.T) {
	b := newBank(t)
	var (
		mu       sync.Mutex
		sizes    []int
		inFlight atomic.Int32
		peak     atomic.Int32
		arrived  = make(chan struct{}, 3)
		release  = make(chan struct{})
	)
	go func() { // open the gate when all three are in, or give up
		for range 3 {
			select {
			case <-arrived:
			case <-time.After(15 * time.Second): // a hang guard, not a timing assertion
			}
		}
		close(release)
	}()
	b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		q, _ := readV1Req(t, r)
		mu.Lock()
		sizes = append(sizes, len(q.AccountList))
		mu.Unlock()
		arrived <- struct{}{}
		<-release
		// Answer in reverse, to show rows follow the watched order.
		ids := q.ids()
		slices.Reverse(ids)
		var parts []string
		for _, id := range ids {
			parts = append(parts, usdAccount(id))
		}
		writeJSON(w, 200, `{"accountList":[`+strings.Join(parts, ",")+`]}`)
	})
	var ids []string
	for i := range 450 {
		ids = append(ids, fmt.Sprintf("%015d", 10000000+i))
	}
	snap, err := b.client().Balances(context.Background(), v1Refs(ids...), CurrentDay)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(sizes)
	if !slices.Equal(sizes, []int{50, 200, 200}) {
		t.Errorf("batch sizes = %v, want 200, 200, 50", sizes)
	}
	if peak.Load() != 3 {
		t.Errorf("peak concurrent requests = %d, want 3", peak.Load())
	}
	if got := rowIDs(snap.Balances); !slices.Equal(got, ids) {
		t.Error("rows are not in the watched order")
	}
}

func TestV1ConcurrencyLimit(t *testing.T) {
	b := newBank(t)
	var inFlight, peak atomic.Int32
	b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		time.Sleep(20 * time.Millisecond)
		v1Echo(t)(w, r)
	})
	var ids []string
	for i := range 1000 {
		ids = append(ids, fmt.Sprint(i+1))
	}
	if _, err := b.client(func(o *Options) { o.Concurrency = 2 }).Balances(context.Background(), v1Refs(ids...), CurrentDay); err != nil {
		t.Fatal(err)
	}
	if peak.Load() > 2 {
		t.Errorf("peak concurrent requests = %d with Concurrency 2", peak.Load())
	}
}

func TestV1OneBatchFailsPartial(t *testing.T) {
	b := newBank(t)
	b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
		q, _ := readV1Req(t, r)
		if q.ids()[0] == "1" {
			writeJSON(w, 400, `{"errors":[{"errorCode":"GCA-009","errorMsg":"None of the accounts found"}]}`)
			return
		}
		v1Answer(w, q.ids())
	})
	var ids []string
	for i := range 250 {
		ids = append(ids, fmt.Sprint(i+1))
	}
	snap, err := b.client().Balances(context.Background(), v1Refs(ids...), CurrentDay)
	if err != nil {
		t.Fatalf("one good batch should give a partial snapshot, not %v", err)
	}
	if !snap.Partial || len(snap.Balances) != 250 {
		t.Fatalf("partial %v, %d rows", snap.Partial, len(snap.Balances))
	}
	for i, r := range snap.Balances {
		failed := i < 200
		if failed != (r.Problem != nil) {
			t.Fatalf("row %d problem = %+v", i, r.Problem)
		}
		if failed && (r.Problem.Code != "GCA-009" || r.Account.ID != ids[i]) {
			t.Fatalf("row %d = %+v", i, r)
		}
	}
}

func TestV1AllBatchesFail(t *testing.T) {
	b := newBank(t)
	b.handle("POST /accessapi/balance", status(400, `{"errors":[{"errorCode":"GCA-009","errorMsg":"None of the accounts found"}]}`))
	var ids []string
	for i := range 250 {
		ids = append(ids, fmt.Sprint(i+1))
	}
	_, err := b.client().Balances(context.Background(), v1Refs(ids...), CurrentDay)
	if !errors.Is(err, model.ErrBadRequest) {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(err.Error(), "GCA-009") || SettingOf(err) != SettingAccounts {
		t.Errorf("message = %q", err)
	}
	t.Log(err)
}

func TestV1RangeSplit70Days(t *testing.T) {
	b := newBank(t)
	var mu sync.Mutex
	var windows []string
	b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
		q, raw := readV1Req(t, r)
		if q.RelativeDateType != "" || strings.Contains(string(raw), "relativeDateType") {
			t.Errorf("range call carries relativeDateType: %s", raw)
		}
		mu.Lock()
		windows = append(windows, q.StartDate+".."+q.EndDate)
		mu.Unlock()
		// One balance on each window's first and last day.
		writeJSON(w, 200, `{"accountList":[{"accountId":"1","currency":{"code":"USD","decimalLocation":2},"balanceList":[
			{"asOfDate":"`+q.EndDate+`","currentDay":false,"endingLedgerAmount":2},
			{"asOfDate":"`+q.StartDate+`","currentDay":false,"endingLedgerAmount":1}]}]}`)
	})
	from := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(0, 0, 69) // 70 days inclusive: 2024-03-10
	rows, err := b.client().BalanceHistory(context.Background(), v1Refs("1"), from, to)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(windows)
	want := []string{"2024-01-01..2024-01-31", "2024-02-01..2024-03-02", "2024-03-03..2024-03-10"}
	if !slices.Equal(windows, want) {
		t.Errorf("windows = %v, want %v", windows, want)
	}
	var dates []string
	for _, r := range rows {
		dates = append(dates, r.AsOfDate)
	}
	wantDates := []string{"2024-01-01", "2024-01-31", "2024-02-01", "2024-03-02", "2024-03-03", "2024-03-10"}
	if !slices.Equal(dates, wantDates) {
		t.Errorf("row dates = %v, want %v", dates, wantDates)
	}
}

func TestV1RefusedBeforeSending(t *testing.T) {
	for name, q := range map[string]v1Query{
		"start with relative":  {relative: CurrentDay, start: "2024-01-01"},
		"end with relative":    {relative: PriorDay, end: "2024-01-01"},
		"all three":            {relative: CurrentDay, start: "2024-01-01", end: "2024-01-02"},
		"end before start":     {start: "2024-02-01", end: "2024-01-31"},
		"over 31 days":         {start: "2024-01-01", end: "2024-02-01"},
		"not a date":           {start: "01/01/2024", end: "2024-01-02"},
		"unknown relative day": {relative: "YESTERDAY"},
		"only a start":         {start: "2024-01-01"},
	} {
		if err := q.validate(); !errors.Is(err, model.ErrBadRequest) {
			t.Errorf("%s: validate = %v, want ErrBadRequest", name, err)
		}
	}
	if err := (v1Query{start: "2024-01-01", end: "2024-01-31"}).validate(); err != nil {
		t.Errorf("31 days refused: %v", err)
	}

	b := newBank(t)
	var calls atomic.Int32
	b.handle("/", func(w http.ResponseWriter, r *http.Request) { calls.Add(1) })
	c := b.client()
	from := time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)
	_, err := c.BalanceHistory(context.Background(), v1Refs("1"), from, from.AddDate(0, 0, -1))
	if !errors.Is(err, model.ErrBadRequest) || !strings.Contains(err.Error(), "before the start date") {
		t.Errorf("end before start: %v", err)
	}
	t.Log(err)
	if _, err := c.Balances(context.Background(), v1Refs("1"), "TOMORROW"); !errors.Is(err, model.ErrBadRequest) {
		t.Errorf("bad relative day: %v", err)
	}
	if calls.Load() != 0 || b.tokens.Load() != 0 {
		t.Errorf("refused requests reached the bank: %d API, %d token calls", calls.Load(), b.tokens.Load())
	}
}

func TestV1MalformedAmountRejected(t *testing.T) {
	b := newBank(t)
	b.handle("POST /accessapi/balance", status(200, `{"accountList":[`+
		v1AccountJSON("1", "2024-10-07", true, "USD", 2, [4]string{`"12,50"`, "1", "1", "1"})+`]}`))
	_, err := b.client().Balances(context.Background(), v1Refs("1"), CurrentDay)
	if err == nil || !strings.Contains(err.Error(), `"12,50"`) || !strings.Contains(err.Error(), "unreadable answer") {
		t.Fatalf("err = %v", err)
	}
	t.Log(err)
}
