package mock

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// TransactionsPath is Transaction Details v3 (jpm-api §5): GET with query
// parameters accountIds, relativeDateType | startDate+endDate, pageNumber
// and (UNCONFIRMED as a request parameter) pageSize.
const TransactionsPath = "/tsapi/v3/transactions"

// Transaction Details limits. The 5-day range and the 1,000-record page are
// documented (§5.1); the rest is the mock's choice, UNCONFIRMED.
const (
	txnMaxDays         = 5
	txnMaxPageSize     = 1000
	txnDefaultPageSize = 100 // so a busy account needs several pages
	txnMaxAccounts     = 10  // "≤10 accounts per call" is JPM's recommendation (§2)
	txnHistoryDays     = 730 // how far back startDate may reach
	txnBackValueDays   = 3   // items are back-valued by at most this many days
)

// txnQuery is a validated request.
type txnQuery struct {
	ids        []string
	relative   string // CURRENT_DAY, PRIOR_DAY or "" for a range
	start, end date
	page, size int
}

// handleTransactions answers one page. Errors use the legacy GCA shape of
// the Access APIs (jpm-api §5.3 errors).
func (b *Bank) handleTransactions(w http.ResponseWriter, r *http.Request) {
	now := b.now()
	q, err := parseTxnQuery(r.URL.Query())
	if err != nil {
		writeGCA(w, http.StatusBadRequest, gcaBadRequest, err.Error())
		return
	}
	accts, missing := b.txnAccounts(q.ids)
	if len(accts) == 0 {
		writeGCA(w, http.StatusNotFound, gcaNoneFound, "None of the requested accounts were found")
		return
	}
	if err := checkTxnDates(q, accts[0], now); err != nil {
		writeGCA(w, http.StatusBadRequest, gcaBadRequest, err.Error())
		return
	}
	var items []acctTxn
	for _, a := range accts {
		for _, t := range b.txnSelect(a, q, now) {
			items = append(items, acctTxn{a, t})
		}
	}
	// items point into the memoised days; nothing here modifies them.
	resp, err := b.txnPage(items, q)
	if err != nil {
		writeGCA(w, http.StatusBadRequest, gcaBadRequest, err.Error())
		return
	}
	for _, id := range missing {
		resp.Errors = append(resp.Errors, gcaError{ErrorCode: gcaOneNotFound, ErrorMsg: "Account not found: " + id})
	}
	writeJSON(w, http.StatusOK, resp)
}

// parseTxnQuery checks the parameters that need no account.
func parseTxnQuery(v url.Values) (txnQuery, error) {
	q := txnQuery{page: 1, size: txnDefaultPageSize, relative: v.Get("relativeDateType")}
	for _, id := range strings.Split(v.Get("accountIds"), ",") {
		if id = strings.TrimSpace(id); id != "" {
			q.ids = append(q.ids, id)
		}
	}
	switch {
	case len(q.ids) == 0:
		return q, fmt.Errorf("accountIds is required")
	case len(q.ids) > txnMaxAccounts:
		return q, fmt.Errorf("accountIds: at most %d accounts per request", txnMaxAccounts)
	}
	if err := q.parseDates(v); err != nil {
		return q, err
	}
	var err error
	if q.page, err = intParam(v, "pageNumber", 1, 1, txnMaxPageSize*1000); err != nil {
		return q, err
	}
	q.size, err = intParam(v, "pageSize", txnDefaultPageSize, 1, txnMaxPageSize)
	return q, err
}

func (q *txnQuery) parseDates(v url.Values) error {
	hasRange := v.Has("startDate") || v.Has("endDate")
	switch {
	case q.relative != "" && hasRange:
		return fmt.Errorf("relativeDateType cannot be combined with startDate/endDate")
	case q.relative == "CURRENT_DAY" || q.relative == "PRIOR_DAY":
		return nil
	case q.relative != "":
		return fmt.Errorf("relativeDateType must be CURRENT_DAY or PRIOR_DAY")
	case !hasRange:
		return fmt.Errorf("either relativeDateType or startDate and endDate are required")
	}
	var ok1, ok2 bool
	q.start, ok1 = parseDate(v.Get("startDate"))
	q.end, ok2 = parseDate(v.Get("endDate"))
	switch {
	case !ok1 || !ok2:
		return fmt.Errorf("startDate and endDate must both be dates in YYYY-MM-DD format")
	case q.end < q.start:
		return fmt.Errorf("endDate must not be before startDate")
	case int(q.end-q.start)+1 > txnMaxDays:
		return fmt.Errorf("the date range cannot exceed %d days", txnMaxDays)
	}
	return nil
}

