package jpm

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"cashpos/model"
)

// Client-side Transaction Details tests against a hand-written fake bank:
// window planning, and how a misbehaving bank is refused rather than
// guessed at. testNow is 2024-10-07.

func txnOptions(b *bank) func(*Options) {
	return func(o *Options) { o.Endpoints.Transactions = b.srv.URL + "/tsapi/v3" }
}

func d(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func windowStrings(ws []Window) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.String()
	}
	return out
}

func TestPlanWindows(t *testing.T) {
	c := newBank(t).client(func(o *Options) { o.Endpoints.Transactions = "https://bank.example/tsapi/v3" })
	ref := model.AccountRef{ID: "000000010962009"}
	for _, tc := range []struct {
		from, to string
		want     string
	}{
		{"2024-09-01", "2024-09-01", "2024-09-01"},
		{"2024-09-01", "2024-09-05", "2024-09-01..2024-09-05"},                                                                                 // exactly the limit
		{"2024-09-01", "2024-09-06", "2024-09-01..2024-09-05 2024-09-06"},                                                                      // one over
		{"2024-08-29", "2024-09-02", "2024-08-29..2024-09-02"},                                                                                 // across a month end
		{"2024-02-27", "2024-03-04", "2024-02-27..2024-03-02 2024-03-03..2024-03-04"},                                                          // leap February
		{"2023-12-30", "2024-01-05", "2023-12-30..2024-01-03 2024-01-04..2024-01-05"},                                                          // year end
		{"2024-09-10", "2024-09-30", "2024-09-10..2024-09-14 2024-09-15..2024-09-19 2024-09-20..2024-09-24 2024-09-25..2024-09-29 2024-09-30"}, // 21 days
	} {
		p, err := c.planTransactions(TransactionQuery{Account: ref, From: d(tc.from), To: d(tc.to)})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(windowStrings(p.windows), " "); got != tc.want {
			t.Errorf("%s..%s: %s, want %s", tc.from, tc.to, got, tc.want)
		}
	}
	// The time of day and zone of From/To do not move the dates.
	late := time.Date(2024, 9, 1, 23, 30, 0, 0, time.FixedZone("X", -10*3600))
	p, _ := c.planTransactions(TransactionQuery{Account: ref, From: late, To: late})
	if got := windowStrings(p.windows); len(got) != 1 || got[0] != "2024-09-01" {
		t.Errorf("late evening: %v", got)
	}
	p, _ = c.planTransactions(TransactionQuery{Account: ref, Relative: PriorDay})
	if got := windowStrings(p.windows); len(got) != 1 || got[0] != "PRIOR_DAY" {
		t.Errorf("prior day: %v", got)
	}
	if _, err := c.planTransactions(TransactionQuery{Account: ref, From: d("2023-01-01"), To: d("2024-09-01")}); !errors.Is(err, model.ErrBadRequest) {
		t.Errorf("a 20-month range: %v", err)
	}
}

func TestPlanSkipsCachedDays(t *testing.T) {
	c := newBank(t).client(func(o *Options) { o.Endpoints.Transactions = "https://bank.example/tsapi/v3" })
	ref := model.AccountRef{ID: "000000010962009"}
	closed := d("2024-10-07")
	c.txnCache.put("10962009", d("2024-09-10"), d("2024-09-12"), closed, nil) // zero padding ignored
	c.txnCache.put(ref.ID, d("2024-10-05"), d("2024-10-07"), closed, nil)     // the 7th is today: not cached
	p, err := c.planTransactions(TransactionQuery{Account: ref, From: d("2024-09-08"), To: d("2024-10-07")})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(windowStrings(p.cached), " "); got != "2024-09-10..2024-09-12 2024-10-05..2024-10-06" {
		t.Errorf("cached %s", got)
	}
	want := "2024-09-08..2024-09-09 2024-09-13..2024-09-17 2024-09-18..2024-09-22 2024-09-23..2024-09-27 2024-09-28..2024-10-02 2024-10-03..2024-10-04 2024-10-07"
	if got := strings.Join(windowStrings(p.windows), " "); got != want {
		t.Errorf("windows %s\nwant    %s", got, want)
	}
}

