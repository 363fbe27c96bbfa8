package jpm

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"cashpos/model"
)

// checkSchema is a small JSON Schema checker for the keywords J.P.
// Morgan's GP2 Payment schema uses: type, required, properties,
// additionalProperties:false, enum, pattern, minLength/maxLength,
// minItems/maxItems, minProperties, items, oneOf, allOf. It returns every
// violation with its JSONPath.
func checkSchema(s map[string]any, v any, path string) []string {
	var errs []string
	add := func(f string, a ...any) { errs = append(errs, path+": "+fmt.Sprintf(f, a...)) }
	if one, ok := s["oneOf"].([]any); ok {
		n := 0
		for _, sub := range one {
			if len(checkSchema(sub.(map[string]any), v, path)) == 0 {
				n++
			}
		}
		if n != 1 {
			add("matches %d of oneOf's %d schemas, want exactly 1", n, len(one))
		}
	}
	if all, ok := s["allOf"].([]any); ok {
		for _, sub := range all {
			errs = append(errs, checkSchema(sub.(map[string]any), v, path)...)
		}
	}
	switch x := v.(type) {
	case map[string]any:
		if t, ok := s["type"]; ok && t != "object" {
			add("object where the schema wants %v", t)
		}
		props, _ := s["properties"].(map[string]any)
		if ap, ok := s["additionalProperties"].(bool); ok && !ap {
			for k := range x {
				if _, ok := props[k]; !ok {
					add("unexpected property %q (additionalProperties: false)", k)
				}
			}
		}
		for _, r := range asList(s["required"]) {
			if _, ok := x[r.(string)]; !ok {
				add("required property %q missing", r)
			}
		}
		if mp, ok := s["minProperties"].(float64); ok && float64(len(x)) < mp {
			add("fewer than %v properties", mp)
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if sub, ok := props[k].(map[string]any); ok {
				errs = append(errs, checkSchema(sub, x[k], path+"."+k)...)
			}
		}
	case []any:
		if mi, ok := s["minItems"].(float64); ok && float64(len(x)) < mi {
			add("fewer than %v items", mi)
		}
		if ma, ok := s["maxItems"].(float64); ok && float64(len(x)) > ma {
			add("more than %v items", ma)
		}
		if items, ok := s["items"].(map[string]any); ok {
			for i, it := range x {
				errs = append(errs, checkSchema(items, it, fmt.Sprintf("%s[%d]", path, i))...)
			}
		}
	case string:
		if t, ok := s["type"]; ok && t != "string" {
			add("string where the schema wants %v", t)
		}
		if e := asList(s["enum"]); e != nil && !inEnum(e, x) {
			add("%q not in %v", x, e)
		}
		if p, ok := s["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(x) {
			add("%q does not match %s", x, p)
		}
		if n, ok := s["minLength"].(float64); ok && float64(len([]rune(x))) < n {
			add("shorter than %v", n)
		}
		if n, ok := s["maxLength"].(float64); ok && float64(len([]rune(x))) > n {
			add("longer than %v", n)
		}
		if s["format"] == "date" {
			if _, err := time.Parse(time.DateOnly, x); err != nil {
				add("%q is not a date", x)
			}
		}
	default:
		if t, ok := s["type"]; ok {
			add("%T where the schema wants %v", v, t)
		}
	}
	return errs
}

func asList(v any) []any { l, _ := v.([]any); return l }

