package jpm

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"cashpos/model"
)

// txnMaxRangeDays bounds one query: a year is 74 windows. Longer is far
// beyond what the bank keeps online for this API and almost certainly a
// typo in a date.
const txnMaxRangeDays = 366

// txnPlan is one multi-window fetch: the windows to request and the days
// already in the session cache.
type txnPlan struct {
	q        TransactionQuery
	from, to time.Time // the query's days; zero for a relative day
	windows  []Window  // to request
	cached   []Window  // served from the cache (runs of cached days)
	closed   time.Time // days before this are closed and may be cached
}

// checkTxnQuery refuses, before anything is sent, a query the bank would
// reject or the client cannot answer honestly.
func (c *Client) checkTxnQuery(q TransactionQuery) error {
	switch {
	case c.ep.Transactions == "":
		return unconfigured(apiTransactions, SettingBaseURL, "no Transaction Details base URL is configured; set the base URL")
	case strings.TrimSpace(q.Account.ID) == "":
		return refuse(apiTransactions, "no account id")
	case q.Relative != "":
		if !q.From.IsZero() || !q.To.IsZero() {
			return refuse(apiTransactions, "a relative day (%s) and dates were both given; choose one", q.Relative)
		}
		if q.Relative != CurrentDay && q.Relative != PriorDay {
			return refuse(apiTransactions, "the relative day %q is neither CurrentDay nor PriorDay", string(q.Relative))
		}
		return nil
	case q.From.IsZero() || q.To.IsZero():
		return refuse(apiTransactions, "both a start and an end date are needed (or a relative day)")
	}
	from, to := day(q.From), day(q.To)
	switch {
	case to.Before(from):
		return refuse(apiTransactions, "the end date %s is before the start date %s; swap them", ymd(to), ymd(from))
	case (span{from, to}).days() > txnMaxRangeDays:
		return refuse(apiTransactions, "%s to %s is more than %d days; ask for a shorter range", ymd(from), ymd(to), txnMaxRangeDays)
	}
	return nil
}

// singleWindow is q as one request, for TransactionsPage.
func singleWindow(q TransactionQuery) (Window, error) {
	if q.Relative != "" {
		return Window{Relative: q.Relative}, nil
	}
	from, to := day(q.From), day(q.To)
	if !q.From.IsZero() && !q.To.IsZero() && (span{from, to}).days() > txnMaxDays {
		return Window{}, refuse(apiTransactions, "%s to %s is more than %d days, the most one request may ask for; use Transactions, which splits it", ymd(from), ymd(to), txnMaxDays)
	}
	return Window{From: from, To: to}, nil
}

// planTransactions splits q into windows of at most 5 days, leaving out
// the runs of days the session cache already holds.
func (c *Client) planTransactions(q TransactionQuery) (*txnPlan, error) {
	if err := c.checkTxnQuery(q); err != nil {
		return nil, err
	}
	p := &txnPlan{q: q, closed: closedBefore(c.now(), refAccount(q.Account).Location())}
	if q.Relative != "" {
		// Relative days are not cached: PRIOR_DAY is the bank's previous
		// business day, which the client cannot name without a calendar.
		p.windows = []Window{{Relative: q.Relative}}
		return p, nil
	}
	p.from, p.to = day(q.From), day(q.To)
	for _, run := range c.txnCache.runs(q.Account.ID, p.from, p.to, p.closed) {
		if run.cached {
			p.cached = append(p.cached, Window{From: run.from, To: run.to})
			continue
		}
		for _, s := range split(run.from, run.to, txnMaxDays) {
			p.windows = append(p.windows, Window{From: s.from, To: s.to})
		}
	}
	return p, nil
}

// closedBefore is the first day that may still change: the account's
// current business day, or the current day at UTC−12 if that is earlier.
// An account whose zone is not configured is taken to run on New York
// time; the UTC−12 bound keeps a day that is still open somewhere west of
// the assumed zone from being cached as closed.
func closedBefore(now time.Time, loc *time.Location) time.Time {
	t := todayIn(now, loc)
	if w := todayIn(now, time.FixedZone("UTC-12", -12*3600)); w.Before(t) {
		return w
	}
	return t
}

