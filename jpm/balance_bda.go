package jpm

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"cashpos/model"
)

// BDA Balances v2 (jpm-api.md §4), Blockchain Deposit Accounts only.
const (
	bdaMaxAccounts = 25  // accountIdentifiers per inquiry (schema maxItems; the prose's 100 is wrong)
	bdaMaxDays     = 45  // fromDate..toDate, counted inclusively
	bdaPageSize    = 100 // the largest pageSize the spec allows
	bdaMaxPages    = 1000
	bdaDefaultBIC  = "CHASUS33MCY"
	zeroCursor     = "00000000-0000-0000-0000-000000000000" // the spec's cursor on an empty result

	// bdaLookback is how many days before the first wanted book date an
	// inquiry reaches back, to find the previous closing for the opening
	// balance: a Monday needs Friday's closing, a Tuesday after a Monday
	// holiday needs Friday's too. The brief's "fromDate = the prior day"
	// would leave Monday's opening missing every week.
	bdaLookback = 4
)

const (
	interimAvailable = "INTERIM_AVAILABLE"
	interimBooked    = "INTERIM_BOOKED"
	closingAvailable = "CLOSING_AVAILABLE"
	closingBooked    = "CLOSING_BOOKED"
)

var bdaBalanceTypes = []string{interimAvailable, interimBooked, closingAvailable, closingBooked}

type bdaInquiry struct {
	AccountIdentifiers []bdaIdentifier `json:"accountIdentifiers"`
	BalanceTypes       []string        `json:"balanceTypes"`
	FromDate           string          `json:"fromDate"`
	ToDate             string          `json:"toDate"`
}

type bdaIdentifier struct {
	Number                 string `json:"number"`
	FinancialInstitutionID bdaFI  `json:"financialInstitutionId"`
}

type bdaFI struct {
	ID     string `json:"id"`
	IDType string `json:"idType"`
}

type bdaResponse struct {
	AccountBalances []bdaAccountBalances `json:"accountBalances"`
	Metadata        struct {
		Cursor struct {
			This string `json:"this"`
			Next string `json:"next"`
		} `json:"cursor"`
	} `json:"metadata"`
}

type bdaAccountBalances struct {
	Account  bdaAccount   `json:"account"`
	Balances []bdaBalance `json:"balances"`

	currencyConflict bool // repeated with two different currencies
}

type bdaAccount struct {
	Number   string  `json:"number"`
	Type     string  `json:"type"`
	Currency string  `json:"currency"`
	Name     string  `json:"name"`
	FIs      []bdaFI `json:"financialInstitutionIds"`
}

type bdaBalance struct {
	Type     string       `json:"type"`
	Amount   stringAmount `json:"amount"` // a string: "-123.45"
	BookDate string       `json:"bookDate"`
}

// decodeBDA reads one page. Amounts must be SignedDecimal strings
// (stringAmount); a malformed one fails the page, since a balance we cannot
// read exactly must not be shown at all.
func decodeBDA(data []byte) (*bdaResponse, error) {
	var r bdaResponse
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, err
	}
	for _, ab := range r.AccountBalances {
		if ab.Account.Number == "" {
			return nil, errors.New("an accountBalances entry has no account number")
		}
		for _, b := range ab.Balances {
			if _, ok := parseYMD(b.BookDate); !ok {
				return nil, fmt.Errorf("a balance of account %s has a bookDate that is not YYYY-MM-DD", masked(ab.Account.Number))
			}
		}
	}
	return &r, nil
}

func masked(id string) string { return model.Account{ID: id}.MaskedNumber() }

// bdaResult is every page of one BDA call, merged by account.
type bdaResult struct {
	accounts []*bdaAccountBalances // in answer order
	ids      idIndex
	fetched  time.Time
	// notEntitled: discovery was refused with 401/403, which means the
	// credentials have no BDA entitlement at all, not a failure.
	notEntitled int
}

func (r *bdaResult) find(number string) *bdaAccountBalances {
	if i, ok := r.ids.find(number); ok {
		return r.accounts[i]
	}
	return nil
}

