package model

import (
	"errors"
	"strings"

	"github.com/shopspring/decimal"
)

// ParseTypedAmount reads an amount as an analyst types it: digits, an
// optional decimal point with up to 2 decimals, and optional thousands
// commas that must sit in the right places ("1,234.50" yes, "12,34.50"
// no). Surrounding spaces are ignored; a sign, currency symbol, exponent or
// a third decimal is refused rather than guessed at.
func ParseTypedAmount(s string) (decimal.Decimal, error) {
	s = strings.TrimSpace(s)
	intPart, frac, hasPoint := strings.Cut(s, ".")
	switch {
	case s == "":
		return decimal.Zero, errors.New("no amount")
	case strings.ContainsAny(s, "+-"):
		return decimal.Zero, errors.New("no sign: payments are always outgoing credits")
	case hasPoint && (frac == "" || !allDigits(frac)):
		return decimal.Zero, errors.New("digits after the point, please")
	case len(frac) > 2:
		return decimal.Zero, errors.New("at most 2 decimals (cents)")
	}
	digits, ok := ungroup(intPart)
	if !ok {
		return decimal.Zero, errors.New("not an amount: use digits, e.g. 1234.50 or 1,234.50")
	}
	if frac != "" {
		digits += "." + frac
	}
	return decimal.NewFromString(digits)
}

// ungroup removes thousands commas from the integer part, accepting either
// no commas at all or commas exactly every 3 digits from the right.
func ungroup(s string) (string, bool) {
	if !strings.Contains(s, ",") {
		return s, allDigits(s)
	}
	groups := strings.Split(s, ",")
	if len(groups[0]) < 1 || len(groups[0]) > 3 || !allDigits(groups[0]) {
		return "", false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 || !allDigits(g) {
			return "", false
		}
	}
	return strings.Join(groups, ""), true
}

// MatchTypedAmount is the confirm gate's test: does what the analyst typed
// again equal the payment's amount to the cent? "1234.5", "1,234.50" and
// "1234.50" all match 1234.50; "1234.05", "12345.0" and "1,2345.00" do
// not. Nothing is ever sent unless this is true.
func MatchTypedAmount(typed string, amount decimal.Decimal) bool {
	d, err := ParseTypedAmount(typed)
	return err == nil && d.Equal(amount)
}