// inRange reports whether a booking date lies in the plan's days; every
// date is in range for a relative day.
func (p *txnPlan) inRange(asOf string) bool {
	if p.q.Relative != "" {
		return true
	}
	return asOf >= ymd(p.from) && asOf <= ymd(p.to)
}

// txnURL is the request for one page of one window.
func (c *Client) txnURL(accountID string, w Window, page, pageSize int) string {
	q := url.Values{"accountIds": {accountID}}
	if w.Relative != "" {
		q.Set("relativeDateType", string(w.Relative))
	} else {
		q.Set("startDate", ymd(w.From))
		q.Set("endDate", ymd(w.To))
	}
	q.Set("pageNumber", strconv.Itoa(page))
	if pageSize > 0 {
		q.Set("pageSize", strconv.Itoa(pageSize))
	}
	return c.ep.Transactions + "/transactions?" + q.Encode()
}

// fetchTxnPage sends one page request (with the shared retry rules) and
// decodes it. A page for another account, or a different page than asked
// for, is an error rather than data: mixing it in would be a guess.
func (c *Client) fetchTxnPage(ctx context.Context, ref model.AccountRef, w Window, page, pageSize int) (*TransactionPage, error) {
	resp, err := c.do(ctx, call{api: apiTransactions, method: http.MethodGet, url: c.txnURL(ref.ID, w, page, pageSize)})
	if err != nil {
		return nil, err
	}
	r, err := decodeTransactions(resp.body)
	if err != nil {
		return nil, decodeFailure(apiTransactions, resp, err)
	}
	if len(r.Errors) > 0 && string(r.Errors) != "null" && string(r.Errors) != "[]" {
		return nil, newAPIError(apiTransactions, resp.status, resp.contentType, []byte(`{"errors":`+string(r.Errors)+`}`), resp.requestID)
	}
	if err := checkPage(r, ref.ID, page); err != nil {
		return nil, &APIError{API: apiTransactions, HTTPStatus: resp.status, RequestID: resp.requestID, malformed: true, Message: err.Error()}
	}
	out := &TransactionPage{
		Window: w, Page: page,
		TotalPages: r.Pagination.TotalPages, TotalRecords: r.Pagination.TotalRecords, PageSize: r.Pagination.PageSize,
		Transactions: make([]model.Transaction, len(r.Data)),
	}
	share := newTxnShare(r.Data)
	for i := range r.Data {
		if r.Data[i].Account.AccountID == "" { // checkPage: the page is the one account asked for
			r.Data[i].Account.AccountID = ref.ID
		}
		out.Transactions[i] = r.Data[i].model(c.categories, share)
	}
	if page < out.TotalPages {
		out.NextPage = page + 1
	}
	return out, nil
}

// checkPage refuses a v3 answer without pagination (its page count would
// be a guess, and pages could be lost silently), for another page than
// asked, claiming absurdly many pages, or carrying another account's items.
func checkPage(r *txnResponse, accountID string, page int) error {
	switch p := r.Pagination; {
	case p == nil:
		return fmt.Errorf("page %d has no pagination block", page)
	case p.PageNumber != 0 && p.PageNumber != page:
		return fmt.Errorf("asked for page %d, the answer is page %d", page, p.PageNumber)
	case p.TotalPages < 0 || p.TotalPages > txnMaxPages:
		return fmt.Errorf("totalPages %d is outside 0..%d", p.TotalPages, txnMaxPages)
	}
	for i := range r.Data {
		if id := r.Data[i].Account.AccountID; id != "" && !sameID(id, accountID) {
			return fmt.Errorf("transaction %s is for account %s, not the one asked for", cleanText(r.Data[i].TransactionID, 40), masked(id))
		}
	}
	return nil
}

// sameID compares account ids ignoring the bank's zero padding.
func sameID(a, b string) bool {
	return strings.TrimLeft(a, "0") == strings.TrimLeft(b, "0")
}

// TxnMaxRangeDays is the longest range Transactions accepts, for a caller
// that checks its flags before asking (a usage error, not a bank one).
const TxnMaxRangeDays = txnMaxRangeDays
