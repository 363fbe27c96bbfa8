package mock

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// BDA Balances v2 limits (jpm-api §4).
const (
	bdaDefaultPageSize = 25
	bdaMaxPageSize     = 100
	bdaMaxAccounts     = 25 // schema cap on accountIdentifiers (prose says 100; the schema wins)
	bdaMaxBalanceTypes = 4
	bdaMaxSpanDays     = 45
	bdaMaxNumberLen    = 10
	bdaMaxRequestIDLen = 36
)

// Balance types (S-BDA). Interim = intraday "as at end of date so far";
// closing = a finished day.
const (
	interimAvailable = "INTERIM_AVAILABLE"
	interimBooked    = "INTERIM_BOOKED"
	closingAvailable = "CLOSING_AVAILABLE"
	closingBooked    = "CLOSING_BOOKED"
)

// ---- wire structs ----

type bdaInquiry struct {
	AccountIdentifiers *[]bdaIdentifier `json:"accountIdentifiers"`
	BalanceTypes       *[]string        `json:"balanceTypes"`
	FromDate           string           `json:"fromDate"`
	ToDate             string           `json:"toDate"`
}

type bdaIdentifier struct {
	Number                 string   `json:"number"`
	FinancialInstitutionID *bdaFIID `json:"financialInstitutionId"`
}

type bdaFIID struct {
	ID     string `json:"id"`
	IDType string `json:"idType"`
}

// The wire structs here repeat the client's (jpm/balance_bda.go) on purpose:
// the mock is written from jpm-api.md, not from the client, so a mistake in
// the client's reading of the API cannot be mirrored here and pass unseen.
type bdaResponse struct {
	AccountBalances []bdaAccountBalances `json:"accountBalances"`
	Metadata        bdaMetadata          `json:"metadata"`
}

type bdaAccountBalances struct {
	Account  bdaAccount   `json:"account"`
	Balances []bdaBalance `json:"balances"`
}

type bdaAccount struct {
	Number                  string    `json:"number"`
	Type                    string    `json:"type"`
	Currency                string    `json:"currency"`
	Name                    string    `json:"name"`
	FinancialInstitutionIDs []bdaFIID `json:"financialInstitutionIds"`
}

// bdaBalance.Amount is a string SignedDecimal ("-123.45") with the
// currency's decimals, unlike v1's JSON numbers.
type bdaBalance struct {
	Type     string `json:"type"`
	Amount   string `json:"amount"`
	BookDate string `json:"bookDate"`
}

type bdaMetadata struct {
	Cursor bdaCursor `json:"cursor"`
}

type bdaCursor struct {
	First string `json:"first"`
	This  string `json:"this"`
	Prev  string `json:"prev,omitempty"`
	Next  string `json:"next,omitempty"` // absent on the last page (UNCONFIRMED wording, jpm-api §4.3)
}

// page is a validated pageSize/cursor pair.
type page struct{ size, offset int }

// handleBDAList is GET /accounts/balances: current-day INTERIM_AVAILABLE and
// INTERIM_BOOKED for every BDA account the credentials are entitled to.
func (b *Bank) handleBDAList(w http.ResponseWriter, r *http.Request) {
	pg, errs := b.commonParams(r)
	if len(errs) > 0 {
		b.writeCommon(w, r, http.StatusBadRequest, errs...)
		return
	}
	var accts []*account
	if !b.faults.noEligible() {
		accts = b.bda
	}
	now := b.now()
	b.writePage(w, r, pg, len(accts), func(i int) bdaAccountBalances {
		a := accts[i]
		s := b.current(a, now)
		return b.bdaEntry(a, []bdaBalance{
			{Type: interimAvailable, Amount: s.endAvail.format(a.ccy.decimals), BookDate: s.asOf.String()},
			{Type: interimBooked, Amount: s.endLedger.format(a.ccy.decimals), BookDate: s.asOf.String()},
		})
	})
}

