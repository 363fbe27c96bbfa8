package jpm

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
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
	AccountList []v1AccountID `json:"accountList,omitempty"`
	// accountList[].bankId is documented as required, yet every J.P.
	// Morgan example sends only accountId (UNCONFIRMED); so do we.
	RelativeDateType string `json:"relativeDateType,omitempty"`
	StartDate        string `json:"startDate,omitempty"`
	EndDate          string `json:"endDate,omitempty"`
}

type v1AccountID struct {
	AccountID string `json:"accountId"`
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

// decodeBalanceV1 reads a 200 body. Amounts decode from their number text
// into decimals (numberAmount); dates must be YYYY-MM-DD because the
// staleness rules compare them as strings.
func decodeBalanceV1(data []byte) (*v1Response, error) {
	var r v1Response
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, err
	}
	for i := range r.AccountList {
		a := &r.AccountList[i]
		if a.AccountID == "" {
			return nil, errors.New("an accountList entry has no accountId")
		}
		for _, b := range a.BalanceList {
			if _, ok := parseYMD(b.AsOfDate); !ok {
				return nil, errors.New("a balance has an asOfDate that is not YYYY-MM-DD")
			}
		}
	}
	return &r, nil
}

// v1Result is one answered v1 call.
type v1Result struct {
	resp    *v1Response
	fetched time.Time
	note    *model.AccountProblem // from top-level errors alongside data
	ids     idIndex
}

// fetchV1 makes one call for at most 200 accounts (none = all entitled).
func (c *Client) fetchV1(ctx context.Context, q v1Query, ids []string) (*v1Result, error) {
	if err := q.validate(); err != nil {
		return nil, err
	}
	if len(ids) > v1MaxAccounts {
		return nil, refuse(apiBalanceV1, "%d accounts in one call; the limit is %d", len(ids), v1MaxAccounts)
	}
	req := v1Request{RelativeDateType: string(q.relative), StartDate: q.start, EndDate: q.end}
	for _, id := range ids {
		req.AccountList = append(req.AccountList, v1AccountID{AccountID: id})
	}
	body, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	resp, err := c.do(ctx, call{api: apiBalanceV1, method: http.MethodPost, url: c.ep.Balance + "/balance", body: body})
	if err != nil {
		return nil, err
	}
	r, err := decodeBalanceV1(resp.body)
	if err != nil {
		return nil, decodeFailure(apiBalanceV1, resp, err)
	}
	res := &v1Result{resp: r, fetched: c.now()}
	if len(r.Errors) > 0 && string(r.Errors) != "null" && string(r.Errors) != "[]" {
		e := newAPIError(apiBalanceV1, resp.status, resp.contentType, []byte(`{"errors":`+string(r.Errors)+`}`), resp.requestID)
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

// modelAccount maps the bank's account onto model.Account, with the
// analyst's label, group and zone from the watched entry.
func (a *v1Account) modelAccount(ref model.AccountRef) model.Account {
	cur := model.CurrencyOf(a.Currency.Code)
	if dl := a.Currency.DecimalLocation; dl != nil && *dl >= 0 && *dl <= maxFracDigits {
		cur.Decimals = *dl
	}
	cur.Description = a.Currency.Description
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
	acct := a.modelAccount(ref)
	if a.ErrorCode != "" || a.ErrorMsg != "" {
		return []model.Balance{{Account: acct, FetchedAt: fetched,
			Problem: &model.AccountProblem{Code: clean(a.ErrorCode), Message: clean(a.ErrorMsg)}}}
	}
	if len(a.BalanceList) == 0 {
		return []model.Balance{{Account: acct, FetchedAt: fetched,
			Problem: &model.AccountProblem{Code: "NO_DATA", Message: "the bank returned no balance for this account"}}}
	}
	list := slices.Clone(a.BalanceList)
	// Newest last; for one date, the latest record wins.
	slices.SortStableFunc(list, func(x, y v1Balance) int {
		if d := cmp.Compare(x.AsOfDate, y.AsOfDate); d != 0 {
			return d
		}
		return parseRecordTime(x.RecordTimestamp).Compare(parseRecordTime(y.RecordTimestamp))
	})
	if latest {
		return []model.Balance{list[len(list)-1].row(acct, fetched)}
	}
	var out []model.Balance
	for i := range list {
		if i+1 < len(list) && list[i+1].AsOfDate == list[i].AsOfDate {
			continue // superseded by a later record for the same date
		}
		out = append(out, list[i].row(acct, fetched))
	}
	return out
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
