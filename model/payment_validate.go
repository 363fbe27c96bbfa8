package model

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// PaymentField names a field of the payment form, in tab order.
type PaymentField string

const (
	FieldRail          PaymentField = "rail"
	FieldAmount        PaymentField = "amount"
	FieldExecutionDate PaymentField = "execution date"
	FieldCreditorName  PaymentField = "beneficiary name"
	FieldCreditorAcct  PaymentField = "beneficiary account"
	FieldCreditorABA   PaymentField = "beneficiary ABA"
	FieldAccountType   PaymentField = "account type"
	FieldSECCode       PaymentField = "SEC code"
	FieldRemittance    PaymentField = "remittance"
	FieldDebtor        PaymentField = "debtor account"
)

// FieldError is why one field's value cannot be sent. Reason is short
// enough to stand beside the field ("ABA check digit is wrong").
type FieldError struct {
	Field  PaymentField
	Reason string
}

func (e *FieldError) Error() string { return string(e.Field) + ": " + e.Reason }

func fieldErr(f PaymentField, format string, args ...any) *FieldError {
	return &FieldError{Field: f, Reason: fmt.Sprintf(format, args...)}
}

// RailRules are a rail's published limits (jpm-api §6.2). One row per rail
// so a changed limit is one edit.
type RailRules struct {
	MaxAmount       decimal.Decimal
	MaxCreditorName int
	MaxAccountLen   int
	MaxRemittance   int
	MaxEndToEndID   int
}

var railRules = map[Rail]RailRules{
	// US wire: amount ≤15 characters including the point (GP-WIREP); the
	// Fedwire amount field is 12 digits of cents, which is the smaller
	// bound: 9,999,999,999.99. Name 1–140 (GP2 Party.name). Account up to
	// 34 (Fedwire beneficiary identifier). Remittance: the schema gives no
	// US-wire length; 140 is Fedwire's 4×35 originator-to-beneficiary
	// block (UNCONFIRMED for GP2; change it here).
	RailWire: {MaxAmount: decimal.RequireFromString("9999999999.99"), MaxCreditorName: 140,
		MaxAccountLen: 34, MaxRemittance: 140, MaxEndToEndID: 35},
	// US ACH: amount ≤10 digits including decimals (NACHA), creditor name
	// ≤22, non-IAT account ≤17, one remittance line ≤80 (GP2 notes).
	RailACH: {MaxAmount: decimal.RequireFromString("99999999.99"), MaxCreditorName: 22,
		MaxAccountLen: 17, MaxRemittance: 80, MaxEndToEndID: 15},
}

// RulesFor returns the rail's limits; ok is false for an unknown rail.
func RulesFor(r Rail) (RailRules, bool) {
	rr, ok := railRules[r]
	return rr, ok
}

// ParseRail accepts "WIRE" or "ACH" in any case.
func ParseRail(s string) (Rail, error) {
	r := Rail(strings.ToUpper(strings.TrimSpace(s)))
	if _, ok := railRules[r]; !ok {
		return "", fieldErr(FieldRail, "choose WIRE or ACH")
	}
	return r, nil
}

// ValidateABA checks a 9-digit ABA routing number and its check digit
// (3·d1 + 7·d2 + d3 + 3·d4 + 7·d5 + d6 + 3·d7 + 7·d8 + d9 ≡ 0 mod 10).
func ValidateABA(s string) error {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return fieldErr(FieldCreditorABA, "required (9 digits)")
	case len(s) != 9 || !allDigits(s):
		return fieldErr(FieldCreditorABA, "must be exactly 9 digits")
	}
	weights := [9]int{3, 7, 1, 3, 7, 1, 3, 7, 1}
	sum := 0
	for i := range 9 {
		sum += int(s[i]-'0') * weights[i]
	}
	if sum%10 != 0 {
		return fieldErr(FieldCreditorABA, "check digit is wrong; re-check the routing number")
	}
	// Prefixes: 00 the US Government (Treasury, e.g. 000000518), 01–12
	// banks, 21–32 thrifts, 61–72 electronic; 13–20, 33–60 and 73–79 are
	// unassigned and 80 is traveller's cheques, not an account.
	if p := int(s[0]-'0')*10 + int(s[1]-'0'); !validABAPrefix(p) {
		return fieldErr(FieldCreditorABA, "%02d… is not a valid routing number prefix", p)
	}
	if s == "000000000" {
		return fieldErr(FieldCreditorABA, "all zeros is not a routing number")
	}
	return nil
}

