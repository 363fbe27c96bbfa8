package model

import (
	"time"

	"github.com/shopspring/decimal"
)

// Rail is the US domestic payment rail of a payment (GP2 paymentType).
type Rail string

const (
	RailWire Rail = "WIRE" // Fedwire/CHIPS same-day credit transfer
	RailACH  Rail = "ACH"  // NACHA ACH credit
)

// Rails lists the rails the payment form offers, in tab order.
var Rails = []Rail{RailWire, RailACH}

// ACHAccountType is the beneficiary account type a US ACH credit must carry
// (GP2 creditor.account.accountType).
type ACHAccountType string

const (
	AccountChecking ACHAccountType = "CACC"
	AccountSavings  ACHAccountType = "SVGS"
)

// SECCode is the NACHA Standard Entry Class of an ACH credit (GP2
// paymentTypeInformation.localInstrumentCode.code). The form offers the
// two a treasury desk originates: CCD (company to company) and PPD
// (company to a person).
type SECCode string

const (
	SECCCD SECCode = "CCD"
	SECPPD SECCode = "PPD"
)

// PaymentIntent is what the analyst asked for: one US domestic credit from
// a debtor account to a beneficiary. It holds no ids; those are minted once
// per intent (PaymentIDs) and travel beside it.
type PaymentIntent struct {
	Rail     Rail
	Amount   decimal.Decimal // USD, positive, at most 2 decimals
	Currency string          // always "USD" for these rails

	// ExecutionDate is the requested execution date, a civil date (midnight
	// UTC carries only the year, month and day; see Civil).
	ExecutionDate time.Time

	Debtor   Debtor
	Creditor Creditor

	// ACH only.
	AccountType ACHAccountType
	SEC         SECCode

	Remittance string // free text to the beneficiary; may be empty
}

// Debtor is the company account the money leaves from: the account selected
// on the dashboard.
type Debtor struct {
	AccountID string // the bank's account number
	Name      string // the account or company name the bank knows
	ABA       string // the debtor bank's routing number; J.P. Morgan Chase NY is 021000021
	// CompanyID is the ACH originator (company) id, sent as organizationId
	// with scheme JPMCOID; empty for wires.
	CompanyID string
}

// Creditor is the beneficiary.
type Creditor struct {
	Name          string
	AccountNumber string
	ABA           string // beneficiary bank routing number (USABA)
}

// PaymentIDs are minted once per intent and never changed: EndToEndID is
// the bank's business duplicate key and our lookup key; IdempotencyKey is
// sent as the Idempotency-Key header on every attempt of the one POST.
type PaymentIDs struct {
	EndToEndID     string
	IdempotencyKey string
}

// ChaseABA is J.P. Morgan Chase's New York routing number, the debtor
// agent of every payment from a US J.P. Morgan account (jpm-api §6.3).
const ChaseABA = "021000021"

// Civil returns t's calendar date as midnight UTC, the form every
// execution date is held in, so comparisons never depend on a zone.
func Civil(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
