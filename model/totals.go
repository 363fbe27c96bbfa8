package model

import (
	"sort"

	"github.com/shopspring/decimal"
)

// CurrencyTotal sums one currency's rows. Sums across currencies are
// meaningless without FX and are never made.
type CurrencyTotal struct {
	Currency Currency
	Accounts int
	// PriorDay counts rows that are a closed prior day's figures (the bank
	// has no current-day report for them): the total mixes days, and the
	// screen says so.
	PriorDay int
	// Offline counts rows carried over from the last good data.
	Offline int
	// Problems counts rows of this currency with no data: not summed, so
	// every column of the total is incomplete.
	Problems int
	// Amounts by Column; Missing counts rows that lacked that amount, so the
	// screen can say a total is incomplete instead of passing it off as whole.
	// Have counts rows that had it: a column nobody reported is "—", not 0.
	Amounts [4]decimal.Decimal
	Missing [4]int
	Have    [4]int
}

// Incomplete says whether column c of the total is not today's whole
// position: some row lacked the amount, had no data, or is last good
// figures carried over offline.
func (t CurrencyTotal) Incomplete(c int) bool {
	return t.Missing[c] > 0 || t.Problems > 0 || t.Offline > 0
}

// HasFigure says whether any row reported column c: if none did, the total
// is unknown ("—"), not zero.
func (t CurrencyTotal) HasFigure(c int) bool { return t.Have[c] > 0 }

// TotalsByCurrency returns one total per currency, ordered by currency code.
// Rows with a Problem (no data) are counted but never summed; a currency
// whose every row failed still gets its (empty, incomplete) total, so its
// absence is visible. A row without a currency code joins no total: it can
// only be a Problem row, and the lists of missing accounts name it.
func TotalsByCurrency(rows []Balance) []CurrencyTotal {
	byCode := map[string]*CurrencyTotal{}
	for _, b := range rows {
		code := b.Account.Currency.Code
		if code == "" {
			continue
		}
		t, ok := byCode[code]
		if !ok {
			t = &CurrencyTotal{Currency: b.Account.Currency}
			byCode[code] = t
		}
		if b.Problem != nil {
			t.Problems++
			continue
		}
		t.add(b)
	}
	out := make([]CurrencyTotal, 0, len(byCode))
	for _, t := range byCode {
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Currency.Code < out[j].Currency.Code })
	return out
}

func (t *CurrencyTotal) add(b Balance) {
	if b.Account.Currency.Decimals > t.Currency.Decimals {
		t.Currency.Decimals = b.Account.Currency.Decimals
	}
	t.Accounts++
	if !b.CurrentDay {
		t.PriorDay++
	}
	if b.Offline {
		t.Offline++
	}
	for i, c := range AmountColumns {
		a := b.Amount(c)
		if !a.Valid {
			t.Missing[i]++
			continue
		}
		t.Have[i]++
		t.Amounts[i] = t.Amounts[i].Add(a.Decimal)
	}
}
