package jpm_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"cashpos/jpm"
	"cashpos/jpm/mock"
	"cashpos/model"
)

// Transaction Details v3: the client against the mock bank over loopback.

const operating = mock.BrokenAccount // the busiest demo account (≈110 items a day)

func withTransactions(e *env) func(*jpm.Options) {
	return func(o *jpm.Options) { o.Endpoints.Transactions = e.srv.URL + "/tsapi/v3" }
}

func (e *env) txnClient(mutate ...func(*jpm.Options)) *jpm.Client {
	return e.client(append([]func(*jpm.Options){withTransactions(e)}, mutate...)...)
}

// nyDay is a calendar day as the client takes it.
func nyDay(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// rawDay lists, straight from the wire and independent of package jpm, the
// ids of every item the bank booked on day for account, by asking for that
// single day with the largest page.
func (e *env) rawDay(token, account string, day time.Time) []string {
	e.tb.Helper()
	var ids []string
	for page := 1; ; page++ {
		q := url.Values{"accountIds": {account}, "startDate": {day.Format(time.DateOnly)}, "endDate": {day.Format(time.DateOnly)},
			"pageNumber": {itoa(page)}, "pageSize": {"1000"}}
		req, _ := http.NewRequest(http.MethodGet, e.srv.URL+mock.TransactionsPath+"?"+q.Encode(), nil)
		req.Header.Set("Authorization", "Bearer "+token)
		res, body := e.send(req)
		if res.StatusCode != http.StatusOK {
			e.tb.Fatalf("raw transactions %s: HTTP %d %s", day.Format(time.DateOnly), res.StatusCode, body)
		}
		var r struct {
			Pagination struct{ TotalPages int }
			Data       []struct {
				TransactionID string
				AsOfDate      string
			}
		}
		if err := json.Unmarshal(body, &r); err != nil {
			e.tb.Fatal(err)
		}
		for _, t := range r.Data {
			if t.AsOfDate == day.Format(time.DateOnly) {
				ids = append(ids, t.TransactionID)
			}
		}
		if page >= r.Pagination.TotalPages {
			return ids
		}
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func ids(txns []model.Transaction) []string {
	out := make([]string, len(txns))
	for i, t := range txns {
		out[i] = t.ID
	}
	return out
}

// TestTransactions21DaysExactlyOnce is the "done when": 21 days
// return every transaction exactly once, in date order, even though
// back-valued items come back in two windows.
func TestTransactions21DaysExactlyOnce(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.txnClient()
	from, to := nyDay(2026, 10, 30), nyDay(2026, 11, 19) // 21 closed days across a month end
	res, err := c.Transactions(context.Background(), jpm.TransactionQuery{Account: model.AccountRef{ID: operating}, From: from, To: to})
	if err != nil {
		t.Fatal(err)
	}
	if res.Partial() {
		t.Fatalf("gaps: %v", res.Gaps)
	}
	if int64(res.Progress.PagesDone) != e.bank.Requests() {
		t.Errorf("%d pages but %d requests", res.Progress.PagesDone, e.bank.Requests())
	}
	var want []string
	tok := e.rawToken()
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		want = append(want, e.rawDay(tok, operating, d)...)
	}
	got := ids(res.Transactions)
	if dup := firstDuplicate(got); dup != "" {
		t.Fatalf("transaction %s listed twice", dup)
	}
	slices.Sort(want)
	sorted := slices.Sorted(slices.Values(got))
	if !slices.Equal(sorted, want) {
		t.Fatalf("got %d transactions, the bank booked %d in the range", len(got), len(want))
	}
	if len(got) < 21*80 {
		t.Errorf("only %d transactions in 21 days; the demo account should be busy", len(got))
	}
	if !slices.IsSortedFunc(res.Transactions, model.CompareTransactions) {
		t.Error("not in date order")
	}
	if res.Duplicates == 0 {
		t.Error("no cross-window duplicates were removed; the back-valued items should have come back twice")
	}
	if res.Progress.Windows != 5 || res.Progress.WindowsDone != 5 || res.Progress.PagesDone != res.Progress.PagesKnown || res.Progress.PagesDone <= 5 {
		t.Errorf("progress %+v: want 5 windows, several pages each, all done", res.Progress)
	}
}

func firstDuplicate(ids []string) string {
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			return id
		}
		seen[id] = true
	}
	return ""
}

