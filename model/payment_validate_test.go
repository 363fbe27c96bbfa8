package model

import (
	"errors"
	"strings"
	"testing"
)

func TestValidateABA(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // substring of the reason; "" means valid
	}{
		{"021000021", ""},   // JPMorgan Chase NY
		{"071000013", ""},   // JPMorgan Chase Chicago
		{"011000015", ""},   // Federal Reserve Bank of Boston
		{"121000248", ""},   // Wells Fargo
		{" 021000021 ", ""}, // pasted with spaces
		{"021000022", "check digit"},
		{"121000249", "check digit"},
		{"02100002", "exactly 9 digits"},
		{"0210000211", "exactly 9 digits"},
		{"02100002a", "exactly 9 digits"},
		{"021-000-021", "exactly 9 digits"},
		{"", "required"},
		{"000000000", "all zeros"}, {"000000518", ""}, // sums to 0 but is no routing number
		{"500000005", "prefix"}, // 50 is unassigned, check digit right
		{"800000006", "prefix"}, // 80 traveller's cheques, check digit right
	} {
		err := ValidateABA(tc.in)
		checkReason(t, "ABA "+tc.in, err, tc.want)
		if err != nil {
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != FieldCreditorABA {
				t.Errorf("ABA %q: error %v does not name the field", tc.in, err)
			}
		}
	}
}

func checkReason(t *testing.T, what string, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Errorf("%s: unexpected error %v", what, err)
	case want != "" && err == nil:
		t.Errorf("%s: accepted; want an error containing %q", what, want)
	case want != "" && !strings.Contains(err.Error(), want):
		t.Errorf("%s: error %q does not contain %q", what, err, want)
	}
}

func TestValidateAmount(t *testing.T) {
	for _, tc := range []struct {
		in   string
		rail Rail
		want string
		val  string
	}{
		{"1234.50", RailWire, "", "1234.5"},
		{"1,234.50", RailWire, "", "1234.5"},
		{"0.01", RailACH, "", "0.01"},
		{"1", RailACH, "", "1"},
		{"9999999999.99", RailWire, "", "9999999999.99"},
		{"10000000000.00", RailWire, "WIRE maximum of 9,999,999,999.99", ""},
		{"99999999.99", RailACH, "", "99999999.99"},
		{"100000000", RailACH, "ACH maximum of 99,999,999.99", ""},
		{"0", RailWire, "more than zero", ""},
		{"0.00", RailWire, "more than zero", ""},
		{"-5", RailWire, "no sign", ""},
		{"+5", RailWire, "no sign", ""},
		{"1.234", RailWire, "at most 2 decimals", ""},
		{"1.", RailWire, "digits after the point", ""},
		{"1e3", RailWire, "not an amount", ""},
		{"$100", RailWire, "not an amount", ""},
		{"12,34.50", RailWire, "not an amount", ""},
		{"1,2345", RailWire, "not an amount", ""},
		{",123", RailWire, "not an amount", ""},
		{"", RailWire, "required", ""},
		{"   ", RailWire, "required", ""},
		{"48213900117254.31", RailWire, "WIRE maximum", ""}, // float64 would already have lost the cents
	} {
		d, err := ValidateAmount(tc.in, tc.rail)
		checkReason(t, "amount "+tc.in, err, tc.want)
		if tc.want == "" && err == nil && !d.Equal(dec(tc.val)) {
			t.Errorf("amount %q = %s, want %s", tc.in, d, tc.val)
		}
	}
}

