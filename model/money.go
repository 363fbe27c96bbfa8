package model

import (
	"strings"

	"github.com/shopspring/decimal"
)

// FormatAmount renders an amount in a currency's minor units with thousands
// separators and a leading minus sign: FormatAmount(-1234.5, 2) = "-1,234.50".
//
// It never rounds: an amount carrying more digits than the currency's minor
// units (which a bank should not send) is shown with all of them, because a
// treasury screen that silently hides a fraction is wrong to the cent.
func FormatAmount(d decimal.Decimal, decimals int32) string {
	places := decimals
	if exp := -d.Exponent(); exp > places {
		// Trim trailing zeros beyond the minor units, keep real digits.
		places = max(decimals, significantPlaces(d))
	}
	s := d.Abs().StringFixed(places)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if d.Sign() < 0 {
		b.WriteByte('-')
	}
	b.WriteString(groupThousands(intPart))
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// FormatPlain renders an amount with exactly its minor units and no grouping,
// the form scripts and CSV want ("-1234.50"). Like FormatAmount it never
// drops real digits.
func FormatPlain(d decimal.Decimal, decimals int32) string {
	return d.StringFixed(max(decimals, significantPlaces(d)))
}

// significantPlaces is the number of fractional digits d really has once
// trailing zeros are ignored.
func significantPlaces(d decimal.Decimal) int32 {
	if d.Exponent() >= 0 {
		return 0
	}
	s := d.Abs().String()
	_, frac, ok := strings.Cut(s, ".")
	if !ok {
		return 0
	}
	return int32(len(strings.TrimRight(frac, "0")))
}

func groupThousands(digits string) string {
	n := len(digits)
	if n <= 3 {
		return digits
	}
	var b strings.Builder
	b.Grow(n + n/3)
	lead := n % 3
	if lead == 0 {
		lead = 3
	}
	b.WriteString(digits[:lead])
	for i := lead; i < n; i += 3 {
		b.WriteByte(',')
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}
