package jpm

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"cashpos/model"
)

// apiPayments names Global Payments 2 in messages.
const apiPayments = "payments"

// GP2 Payment request body (jpm-api §6.2–6.4). Only the fields a US
// domestic WIRE or ACH credit uses; the schema has additionalProperties
// false, so nothing else may appear (tested against the published schema,
// testdata/gp2_payment_schema.json).
type gp2Payment struct {
	RequestedExecutionDate string         `json:"requestedExecutionDate"`
	PaymentIdentifiers     gp2Identifiers `json:"paymentIdentifiers"`
	Value                  gp2Value       `json:"value"`
	TransferType           string         `json:"transferType"`
	PaymentType            string         `json:"paymentType"`
	PaymentTypeInformation *gp2TypeInfo   `json:"paymentTypeInformation,omitempty"`
	Debtor                 gp2Party       `json:"debtor"`
	DebtorAgent            gp2Agent       `json:"debtorAgent"`
	Creditor               gp2Party       `json:"creditor"`
	CreditorAgent          gp2Agent       `json:"creditorAgent"`
	RemittanceInformation  *gp2Remittance `json:"remittanceInformation,omitempty"`
}

type gp2Identifiers struct {
	EndToEndID string `json:"endToEndId"`
}

type gp2Value struct {
	Currency string `json:"currency"`
	Amount   string `json:"amount"` // a decimal string, never a JSON number
}

type gp2TypeInfo struct {
	ServiceLevelCode    string        `json:"serviceLevelCode,omitempty"`
	LocalInstrumentCode *gp2LocalCode `json:"localInstrumentCode,omitempty"`
	PaymentContext      string        `json:"paymentContext,omitempty"`
}

type gp2LocalCode struct {
	Code string `json:"code"`
}

type gp2Party struct {
	Name          string      `json:"name,omitempty"`
	Account       gp2Account  `json:"account"`
	PostalAddress *gp2Address `json:"postalAddress,omitempty"`
	PartyID       *gp2PartyID `json:"partyId,omitempty"`
}

type gp2Account struct {
	AccountNumber   string `json:"accountNumber"`
	AccountType     string `json:"accountType,omitempty"`
	AccountCurrency string `json:"accountCurrency,omitempty"`
}

type gp2Address struct {
	Country string `json:"country"`
}

type gp2PartyID struct {
	OrganizationIDs []gp2OrgID `json:"organizationIds"`
}

type gp2OrgID struct {
	OrganizationID string        `json:"organizationId"`
	SchemeName     gp2SchemeName `json:"schemeName"`
}

type gp2SchemeName struct {
	Proprietary string `json:"proprietary"`
}

type gp2Agent struct {
	FinancialInstitutionIDs []gp2FIID   `json:"financialInstitutionIds"`
	PostalAddress           *gp2Address `json:"postalAddress,omitempty"`
}

type gp2FIID struct {
	ID     string `json:"id"`
	IDType string `json:"idType"`
}

type gp2Remittance struct {
	Unstructured []gp2Text `json:"unstructuredInformation"`
}

type gp2Text struct {
	Text string `json:"text"`
}

// Chase's BIC beside its ABA on a wire's debtor agent (jpm-api §6.3).
const chaseBIC = "CHASUS33"

