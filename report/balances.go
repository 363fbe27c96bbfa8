// Package report renders one-shot reports for scripts and pipes: plain text
// for people reading a log, JSON and CSV for programs. No terminal styling;
// amounts are exact decimal strings in the currency's minor units.
package report

import (
	"time"

	"github.com/shopspring/decimal"

	"cashpos/model"
)

// Balances is what a balance report needs besides the rows.
type Balances struct {
	Env        string // "DEMO", "MOCK", "CAT", "PRODUCTION"
	Snapshot   model.Snapshot
	Now        time.Time
	Thresholds model.Thresholds
	// Cached: the report is the last good snapshot from disk (balances
	// --cached), not a fresh answer; every row is marked offline.
	Cached bool
}

// row is one account's line, computed once and shared by every format so
// text, JSON and CSV can never disagree.
type row struct {
	b         model.Balance
	freshness model.Freshness
	age       time.Duration
}

func (r Balances) rows() []row {
	out := make([]row, len(r.Snapshot.Balances))
	for i, b := range r.Snapshot.Balances {
		out[i] = row{b: b, freshness: model.Classify(b, r.Now, r.Thresholds, r.Cached || b.Offline), age: model.Age(b, r.Now)}
	}
	return out
}

// status is the row's word for machines: its freshness, or "error" for a
// row without data.
func (x row) status() string {
	if x.b.Problem != nil {
		return "error"
	}
	return x.freshness.Word()
}

// plain renders an amount for machines: exact, no grouping, "" when the bank
// did not report it (never a made-up zero).
func plain(n decimal.NullDecimal, decimals int32) string {
	if !n.Valid {
		return ""
	}
	return model.FormatPlain(n.Decimal, decimals)
}

// columnNames are the amount columns as JSON and CSV name them.
var columnNames = [4]string{"openingAvailable", "openingLedger", "endingAvailable", "endingLedger"}