// bdaPages sends a BDA call and follows metadata.cursor.next to the end.
// Absence of next means the last page (UNCONFIRMED wording, §4.3); a
// cursor seen before would loop forever and is an error.
func (c *Client) bdaPages(ctx context.Context, method, path string, body []byte) (*bdaResult, error) {
	res := &bdaResult{}
	byNum := map[string]*bdaAccountBalances{}
	seen := map[string]bool{}
	cursor := ""
	for page := 1; ; page++ {
		if page > bdaMaxPages {
			return nil, &APIError{API: apiBDA, HTTPStatus: 200, malformed: true, Message: fmt.Sprintf("more than %d pages", bdaMaxPages)}
		}
		q := url.Values{"pageSize": {fmt.Sprint(bdaPageSize)}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		resp, err := c.do(ctx, call{api: apiBDA, method: method, url: c.ep.BDA + path + "?" + q.Encode(), body: body})
		if err != nil {
			return nil, err
		}
		r, err := decodeBDA(resp.body)
		if err != nil {
			return nil, decodeFailure(apiBDA, resp, err)
		}
		for i := range r.AccountBalances {
			ab := &r.AccountBalances[i]
			// An account split over pages, or repeated (ids compared
			// without leading zeros): one entry; days() flags copies
			// that disagree.
			key := model.NormalID(ab.Account.Number)
			if prev, ok := byNum[key]; ok {
				prev.Balances = append(prev.Balances, ab.Balances...)
				prev.Account.Name = cmp.Or(prev.Account.Name, ab.Account.Name)
				if model.NormalCurrency(prev.Account.Currency) != model.NormalCurrency(ab.Account.Currency) {
					prev.currencyConflict = true
				}
				continue
			}
			byNum[key] = ab
			res.accounts = append(res.accounts, ab)
		}
		next := r.Metadata.Cursor.Next
		if next == "" || next == zeroCursor {
			break
		}
		if seen[next] || next == r.Metadata.Cursor.This || next == cursor {
			return nil, &APIError{API: apiBDA, HTTPStatus: resp.status, RequestID: resp.requestID, malformed: true,
				Message: fmt.Sprintf("pagination cursor repeated on page %d", page)}
		}
		seen[next] = true
		cursor = next
	}
	res.fetched = c.now()
	res.ids = newIDIndex(len(res.accounts), func(i int) string { return res.accounts[i].Account.Number })
	return res, nil
}

// inquireBDA asks for all four balance types of at most 25 accounts over
// [from, to] (POST /accounts/balances/inquiry).
func (c *Client) inquireBDA(ctx context.Context, refs []model.AccountRef, from, to time.Time) (*bdaResult, error) {
	switch {
	case len(refs) == 0 || len(refs) > bdaMaxAccounts:
		return nil, refuse(apiBDA, "%d accounts in one inquiry; it takes 1 to %d", len(refs), bdaMaxAccounts)
	case to.Before(from):
		return nil, refuse(apiBDA, "the end date %s is before the start date %s; swap them", ymd(to), ymd(from))
	case (span{from, to}).days() > bdaMaxDays:
		return nil, refuse(apiBDA, "%s to %s is more than %d days; split the range", ymd(from), ymd(to), bdaMaxDays)
	}
	in := bdaInquiry{BalanceTypes: bdaBalanceTypes, FromDate: ymd(from), ToDate: ymd(to)}
	for _, r := range refs {
		bic := r.BIC
		if bic == "" {
			bic = bdaDefaultBIC
		}
		in.AccountIdentifiers = append(in.AccountIdentifiers, bdaIdentifier{
			Number: r.ID, FinancialInstitutionID: bdaFI{ID: bic, IDType: "BIC"}})
	}
	body, err := json.Marshal(in)
	if err != nil {
		return nil, err
	}
	return c.bdaPages(ctx, http.MethodPost, "/accounts/balances/inquiry", body)
}

// discoverBDAAccounts lists the current-day balances of every BDA account
// the credentials see (GET /accounts/balances). 401/403 here means the
// client is not entitled to BDA at all, which is normal: no rows, no error.
func (c *Client) discoverBDAAccounts(ctx context.Context) (*bdaResult, error) {
	res, err := c.bdaPages(ctx, http.MethodGet, "/accounts/balances", nil)
	var ae *APIError
	if errors.As(err, &ae) && ae.API == apiBDA && (ae.HTTPStatus == 401 || ae.HTTPStatus == 403) {
		return &bdaResult{fetched: c.now(), notEntitled: ae.HTTPStatus}, nil
	}
	return res, err
}

// modelAccount maps a BDA account onto model.Account. BDA sends only a
// currency code, so minor units come from model.CurrencyOf.
func (a *bdaAccount) modelAccount(ref model.AccountRef) model.Account {
	bic := ref.BIC
	if bic == "" && len(a.FIs) > 0 {
		bic = a.FIs[0].ID
	}
	if bic == "" {
		bic = bdaDefaultBIC
	}
	id := ref.ID
	if id == "" {
		id = a.Number
	}
	return model.Account{
		ID: id, Name: a.Name, Label: ref.Label, Group: ref.Group,
		Currency: model.CurrencyOf(a.Currency), API: model.APIBDAV2,
		BIC: bic, TimeZone: zoneFor(ref, bic),
	}
}

// bdaDays indexes one account's balances: book date → balance type →
// amount. Unknown types are ignored; a repeated (date, type) with the same
// amount is one balance.
type bdaDays map[string]map[string]decimal.Decimal

// days indexes the balances and counts the (date, type) pairs the answer
// gave twice with different amounts: such an account cannot be shown.
func (ab *bdaAccountBalances) days() (bdaDays, int) {
	d := bdaDays{}
	conflicts := 0
	for _, b := range ab.Balances {
		if !b.Amount.Valid || !slices.Contains(bdaBalanceTypes, b.Type) {
			continue
		}
		if d[b.BookDate] == nil {
			d[b.BookDate] = map[string]decimal.Decimal{}
		}
		if prev, ok := d[b.BookDate][b.Type]; ok && !prev.Equal(b.Amount.Decimal) {
			conflicts++
		}
		d[b.BookDate][b.Type] = b.Amount.Decimal
	}
	if ab.currencyConflict {
		conflicts++
	}
	return d, conflicts
}

// shapeProblem is why a BDA account's figures cannot be shown at all.
func (ab *bdaAccountBalances) shapeProblem(conflicts int) *model.AccountProblem {
	switch {
	case conflicts > 0:
		return duplicateProblem(2)
	case model.NormalCurrency(ab.Account.Currency) == "":
		return noCurrencyProblem()
	}
	return nil
}

// dates returns the book dates present, ascending.
func (d bdaDays) dates() []string {
	out := make([]string, 0, len(d))
	for k := range d {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// row maps book date D onto model.Balance. BDA reports balance types, not
// opening/ending, so:
//
//	D is today (in the account's zone) — an intraday row:
//	    ending available = INTERIM_AVAILABLE(D), ending ledger = INTERIM_BOOKED(D);
//	    if D has no interim value but already has CLOSING_*, that closing is used.
//	D is a past day — a closed row:
//	    ending available = CLOSING_AVAILABLE(D), ending ledger = CLOSING_BOOKED(D);
//	    an interim value is never passed off as a closing.
//	Either way:
//	    opening available = CLOSING_AVAILABLE(P), opening ledger = CLOSING_BOOKED(P),
//	    P = the latest earlier book date that has a closing value, at most
//	    bdaLookback days before D (a day's opening is the previous
//	    business day's close).
//
// Anything not sent stays missing (Valid=false), never zero. BDA sends no
// record time: RecordTime stays zero and the row's age falls back to
// FetchedAt (model.Balance.AgeBasis).
func (d bdaDays) row(acct model.Account, date string, today time.Time, fetched time.Time) model.Balance {
	b := model.Balance{Account: acct, AsOfDate: date, FetchedAt: fetched}
	bd, _ := parseYMD(date)
	on := d[date]
	get := func(m map[string]decimal.Decimal, typ string) decimal.NullDecimal {
		v, ok := m[typ]
		return decimal.NullDecimal{Decimal: v, Valid: ok}
	}
	if !bd.Before(today) {
		b.CurrentDay = bd.Equal(today)
		b.EndingAvailable = get(on, interimAvailable)
		b.EndingLedger = get(on, interimBooked)
		if !b.EndingAvailable.Valid && !b.EndingLedger.Valid {
			b.EndingAvailable = get(on, closingAvailable)
			b.EndingLedger = get(on, closingBooked)
		}
	} else {
		b.EndingAvailable = get(on, closingAvailable)
		b.EndingLedger = get(on, closingBooked)
	}
	for back := 1; back <= bdaLookback; back++ {
		prev := d[ymd(bd.AddDate(0, 0, -back))]
		_, ca := prev[closingAvailable]
		_, cb := prev[closingBooked]
		if ca || cb {
			b.OpeningAvailable = get(prev, closingAvailable)
			b.OpeningLedger = get(prev, closingBooked)
			break
		}
	}
	return b
}

// bdaRelativeRow maps one account's answer for a relative day.
// CurrentDay: the latest book date sent (normally today; if today has no
// data yet, the last day that has, marked not current). PriorDay: the
// latest book date before today.
func bdaRelativeRow(ab *bdaAccountBalances, ref model.AccountRef, rel RelativeDay, fetched time.Time, now time.Time) model.Balance {
	acct := ab.Account.modelAccount(ref)
	today := todayIn(now, acct.Location())
	d, conflicts := ab.days()
	if p := ab.shapeProblem(conflicts); p != nil {
		return model.Balance{Account: acct, FetchedAt: fetched, Problem: p}
	}
	dates := d.dates()
	if rel == PriorDay {
		dates = slices.DeleteFunc(dates, func(s string) bool { return s >= ymd(today) })
	}
	if len(dates) == 0 {
		return model.Balance{Account: acct, FetchedAt: fetched,
			Problem: &model.AccountProblem{Code: "NO_DATA", Message: "the bank returned no balance for this account"}}
	}
	return d.row(acct, dates[len(dates)-1], today, fetched)
}

// bdaRangeRows maps one account's answer onto a row per book date with data
// in [from, to].
func bdaRangeRows(ab *bdaAccountBalances, ref model.AccountRef, from, to time.Time, fetched, now time.Time) []model.Balance {
	acct := ab.Account.modelAccount(ref)
	today := todayIn(now, acct.Location())
	d, conflicts := ab.days()
	if p := ab.shapeProblem(conflicts); p != nil {
		return []model.Balance{{Account: acct, FetchedAt: fetched, Problem: p}}
	}
	var out []model.Balance
	for _, date := range d.dates() {
		if date < ymd(from) || date > ymd(to) {
			continue
		}
		out = append(out, d.row(acct, date, today, fetched))
	}
	return out
}
