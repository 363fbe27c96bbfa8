package mock

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// Account Balances v1 limits (jpm-api §3.1).
const (
	v1MaxAccounts = 200
	v1MaxSpanDays = 31
)

// ---- wire structs (deliberately local: see doc.go) ----

type v1Request struct {
	// A pointer tells "omitted" (all entitled accounts) from a list.
	AccountList      *[]v1AccountRef `json:"accountList"`
	RelativeDateType string          `json:"relativeDateType"`
	StartDate        string          `json:"startDate"`
	EndDate          string          `json:"endDate"`
}

type v1AccountRef struct {
	AccountID string `json:"accountId"`
	// BankID is accepted and ignored: the doc calls it required, yet every
	// JPM example omits it (jpm-api §3.1, UNCONFIRMED).
	BankID string `json:"bankId"`
}

type v1Response struct {
	// Entries are v1Account, or v1AccountError for a requested account that
	// does not exist.
	AccountList []any `json:"accountList"`
}

type v1Account struct {
	AccountID   string      `json:"accountId"`
	AccountName string      `json:"accountName"`
	BranchID    string      `json:"branchId"`
	BankID      string      `json:"bankId"`
	BankName    string      `json:"bankName"`
	Currency    v1Currency  `json:"currency"`
	BalanceList []v1Balance `json:"balanceList"`
}

type v1Currency struct {
	Code             string `json:"code"`
	CurrencySequence int    `json:"currencySequence"`
	DecimalLocation  int    `json:"decimalLocation"`
	Description      string `json:"description"`
}

// v1Balance carries amounts as json.Number: JSON numbers on the wire (as the
// doc shows, e.g. -4681826093.93) written from exact strings with exactly
// decimalLocation fraction digits, never through float64.
type v1Balance struct {
	AsOfDate               string      `json:"asOfDate"`
	RecordTimestamp        string      `json:"recordTimestamp"`
	CurrentDay             bool        `json:"currentDay"`
	OpeningAvailableAmount json.Number `json:"openingAvailableAmount"`
	OpeningLedgerAmount    json.Number `json:"openingLedgerAmount"`
	EndingAvailableAmount  json.Number `json:"endingAvailableAmount"`
	EndingLedgerAmount     json.Number `json:"endingLedgerAmount"`
}

// v1AccountError is the per-account GCA-010 entry. UNCONFIRMED shape: the
// doc does not say how a partial "account not found" is reported; a 3rd-party
// client filters accountList entries carrying errorCode (jpm-api §3.3), so
// the mock reports it that way, in the position the account was requested.
type v1AccountError struct {
	AccountID string `json:"accountId"`
	ErrorCode string `json:"errorCode"`
	ErrorMsg  string `json:"errorMsg"`
}

// v1Dates is a validated date selection: a relative day, or an inclusive
// range of civil dates evaluated in each account's own time zone.
type v1Dates struct {
	relative   string // "CURRENT_DAY" or "PRIOR_DAY"; "" for a range
	start, end date
}

type badRequest string

func (e badRequest) Error() string { return string(e) }

func (b *Bank) handleBalanceV1(w http.ResponseWriter, r *http.Request) {
	now := b.now()
	req, err := decodeV1(w, r)
	if err != nil {
		writeGCA(w, http.StatusBadRequest, gcaBadRequest, err.Error())
		return
	}
	sel, err := parseV1Dates(req)
	if err != nil {
		writeGCA(w, http.StatusBadRequest, gcaBadRequest, err.Error())
		return
	}
	ids, err := requestedIDs(req.AccountList)
	if err != nil {
		writeGCA(w, http.StatusBadRequest, gcaBadRequest, err.Error())
		return
	}
	entitled := !b.faults.noEligible()

	var out []any
	if ids == nil {
		// HTTP status 404 for GCA-022 (and GCA-009 below) UNCONFIRMED.
		if !entitled || len(b.v1) == 0 {
			writeGCA(w, http.StatusNotFound, gcaNoEligible, "No eligible accounts found for the client")
			return
		}
		out = make([]any, 0, len(b.v1))
		for _, a := range b.v1 {
			out = append(out, b.v1Entry(a, sel, now))
		}
	} else {
		out = make([]any, 0, len(ids))
		found := 0
		for _, id := range ids {
			a, ok := b.v1ByID[id]
			if !ok || !entitled {
				out = append(out, v1AccountError{AccountID: id, ErrorCode: gcaOneNotFound, ErrorMsg: "Account not found"})
				continue
			}
			found++
			out = append(out, b.v1Entry(a, sel, now))
		}
		if found == 0 {
			writeGCA(w, http.StatusNotFound, gcaNoneFound, "None of the requested accounts were found")
			return
		}
	}
	writeJSON(w, http.StatusOK, v1Response{AccountList: out})
}

func decodeV1(w http.ResponseWriter, r *http.Request) (v1Request, error) {
	var req v1Request
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
	if err != nil {
		return req, badRequest("Invalid request: body unreadable or larger than 1 MiB")
	}
	// An empty body is treated as {} ("empty body {} is valid", jpm-api §3.1).
	if len(strings.TrimSpace(string(body))) == 0 {
		return req, nil
	}
	if err := json.Unmarshal(body, &req); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return req, badRequest(fmt.Sprintf("Invalid request: %s has the wrong type", te.Field))
		}
		return req, badRequest("Invalid request: body is not valid JSON")
	}
	return req, nil
}

