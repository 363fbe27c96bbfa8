package report

import (
	"strings"
	"unicode"

	"github.com/shopspring/decimal"
)

// safe strips what a terminal or a log viewer would obey instead of print:
// C0/C1 control characters (ESC, OSC, BEL, CR, …), DEL and the bidi
// controls that reorder what a line seems to say. Every string that came
// from the bank goes through it before text or CSV output.
func safe(s string) string {
	if strings.IndexFunc(s, unsafeRune) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unsafeRune(r) {
			return -1
		}
		return r
	}, s)
}

func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F
}

// cell makes any CSV cell safe to open in a spreadsheet: control
// characters stripped, and a cell a spreadsheet would read as a formula
// (= + - @, or a leading tab or CR before one) given a leading apostrophe.
// A plain decimal amount ("-1234.50") is data, never a formula, and is
// left as it is.
func cell(s string) string {
	if s == "" || isPlainNumber(s) {
		return s
	}
	if s[0] == '\t' || s[0] == '\r' {
		return "'" + safe(s)
	}
	s = safe(s)
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}

func isPlainNumber(s string) bool {
	body := strings.TrimPrefix(s, "-")
	if body == "" || body[0] == '.' || body[len(body)-1] == '.' {
		return false
	}
	if strings.Trim(body, "0123456789.") != "" || strings.Count(body, ".") > 1 {
		return false
	}
	_, err := decimal.NewFromString(s)
	return err == nil
}
