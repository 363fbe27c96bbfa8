package model

import (
	"cmp"
	"time"

	"github.com/shopspring/decimal"
)

// DebitCredit is the bank's debitCreditCode. The wire amount is always
// positive; this code alone says which way the money moved.
type DebitCredit string

const (
	Credit DebitCredit = "CREDIT" // money in: the ledger goes up
	Debit  DebitCredit = "DEBIT"  // money out: the ledger goes down
)

// Transaction is one posted item on an account, as Transaction Details v3
// reports it (jpm-api.md §5.3), mapped out of the wire format. Nothing is
// guessed: a field the bank did not send stays empty (zero time, empty
// string, invalid NullDecimal) and the screen shows it as missing.
//
// Dates are calendar days "YYYY-MM-DD" in the account's own business day,
// kept as strings so they never shift across time zones.
type Transaction struct {
	// ID is the bank's transactionId: the primary key. The client returns
	// each ID at most once per fetch (it de-duplicates across windows and
	// repeated pages), and `transactions --new` remembers IDs.
	ID string `json:"id"`

	// TxnCommon is what the item shares with the other items of its
	// account and kind (account, currency, BAI type, category, description,
	// product group ...): one value per distinct combination, pointed to by
	// every item that has it, and its fields read as the item's own
	// (t.AccountID, t.Currency, t.BAI.Code). At 100,000 items this is the
	// difference between 64 MB and 26 MB of structs (issue 9). It is
	// shared, so it is read-only: never assign through a Transaction
	// (t.Description = x would change every item sharing it); build
	// another TxnCommon. Never nil in an item the client returns.
	*TxnCommon

	// AsOfDate is the day the bank booked (posted) the item: the day whose
	// ledger it moved, so reconciliation and the date filter use it.
	AsOfDate string `json:"asOfDate"`
	// ValueDate is the day the funds are value-dated. It can be earlier
	// than AsOfDate (a back-valued wire, an ACH return).
	ValueDate string `json:"valueDate"`
	// AsOfTime and ValueTime are the bank's asOfDateTime / valueDateTime,
	// zero when it sent none.
	AsOfTime  time.Time `json:"asOfTime,omitzero"`
	ValueTime time.Time `json:"valueTime,omitzero"`

	DebitCredit DebitCredit `json:"debitCredit"`
	// Amount is the magnitude exactly as the bank wrote it: never negative.
	// Use Signed, DebitAmount or CreditAmount for arithmetic and columns.
	Amount decimal.Decimal `json:"amount"`

	// Reversal is true when the bank flags the item as a reversal.
	Reversal bool `json:"reversal,omitempty"`

	References References `json:"references"`
	// Narrative is every narrativeText line in the order the bank sent
	// them; keys are trimmed of the bank's space padding.
	Narrative []NarrativeLine `json:"narrative,omitempty"`
	// Availability is the float: how much of a credit is available when.
	Availability Availability `json:"availability"`

	// RecordTime is the bank's recordTimestamp, zero when absent.
	RecordTime time.Time `json:"recordTime,omitzero"`
}

// TxnCommon is the part of a Transaction that items of one account and
// kind share. It is a comparable value, so a decoder can keep one per
// distinct value.
type TxnCommon struct {
	AccountID   string   `json:"accountId"`
	AccountName string   `json:"accountName,omitempty"`
	Currency    Currency `json:"currency"` // the transaction's currency, with its minor units

	// BAI is the BAI2 type of the item (typeCode "195" incoming wire ...).
	BAI BAIType `json:"bai"`
	// Category is the ledger category BAI.Code maps to through the
	// CategoryTable the client was given (defaults plus config overrides).
	// Never empty: an unknown code gets CategoryUncategorised.
	Category Category `json:"category"`

	// Description is the bank's shortDescription ("CHIPS DEBIT").
	Description string `json:"description,omitempty"`
	// ProductGroup is productGroup.groupCode ("FED", "CHIP", "BOOK", "ACH").
	ProductGroup string `json:"productGroup,omitempty"`
	// WireType is the wireType field ("FED", "CHIP", "BOOK"; "" when none).
	WireType string `json:"wireType,omitempty"`
	// FundsType is fundsTypeCode ("SAME", ...).
	FundsType string `json:"fundsType,omitempty"`
	// Status is the bank's transactionStatus ("O"; meaning UNCONFIRMED).
	Status string `json:"status,omitempty"`
}

