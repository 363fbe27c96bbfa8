package model

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// DayLedger is an account's ledger position around one CLOSED business day,
// from the balance APIs: the opening ledger (start of Date) and the closing
// ledger (end of Date). A current day has no closing yet and never makes a
// DayLedger.
type DayLedger struct {
	AccountID string
	Date      string // YYYY-MM-DD, the account's business day
	Currency  Currency
	Opening   decimal.Decimal // openingLedgerAmount
	Closing   decimal.Decimal // endingLedgerAmount
}

// Reconciliation is the check opening ledger + credits − debits = closing
// ledger for one account and one closed day. Every figure is kept so the
// screen can show the sum, not just a verdict.
type Reconciliation struct {
	AccountID string
	Date      string
	Currency  Currency
	Opening   decimal.Decimal
	Credits   decimal.Decimal // sum of credits booked that day, positive
	Debits    decimal.Decimal // sum of debits booked that day, positive
	Count     int             // transactions counted
	// Expected is Opening + Credits − Debits: what the closing should be.
	Expected decimal.Decimal
	Closing  decimal.Decimal
	// Difference is Closing − Expected. Zero means the day reconciles; a
	// positive difference means the bank's closing is higher than the
	// transactions explain (a credit is missing from the list, or a debit
	// too many).
	Difference decimal.Decimal
	// Excluded counts transactions handed in that were not part of the
	// day's ledger (another as-of date, account or currency), so a caller
	// that passed a wider list can say so.
	Excluded int
}

// Pass reports whether the day reconciles exactly, to the last minor unit.
func (r Reconciliation) Pass() bool { return r.Difference.IsZero() }

// String is the one-line verdict the screen and CLI show:
// "reconciled: opening 1,000.00 + credits 50.00 − debits 20.00 = closing 1,030.00"
// or "does not reconcile: difference 12.50 (closing 1,042.50, expected 1,030.00)".
func (r Reconciliation) String() string {
	d := r.Currency.Decimals
	if r.Pass() {
		return fmt.Sprintf("reconciled: opening %s + credits %s − debits %s = closing %s",
			FormatAmount(r.Opening, d), FormatAmount(r.Credits, d), FormatAmount(r.Debits, d), FormatAmount(r.Closing, d))
	}
	return fmt.Sprintf("does not reconcile: difference %s (closing %s, expected %s = opening %s + credits %s − debits %s)",
		FormatAmount(r.Difference, d), FormatAmount(r.Closing, d), FormatAmount(r.Expected, d),
		FormatAmount(r.Opening, d), FormatAmount(r.Credits, d), FormatAmount(r.Debits, d))
}

// Reconcile checks one closed day. Only transactions of l's account and
// currency booked on l.Date (AsOfDate) move that day's ledger; others are
// counted in Excluded, never silently summed. The list should be the
// complete, de-duplicated set the client returned for that day: a
// duplicate would show up as a difference, which is the point.
func Reconcile(l DayLedger, txns []Transaction) Reconciliation {
	r := Reconciliation{
		AccountID: l.AccountID, Date: l.Date, Currency: l.Currency,
		Opening: l.Opening, Closing: l.Closing,
		Credits: decimal.Zero, Debits: decimal.Zero,
	}
	for _, t := range txns {
		if t.AsOfDate != l.Date || !sameAccount(t.AccountID, l.AccountID) || t.Currency.Code != l.Currency.Code {
			r.Excluded++
			continue
		}
		r.Count++
		if t.IsDebit() {
			r.Debits = r.Debits.Add(t.Amount)
		} else {
			r.Credits = r.Credits.Add(t.Amount)
		}
	}
	r.Expected = r.Opening.Add(r.Credits).Sub(r.Debits)
	r.Difference = r.Closing.Sub(r.Expected)
	return r
}

// sameAccount compares account ids ignoring the bank's zero padding
// ("000000010962009" and "10962009" are one account), as the client's id
// matching does.
func sameAccount(a, b string) bool {
	return trimZeros(a) == trimZeros(b)
}

func trimZeros(s string) string {
	for len(s) > 1 && s[0] == '0' {
		s = s[1:]
	}
	return s
}
