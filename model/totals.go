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
	// Amounts by Column; Missing counts rows that lacked that amount, so the
	// screen can say a total is incomplete instead of passing it off as whole.
	Amounts [4]decimal.Decimal
	Missing [4]int
}

// TotalsByCurrency returns one total per currency, ordered by currency code.
// Rows with a Problem (no data) are left out.
func TotalsByCurrency(rows []Balance) []CurrencyTotal {
	byCode := map[string]*CurrencyTotal{}
	for _, b := range rows {
		if b.Problem != nil {
			continue
		}
		code := b.Account.Currency.Code
		t, ok := byCode[code]
		if !ok {
			t = &CurrencyTotal{Currency: b.Account.Currency}
			byCode[code] = t
		}
		if b.Account.Currency.Decimals > t.Currency.Decimals {
			t.Currency.Decimals = b.Account.Currency.Decimals
		}
		t.Accounts++
		if !b.CurrentDay {
			t.PriorDay++
		}
		for i, c := range AmountColumns {
			a := b.Amount(c)
			if !a.Valid {
				t.Missing[i]++
				continue
			}
			t.Amounts[i] = t.Amounts[i].Add(a.Decimal)
		}
	}
	out := make([]CurrencyTotal, 0, len(byCode))
	for _, t := range byCode {
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Currency.Code < out[j].Currency.Code })
	return out
}