func validABAPrefix(p int) bool {
	return p <= 12 || (p >= 21 && p <= 32) || (p >= 61 && p <= 72)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// ValidateAmount parses the amount as typed ("1234.50", "1,234.50") and
// checks it for the rail: positive, at most 2 decimals, within the rail's
// maximum.
func ValidateAmount(s string, rail Rail) (decimal.Decimal, error) {
	if strings.TrimSpace(s) == "" {
		return decimal.Zero, fieldErr(FieldAmount, "required")
	}
	d, err := ParseTypedAmount(s)
	if err != nil {
		return decimal.Zero, fieldErr(FieldAmount, "%s", err.Error())
	}
	if err := CheckAmount(d, rail); err != nil {
		return decimal.Zero, err
	}
	return d, nil
}

// CheckAmount checks an already-parsed amount for the rail.
func CheckAmount(d decimal.Decimal, rail Rail) error {
	switch {
	case d.Sign() <= 0:
		return fieldErr(FieldAmount, "must be more than zero")
	case d.Exponent() < -2 && !d.Equal(d.Round(2)):
		return fieldErr(FieldAmount, "at most 2 decimals (cents)")
	}
	if rr, ok := railRules[rail]; ok && d.GreaterThan(rr.MaxAmount) {
		return fieldErr(FieldAmount, "above the %s maximum of %s", rail, FormatAmount(rr.MaxAmount, 2))
	}
	return nil
}

// ValidateCreditorName checks the beneficiary name for the rail: required,
// within the rail's length, printable ASCII (the clearing systems carry
// nothing else; an accented letter would be mangled or refused).
func ValidateCreditorName(s string, rail Rail) error {
	return checkText(FieldCreditorName, s, maxFor(rail, func(r RailRules) int { return r.MaxCreditorName }), true)
}

// ValidateRemittance checks the remittance text: optional, within the
// rail's length (ACH: one line of 80), printable ASCII.
func ValidateRemittance(s string, rail Rail) error {
	return checkText(FieldRemittance, s, maxFor(rail, func(r RailRules) int { return r.MaxRemittance }), false)
}

// ValidateAccountNumber checks the beneficiary account number: required,
// letters and digits only, within the rail's length.
func ValidateAccountNumber(s string, rail Rail) error {
	s = strings.TrimSpace(s)
	max := maxFor(rail, func(r RailRules) int { return r.MaxAccountLen })
	switch {
	case s == "":
		return fieldErr(FieldCreditorAcct, "required")
	case !alnum(s):
		return fieldErr(FieldCreditorAcct, "letters and digits only (no spaces or dashes)")
	case len(s) > max:
		return fieldErr(FieldCreditorAcct, "%d characters; %s allows at most %d", len(s), rail, max)
	}
	return nil
}

// ValidateSEC accepts CCD or PPD (any case).
func ValidateSEC(s string) (SECCode, error) {
	switch c := SECCode(strings.ToUpper(strings.TrimSpace(s))); c {
	case SECCCD, SECPPD:
		return c, nil
	case "":
		return "", fieldErr(FieldSECCode, "required for ACH: CCD (company) or PPD (person)")
	default:
		return "", fieldErr(FieldSECCode, "%q is not offered; choose CCD (company) or PPD (person)", string(c))
	}
}

// ValidateAccountType accepts checking or savings, by word or ISO code.
func ValidateAccountType(s string) (ACHAccountType, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "checking", "cacc":
		return AccountChecking, nil
	case "savings", "svgs":
		return AccountSavings, nil
	case "":
		return "", fieldErr(FieldAccountType, "required for ACH: checking or savings")
	default:
		return "", fieldErr(FieldAccountType, "choose checking or savings")
	}
}

// Word is the analyst's word for the account type.
func (t ACHAccountType) Word() string {
	switch t {
	case AccountChecking:
		return "checking"
	case AccountSavings:
		return "savings"
	}
	return string(t)
}

func maxFor(rail Rail, pick func(RailRules) int) int {
	rr, ok := railRules[rail]
	if !ok {
		rr = railRules[RailACH] // the stricter rail until one is chosen
	}
	return pick(rr)
}

func checkText(f PaymentField, s string, max int, required bool) error {
	n := len([]rune(s))
	switch {
	case strings.TrimSpace(s) == "" && required:
		return fieldErr(f, "required")
	case n > max:
		return fieldErr(f, "%d characters; at most %d on this rail", n, max)
	}
	for _, r := range s {
		if r < 0x20 || r > 0x7e {
			return fieldErr(f, "only plain letters, digits and punctuation (no %q)", r)
		}
	}
	return nil
}

func alnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
			return false
		}
	}
	return true
}

// ValidEndToEndID reports whether id can serve on the rail: letters and
// digits only, 1 to the rail's maximum (ACH 15 for NACHA, wire 35).
func ValidEndToEndID(id string, rail Rail) bool {
	return id != "" && alnum(id) && len(id) <= maxFor(rail, func(r RailRules) int { return r.MaxEndToEndID })
}
