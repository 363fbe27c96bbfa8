package model

import (
	"time"

	"github.com/shopspring/decimal"
)

// Balance is one account's position for one as-of date, whichever API it came
// from. Opening means the start of AsOfDate, ending the end of it (for a
// current-day row, the bank's latest intraday update). Available is what can
// be withdrawn; ledger includes pending items.
//
// Each amount is a NullDecimal because BDA v2 may report only some of the
// four (for example only INTERIM_AVAILABLE); a missing amount is shown as
// missing, never as zero.
type Balance struct {
	Account          Account             `json:"account"`
	AsOfDate         string              `json:"asOfDate"` // YYYY-MM-DD, the account's business day
	RecordTime       time.Time           `json:"recordTime"`
	CurrentDay       bool                `json:"currentDay"`
	OpeningAvailable decimal.NullDecimal `json:"openingAvailable"`
	OpeningLedger    decimal.NullDecimal `json:"openingLedger"`
	EndingAvailable  decimal.NullDecimal `json:"endingAvailable"`
	EndingLedger     decimal.NullDecimal `json:"endingLedger"`
	// FetchedAt is when cashpos received this row; used for age when the
	// API sends no record time (BDA v2 has none).
	FetchedAt time.Time `json:"fetchedAt"`
	// Problem is set when the bank answered for this account with an error
	// (GCA-010 "account not found") while other accounts succeeded.
	Problem *AccountProblem `json:"problem,omitempty"`
	// Offline is set on a row carried over from the last good data because
	// this refresh could not read the account: its figures are as of its
	// own FetchedAt/RecordTime, and it is marked offline.
	Offline bool `json:"offline,omitempty"`
	// Note flags a row whose figures are shown but need a second look, e.g.
	// a decimalLocation that contradicts ISO 4217.
	Note string `json:"note,omitempty"`
}

// AccountProblem is a per-account error inside an otherwise good response.
type AccountProblem struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Amount columns of a balance row, in display order.
type Column int

const (
	OpeningAvailable Column = iota
	OpeningLedger
	EndingAvailable
	EndingLedger
)

// AmountColumns lists the four amount columns in display order.
var AmountColumns = []Column{OpeningAvailable, OpeningLedger, EndingAvailable, EndingLedger}

// Amount returns one of the four amounts by column.
func (b Balance) Amount(c Column) decimal.NullDecimal {
	switch c {
	case OpeningAvailable:
		return b.OpeningAvailable
	case OpeningLedger:
		return b.OpeningLedger
	case EndingAvailable:
		return b.EndingAvailable
	default:
		return b.EndingLedger
	}
}

// AgeBasis is the time the row's data is from: the bank's record time when
// it sent one, else when we fetched it.
func (b Balance) AgeBasis() time.Time {
	if !b.RecordTime.IsZero() {
		return b.RecordTime
	}
	return b.FetchedAt
}

// Snapshot is one complete fetch of every watched account.
type Snapshot struct {
	Balances  []Balance `json:"balances"`
	FetchedAt time.Time `json:"fetchedAt"`
	// Partial is true when some batches failed but others answered; the
	// failed accounts carry a Problem.
	Partial bool `json:"partial,omitempty"`
	// Unread lists what could not be read at all, beyond the rows that
	// carry a Problem: e.g. BDA discovery failing, so its accounts are
	// unknown. Every screen and report names these.
	Unread []Unread `json:"unread,omitempty"`
	// Notices are facts worth saying once but not failures, e.g. "the
	// credentials are not entitled to BDA v2".
	Notices []string `json:"notices,omitempty"`
}

// Unread is one part of the position that could not be read.
type Unread struct {
	What   string // "BDA v2 accounts", "Account Balances v1 accounts"
	API    API    // the API whose accounts are missing, if one: their last good rows are carried over
	Reason string // one line, from the error
}

// Incomplete says whether the snapshot misses anything: a row without data,
// a row carried over from the last good data, or a part not read at all.
func (s Snapshot) Incomplete() bool {
	if s.Partial || len(s.Unread) > 0 {
		return true
	}
	for _, b := range s.Balances {
		if b.Problem != nil || b.Offline {
			return true
		}
	}
	return false
}

// MissingAccounts lists, one line each, every account or part without fresh
// data and why: the unread parts first (the most the position lacks), then
// the Problem rows and the rows carried over offline. Reports, stderr and
// the dashboard banner all use it.
func (s Snapshot) MissingAccounts() []string {
	var out []string
	for _, u := range s.Unread { // whole parts first: the most the position lacks
		out = append(out, u.What+": "+u.Reason)
	}
	for _, b := range s.Balances {
		switch {
		case b.Problem != nil:
			out = append(out, b.Account.ID+": "+b.Problem.Code+" "+b.Problem.Message)
		case b.Offline:
			out = append(out, b.Account.ID+": offline, last good data from "+b.FetchedAt.UTC().Format(time.RFC3339))
		}
	}
	return out
}
