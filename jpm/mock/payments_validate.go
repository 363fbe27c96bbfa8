package mock

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"cashpos/model"
)

// gp2Request is the part of the Payment body the mock reads.
type gp2Request struct {
	RequestedExecutionDate string `json:"requestedExecutionDate"`
	PaymentIdentifiers     struct {
		EndToEndID string `json:"endToEndId"`
	} `json:"paymentIdentifiers"`
	Value struct {
		Currency string `json:"currency"`
		Amount   string `json:"amount"`
	} `json:"value"`
	TransferType           string `json:"transferType"`
	PaymentType            string `json:"paymentType"`
	PaymentTypeInformation struct {
		ServiceLevelCode    string `json:"serviceLevelCode"`
		LocalInstrumentCode struct {
			Code string `json:"code"`
		} `json:"localInstrumentCode"`
		PaymentContext string `json:"paymentContext"`
	} `json:"paymentTypeInformation"`
	Debtor        gp2ReqParty `json:"debtor"`
	DebtorAgent   gp2ReqAgent `json:"debtorAgent"`
	Creditor      gp2ReqParty `json:"creditor"`
	CreditorAgent gp2ReqAgent `json:"creditorAgent"`
	Remittance    struct {
		Unstructured []struct {
			Text string `json:"text"`
		} `json:"unstructuredInformation"`
	} `json:"remittanceInformation"`
}

type gp2ReqParty struct {
	Name    string `json:"name"`
	Account struct {
		AccountNumber   string `json:"accountNumber"`
		AccountType     string `json:"accountType"`
		AccountCurrency string `json:"accountCurrency"`
	} `json:"account"`
}

type gp2ReqAgent struct {
	FinancialInstitutionIDs []struct {
		ID     string `json:"id"`
		IDType string `json:"idType"`
	} `json:"financialInstitutionIds"`
}

// allowed lists the properties each object of the Payment schema accepts
// (additionalProperties: false in GP2 2.0.22); any other is 10105.
var allowed = map[string][]string{
	"$": {"requestedExecutionDate", "paymentIdentifiers", "value", "transferType", "paymentType", "paymentTypeInformation",
		"debtor", "debtorAgent", "creditor", "creditorAgent", "additionalParties", "paymentPurpose", "remittanceInformation",
		"taxInformation", "regulatoryReporting", "settlementInformation", "mandateInformation", "fxInformation",
		"secureVerification", "paymentExpiresAt", "chargesInformation"},
	"$.debtor":        {"account", "name", "postalAddress", "contactDetails", "dateAndPlaceOfBirth", "countryOfResidence", "device", "partyId"},
	"$.creditor":      {"account", "name", "postalAddress", "contactDetails", "dateAndPlaceOfBirth", "countryOfResidence", "device", "partyId"},
	"$.debtorAgent":   {"name", "financialInstitutionIds", "postalAddress", "additionalInstitutions"},
	"$.creditorAgent": {"name", "financialInstitutionIds", "postalAddress", "additionalInstitutions"},
}

var (
	amountPattern = regexp.MustCompile(`^\d+(\.\d+)?$`)
	e2ePattern    = regexp.MustCompile(`^[A-Za-z0-9]+$`)
	achSECCodes   = map[string]bool{"CCD": true, "PPD": true, "CTX": true, "IAT": true, "WEB": true, "TEL": true}
)

// validatePayment checks a POST body as GP2 would, returning every problem
// with its §6.7 code and JSONPath. The rules are jpm-api §6.2–6.4's.
func (b *Bank) validatePayment(body []byte) (*gp2Request, []gp2Exc) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, []gp2Exc{{Code: codeBadFormat, Message: "Request body is not a JSON object", Location: locBody, Field: "$"}}
	}
	errs := unexpectedFields(raw)
	var req gp2Request
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&req); err != nil {
		return nil, append(errs, gp2Exc{Code: codeBadFormat, Message: "A field has the wrong type", Location: locBody, Field: "$"})
	}
	v := &validator{}
	v.common(&req, b.now())
	if req.PaymentType == "ACH" {
		v.ach(&req)
	} else if req.PaymentType == "WIRE" {
		v.wire(&req)
	}
	v.debtorKnown(b, &req)
	errs = append(errs, v.errs...)
	if len(errs) > 99 {
		errs = errs[:99]
	}
	return &req, errs
}

