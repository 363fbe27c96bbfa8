// Package report renders one-shot reports for scripts and pipes: plain text
// for people reading a log, JSON and CSV for programs. No terminal styling;
// amounts are exact decimal strings in the currency's minor units.
package report

import (
	"strconv"
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
	// age is the figures' age by the bank's record time; knownAge is
	// false when the bank sent none (BDA v2): then no age is shown.
	age      time.Duration
	knownAge bool
	// reason says why the row has its freshness; "" for a row without data.
	reason string
}

func (r Balances) rows() []row {
	bals := r.balances()
	out := make([]row, len(bals))
	for i, b := range bals {
		x := row{b: b, freshness: model.Classify(b, r.Now, r.Thresholds, b.Offline)}
		x.age, x.knownAge = model.KnownAge(b, r.Now)
		switch {
		case b.Problem != nil:
		case r.Cached && !r.Snapshot.Balances[i].Offline:
			// Not "this refresh could not read the account": there was
			// no refresh, the bank was not called.
			x.reason = "last good data, fetched " + r.Snapshot.FetchedAt.UTC().Format("2006-01-02 15:04:05 UTC") +
				"; read from the saved snapshot, the bank was not called"
		default:
			x.reason = model.FreshnessReason(b, x.freshness, r.Now, r.Thresholds)
		}
		out[i] = x
	}
	return out
}

// balances is the snapshot's rows as this report shows them: from the
// saved snapshot (--cached) every row with figures is last good data, so it
// is offline — in its row, its "offline" flag and the totals' offline count
// and "*" — exactly as the dashboard shows a snapshot it could not refresh.
func (r Balances) balances() []model.Balance {
	if !r.Cached {
		return r.Snapshot.Balances
	}
	out := make([]model.Balance, len(r.Snapshot.Balances))
	for i, b := range r.Snapshot.Balances {
		if b.Problem == nil {
			b.Offline = true
		}
		out[i] = b
	}
	return out
}

// ageText is the age for people: "4m", or "—" when unknown.
func (x row) ageText() string {
	if !x.knownAge {
		return "—"
	}
	return model.FormatAge(x.age)
}

// ageSeconds is the age for machines: whole seconds, or "" when unknown.
func (x row) ageSeconds() string {
	if !x.knownAge {
		return ""
	}
	return strconv.FormatInt(int64(x.age.Seconds()), 10)
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