// TestReconcileEveryDemoDay: every demo account reconciles on each of the
// last eight closed days, except the broken day, which is off by exactly
// the analysis fee the report leaves out.
func TestReconcileEveryDemoDay(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.txnClient()
	broken := e.bank.BrokenDay(fixedNow)
	sawBroken := false
	for _, a := range e.bank.Accounts() {
		ref := model.AccountRef{ID: a.ID, TimeZone: a.TimeZone, BIC: a.BIC}
		if a.API == mock.APIBDA {
			ref.API = model.APIBDAV2
		}
		today := fixedNow.In(mustLoad(a.TimeZone))
		for back := 1; back <= 8; back++ {
			d := nyDay(today.Year(), today.Month(), today.Day()-back)
			r, err := c.ReconcileDay(context.Background(), ref, d)
			if err != nil {
				t.Fatalf("%s %s: %v", a.ID, d.Format(time.DateOnly), err)
			}
			if a.ID == mock.BrokenAccount && r.Date == broken {
				sawBroken = true
				if want := decimal.RequireFromString("-" + mock.BrokenAmount); !r.Difference.Equal(want) || r.Pass() {
					t.Errorf("broken day %s: difference %s, want %s (%s)", broken, r.Difference, want, r)
				}
				continue
			}
			if !r.Pass() {
				t.Errorf("%s %s: %s", a.ID, r.Date, r)
			}
			if r.Count == 0 && a.Scenario != mock.ScenarioZero {
				t.Errorf("%s %s: no transactions", a.ID, r.Date)
			}
		}
	}
	if !sawBroken {
		t.Errorf("the broken day %s was not among the days checked", broken)
	}
}