func intParam(v url.Values, name string, def, lo, hi int) (int, error) {
	if !v.Has(name) {
		return def, nil
	}
	n, err := strconv.Atoi(v.Get(name))
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%s must be an integer from %d to %d", name, lo, hi)
	}
	return n, nil
}

// checkTxnDates applies the limits that depend on the (first) account's
// business day: no range wholly in the future, none older than the
// history kept online.
func checkTxnDates(q txnQuery, a *account, now time.Time) error {
	if q.relative != "" {
		return nil
	}
	t := today(a, now)
	switch {
	case q.start > t:
		return fmt.Errorf("startDate %s is in the future", q.start)
	case q.start < t-txnHistoryDays:
		return fmt.Errorf("startDate %s is older than the %d days of history available", q.start, txnHistoryDays)
	}
	return nil
}

// txnAccounts resolves the requested ids, in order; missing lists the ones
// that are not in the book (or all, when entitlement is switched off).
func (b *Bank) txnAccounts(ids []string) (found []*account, missing []string) {
	entitled := !b.faults.noEligible()
	for _, id := range ids {
		a := b.v1ByID[id]
		if a == nil {
			a = b.bdaByNum[id]
		}
		if a == nil || !entitled {
			missing = append(missing, id)
			continue
		}
		found = append(found, a)
	}
	return found, missing
}

// txnSelect is what the bank reports for one account: the current day's
// items posted so far, the prior day's, or every item booked or
// value-dated in the range (a back-valued item is therefore listed in
// the window of its value date too — UNCONFIRMED, and the reason the
// client must de-duplicate across windows). Today's items appear once the
// intraday feed has taken them in: those booked by the start of the feed's
// latest cycle, the very instant the balance report's recordTimestamp
// names, so the current day's items always explain the current ending
// ledger (ledger.go). The stale feed lags by its delay; a prior-day-only
// account has no intraday items.
func (b *Bank) txnSelect(a *account, q txnQuery, now time.Time) []*mockTxn {
	t := today(a, now)
	cutoff := b.intradayCutoff(a, now)
	var from, to, last date
	switch q.relative {
	case "CURRENT_DAY":
		from, to, last = t, t, t
	case "PRIOR_DAY":
		from, to, last = t-1, t-1, t-1
	default:
		from, to, last = q.start, q.end, min(q.end+txnBackValueDays, t)
	}
	var out []*mockTxn
	for d := from; d <= last; d++ {
		if d == t && a.priorDayOnly {
			break
		}
		items := b.reportedItems(a, d)
		for i := range items {
			it := &items[i]
			inRange := (it.asOf >= from && it.asOf <= to) || (q.relative == "" && it.value >= from && it.value <= to)
			if inRange && (d < t || !it.posted.After(cutoff)) {
				out = append(out, it)
			}
		}
	}
	return out
}

// acctTxn is an item with the account it was booked on.
type acctTxn struct {
	a *account
	t *mockTxn
}

// txnPage cuts one page out of items. With the RepeatRows fault a page
// after the first also starts with the previous page's last item, as
// offset paging does when items shift between requests.
func (b *Bank) txnPage(items []acctTxn, q txnQuery) (txnResponse, error) {
	total := len(items)
	pages := (total + q.size - 1) / q.size
	if q.page > max(pages, 1) {
		return txnResponse{}, fmt.Errorf("pageNumber %d is beyond the last page (%d)", q.page, pages)
	}
	lo, hi := (q.page-1)*q.size, min(q.page*q.size, total)
	if lo > 0 && b.faults.repeatRows() {
		lo--
	}
	data := make([]txnItem, 0, hi-lo)
	for _, x := range items[lo:hi] {
		data = append(data, x.t.wire(x.a))
	}
	return txnResponse{
		Pagination: txnPagination{PageSize: q.size, TotalPages: pages, PageNumber: q.page, TotalRecords: total},
		Data:       data,
	}, nil
}

// intradayCutoff is the instant the account's intraday feed last refreshed
// at now: the recordTimestamp of its current-day balance report.
func (b *Bank) intradayCutoff(a *account, now time.Time) time.Time {
	return cycleStart(cycleIndex(now.Add(-a.staleBy)))
}
