package jpm

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"time"

	"cashpos/model"
)

// Account Balances v1 (jpm-api.md §3): POST {Balance}/balance.
const (
	v1MaxAccounts = 200 // accounts per call (S-AB1)
	v1MaxDays     = 31  // dates per call, counted inclusively to stay on the safe side of "≤ 31 days"
)

// v1Query is what a v1 call asks for: a relative day, or a date range.
type v1Query struct {
	relative   RelativeDay
	start, end string // YYYY-MM-DD
}

// validate refuses, before anything is sent, what the bank rejects
// (S-AB1): dates combined with relativeDateType, an end before the start,
// a range over 31 days.
func (q v1Query) validate() error {
	if q.relative != "" {
		if q.start != "" || q.end != "" {
			return refuse(apiBalanceV1, "a start or end date cannot be combined with %s; ask for one or the other", q.relative)
		}
		if err := q.relative.valid(); err != nil {
			return err
		}
		return nil
	}
	if q.start == "" || q.end == "" {
		return refuse(apiBalanceV1, "a date range needs both a start and an end date")
	}
	from, ok1 := parseYMD(q.start)
	to, ok2 := parseYMD(q.end)
	switch {
	case !ok1 || !ok2:
		return refuse(apiBalanceV1, "dates must be YYYY-MM-DD (got %q to %q)", q.start, q.end)
	case to.Before(from):
		return refuse(apiBalanceV1, "the end date %s is before the start date %s; swap them", q.end, q.start)
	case (span{from, to}).days() > v1MaxDays:
		return refuse(apiBalanceV1, "%s to %s is more than %d days; split the range", q.start, q.end, v1MaxDays)
	}
	return nil
}

type v1Request struct {
	// Omitted when nothing is watched: the bank then answers for every
	// cash-reporting account the credentials are entitled to.
	AccountList      []v1AccountID `json:"accountList,omitempty"`
	RelativeDateType string        `json:"relativeDateType,omitempty"`
	StartDate        string        `json:"startDate,omitempty"`
	EndDate          string        `json:"endDate,omitempty"`
}

// v1AccountID is one accountList entry. The published restrictions make
// bankId required beside accountId (jpm-api.md §3.1), while J.P. Morgan's
// own demo sends only accountId: we send it whenever it is known (config,
// or as the bank reported it before) and omit it only when it is not.
type v1AccountID struct {
	AccountID string `json:"accountId"`
	BankID    string `json:"bankId,omitempty"`
}

type v1Response struct {
	AccountList []v1Account `json:"accountList"`
	// Top-level errors: the whole call failed (GCA-022, GCA-009) when
	// accountList is empty; alongside data, a note we attach to accounts
	// missing from the answer (UNCONFIRMED how GCA-010 is surfaced).
	Errors json.RawMessage `json:"errors"`
}

type v1Account struct {
	AccountID   string      `json:"accountId"`
	AccountName string      `json:"accountName"`
	BankID      string      `json:"bankId"`
	BankName    string      `json:"bankName"`
	Currency    v1Currency  `json:"currency"`
	BalanceList []v1Balance `json:"balanceList"`
	// A per-account error inside a good answer:
	// {"accountId":"…","errorCode":"GCA-010","errorMsg":"Account not found"}.
	ErrorCode string `json:"errorCode"`
	ErrorMsg  string `json:"errorMsg"`

	// conflict: the answer listed this account more than once, with
	// different figures; it is shown once, as a problem, and summed never.
	conflict int
}

type v1Currency struct {
	Code            string `json:"code"`
	DecimalLocation *int32 `json:"decimalLocation"`
	Description     string `json:"description"`
}

type v1Balance struct {
	AsOfDate               string       `json:"asOfDate"`
	RecordTimestamp        string       `json:"recordTimestamp"`
	CurrentDay             bool         `json:"currentDay"`
	OpeningAvailableAmount numberAmount `json:"openingAvailableAmount"`
	OpeningLedgerAmount    numberAmount `json:"openingLedgerAmount"`
	EndingAvailableAmount  numberAmount `json:"endingAvailableAmount"`
	EndingLedgerAmount     numberAmount `json:"endingLedgerAmount"`
}