func inEnum(l []any, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func loadSchema(t *testing.T) map[string]any {
	t.Helper()
	b, err := os.ReadFile("testdata/gp2_payment_schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func testIntent(rail model.Rail) model.PaymentIntent {
	in := model.PaymentIntent{
		Rail: rail, Amount: decimal.RequireFromString("1234.5"), Currency: "USD",
		ExecutionDate: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC),
		Debtor:        model.Debtor{AccountID: "000000010962009", Name: "Comrade Musics", ABA: model.ChaseABA, CompanyID: "4192662001"},
		Creditor:      model.Creditor{Name: "Kelly Thomas & Co", AccountNumber: "987654321", ABA: "071000013"},
		Remittance:    "INV 2026-1182",
	}
	if rail == model.RailACH {
		in.SEC, in.AccountType = model.SECCCD, model.AccountChecking
	}
	return in
}

var testIDs = model.PaymentIDs{EndToEndID: "CP0123456789ABC", IdempotencyKey: "6f1c2d0e-3b7a-4c55-9e0f-1a2b3c4d5e6f"}

// The bodies we send are valid under J.P. Morgan's published GP2 Payment
// schema, and the checker does catch what the schema forbids.
func TestPaymentBodyMatchesPublishedSchema(t *testing.T) {
	schema := loadSchema(t)
	for _, rail := range []model.Rail{model.RailWire, model.RailACH} {
		body, err := PaymentBody(testIntent(rail), testIDs)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(body, &v); err != nil {
			t.Fatal(err)
		}
		if errs := checkSchema(schema, v, "$"); len(errs) > 0 {
			t.Errorf("%s body breaks the schema:\n%s\n%s", rail, strings.Join(errs, "\n"), body)
		}
		// The checker bites: an unknown field, a number amount.
		m := v.(map[string]any)
		m["paymentMethod"] = "WIRE"
		m["value"].(map[string]any)["amount"] = 1234.5
		if errs := checkSchema(schema, m, "$"); len(errs) < 2 {
			t.Errorf("schema checker missed planted errors: %v", errs)
		}
	}
}

func TestPaymentBodyFields(t *testing.T) {
	wire, _ := PaymentBody(testIntent(model.RailWire), testIDs)
	for _, want := range []string{
		`"requestedExecutionDate":"2026-12-02"`, `"endToEndId":"CP0123456789ABC"`,
		`"value":{"currency":"USD","amount":"1234.50"}`, `"transferType":"CREDIT"`, `"paymentType":"WIRE"`,
		`"paymentContext":"CUSTOMER"`, `{"id":"021000021","idType":"USABA"},{"id":"CHASUS33","idType":"BIC"}`,
		`"creditorAgent":{"financialInstitutionIds":[{"id":"071000013","idType":"USABA"}]`,
		`"name":"Kelly Thomas & Co"`, `"unstructuredInformation":[{"text":"INV 2026-1182"}]`,
	} {
		if !strings.Contains(string(wire), want) {
			t.Errorf("wire body lacks %s\n%s", want, wire)
		}
	}
	ach, _ := PaymentBody(testIntent(model.RailACH), testIDs)
	for _, want := range []string{
		`"paymentType":"ACH"`, `"serviceLevelCode":"NURG","localInstrumentCode":{"code":"CCD"}`,
		`"accountType":"CACC"`, `"organizationIds":[{"organizationId":"4192662001","schemeName":{"proprietary":"JPMCOID"}}]`,
	} {
		if !strings.Contains(string(ach), want) {
			t.Errorf("ACH body lacks %s\n%s", want, ach)
		}
	}
	if strings.Contains(string(ach), "paymentContext") || strings.Contains(string(wire), "serviceLevelCode") {
		t.Error("a rail's fields leaked into the other's body")
	}
	// Refusals: bad ids, sub-cent amounts, a missing SEC code.
	bad := testIntent(model.RailACH)
	bad.SEC = ""
	for name, f := range map[string]func() error{
		"e2e too long for ACH": func() error {
			_, err := PaymentBody(testIntent(model.RailACH), model.PaymentIDs{EndToEndID: "CP0123456789ABCD", IdempotencyKey: "k"})
			return err
		},
		"sub-cent": func() error {
			in := testIntent(model.RailWire)
			in.Amount = decimal.RequireFromString("1.005")
			_, err := PaymentBody(in, testIDs)
			return err
		},
		"no SEC": func() error { _, err := PaymentBody(bad, testIDs); return err },
	} {
		if f() == nil {
			t.Errorf("%s: body built", name)
		}
	}
}