func TestClosedBeforeWestOfTheAssumedZone(t *testing.T) {
	// 02:00 UTC on the 8th: the 7th is over in New York? No — it is 22:00
	// on the 7th there, and 14:00 on the 7th at UTC−12.
	now := time.Date(2024, 10, 8, 2, 0, 0, 0, time.UTC)
	if got := closedBefore(now, time.UTC); !got.Equal(d("2024-10-07")) {
		t.Errorf("closedBefore = %s, want 2024-10-07 (UTC−12 is still on the 7th)", ymd(got))
	}
}

// item is one wire transaction with overridable fields.
func item(id, dc, amount, extra string) string {
	return fmt.Sprintf(`{"transactionId":%q,"account":{"accountId":"000000010962009","currency":{"code":"USD","decimalLocation":2}},"debitCreditCode":%q,"amount":%s,"asOfDate":"2024-10-04","valueDate":"2024-10-04"%s}`, id, dc, amount, extra)
}

func page(n, total int, items ...string) string {
	return fmt.Sprintf(`{"pagination":{"pageSize":100,"totalPages":%d,"pageNumber":%d,"totalRecords":%d},"data":[%s]}`, total, n, len(items), strings.Join(items, ","))
}

func TestTransactionsPageDecodes(t *testing.T) {
	b := newBank(t)
	b.handle("GET /tsapi/v3/transactions", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("accountIds") != "000000010962009" || q.Get("startDate") != "2024-10-04" || q.Get("endDate") != "2024-10-04" || q.Get("pageNumber") != "1" {
			t.Errorf("query %s", r.URL.RawQuery)
		}
		writeJSON(w, 200, page(1, 1,
			item("T1", "DEBIT", "65239877.86", `,"baiType":{"typeCode":"495","description":"IND OUTGOING MONEY TRANSFERS"},`+
				`"narrativeText":{"YOUR REF    ":"PAY-1","REMARK      ":"RENT \u001b[31mNOW","B/O CUSTOMER":null},`+
				`"customerReferenceSearchable":{"standardValue":"PAY-1"},"wireReferenceSearchable":"IMAD1","checkNumber":1234,`+
				`"immediateAvailable":65239877.86,"day1Available":0,"day2PlusAvailable":null`),
			item("T2", "CREDIT", "0.10", `,"baiType":{"typeCode":"999"}`),
		))
	})
	c := b.client(txnOptions(b))
	p, err := c.TransactionsPage(context.Background(), TransactionQuery{Account: model.AccountRef{ID: "000000010962009"}, From: d("2024-10-04"), To: d("2024-10-04")}, ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Transactions) != 2 || p.NextPage != 0 {
		t.Fatalf("%+v", p)
	}
	t1, t2 := p.Transactions[0], p.Transactions[1]
	if t1.Signed().String() != "-65239877.86" || t1.Category != model.CategoryWireOut || t1.References.Primary() != "PAY-1" || t1.References.Wire != "IMAD1" || t1.References.Check != "1234" {
		t.Errorf("T1 %+v", t1)
	}
	if got := fmt.Sprint(t1.Narrative); got != "[{YOUR REF PAY-1} {REMARK RENT  [31mNOW} {B/O CUSTOMER }]" {
		t.Errorf("narrative %s (order, trimmed keys, escape neutralised)", got)
	}
	if t1.Availability.Day2Plus().Valid || !t1.Availability.Day1().Valid {
		t.Errorf("availability %+v: null must stay missing, 0 must stay 0", t1.Availability)
	}
	if t2.Signed().String() != "0.1" || t2.Category != model.CategoryUncategorised {
		t.Errorf("T2 %+v", t2)
	}
}