func hasErrors(raw json.RawMessage) bool {
	s := string(raw)
	return len(raw) > 0 && s != "null" && s != "[]"
}

// collapseV1 keeps one entry per account (ids compared without leading
// zeros), in first-seen order, so an answer that repeats an account never
// shows or sums it twice. Copies that agree are merged (a name or bank id
// one copy lacks is taken from the other); copies that disagree leave one
// entry marked in conflict.
func collapseV1(list []v1Account) []v1Account {
	at := make(map[string]int, len(list))
	// In place: each entry is copied out of list before out (never longer
	// than the entries read so far) can overwrite its slot, so a 100,000-
	// account answer is not copied a second time.
	out := list[:0]
	for _, a := range list {
		k := model.NormalID(a.AccountID)
		i, seen := at[k]
		if !seen {
			at[k] = len(out)
			out = append(out, a)
			continue
		}
		kept := &out[i]
		if !sameV1Figures(kept, &a) {
			kept.conflict++
			continue
		}
		kept.AccountName = cmp.Or(kept.AccountName, a.AccountName)
		kept.BankID = cmp.Or(kept.BankID, a.BankID)
		kept.BankName = cmp.Or(kept.BankName, a.BankName)
	}
	clear(list[len(out):]) // the merged copies' tail holds no strings alive
	return out
}

// sameV1Figures says whether two copies of an account report the same
// thing: currency, error and every balance (amounts compared as decimals,
// in date order).
func sameV1Figures(a, b *v1Account) bool {
	if model.NormalCurrency(a.Currency.Code) != model.NormalCurrency(b.Currency.Code) ||
		a.ErrorCode != b.ErrorCode || len(a.BalanceList) != len(b.BalanceList) {
		return false
	}
	x, y := sortedBalances(a.BalanceList), sortedBalances(b.BalanceList)
	for i := range x {
		if !x[i].same(&y[i]) {
			return false
		}
	}
	return true
}

func (b *v1Balance) same(o *v1Balance) bool {
	eq := func(p, q numberAmount) bool {
		return p.Valid == q.Valid && (!p.Valid || p.Decimal.Equal(q.Decimal))
	}
	return b.AsOfDate == o.AsOfDate && b.CurrentDay == o.CurrentDay &&
		parseRecordTime(b.RecordTimestamp).Equal(parseRecordTime(o.RecordTimestamp)) &&
		eq(b.OpeningAvailableAmount, o.OpeningAvailableAmount) && eq(b.OpeningLedgerAmount, o.OpeningLedgerAmount) &&
		eq(b.EndingAvailableAmount, o.EndingAvailableAmount) && eq(b.EndingLedgerAmount, o.EndingLedgerAmount)
}

// sortedBalances is a copy in date order; for one date, the latest record
// last.
func sortedBalances(list []v1Balance) []v1Balance {
	out := slices.Clone(list)
	slices.SortStableFunc(out, func(x, y v1Balance) int { return compareBalances(&x, &y) })
	return out
}

// v1Result is one answered v1 call.
type v1Result struct {
	resp    *v1Response
	fetched time.Time
	note    *model.AccountProblem // from top-level errors alongside data
	ids     idIndex
	overCap []string // accounts in the answer past the client's limit: named, not read
}

// overCapRows are the LIMIT problem rows of the accounts the answer held
// past the limit: never dropped silently.
func (r *v1Result) overCapRows(limit int) []model.Balance {
	rows := make([]model.Balance, 0, len(r.overCap))
	for _, id := range r.overCap {
		rows = append(rows, model.Balance{Account: model.Account{ID: id, API: model.APIAccessV1}, FetchedAt: r.fetched,
			Problem: &model.AccountProblem{Code: "LIMIT", Message: fmt.Sprintf(
				"not read: the answer held more than %d accounts, the most this client keeps; watch fewer accounts per configuration", limit)}})
	}
	return rows
}