// BAIType is the transaction's BAI2 classification.
type BAIType struct {
	Code        string `json:"code"`                  // typeCode, e.g. "195"; "" if the bank sent none
	SummaryCode string `json:"summaryCode,omitempty"` // summaryTypeCode, e.g. "190"
	Description string `json:"description,omitempty"` // "IND INCOMING MONEY TRANSFER"
	GroupCode   string `json:"groupCode,omitempty"`   // "WIRE", "ACH", ...
}

// References are every reference the bank gave for an item. Empty means the
// bank sent none of that kind.
type References struct {
	Bank     string `json:"bank,omitempty"`     // bankReferenceSearchable.standardValue
	Customer string `json:"customer,omitempty"` // customerReferenceSearchable.standardValue
	Wire     string `json:"wire,omitempty"`     // wireReferenceSearchable
	Check    string `json:"check,omitempty"`    // checkNumber, as text
}

// Primary is the one reference a narrow column shows: the customer's own
// reference when there is one (that is what the analyst searches by), else
// the check number, the wire reference, the bank's.
func (r References) Primary() string {
	for _, s := range []string{r.Customer, r.Check, r.Wire, r.Bank} {
		if s != "" {
			return s
		}
	}
	return ""
}

// NarrativeLine is one narrativeText entry. The bank pads keys to 12
// characters ("YOUR REF    "); Key is trimmed, Text is as sent (cleaned of
// control characters).
type NarrativeLine struct {
	Key  string `json:"key"`
	Text string `json:"text"`
}

// IsDebit reports whether the item took money out of the account.
func (t Transaction) IsDebit() bool { return t.DebitCredit == Debit }

// IsCredit reports whether the item brought money in.
func (t Transaction) IsCredit() bool { return t.DebitCredit == Credit }

// Signed is the amount with its sign: positive for a credit, negative for
// a debit. Exact (decimal), in the transaction's currency.
func (t Transaction) Signed() decimal.Decimal {
	if t.IsDebit() {
		return t.Amount.Neg()
	}
	return t.Amount
}

// DebitAmount is the positive amount for the debit column; invalid (blank
// cell) for a credit.
func (t Transaction) DebitAmount() decimal.NullDecimal {
	return decimal.NullDecimal{Decimal: t.Amount, Valid: t.IsDebit()}
}

// CreditAmount is the positive amount for the credit column; invalid (blank
// cell) for a debit.
func (t Transaction) CreditAmount() decimal.NullDecimal {
	return decimal.NullDecimal{Decimal: t.Amount, Valid: t.IsCredit()}
}

// CompareTransactions is the order the client merges in: as-of date, then
// value date, then the bank's time, then id, so the same data always lists
// the same way whatever order windows and pages arrived in.
func CompareTransactions(a, b Transaction) int {
	return cmp.Or(
		cmp.Compare(a.AsOfDate, b.AsOfDate),
		cmp.Compare(a.ValueDate, b.ValueDate),
		a.AsOfTime.Compare(b.AsOfTime),
		cmp.Compare(a.ID, b.ID),
	)
}

// TransactionTotals are the debits, credits and net of a set of items in one
// currency, for the screen's totals line. Items in another currency are
// counted in Other and left out of the sums: amounts in different
// currencies are never added.
type TransactionTotals struct {
	Currency Currency
	Count    int
	Debits   decimal.Decimal // sum of debit amounts, positive
	Credits  decimal.Decimal // sum of credit amounts, positive
	Other    int             // items in another currency, not summed
}

// Net is credits minus debits.
func (t TransactionTotals) Net() decimal.Decimal { return t.Credits.Sub(t.Debits) }

// TotalTransactions sums items in ccy.
func TotalTransactions(ccy Currency, txns []Transaction) TransactionTotals {
	t := TransactionTotals{Currency: ccy}
	for _, x := range txns {
		if x.Currency.Code != ccy.Code {
			t.Other++
			continue
		}
		t.Count++
		if x.IsDebit() {
			t.Debits = t.Debits.Add(x.Amount)
		} else {
			t.Credits = t.Credits.Add(x.Amount)
		}
	}
	return t
}
