// Package model holds cashpos's domain types and rules: accounts, balances,
// money formatting, totals and staleness. It does no I/O and imports nothing
// of ours, so every other package can lean on it.
package model

import "strings"

// Currency is an ISO 4217 code with the number of minor-unit digits the bank
// reports for it (Account Balances v1 `decimalLocation`: JPY 0, USD 2, BHD 3).
type Currency struct {
	Code        string `json:"code"`
	Decimals    int32  `json:"decimals"`
	Description string `json:"description,omitempty"`
}

// knownDecimals covers the currencies a US treasury desk meets most, for the
// APIs that send a code without a decimalLocation (BDA v2 sends only "USD").
var knownDecimals = map[string]int32{
	"USD": 2, "EUR": 2, "GBP": 2, "CHF": 2, "CAD": 2, "AUD": 2, "SGD": 2, "HKD": 2,
	"CNY": 2, "INR": 2, "MXN": 2, "BRL": 2, "SEK": 2, "NOK": 2, "DKK": 2, "ZAR": 2,
	"NZD": 2, "PLN": 2, "CZK": 2, "HUF": 2, "ILS": 2, "TRY": 2, "AED": 2, "SAR": 2,
	"QAR": 2, "THB": 2, "MYR": 2, "IDR": 2, "PHP": 2, "TWD": 2, "RON": 2, "COP": 2,
	"PEN": 2, "ARS": 2, "EGP": 2, "NGN": 2, "KES": 2, "PKR": 2, "BDT": 2, "RUB": 2,
	// ISO 4217's currencies without minor units, and with three or four.
	"JPY": 0, "KRW": 0, "CLP": 0, "ISK": 0, "VND": 0, "BIF": 0, "DJF": 0, "GNF": 0,
	"KMF": 0, "PYG": 0, "RWF": 0, "UGX": 0, "UYI": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
	"BHD": 3, "KWD": 3, "OMR": 3, "JOD": 3, "TND": 3, "LYD": 3, "IQD": 3,
	"CLF": 4, "UYW": 4,
}

// CurrencyOf returns the currency for an ISO code with its usual minor units;
// unknown codes get 2, the ISO 4217 majority. The code is trimmed and
// upper-cased: "usd" and "USD" are one currency and one total.
func CurrencyOf(code string) Currency {
	code = NormalCurrency(code)
	d, ok := knownDecimals[code]
	if !ok {
		d = 2
	}
	return Currency{Code: code, Decimals: d}
}

// NormalCurrency is a currency code trimmed and upper-cased.
func NormalCurrency(code string) string {
	return strings.ToUpper(strings.TrimSpace(code))
}

// ISODecimals returns ISO 4217's minor units for code, if the code is one
// we know; they win over a bank's contradicting decimalLocation.
func ISODecimals(code string) (int32, bool) {
	d, ok := knownDecimals[NormalCurrency(code)]
	return d, ok
}

// MaxDecimals bounds minor units: ISO 4217 has none above 4 (CLF, UYW).
const MaxDecimals = 4