// fetchV1 makes one call for at most 200 accounts (none = all entitled).
func (c *Client) fetchV1(ctx context.Context, q v1Query, refs []model.AccountRef) (*v1Result, error) {
	if err := q.validate(); err != nil {
		return nil, err
	}
	if len(refs) > v1MaxAccounts {
		return nil, refuse(apiBalanceV1, "%d accounts in one call; the limit is %d", len(refs), v1MaxAccounts)
	}
	req := v1Request{RelativeDateType: string(q.relative), StartDate: q.start, EndDate: q.end}
	for _, r := range refs {
		req.AccountList = append(req.AccountList, v1AccountID{AccountID: r.ID, BankID: r.BankID})
	}
	body, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	// The answer is decoded as it arrives, one account at a time: with no
	// watched list it can hold any number of accounts (decodeV1Stream).
	var st *v1Stream
	resp, err := c.do(ctx, call{api: apiBalanceV1, method: http.MethodPost, url: c.ep.Balance + "/balance", body: body,
		stream: func(body io.Reader) (err error) {
			st, err = decodeV1Stream(body, c.maxV1Accounts, len(refs))
			return err
		}})
	if err != nil {
		return nil, err
	}
	r := &st.resp
	res := &v1Result{resp: r, fetched: c.now(), overCap: st.overCap}
	if hasErrors(r.Errors) {
		e := newAPIError(apiBalanceV1, resp.status, resp.contentType, c.scrub.bytes([]byte(`{"errors":`+string(r.Errors)+`}`)), resp.requestID)
		if len(r.AccountList) == 0 {
			return nil, e // an error answer with a 2xx status
		}
		res.note = &model.AccountProblem{Code: e.Code, Message: e.Message}
	}
	res.index()
	return res, nil
}

func (r *v1Result) index() {
	r.ids = newIDIndex(len(r.resp.AccountList), func(i int) string { return r.resp.AccountList[i].AccountID })
}

// find returns the answer for a watched id, or nil.
func (r *v1Result) find(id string) *v1Account {
	if i, ok := r.ids.find(id); ok {
		return &r.resp.AccountList[i]
	}
	return nil
}

// missing is the Problem for a watched account the answer left out.
func (r *v1Result) missing() *model.AccountProblem {
	if r.note != nil && r.note.Code != "" {
		return r.note
	}
	return &model.AccountProblem{Code: "MISSING", Message: "the bank returned no balance for this account"}
}

// currency maps the bank's currency: the code upper-cased; ISO 4217's minor
// units when the code is one we know, whatever decimalLocation says (a
// contradiction is returned as a note for the row); else decimalLocation
// when it is a plausible 0-4.
func (a *v1Account) currency() (model.Currency, string) {
	cur := model.CurrencyOf(a.Currency.Code)
	cur.Description = clean(a.Currency.Description)
	dl := a.Currency.DecimalLocation
	iso, known := model.ISODecimals(cur.Code)
	switch {
	case dl == nil || *dl == cur.Decimals:
		return cur, ""
	case known:
		return cur, fmt.Sprintf("the bank's decimalLocation %d contradicts ISO 4217 (%s has %d); shown with %d", *dl, cur.Code, iso, iso)
	case *dl >= 0 && *dl <= model.MaxDecimals:
		cur.Decimals = *dl
		return cur, ""
	}
	return cur, fmt.Sprintf("the bank's decimalLocation %d is not a currency's minor units; shown with %d", *dl, cur.Decimals)
}

// modelAccount maps the bank's account onto model.Account, with the
// analyst's label, group and zone from the watched entry.
func (a *v1Account) modelAccount(ref model.AccountRef) model.Account {
	cur, _ := a.currency()
	id := ref.ID
	if id == "" {
		id = a.AccountID
	}
	return model.Account{
		ID: id, Name: a.AccountName, Label: ref.Label, Group: ref.Group,
		BankID: a.BankID, BankName: a.BankName, Currency: cur,
		API: model.APIAccessV1, BIC: ref.BIC, TimeZone: zoneFor(ref, a.BankID),
	}
}

func (b *v1Balance) row(acct model.Account, fetched time.Time) model.Balance {
	return model.Balance{
		Account:          acct,
		AsOfDate:         b.AsOfDate,
		RecordTime:       parseRecordTime(b.RecordTimestamp),
		CurrentDay:       b.CurrentDay,
		OpeningAvailable: b.OpeningAvailableAmount.NullDecimal,
		OpeningLedger:    b.OpeningLedgerAmount.NullDecimal,
		EndingAvailable:  b.EndingAvailableAmount.NullDecimal,
		EndingLedger:     b.EndingLedgerAmount.NullDecimal,
		FetchedAt:        fetched,
	}
}