// parseV1Dates applies jpm-api §3.1: relativeDateType (default CURRENT_DAY)
// or a start/end range of at most 31 days, never both; one date alone
// implies the other at ±31 days. The range limit is read as
// endDate - startDate <= 31 days (UNCONFIRMED: "≤ 31 days" could also mean
// 31 calendar days inclusive).
func parseV1Dates(req v1Request) (v1Dates, error) {
	rel, hasStart, hasEnd := req.RelativeDateType, req.StartDate != "", req.EndDate != ""
	if rel != "" && (hasStart || hasEnd) {
		var with string
		switch {
		case hasStart && hasEnd:
			with = "startDate and endDate"
		case hasStart:
			with = "startDate"
		default:
			with = "endDate"
		}
		return v1Dates{}, badRequest("Invalid request: relativeDateType cannot be combined with " + with)
	}
	if !hasStart && !hasEnd {
		switch rel {
		case "", "CURRENT_DAY":
			return v1Dates{relative: "CURRENT_DAY"}, nil
		case "PRIOR_DAY":
			return v1Dates{relative: "PRIOR_DAY"}, nil
		}
		return v1Dates{}, badRequest("Invalid request: relativeDateType must be CURRENT_DAY or PRIOR_DAY")
	}
	var sel v1Dates
	var ok bool
	if hasStart {
		if sel.start, ok = parseDate(req.StartDate); !ok {
			return v1Dates{}, badRequest("Invalid request: startDate must be a date in YYYY-MM-DD format")
		}
	}
	if hasEnd {
		if sel.end, ok = parseDate(req.EndDate); !ok {
			return v1Dates{}, badRequest("Invalid request: endDate must be a date in YYYY-MM-DD format")
		}
	}
	switch {
	case !hasEnd:
		sel.end = sel.start + v1MaxSpanDays
	case !hasStart:
		sel.start = sel.end - v1MaxSpanDays
	}
	if sel.end < sel.start {
		return v1Dates{}, badRequest("Invalid request: endDate is before startDate")
	}
	if sel.end-sel.start > v1MaxSpanDays {
		return v1Dates{}, badRequest(fmt.Sprintf("Invalid request: date range exceeds %d days", v1MaxSpanDays))
	}
	return sel, nil
}

// requestedIDs flattens accountList. nil means "omitted"; an empty list is
// read the same way (UNCONFIRMED). An entry may hold a comma-joined list, as
// one doc example does. Duplicates are reported once, at first mention.
func requestedIDs(list *[]v1AccountRef) ([]string, error) {
	if list == nil || len(*list) == 0 {
		return nil, nil
	}
	var ids []string
	seen := map[string]bool{}
	for i, ref := range *list {
		for id := range strings.SplitSeq(ref.AccountID, ",") {
			id = strings.TrimSpace(id)
			if id == "" {
				return nil, badRequest(fmt.Sprintf("Invalid request: accountList[%d].accountId is required", i))
			}
			if seen[id] {
				continue
			}
			seen[id] = true
			ids = append(ids, id)
			if len(ids) > v1MaxAccounts {
				return nil, badRequest(fmt.Sprintf("Invalid request: more than %d accounts requested", v1MaxAccounts))
			}
		}
	}
	return ids, nil
}

// v1Entry reports one account for the selection. Current and prior day are
// the account's own (jpm-api §3.1). A range yields one entry per day up to
// the account's today, oldest first (the doc says chronological; its example
// is newest first — clients must not rely on order). Days without a report
// (future days; today for a prior-day-only account) are simply absent.
func (b *Bank) v1Entry(a *account, sel v1Dates, now time.Time) v1Account {
	var snaps []snapshot
	switch sel.relative {
	case "CURRENT_DAY":
		snaps = []snapshot{b.current(a, now)}
	case "PRIOR_DAY":
		snaps = []snapshot{b.dayEnd(a, today(a, now)-1)}
	default:
		for d := sel.start; d <= sel.end; d++ {
			if s, ok := b.onDate(a, d, now); ok {
				snaps = append(snaps, s)
			}
		}
	}
	dec := a.ccy.decimals
	list := make([]v1Balance, len(snaps))
	for i, s := range snaps {
		list[i] = v1Balance{
			AsOfDate:               s.asOf.String(),
			RecordTimestamp:        s.record.UTC().Format(timestampLayout),
			CurrentDay:             s.currentDay,
			OpeningAvailableAmount: json.Number(s.openAvail.format(dec)),
			OpeningLedgerAmount:    json.Number(s.openLedger.format(dec)),
			EndingAvailableAmount:  json.Number(s.endAvail.format(dec)),
			EndingLedgerAmount:     json.Number(s.endLedger.format(dec)),
		}
	}
	return v1Account{
		AccountID:   a.id,
		AccountName: a.name,
		BranchID:    "",
		BankID:      a.br.bankID,
		BankName:    a.br.bankName,
		Currency: v1Currency{
			Code: a.ccy.code, CurrencySequence: 0, DecimalLocation: dec, Description: a.ccy.description,
		},
		BalanceList: list,
	}
}

// timestampLayout is RFC 3339 in UTC with whole seconds, as the doc's
// "2022-07-08T05:44:20Z".
const timestampLayout = "2006-01-02T15:04:05Z"
