package jpm

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"
)

// Amounts go from the wire's text straight to decimal.Decimal, never through
// float64: 0.1 + 0.2 must be 0.3, and -4681826093.93 must keep its cents.
//
// Both decoders take the number's text as the bank wrote it (coefficient and
// exponent preserved, so "12.50" keeps two places) and refuse values no bank
// balance has, so a hostile or broken answer cannot make the screen format a
// number with a million digits.

// Bounds on an amount's size: 30 integer digits and 18 decimal places is far
// beyond any balance (the world's money supply has 15 integer digits in USD).
const (
	maxIntDigits  = 30
	maxFracDigits = 18
	maxTextLen    = 64
)

var errAmountRange = errors.New("outside the range of a balance")

// numberAmount is a v1 amount: a JSON number (jpm-api.md §3.2). A quoted
// number is also taken, exactly, if it is a plain signed decimal — the
// value is unambiguous either way and refusing would blank the screen.
// null means missing.
type numberAmount struct{ decimal.NullDecimal }

func (a *numberAmount) UnmarshalJSON(b []byte) error {
	a.Valid = false
	switch {
	case string(b) == "null":
		return nil
	case len(b) > 0 && b[0] == '"':
		s, ok := unquotePlain(b)
		if !ok || !isSignedDecimal(s) {
			return fmt.Errorf("amount %s is not a decimal number", quoteShort(b))
		}
		return a.set(s, b)
	case len(b) > 0 && (b[0] == '-' || (b[0] >= '0' && b[0] <= '9')):
		// encoding/json has already checked this is a valid JSON number.
		return a.set(string(b), b)
	}
	return fmt.Errorf("amount %s is not a number", quoteShort(b))
}

func (a *numberAmount) set(s string, raw []byte) error {
	d, err := parseAmount(s)
	if err != nil {
		return fmt.Errorf("amount %s: %w", quoteShort(raw), err)
	}
	a.Decimal, a.Valid = d, true
	return nil
}

// stringAmount is a BDA v2 amount: a string matching the spec's
// SignedDecimal ^[+-]?\d+(\.\d+)?$ (jpm-api.md §4.3). A bare JSON number is
// taken too (exact, same reasoning as above; UNCONFIRMED that the bank ever
// sends one). null means missing.
type stringAmount struct{ decimal.NullDecimal }

func (a *stringAmount) UnmarshalJSON(b []byte) error {
	a.Valid = false
	var s string
	switch {
	case string(b) == "null":
		return nil
	case len(b) > 0 && b[0] == '"':
		u, ok := unquotePlain(b)
		if !ok || !isSignedDecimal(u) {
			return fmt.Errorf("amount %s is not a signed decimal like \"-123.45\"", quoteShort(b))
		}
		s = u
	case len(b) > 0 && (b[0] == '-' || (b[0] >= '0' && b[0] <= '9')):
		s = string(b)
	default:
		return fmt.Errorf("amount %s is not a signed decimal like \"-123.45\"", quoteShort(b))
	}
	d, err := parseAmount(s)
	if err != nil {
		return fmt.Errorf("amount %s: %w", quoteShort(b), err)
	}
	a.Decimal, a.Valid = d, true
	return nil
}

// parseAmount parses checked text and bounds its size.
func parseAmount(s string) (decimal.Decimal, error) {
	if len(s) > maxTextLen { // before parsing: big.Int parsing is superlinear
		return decimal.Decimal{}, errAmountRange
	}
	if s != "" && s[0] == '+' { // SignedDecimal allows it; drop it before parsing
		s = s[1:]
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, errors.New("not a decimal number")
	}
	if exp := int64(d.Exponent()); exp < -maxFracDigits || exp > maxIntDigits {
		return decimal.Decimal{}, errAmountRange
	}
	if intDigits(d) > maxIntDigits {
		return decimal.Decimal{}, errAmountRange
	}
	return d, nil
}

// intDigits counts the digits before the point (NumDigits has no
// allocation for int64 coefficients, unlike Coefficient().String()).
func intDigits(d decimal.Decimal) int {
	return d.NumDigits() + int(d.Exponent())
}

// isSignedDecimal matches ^[+-]?\d+(\.\d+)?$ without a regexp.
func isSignedDecimal(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	start := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == start {
		return false
	}
	if i == len(s) {
		return true
	}
	if s[i] != '.' {
		return false
	}
	i++
	start = i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > start && i == len(s)
}

// unquotePlain strips the quotes of a JSON string with no escapes; an
// amount has no reason to contain any.
func unquotePlain(b []byte) (string, bool) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return "", false
	}
	s := b[1 : len(b)-1]
	for _, c := range s {
		if c == '\\' || c == '"' || c < 0x20 {
			return "", false
		}
	}
	return string(s), true
}

// quoteShort shows a bad value in an error as the bank wrote it (JSON
// text, so a string keeps its quotes), cut to 24 bytes.
func quoteShort(b []byte) string {
	if len(b) > 24 {
		return clean(string(b[:24])) + "…"
	}
	return clean(string(b))
}