// TestTransactionsMisbehavingBank: anything the client would have to guess
// at fails the page, with a one-line message that quotes no body.
func TestTransactionsMisbehavingBank(t *testing.T) {
	for _, tc := range []struct {
		name, body, want string
	}{
		{"no sign", page(1, 1, item("T1", "DR", "1.00", "")), "neither CREDIT nor DEBIT"},
		{"negative", page(1, 1, item("T1", "DEBIT", "-1.00", "")), "negative amount"},
		{"no amount", page(1, 1, item("T1", "DEBIT", "null", "")), "no amount"},
		{"float text", page(1, 1, item("T1", "DEBIT", `"1e5"`, "")), "not a decimal"},
		{"no id", page(1, 1, item("", "DEBIT", "1.00", "")), "no transactionId"},
		{"no currency", page(1, 1, strings.Replace(item("T1", "DEBIT", "1.00", ""), `"currency":{"code":"USD","decimalLocation":2}`, `"currency":null`, 1)), "no currency"},
		{"no pagination", `{"data":[]}`, "no pagination"},
		{"wrong page", page(3, 5), "answer is page 3"},
		{"other account", strings.Replace(page(1, 1, item("T1", "DEBIT", "1.00", "")), "000000010962009", "000000099999999", 1), "not the one asked for"},
		{"html", "<html>proxy</html>", "unexpected response"},
		{"error in 200", `{"errors":[{"errorCode":"GCA-099","errorMsg":"System is Unavailable"}]}`, "GCA-099"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newBank(t)
			b.handle("GET /tsapi/v3/transactions", func(w http.ResponseWriter, r *http.Request) {
				if strings.HasPrefix(tc.body, "<") {
					w.Header().Set("Content-Type", "text/html")
					w.Write([]byte(tc.body))
					return
				}
				writeJSON(w, 200, tc.body)
			})
			c := b.client(txnOptions(b), func(o *Options) { o.MaxRetries = -1 })
			_, err := c.Transactions(context.Background(), TransactionQuery{Account: model.AccountRef{ID: "000000010962009"}, From: d("2024-10-04"), To: d("2024-10-04")})
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), "<html>") {
				t.Fatalf("err %v, want one line with %q", err, tc.want)
			}
		})
	}
}

// TestTransactionsBankLosesRecords: a closed window whose pages hold fewer
// distinct items than totalRecords announced is a gap, not a short list.
func TestTransactionsBankLosesRecords(t *testing.T) {
	b := newBank(t)
	b.handle("GET /tsapi/v3/transactions", func(w http.ResponseWriter, r *http.Request) {
		body := `{"pagination":{"pageSize":100,"totalPages":1,"pageNumber":1,"totalRecords":3},"data":[` + item("T1", "DEBIT", "1.00", "") + `]}`
		writeJSON(w, 200, body)
	})
	c := b.client(txnOptions(b))
	_, err := c.Transactions(context.Background(), TransactionQuery{Account: model.AccountRef{ID: "000000010962009"}, From: d("2024-10-04"), To: d("2024-10-04")})
	if err == nil || !strings.Contains(err.Error(), "announced 3 records") {
		t.Fatalf("err %v", err)
	}
}

// TestTransactionsPagesFollowGrowingTotal: a later page that reports more
// pages than the first one did (current-day items arriving) is followed.
func TestTransactionsPagesFollowGrowingTotal(t *testing.T) {
	b := newBank(t)
	b.handle("GET /tsapi/v3/transactions", func(w http.ResponseWriter, r *http.Request) {
		switch n := r.URL.Query().Get("pageNumber"); n {
		case "1":
			writeJSON(w, 200, page(1, 2, item("A", "DEBIT", "1.00", "")))
		case "2":
			writeJSON(w, 200, page(2, 3, item("B", "DEBIT", "1.00", "")))
		case "3":
			writeJSON(w, 200, page(3, 3, item("C", "CREDIT", "1.00", ""), item("B", "DEBIT", "1.00", "")))
		default:
			t.Errorf("page %s", n)
		}
	})
	c := b.client(txnOptions(b))
	res, err := c.Transactions(context.Background(), TransactionQuery{Account: model.AccountRef{ID: "000000010962009"}, Relative: CurrentDay})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Transactions) != 3 || res.Duplicates != 1 || res.Progress.PagesDone != 3 || res.Progress.PagesKnown != 3 {
		t.Fatalf("%d items, %d duplicates, progress %+v", len(res.Transactions), res.Duplicates, res.Progress)
	}
}