// handleBDAInquiry is POST /accounts/balances/inquiry: chosen accounts,
// balance types and dates, paginated over the requested accounts.
func (b *Bank) handleBDAInquiry(w http.ResponseWriter, r *http.Request) {
	pg, errs := b.commonParams(r)
	if len(errs) > 0 {
		b.writeCommon(w, r, http.StatusBadRequest, errs...)
		return
	}
	now := b.now()
	q, errs := decodeInquiry(w, r)
	if len(errs) == 0 {
		errs = validateInquiry(q)
	}
	var from, to date
	if len(errs) == 0 {
		from, to, errs = bdaDates(q, dateOf(now, b.bdaZone))
	}
	var accts []*account
	if len(errs) == 0 {
		accts, errs = b.resolveBDA(*q.AccountIdentifiers)
	}
	if len(errs) > 0 {
		b.writeCommon(w, r, http.StatusBadRequest, errs[:min(len(errs), 99)]...) // context holds 1–99 items
		return
	}
	types := []string{interimAvailable, interimBooked} // default when omitted — UNCONFIRMED
	if q.BalanceTypes != nil {
		types = *q.BalanceTypes
	}
	b.writePage(w, r, pg, len(accts), func(i int) bdaAccountBalances {
		a := accts[i]
		return b.bdaEntry(a, b.bdaBalances(a, types, from, to, now))
	})
}

// bdaBalances lists, day by day (oldest first) and in the requested type
// order, the balances that exist: INTERIM_* for any day up to today (for a
// past day, its end-of-day figure), CLOSING_* only for finished days. A
// CLOSING_* type asked for today alone thus yields an empty list.
func (b *Bank) bdaBalances(a *account, types []string, from, to date, now time.Time) []bdaBalance {
	out := []bdaBalance{}
	t := today(a, now)
	for d := from; d <= to && d <= t; d++ {
		s, ok := b.onDate(a, d, now)
		if !ok {
			continue
		}
		for _, typ := range types {
			var amt money
			switch typ {
			case interimAvailable:
				amt = s.endAvail
			case interimBooked:
				amt = s.endLedger
			case closingAvailable, closingBooked:
				if s.currentDay {
					continue
				}
				amt = s.endLedger
				if typ == closingAvailable {
					amt = s.endAvail
				}
			}
			out = append(out, bdaBalance{Type: typ, Amount: amt.format(a.ccy.decimals), BookDate: d.String()})
		}
	}
	return out
}

func (b *Bank) bdaEntry(a *account, balances []bdaBalance) bdaAccountBalances {
	return bdaAccountBalances{
		Account: bdaAccount{
			Number: a.id, Type: "BDA", Currency: a.ccy.code, Name: a.name,
			FinancialInstitutionIDs: []bdaFIID{{ID: a.br.bic, IDType: "BIC"}},
		},
		Balances: balances,
	}
}

// writePage writes items [offset, offset+size) of a total-long result.
func (b *Bank) writePage(w http.ResponseWriter, r *http.Request, pg page, total int, item func(int) bdaAccountBalances) {
	if total == 0 {
		writeJSON(w, http.StatusOK, bdaResponse{
			AccountBalances: []bdaAccountBalances{},
			Metadata:        bdaMetadata{Cursor: bdaCursor{First: zeroCursor, This: zeroCursor}},
		})
		return
	}
	if pg.offset >= total {
		b.writeCommon(w, r, http.StatusBadRequest, errContext{
			Code: codeBadValue, Message: "cursor is beyond the end of the result", Location: locQuery, Field: "cursor",
		})
		return
	}
	end := min(pg.offset+pg.size, total)
	resp := bdaResponse{
		AccountBalances: make([]bdaAccountBalances, 0, end-pg.offset),
		Metadata:        bdaMetadata{Cursor: bdaCursor{First: b.encodeCursor(0), This: b.encodeCursor(pg.offset)}},
	}
	if pg.offset > 0 {
		resp.Metadata.Cursor.Prev = b.encodeCursor(max(0, pg.offset-pg.size))
	}
	if end < total {
		resp.Metadata.Cursor.Next = b.encodeCursor(end)
	}
	for i := pg.offset; i < end; i++ {
		resp.AccountBalances = append(resp.AccountBalances, item(i))
	}
	writeJSON(w, http.StatusOK, resp)
}