// PaymentBody builds the exact bytes of the GP2 POST for an intent and its
// ids. The engine journals these bytes before the first send and sends the
// very same bytes on every attempt: an Idempotency-Key with a different
// body is refused by the bank (10106), and a re-built body could differ.
//
// It refuses an intent the bank would reject on its face (no rail, bad
// ids), but field validation proper is model's job.
func PaymentBody(in model.PaymentIntent, ids model.PaymentIDs) ([]byte, error) {
	if !model.ValidEndToEndID(ids.EndToEndID, in.Rail) {
		return nil, refuse(apiPayments, "end-to-end id %q is not 1–%d letters and digits", ids.EndToEndID, 35)
	}
	if in.Amount.Sign() <= 0 || !in.Amount.Equal(in.Amount.Round(2)) {
		return nil, refuse(apiPayments, "amount %s is not a positive amount in cents", in.Amount)
	}
	p := gp2Payment{
		RequestedExecutionDate: model.Civil(in.ExecutionDate).Format(time.DateOnly),
		PaymentIdentifiers:     gp2Identifiers{EndToEndID: ids.EndToEndID},
		Value:                  gp2Value{Currency: "USD", Amount: in.Amount.StringFixed(2)},
		TransferType:           "CREDIT",
		PaymentType:            string(in.Rail),
		Debtor: gp2Party{
			Name:          in.Debtor.Name,
			Account:       gp2Account{AccountNumber: in.Debtor.AccountID, AccountCurrency: "USD"},
			PostalAddress: &gp2Address{Country: "US"},
		},
		DebtorAgent: gp2Agent{
			FinancialInstitutionIDs: []gp2FIID{{ID: debtorABA(in.Debtor), IDType: "USABA"}},
			PostalAddress:           &gp2Address{Country: "US"},
		},
		Creditor: gp2Party{Name: in.Creditor.Name, Account: gp2Account{AccountNumber: in.Creditor.AccountNumber}},
		CreditorAgent: gp2Agent{
			FinancialInstitutionIDs: []gp2FIID{{ID: in.Creditor.ABA, IDType: "USABA"}},
			PostalAddress:           &gp2Address{Country: "US"},
		},
	}
	if err := railSpecifics(&p, in); err != nil {
		return nil, err
	}
	if in.Remittance != "" {
		p.RemittanceInformation = &gp2Remittance{Unstructured: []gp2Text{{Text: in.Remittance}}}
	}
	return marshalPlain(p)
}

func debtorABA(d model.Debtor) string {
	if d.ABA != "" {
		return d.ABA
	}
	return model.ChaseABA
}

// railSpecifics adds what one rail needs and the other must not have.
func railSpecifics(p *gp2Payment, in model.PaymentIntent) error {
	switch in.Rail {
	case model.RailWire:
		// A US customer wire: paymentContext CUSTOMER and debtor.name
		// (GP-WIREP); Chase's BIC beside its ABA as in the published example.
		p.PaymentTypeInformation = &gp2TypeInfo{PaymentContext: "CUSTOMER"}
		if debtorABA(in.Debtor) == model.ChaseABA {
			p.DebtorAgent.FinancialInstitutionIDs = append(p.DebtorAgent.FinancialInstitutionIDs, gp2FIID{ID: chaseBIC, IDType: "BIC"})
		}
		if in.Debtor.Name == "" {
			return refuse(apiPayments, "a US wire needs the debtor's name")
		}
	case model.RailACH:
		// US ACH: service level NURG, the SEC code, the beneficiary's
		// account type (mandatory), the originator's company id (JPMCOID).
		if in.SEC == "" || in.AccountType == "" {
			return refuse(apiPayments, "a US ACH credit needs its SEC code and the beneficiary's account type")
		}
		p.PaymentTypeInformation = &gp2TypeInfo{ServiceLevelCode: "NURG", LocalInstrumentCode: &gp2LocalCode{Code: string(in.SEC)}}
		p.Creditor.Account.AccountType = string(in.AccountType)
		if in.Debtor.CompanyID != "" {
			p.Debtor.PartyID = &gp2PartyID{OrganizationIDs: []gp2OrgID{{
				OrganizationID: in.Debtor.CompanyID, SchemeName: gp2SchemeName{Proprietary: "JPMCOID"}}}}
		}
	default:
		return refuse(apiPayments, "unknown rail %q", in.Rail)
	}
	return nil
}

// marshalPlain encodes without HTML escaping ("R&D" stays "R&D", as the
// beneficiary should see it) and without the encoder's trailing newline.
func marshalPlain(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("%s: encoding the body: %w", apiPayments, err)
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}