// TestTransactionsCacheClosedDays: closed days are read once a session;
// the current day is asked for every time.
func TestTransactionsCacheClosedDays(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.txnClient()
	ref := model.AccountRef{ID: operating}
	q := jpm.TransactionQuery{Account: ref, From: nyDay(2026, 11, 10), To: nyDay(2026, 11, 14)}
	first, err := c.Transactions(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	n := e.bank.Requests()
	again, err := c.Transactions(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if e.bank.Requests() != n {
		t.Errorf("a cached closed range made %d requests", e.bank.Requests()-n)
	}
	if !slices.Equal(ids(first.Transactions), ids(again.Transactions)) || again.Progress.Cached != 1 {
		t.Errorf("cached answer differs (cached windows %d)", again.Progress.Cached)
	}
	// Widening to include today re-reads only the uncached days.
	wide := jpm.TransactionQuery{Account: ref, From: nyDay(2026, 11, 10), To: nyDay(2026, 11, 20)}
	res, err := c.Transactions(context.Background(), wide)
	if err != nil {
		t.Fatal(err)
	}
	if res.Progress.Cached != 1 || res.Progress.Windows != 3 {
		t.Errorf("progress %+v: want the cached run plus windows 15..19 and 20", res.Progress)
	}
	for _, id := range ids(first.Transactions) {
		if !slices.Contains(ids(res.Transactions), id) {
			t.Fatalf("%s from the cache is missing from the wider answer", id)
		}
	}
	n = e.bank.Requests()
	if _, err := c.Transactions(context.Background(), jpm.TransactionQuery{Account: ref, Relative: jpm.CurrentDay}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Transactions(context.Background(), jpm.TransactionQuery{Account: ref, Relative: jpm.CurrentDay}); err != nil {
		t.Fatal(err)
	}
	if e.bank.Requests()-n < 2 {
		t.Error("the current day was served from the cache")
	}
}

// TestTransactionsRepeatedRowsDeduplicated: offset paging that repeats the
// last item of a page changes nothing but the duplicate count.
func TestTransactionsRepeatedRowsDeduplicated(t *testing.T) {
	e := newEnv(t, mock.Options{})
	q := jpm.TransactionQuery{Account: model.AccountRef{ID: operating}, From: nyDay(2026, 11, 2), To: nyDay(2026, 11, 4)}
	clean, err := e.txnClient().Transactions(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	e.bank.Faults().SetRepeatRows(true)
	rep, err := e.txnClient().Transactions(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids(clean.Transactions), ids(rep.Transactions)) {
		t.Fatalf("repeated rows changed the result: %d vs %d items", len(rep.Transactions), len(clean.Transactions))
	}
	if pagesAfterFirst := rep.Progress.PagesDone - rep.Progress.Windows; rep.Duplicates-clean.Duplicates != pagesAfterFirst || pagesAfterFirst == 0 {
		t.Errorf("duplicates %d (clean %d), want one more per page after the first (%d)", rep.Duplicates, clean.Duplicates, pagesAfterFirst)
	}
}

// TestTransactionsDecodeFields: sign, BAI code and category, references,
// narrative keys without their padding and in the bank's order, dates,
// availability.
func TestTransactionsDecodeFields(t *testing.T) {
	e := newEnv(t, mock.Options{})
	res, err := e.txnClient().Transactions(context.Background(), jpm.TransactionQuery{
		Account: model.AccountRef{ID: operating}, From: nyDay(2026, 11, 16), To: nyDay(2026, 11, 16)})
	if err != nil {
		t.Fatal(err)
	}
	var wireIn, check, deposit *model.Transaction
	for i := range res.Transactions {
		x := &res.Transactions[i]
		switch x.BAI.Code {
		case "195":
			wireIn = x
		case "475":
			check = x
		case "175":
			deposit = x
		}
		if x.Amount.Sign() <= 0 || (x.IsDebit() == (x.Signed().Sign() > 0)) {
			t.Fatalf("%s: amount %s signed %s", x.ID, x.Amount, x.Signed())
		}
		if x.Currency.Code != "USD" || x.Currency.Decimals != 2 || x.AccountID != operating || x.AsOfDate != "2026-11-16" {
			t.Fatalf("%s: %+v", x.ID, x)
		}
	}
	if wireIn == nil || check == nil || deposit == nil {
		t.Fatal("the day lacks a wire, a check or a deposit")
	}
	if wireIn.Category != model.CategoryWireIn || !wireIn.IsCredit() || wireIn.References.Wire == "" || wireIn.References.Bank == "" || wireIn.References.Customer == "" {
		t.Errorf("wire: %+v", wireIn)
	}
	if len(wireIn.Narrative) == 0 || wireIn.Narrative[0].Key != "B/O CUSTOMER" || strings.HasSuffix(wireIn.Narrative[len(wireIn.Narrative)-1].Key, " ") {
		t.Errorf("wire narrative %q", wireIn.Narrative)
	}
	if check.Category != model.CategoryCheckPaid || check.References.Check == "" || !check.IsDebit() {
		t.Errorf("check: %+v", check)
	}
	a := deposit.Availability
	if !a.Immediate().Valid || a.Deferred().IsZero() || !a.Immediate().Decimal.Add(a.Deferred()).Equal(deposit.Amount) {
		t.Errorf("deposit float %+v does not add up to %s", a, deposit.Amount)
	}
}

// TestTransactionsErrors: retries, a window that fails names its gap while
// the others arrive, everything failing is an error, refusals send nothing.
func TestTransactionsErrors(t *testing.T) {
	ctx := context.Background()
	ref := model.AccountRef{ID: operating}
	q := jpm.TransactionQuery{Account: ref, From: nyDay(2026, 11, 1), To: nyDay(2026, 11, 10)}

	t.Run("retried", func(t *testing.T) {
		e := newEnv(t, mock.Options{})
		e.bank.Faults().FailNext(2, 503)
		e.bank.Faults().RateLimitNext(1, 1)
		res, err := e.txnClient().Transactions(ctx, q)
		if err != nil || res.Partial() {
			t.Fatalf("err %v gaps %v", err, res.Gaps)
		}
		if len(e.sleeps.got()) != 3 {
			t.Errorf("slept %v, want three backoffs", e.sleeps.got())
		}
	})
	t.Run("one window fails", func(t *testing.T) {
		e := newEnv(t, mock.Options{})
		var failed atomic.Int64
		hook := func(r *http.Request) {
			if r.URL.Query().Get("startDate") == "2026-11-06" {
				failed.Add(1)
				e.bank.Faults().FailNext(1, 500) // consumed by this request (the only one then in the bank's gate)
			}
		}
		e.before.Store(&hook)
		c := e.txnClient(func(o *jpm.Options) { o.MaxRetries = -1; o.Concurrency = 1 })
		res, err := c.Transactions(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Gaps) != 1 || res.Gaps[0].Window.String() != "2026-11-06..2026-11-10" || !errors.Is(&res.Gaps[0], model.ErrUnavailable) {
			t.Fatalf("gaps %v", res.Gaps)
		}
		if msg := res.Gaps[0].Error(); strings.Contains(msg, "\n") || !strings.Contains(msg, "2026-11-06..2026-11-10") || !strings.Contains(msg, "HTTP 500") {
			t.Errorf("gap message %q", msg)
		}
		for _, x := range res.Transactions {
			// Only items the good window listed by value date may be
			// booked in the failed window's days.
			if x.AsOfDate > "2026-11-05" && x.ValueDate > "2026-11-05" {
				t.Fatalf("%s from the failed window is in the result", x.ID)
			}
		}
		if len(res.Transactions) == 0 {
			t.Fatal("the good window's transactions are missing")
		}
	})
	t.Run("all fail", func(t *testing.T) {
		e := newEnv(t, mock.Options{})
		e.bank.Faults().SetDown(true)
		_, err := e.txnClient(func(o *jpm.Options) { o.MaxRetries = 1 }).Transactions(ctx, q)
		if !errors.Is(err, model.ErrUnavailable) {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("expired token", func(t *testing.T) {
		e := newEnv(t, mock.Options{})
		c := e.txnClient()
		if _, err := c.Transactions(ctx, jpm.TransactionQuery{Account: ref, Relative: jpm.PriorDay}); err != nil {
			t.Fatal(err)
		}
		e.bank.Faults().ExpireTokens()
		if _, err := c.Transactions(ctx, jpm.TransactionQuery{Account: ref, Relative: jpm.CurrentDay}); err != nil {
			t.Fatalf("after expiry: %v", err)
		}
	})
	t.Run("unknown account", func(t *testing.T) {
		e := newEnv(t, mock.Options{})
		_, err := e.txnClient().Transactions(ctx, jpm.TransactionQuery{Account: model.AccountRef{ID: "999999999999999"}, Relative: jpm.CurrentDay})
		if !errors.Is(err, model.ErrBadRequest) || !strings.Contains(err.Error(), "GCA-009") {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("refused before sending", func(t *testing.T) {
		e := newEnv(t, mock.Options{})
		c := e.txnClient()
		for _, bad := range []jpm.TransactionQuery{
			{Account: ref},
			{Account: ref, From: nyDay(2026, 11, 5), To: nyDay(2026, 11, 1)},
			{Account: ref, Relative: jpm.CurrentDay, From: nyDay(2026, 11, 5), To: nyDay(2026, 11, 5)},
			{Account: model.AccountRef{}, Relative: jpm.CurrentDay},
			{Account: ref, Relative: "YESTERDAY"},
		} {
			if _, err := c.Transactions(ctx, bad); !errors.Is(err, model.ErrBadRequest) {
				t.Errorf("%+v: err %v", bad, err)
			}
		}
		if _, err := c.TransactionsPage(ctx, q, jpm.ListOptions{}); !errors.Is(err, model.ErrBadRequest) {
			t.Errorf("a 10-day page: err %v", err)
		}
		if e.bank.Requests() != 0 {
			t.Errorf("%d requests sent for refused queries", e.bank.Requests())
		}
	})
	t.Run("bank refuses parameters", func(t *testing.T) {
		e := newEnv(t, mock.Options{})
		_, err := e.txnClient().TransactionsPage(ctx, jpm.TransactionQuery{Account: ref, From: nyDay(2026, 11, 25), To: nyDay(2026, 11, 26)}, jpm.ListOptions{})
		if !errors.Is(err, model.ErrBadRequest) || !strings.Contains(err.Error(), "future") {
			t.Fatalf("err %v", err)
		}
		_, err = e.txnClient().TransactionsPage(ctx, jpm.TransactionQuery{Account: ref, From: nyDay(2026, 11, 2), To: nyDay(2026, 11, 2)}, jpm.ListOptions{Page: 99})
		if !errors.Is(err, model.ErrBadRequest) || !strings.Contains(err.Error(), "beyond the last page") {
			t.Fatalf("err %v", err)
		}
	})
}

// TestTransactionsPageAtATime walks one window with ListOptions the way
// go-github callers do.
func TestTransactionsPageAtATime(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.txnClient()
	q := jpm.TransactionQuery{Account: model.AccountRef{ID: operating}, From: nyDay(2026, 11, 2), To: nyDay(2026, 11, 6)}
	opt := jpm.ListOptions{PageSize: 50}
	var all []model.Transaction
	pages := 0
	for {
		p, err := c.TransactionsPage(context.Background(), q, opt)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		all = append(all, p.Transactions...)
		if p.NextPage == 0 {
			if len(all) != p.TotalRecords || pages != p.TotalPages {
				t.Fatalf("%d items in %d pages; the bank announced %d in %d", len(all), pages, p.TotalRecords, p.TotalPages)
			}
			break
		}
		opt.Page = p.NextPage
	}
	if pages < 5 {
		t.Errorf("only %d pages of 50", pages)
	}
}

// TestTransactionsIteratorStopsEarly: breaking out of the loop cancels the
// outstanding requests and returns at once, without leaking goroutines
// that would write to a finished iterator.
func TestTransactionsIteratorStopsEarly(t *testing.T) {
	e := newEnv(t, mock.Options{})
	e.bank.Faults().SetLatency(20 * time.Millisecond)
	// Requests are counted as the client starts them: the server counts
	// a request only when its handler runs, which on a loaded machine can
	// be after a cancelled client has long returned.
	rt := &countingTransport{base: e.transport}
	c := e.txnClient(func(o *jpm.Options) { o.Concurrency = 2; o.HTTPClient = &http.Client{Transport: rt} })
	q := jpm.TransactionQuery{Account: model.AccountRef{ID: operating}, From: nyDay(2026, 10, 1), To: nyDay(2026, 10, 31)}
	n := 0
	for x, err := range c.AllTransactions(context.Background(), q) {
		if err != nil {
			t.Fatal(err)
		}
		if x.ID == "" {
			t.Fatal("empty transaction")
		}
		n++
		if n == 10 {
			break
		}
	}
	if n != 10 {
		t.Fatalf("got %d", n)
	}
	after := rt.started.Load()
	if rt.inFlight.Load() != 0 {
		t.Errorf("%d requests still in flight after the loop ended", rt.inFlight.Load())
	}
	time.Sleep(100 * time.Millisecond)
	if rt.started.Load() != after {
		t.Errorf("requests went on after the loop ended: %d then %d", after, rt.started.Load())
	}
	// October needs 7 windows and about 36 pages; how many start before
	// the consumer's break lands depends on scheduling (a loaded machine
	// under -race lets the bounded prefetch run further), so the bound is
	// "far from the whole fetch", not an exact count.
	if after > 16 {
		t.Errorf("%d requests for 10 items; the fetch should stop when the loop does", after)
	}

	// Progress batches arrive page by page.
	var last jpm.TransactionProgress
	batches := 0
	for b, err := range c.TransactionPages(context.Background(), jpm.TransactionQuery{Account: q.Account, From: nyDay(2026, 11, 1), To: nyDay(2026, 11, 10)}) {
		if err != nil {
			t.Fatal(err)
		}
		batches++
		if b.Progress.PagesDone < last.PagesDone || b.Progress.PagesKnown < b.Progress.PagesDone {
			t.Fatalf("progress went backwards or over: %+v after %+v", b.Progress, last)
		}
		last = b.Progress
	}
	if batches != last.PagesDone || last.WindowsDone != 2 {
		t.Errorf("%d batches, final progress %+v", batches, last)
	}
}

// TestTransactionsPagesInFlightTogether proves the page fan-out without a
// clock: once page 1 of a window has said how many pages there are, pages
// 2..N are all in flight at once (the server holds each at a barrier until
// all have arrived), which a client following pages one by one never
// reaches. So the wall time is about two round trips per window, not one
// per page.
func TestTransactionsPagesInFlightTogether(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.txnClient()
	ctx := context.Background()
	q := jpm.TransactionQuery{Account: model.AccountRef{ID: operating}, From: nyDay(2026, 11, 2), To: nyDay(2026, 11, 6)}
	first, err := c.TransactionsPage(ctx, q, jpm.ListOptions{}) // also signs in
	if err != nil {
		t.Fatal(err)
	}
	rest := first.TotalPages - 1
	if rest < 3 || rest > 7 { // the default concurrency of 8 must hold them all
		t.Fatalf("%d pages; the test wants 4 to 8", first.TotalPages)
	}
	var arrived sync.WaitGroup
	arrived.Add(rest)
	allIn := make(chan struct{})
	go func() { arrived.Wait(); close(allIn) }()
	var held atomic.Int32
	hold := func(r *http.Request) {
		if r.URL.Query().Get("pageNumber") == "1" {
			return
		}
		held.Add(1)
		arrived.Done()
		select {
		case <-allIn:
		case <-time.After(10 * time.Second): // a sequential client: fail, don't hang
		}
	}
	e.before.Store(&hold)
	defer e.before.Store(nil)
	res, err := e.txnClient().Transactions(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-allIn:
	default:
		t.Fatalf("only %d of pages 2..%d were in flight together", held.Load(), first.TotalPages)
	}
	if res.Progress.PagesDone != first.TotalPages {
		t.Errorf("%d pages done, want %d", res.Progress.PagesDone, first.TotalPages)
	}
}

// TestTransactionsIteratorGoesOnPastAFailedWindow: AllTransactions yields
// the failed window's error once and still delivers the other windows;
// ReconcileDay refuses a day whose transactions came back incomplete.
func TestTransactionsIteratorGoesOnPastAFailedWindow(t *testing.T) {
	e := newEnv(t, mock.Options{})
	hook := func(r *http.Request) {
		if r.URL.Query().Get("startDate") == "2026-11-06" {
			e.bank.Faults().FailNext(1, 500)
		}
	}
	e.before.Store(&hook)
	c := e.txnClient(func(o *jpm.Options) { o.MaxRetries = -1; o.Concurrency = 1 })
	ref := model.AccountRef{ID: operating}
	var errs []error
	n := 0
	for x, err := range c.AllTransactions(context.Background(), jpm.TransactionQuery{Account: ref, From: nyDay(2026, 11, 1), To: nyDay(2026, 11, 15)}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if x.ID == "" {
			t.Fatal("an empty transaction beside no error")
		}
		n++
	}
	var we *jpm.WindowError
	if len(errs) != 1 || !errors.As(errs[0], &we) || we.Window.String() != "2026-11-06..2026-11-10" {
		t.Fatalf("errors %v", errs)
	}
	if n < 10*80 {
		t.Errorf("%d items from the two good windows", n)
	}
	_, err := c.ReconcileDay(context.Background(), ref, nyDay(2026, 11, 6))
	if !errors.As(err, &we) {
		t.Errorf("reconciling an incomplete day: %v", err)
	}
	if _, err := c.ReconcileDay(context.Background(), ref, nyDay(2026, 11, 20)); !errors.Is(err, model.ErrBadRequest) || !strings.Contains(err.Error(), "not a closed day") {
		t.Errorf("reconciling today: %v", err)
	}
	if _, err := c.TransactionsPage(context.Background(), jpm.TransactionQuery{Account: ref, Relative: jpm.PriorDay}, jpm.ListOptions{PageSize: 1001}); !errors.Is(err, model.ErrBadRequest) {
		t.Errorf("page size 1001: %v", err)
	}
}

// countingTransport counts the API requests a client starts and has in
// flight (token calls excluded).
type countingTransport struct {
	base              http.RoundTripper
	started, inFlight atomic.Int64
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Path == mock.TokenPath {
		return c.base.RoundTrip(r)
	}
	c.started.Add(1)
	c.inFlight.Add(1)
	defer c.inFlight.Add(-1)
	return c.base.RoundTrip(r)
}