// commonParams validates the Request-Id header and pageSize/cursor query
// parameters shared by both v2 operations.
func (b *Bank) commonParams(r *http.Request) (page, []errContext) {
	var errs []errContext
	if id, ok := r.Header["Request-Id"]; ok && (len(id[0]) == 0 || len(id[0]) > bdaMaxRequestIDLen) {
		code := codeMaxLength
		if len(id[0]) == 0 {
			code = codeMinLength
		}
		errs = append(errs, errContext{Code: code, Message: "Request-Id must be 1 to 36 characters",
			Location: locHeader, Field: "Request-Id"})
	}
	pg := page{size: bdaDefaultPageSize}
	q := r.URL.Query()
	if q.Has("pageSize") {
		n, err := strconv.Atoi(q.Get("pageSize"))
		switch {
		case err != nil:
			errs = append(errs, errContext{Code: codeBadFormat, Message: "pageSize must be an integer", Location: locQuery, Field: "pageSize"})
		case n < 1:
			errs = append(errs, errContext{Code: codeMinValue, Message: "pageSize must be at least 1", Location: locQuery, Field: "pageSize"})
		case n > bdaMaxPageSize:
			errs = append(errs, errContext{Code: codeMaxValue, Message: fmt.Sprintf("pageSize must be at most %d", bdaMaxPageSize), Location: locQuery, Field: "pageSize"})
		default:
			pg.size = n
		}
	}
	if q.Has("cursor") {
		off, wellFormed, ok := b.decodeCursor(q.Get("cursor"))
		switch {
		case !wellFormed:
			errs = append(errs, errContext{Code: codeBadFormat, Message: "cursor must be a UUID", Location: locQuery, Field: "cursor"})
		case !ok:
			errs = append(errs, errContext{Code: codeBadValue, Message: "cursor is not valid", Location: locQuery, Field: "cursor"})
		default:
			pg.offset = off
		}
	}
	return pg, errs
}

func decodeInquiry(w http.ResponseWriter, r *http.Request) (bdaInquiry, []errContext) {
	var q bdaInquiry
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
	if err != nil {
		return q, []errContext{{Code: codeMaxLength, Message: "request body unreadable or larger than 1 MiB", Location: locBody, Field: "$"}}
	}
	if len(strings.TrimSpace(string(body))) == 0 {
		return q, nil // validated like {}: accountIdentifiers is then reported missing
	}
	if err := json.Unmarshal(body, &q); err != nil {
		field := "$"
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			field = "$." + te.Field
		}
		return q, []errContext{{Code: codeBadFormat, Message: "request body is not valid JSON for BalanceInquiry", Location: locBody, Field: field}}
	}
	return q, nil
}

// validateInquiry checks the BalanceInquiry schema (jpm-api §4.2). Every
// problem is reported, each at its JSONPath, as a validating gateway would.
func validateInquiry(q bdaInquiry) []errContext {
	var errs []errContext
	add := func(code, field, msg string) {
		errs = append(errs, errContext{Code: code, Message: msg, Location: locBody, Field: field})
	}
	switch {
	case q.AccountIdentifiers == nil:
		add(codeMissing, "$.accountIdentifiers", "accountIdentifiers is required")
	case len(*q.AccountIdentifiers) == 0:
		add(codeMinLength, "$.accountIdentifiers", "accountIdentifiers must contain at least 1 item")
	case len(*q.AccountIdentifiers) > bdaMaxAccounts:
		// 10101 (max value) as the brief asks, though 10003 (max length)
		// would fit an array too — UNCONFIRMED.
		add(codeMaxValue, "$.accountIdentifiers", fmt.Sprintf("accountIdentifiers must contain at most %d items", bdaMaxAccounts))
	default:
		for i, id := range *q.AccountIdentifiers {
			p := fmt.Sprintf("$.accountIdentifiers[%d]", i)
			switch {
			case id.Number == "":
				add(codeMissing, p+".number", "number is required")
			case len(id.Number) > bdaMaxNumberLen:
				add(codeMaxLength, p+".number", fmt.Sprintf("number must be at most %d characters", bdaMaxNumberLen))
			}
			fi := id.FinancialInstitutionID
			if fi == nil {
				add(codeMissing, p+".financialInstitutionId", "financialInstitutionId is required")
				continue
			}
			switch {
			case fi.ID == "":
				add(codeMissing, p+".financialInstitutionId.id", "id is required")
			case len(fi.ID) < 8:
				add(codeMinLength, p+".financialInstitutionId.id", "id must be 8 to 11 characters")
			case len(fi.ID) > 11:
				add(codeMaxLength, p+".financialInstitutionId.id", "id must be 8 to 11 characters")
			}
			switch fi.IDType {
			case "":
				add(codeMissing, p+".financialInstitutionId.idType", "idType is required")
			case "BIC":
			default:
				add(codeBadValue, p+".financialInstitutionId.idType", "idType must be BIC")
			}
		}
	}
	if q.BalanceTypes != nil {
		switch n := len(*q.BalanceTypes); {
		case n == 0:
			add(codeMinLength, "$.balanceTypes", "balanceTypes must contain at least 1 item")
		case n > bdaMaxBalanceTypes:
			add(codeMaxValue, "$.balanceTypes", fmt.Sprintf("balanceTypes must contain at most %d items", bdaMaxBalanceTypes))
		default:
			for i, t := range *q.BalanceTypes {
				switch t {
				case interimAvailable, interimBooked, closingAvailable, closingBooked:
				default:
					add(codeBadValue, fmt.Sprintf("$.balanceTypes[%d]", i),
						"balanceType must be one of INTERIM_AVAILABLE, INTERIM_BOOKED, CLOSING_AVAILABLE, CLOSING_BOOKED")
				}
			}
		}
	}
	for _, f := range []struct{ name, v string }{{"fromDate", q.FromDate}, {"toDate", q.ToDate}} {
		if _, ok := parseDate(f.v); f.v != "" && !ok {
			add(codeBadFormat, "$."+f.name, f.name+" must be a date in YYYY-MM-DD format")
		}
	}
	return errs
}