// rowsFor maps one account of an answer onto rows: a Problem row for a
// per-account error or an empty balanceList; otherwise the newest balance
// (latest=true, for a relative day — never trusting the list's order) or
// every balance in date order (a range, one row per asOfDate).
func (a *v1Account) rowsFor(ref model.AccountRef, fetched time.Time, latest bool) []model.Balance {
	return a.appendRows(nil, ref, fetched, latest)
}

// appendRows is rowsFor appending to dst: the bulk paths (100,000 accounts
// a refresh) then allocate no slice per account.
func (a *v1Account) appendRows(out []model.Balance, ref model.AccountRef, fetched time.Time, latest bool) []model.Balance {
	acct := a.modelAccount(ref)
	if p := a.shapeProblem(); p != nil {
		return append(out, model.Balance{Account: acct, FetchedAt: fetched, Problem: p})
	}
	if a.ErrorCode != "" || a.ErrorMsg != "" {
		return append(out, model.Balance{Account: acct, FetchedAt: fetched,
			Problem: &model.AccountProblem{Code: clean(a.ErrorCode), Message: clean(a.ErrorMsg)}})
	}
	if len(a.BalanceList) == 0 {
		return append(out, model.Balance{Account: acct, FetchedAt: fetched,
			Problem: &model.AccountProblem{Code: "NO_DATA", Message: "the bank returned no balance for this account"}})
	}
	_, note := a.currency()
	if latest {
		return append(out, noted(newestBalance(a.BalanceList).row(acct, fetched), note))
	}
	// Newest last; for one date, the latest record wins.
	list := sortedBalances(a.BalanceList)
	for i := range list {
		if i+1 < len(list) && list[i+1].AsOfDate == list[i].AsOfDate {
			continue // superseded by a later record for the same date
		}
		out = append(out, noted(list[i].row(acct, fetched), note))
	}
	return out
}

// newestBalance is the last entry of sortedBalances(list) without the
// copy and the sort: the greatest by (date, record time), the later one in
// the list on a tie, as the stable sort would leave it.
func newestBalance(list []v1Balance) *v1Balance {
	best := &list[0]
	for i := 1; i < len(list); i++ {
		if compareBalances(&list[i], best) >= 0 {
			best = &list[i]
		}
	}
	return best
}

// compareBalances orders balances by date, then record time.
func compareBalances(x, y *v1Balance) int {
	if d := cmp.Compare(x.AsOfDate, y.AsOfDate); d != 0 {
		return d
	}
	return parseRecordTime(x.RecordTimestamp).Compare(parseRecordTime(y.RecordTimestamp))
}

// shapeProblem is why an account's figures cannot be shown at all: the
// answer repeated it with different figures, or gave it no currency (its
// amounts could join no total).
func (a *v1Account) shapeProblem() *model.AccountProblem {
	switch {
	case a.conflict > 0:
		return duplicateProblem(a.conflict + 1)
	case model.NormalCurrency(a.Currency.Code) == "" && a.ErrorCode == "" && a.ErrorMsg == "":
		return noCurrencyProblem()
	}
	return nil
}

func duplicateProblem(copies int) *model.AccountProblem {
	return &model.AccountProblem{Code: "DUPLICATE", Message: fmt.Sprintf(
		"the bank listed this account %d times with different figures; none is shown or summed until it answers once", copies)}
}

func noCurrencyProblem() *model.AccountProblem {
	return &model.AccountProblem{Code: "NO_CURRENCY", Message: "the bank gave no currency for this account; its amounts are not shown or summed"}
}

func noted(b model.Balance, note string) model.Balance {
	b.Note = note
	return b
}

// parseRecordTime reads recordTimestamp (RFC 3339 UTC, S-AB1). Unreadable
// gives the zero time, and the row's age then falls back to FetchedAt; the
// as-of date check still catches a row from an old day.
func parseRecordTime(s string) time.Time {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999Z0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}