func TestLengthsPerRail(t *testing.T) {
	long := func(n int) string { return strings.Repeat("A", n) }
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"ACH name 22", ValidateCreditorName(long(22), RailACH), ""},
		{"ACH name 23", ValidateCreditorName(long(23), RailACH), "at most 22"},
		{"wire name 140", ValidateCreditorName(long(140), RailWire), ""},
		{"wire name 141", ValidateCreditorName(long(141), RailWire), "at most 140"},
		{"name empty", ValidateCreditorName("  ", RailWire), "required"},
		{"name control char", ValidateCreditorName("ACME\x1b[31m", RailWire), "only plain letters"},
		{"name accented", ValidateCreditorName("Café Ltd", RailWire), "only plain letters"},
		{"ACH remittance 80", ValidateRemittance(long(80), RailACH), ""},
		{"ACH remittance 81", ValidateRemittance(long(81), RailACH), "at most 80"},
		{"wire remittance 140", ValidateRemittance(long(140), RailWire), ""},
		{"wire remittance 141", ValidateRemittance(long(141), RailWire), "at most 140"},
		{"remittance empty", ValidateRemittance("", RailACH), ""},
		{"ACH account 17", ValidateAccountNumber(strings.Repeat("1", 17), RailACH), ""},
		{"ACH account 18", ValidateAccountNumber(strings.Repeat("1", 18), RailACH), "at most 17"},
		{"wire account 34", ValidateAccountNumber(strings.Repeat("1", 34), RailWire), ""},
		{"wire account 35", ValidateAccountNumber(strings.Repeat("1", 35), RailWire), "at most 34"},
		{"account dash", ValidateAccountNumber("123-456", RailWire), "letters and digits"},
		{"account empty", ValidateAccountNumber("", RailWire), "required"},
		{"unknown rail uses ACH limits", ValidateCreditorName(long(23), ""), "at most 22"},
	} {
		checkReason(t, tc.name, tc.err, tc.want)
	}
}

func TestSECAndAccountType(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		code     SECCode
	}{
		{"CCD", "", SECCCD}, {"ppd", "", SECPPD}, {" ccd ", "", SECCCD},
		{"WEB", "not offered", ""}, {"", "required", ""},
	} {
		c, err := ValidateSEC(tc.in)
		checkReason(t, "SEC "+tc.in, err, tc.want)
		if c != tc.code {
			t.Errorf("SEC %q = %q, want %q", tc.in, c, tc.code)
		}
	}
	for _, tc := range []struct {
		in, want string
		typ      ACHAccountType
	}{
		{"checking", "", AccountChecking}, {"Savings", "", AccountSavings}, {"CACC", "", AccountChecking},
		{"SVGS", "", AccountSavings}, {"loan", "checking or savings", ""}, {"", "required", ""},
	} {
		typ, err := ValidateAccountType(tc.in)
		checkReason(t, "account type "+tc.in, err, tc.want)
		if typ != tc.typ {
			t.Errorf("account type %q = %q, want %q", tc.in, typ, tc.typ)
		}
	}
}

func TestMatchTypedAmount(t *testing.T) {
	amount := dec("1234.50")
	for _, tc := range []struct {
		typed string
		want  bool
	}{
		{"1234.5", true}, {"1,234.50", true}, {"1234.50", true}, {" 1234.50 ", true}, {"01234.50", true},
		{"1234.05", false}, {"1234", false}, {"12345.0", false}, {"1,2345.0", false}, {"1234.500", false},
		{"-1234.50", false}, {"$1,234.50", false}, {"", false}, {"1234,50", false}, {"1.2345e3", false},
	} {
		if got := MatchTypedAmount(tc.typed, amount); got != tc.want {
			t.Errorf("MatchTypedAmount(%q, 1234.50) = %v, want %v", tc.typed, got, tc.want)
		}
	}
	if !MatchTypedAmount("48,213,900,117.31", dec("48213900117.31")) {
		t.Error("large amount with grouping does not match")
	}
}

func TestValidEndToEndID(t *testing.T) {
	for _, tc := range []struct {
		id   string
		rail Rail
		want bool
	}{
		{"CP7QK2M9X4B1ZHT", RailACH, true}, {"CP7QK2M9X4B1ZHTX", RailACH, false},
		{"CP7QK2M9X4B1ZHTX", RailWire, true}, {"CP-1", RailWire, false}, {"", RailWire, false},
		{strings.Repeat("A", 36), RailWire, false},
	} {
		if got := ValidEndToEndID(tc.id, tc.rail); got != tc.want {
			t.Errorf("ValidEndToEndID(%q, %s) = %v", tc.id, tc.rail, got)
		}
	}
}