// unexpectedFields reports properties the schema does not allow, at the
// root and in the party and agent objects.
func unexpectedFields(root map[string]json.RawMessage) []gp2Exc {
	var errs []gp2Exc
	check := func(path string, obj map[string]json.RawMessage) {
		ok := map[string]bool{}
		for _, k := range allowed[path] {
			ok[k] = true
		}
		var extra []string
		for k := range obj {
			if !ok[k] {
				extra = append(extra, k)
			}
		}
		sort.Strings(extra)
		for _, k := range extra {
			errs = append(errs, gp2Exc{Code: "10105", Message: "Unexpected field", Location: locBody, Field: path + "." + k})
		}
	}
	check("$", root)
	for _, k := range []string{"debtor", "creditor", "debtorAgent", "creditorAgent"} {
		var obj map[string]json.RawMessage
		if json.Unmarshal(root[k], &obj) == nil {
			check("$."+k, obj)
		}
	}
	return errs
}

type validator struct{ errs []gp2Exc }

func (v *validator) add(code, field, format string, args ...any) {
	v.errs = append(v.errs, gp2Exc{Code: code, Message: fmt.Sprintf(format, args...), Location: locBody, Field: field})
}

func (v *validator) required(val, field string) bool {
	if strings.TrimSpace(val) == "" {
		v.add(codeMissing, field, "Mandatory field is missing")
		return false
	}
	return true
}

func (v *validator) maxLen(val, field string, n int) {
	if len(val) > n {
		v.add(codeMaxLength, field, "Must be at most %d characters", n)
	}
}

func (v *validator) common(r *gp2Request, now time.Time) {
	if v.required(r.RequestedExecutionDate, "$.requestedExecutionDate") {
		if d, ok := parseDate(r.RequestedExecutionDate); !ok {
			v.add(codeBadFormat, "$.requestedExecutionDate", "Must be a date YYYY-MM-DD")
		} else if d < dateOf(now, nyLoc()) {
			v.add(codeMinValue, "$.requestedExecutionDate", "Requested execution date must be today or later")
		}
	}
	if e2e := r.PaymentIdentifiers.EndToEndID; v.required(e2e, "$.paymentIdentifiers.endToEndId") {
		v.maxLen(e2e, "$.paymentIdentifiers.endToEndId", 128)
		if !e2ePattern.MatchString(e2e) {
			v.add(codeBadFormat, "$.paymentIdentifiers.endToEndId", "Letters and digits only")
		}
	}
	v.value(r)
	if v.required(r.TransferType, "$.transferType") && r.TransferType != "CREDIT" {
		v.add(codeBadValue, "$.transferType", "Only CREDIT is supported for this client")
	}
	if v.required(r.PaymentType, "$.paymentType") && r.PaymentType != "WIRE" && r.PaymentType != "ACH" {
		v.add(codeBadValue, "$.paymentType", "Payment type not supported for this client")
	}
	v.required(r.Debtor.Account.AccountNumber, "$.debtor.account.accountNumber")
	v.required(r.Creditor.Account.AccountNumber, "$.creditor.account.accountNumber")
	v.maxLen(r.Creditor.Name, "$.creditor.name", 140)
	v.maxLen(r.Debtor.Name, "$.debtor.name", 140)
	v.agent(r.DebtorAgent, "$.debtorAgent")
	v.agent(r.CreditorAgent, "$.creditorAgent")
}

func (v *validator) value(r *gp2Request) {
	if !v.required(r.Value.Currency, "$.value.currency") || r.Value.Currency != "USD" {
		if r.Value.Currency != "" {
			v.add(codeBadValue, "$.value.currency", "Only USD for US WIRE and ACH")
		}
	}
	a := r.Value.Amount
	switch {
	case !v.required(a, "$.value.amount"):
	case !amountPattern.MatchString(a):
		v.add(codeBadFormat, "$.value.amount", "Amount must match ^\\d+(\\.\\d+)?$")
	case strings.Contains(a, ".") && len(a)-strings.Index(a, ".")-1 > 2:
		v.add(codeBadFormat, "$.value.amount", "At most 2 decimal places")
	default:
		if m, err := parseMoney(padCents(a), 2); err != nil || m < 1 {
			v.add(codeMinValue, "$.value.amount", "Amount must be at least 0.01")
		}
	}
}

