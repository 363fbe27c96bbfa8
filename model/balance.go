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
}