// bdaDates resolves fromDate/toDate (jpm-api §4.2): default the current
// business day; one date alone implies the other at ±45 days, clamped to the
// 45-day history window and to today so a client sending only one date is
// never refused for the date it did not send. Explicit dates must respect
// the window; days after today are simply empty.
func bdaDates(q bdaInquiry, t date) (from, to date, errs []errContext) {
	bad := func(code, field, msg string) (date, date, []errContext) {
		return 0, 0, []errContext{{Code: code, Message: msg, Location: locBody, Field: field}}
	}
	oldest := t - bdaMaxSpanDays
	from, hasFrom := parseDate(q.FromDate)
	to, hasTo := parseDate(q.ToDate)
	switch {
	case !hasFrom && !hasTo:
		return t, t, nil
	case !hasTo:
		to = min(from+bdaMaxSpanDays, t)
	case !hasFrom:
		from = max(to-bdaMaxSpanDays, oldest)
	}
	switch {
	case hasFrom && from < oldest:
		return bad(codeMinValue, "$.fromDate", fmt.Sprintf("fromDate must be within the last %d days", bdaMaxSpanDays))
	case hasTo && to < oldest:
		return bad(codeMinValue, "$.toDate", fmt.Sprintf("toDate must be within the last %d days", bdaMaxSpanDays))
	case to < from:
		return bad(codeRange, "$.toDate", "toDate must not be before fromDate")
	case to-from > bdaMaxSpanDays:
		return bad(codeRange, "$.toDate", fmt.Sprintf("date range must not exceed %d days", bdaMaxSpanDays))
	}
	return from, to, nil
}

// resolveBDA maps identifiers to book accounts. An unknown number (or one
// under another BIC) fails the whole request with 400 10104 — UNCONFIRMED:
// the spec lists no not-found code. With NoEligibleAccounts every account is
// unknown.
func (b *Bank) resolveBDA(ids []bdaIdentifier) ([]*account, []errContext) {
	var accts []*account
	var errs []errContext
	entitled := !b.faults.noEligible()
	for i, id := range ids {
		a, ok := b.bdaByNum[id.Number]
		if !ok || !entitled {
			errs = append(errs, errContext{Code: codeBadValue, Message: "account not found or not eligible",
				Location: locBody, Field: fmt.Sprintf("$.accountIdentifiers[%d].number", i)})
			continue
		}
		if !strings.EqualFold(id.FinancialInstitutionID.ID, a.br.bic) {
			errs = append(errs, errContext{Code: codeBadValue, Message: "account not held at this financial institution",
				Location: locBody, Field: fmt.Sprintf("$.accountIdentifiers[%d].financialInstitutionId.id", i)})
			continue
		}
		accts = append(accts, a)
	}
	return accts, errs
}