// padCents turns "1" or "1.5" into "1.00" / "1.50" for parseMoney.
func padCents(a string) string {
	i, f, _ := strings.Cut(a, ".")
	return i + "." + (f + "00")[:2]
}

func (v *validator) agent(a gp2ReqAgent, path string) {
	if len(a.FinancialInstitutionIDs) == 0 {
		v.add(codeMissing, path+".financialInstitutionIds", "Mandatory field is missing")
		return
	}
	for i, id := range a.FinancialInstitutionIDs {
		f := fmt.Sprintf("%s.financialInstitutionIds[%d]", path, i)
		if id.IDType == "USABA" && model.ValidateABA(id.ID) != nil {
			v.add(codeBadFormat, f+".id", "Invalid ABA routing number")
		}
		if id.IDType != "USABA" && id.IDType != "BIC" && id.IDType != "SORT_CODE" && id.IDType != "CLEARING_SYSTEM_ID" {
			v.add(codeBadValue, f+".idType", "Unknown idType")
		}
	}
}

// ach applies the US ACH rules (jpm-api §6.2).
func (v *validator) ach(r *gp2Request) {
	e2e := r.PaymentIdentifiers.EndToEndID
	v.maxLen(e2e, "$.paymentIdentifiers.endToEndId", 15)
	if a := strings.ReplaceAll(r.Value.Amount, ".", ""); len(a) > 10 {
		v.add(codeMaxValue, "$.value.amount", "US ACH amount is at most 10 digits including decimals")
	}
	if r.PaymentTypeInformation.ServiceLevelCode != "NURG" {
		v.add(codeBadValue, "$.paymentTypeInformation.serviceLevelCode", "US ACH requires NURG")
	}
	if sec := r.PaymentTypeInformation.LocalInstrumentCode.Code; v.required(sec, "$.paymentTypeInformation.localInstrumentCode.code") && !achSECCodes[sec] {
		v.add(codeBadValue, "$.paymentTypeInformation.localInstrumentCode.code", "Unknown SEC code")
	}
	if t := r.Creditor.Account.AccountType; v.required(t, "$.creditor.account.accountType") && t != "CACC" && t != "SVGS" && t != "LOAN" {
		v.add(codeBadValue, "$.creditor.account.accountType", "US ACH account type must be CACC, SVGS or LOAN")
	}
	v.maxLen(r.Creditor.Name, "$.creditor.name", 22)
	v.maxLen(r.Creditor.Account.AccountNumber, "$.creditor.account.accountNumber", 17)
	if n := len(r.Remittance.Unstructured); n > 1 {
		v.add(codeMaxLength, "$.remittanceInformation.unstructuredInformation", "US ACH carries one remittance line")
	} else if n == 1 {
		v.maxLen(r.Remittance.Unstructured[0].Text, "$.remittanceInformation.unstructuredInformation[0].text", 80)
	}
}

// wire applies the US wire rules (GP-WIREP).
func (v *validator) wire(r *gp2Request) {
	v.maxLen(r.PaymentIdentifiers.EndToEndID, "$.paymentIdentifiers.endToEndId", 35)
	if len(r.Value.Amount) > 15 {
		v.add(codeMaxLength, "$.value.amount", "US wire amount is at most 15 characters including the point")
	}
	v.required(r.Debtor.Name, "$.debtor.name")
	if c := r.PaymentTypeInformation.PaymentContext; c != "" && c != "CUSTOMER" {
		v.add(codeBadValue, "$.paymentTypeInformation.paymentContext", "US customer wires use CUSTOMER")
	}
}

// debtorKnown: the debtor must be a USD account of this client's book.
func (v *validator) debtorKnown(b *Bank, r *gp2Request) {
	id := r.Debtor.Account.AccountNumber
	if id == "" {
		return
	}
	a := b.accountByID(id)
	switch {
	case a == nil:
		v.add(codeBadValue, "$.debtor.account.accountNumber", "Debtor account not found for this client")
	case a.ccy.code != "USD":
		v.add(codeBadValue, "$.debtor.account.accountNumber", "Debtor account is not a USD account")
	}
}

func (b *Bank) accountByID(id string) *account {
	if a, ok := b.v1ByID[id]; ok {
		return a
	}
	return b.bdaByNum[id]
}
