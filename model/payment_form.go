package model

import (
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// PaymentForm is the payment form as typed: one string per field, in
// product.md §4's tab order. The screens keep one and call CheckField as
// each field changes, and Intent when the analyst asks for the review.
type PaymentForm struct {
	Rail          string // "WIRE" or "ACH"
	Amount        string // "1,234.50"
	ExecutionDate string // "YYYY-MM-DD"
	CreditorName  string
	CreditorAcct  string
	CreditorABA   string
	AccountType   string // ACH only: "checking" or "savings"
	SECCode       string // ACH only: "CCD" or "PPD"
	Remittance    string
}

// FormFields lists the fields shown for a rail, in tab order: the ACH-only
// fields appear for ACH alone.
func FormFields(r Rail) []PaymentField {
	f := []PaymentField{FieldRail, FieldAmount, FieldExecutionDate, FieldCreditorName, FieldCreditorAcct, FieldCreditorABA}
	if r == RailACH {
		f = append(f, FieldAccountType, FieldSECCode)
	}
	return append(f, FieldRemittance)
}

// rail is the form's rail, or "" while it is not a valid one; length
// checks then use the stricter ACH rules.
func (f PaymentForm) rail() Rail {
	r, err := ParseRail(f.Rail)
	if err != nil {
		return ""
	}
	return r
}

// CheckField validates one field as typed, with now for the date. It
// returns nil when the field is fine. Fields that depend on the rail use
// the rail as currently chosen.
func (f PaymentForm) CheckField(field PaymentField, now time.Time) error {
	r := f.rail()
	switch field {
	case FieldRail:
		_, err := ParseRail(f.Rail)
		return nilIfNone(err)
	case FieldAmount:
		_, err := ValidateAmount(f.Amount, r)
		return nilIfNone(err)
	case FieldExecutionDate:
		if dc := CheckExecutionDate(f.ExecutionDate, now); dc.Error != nil {
			return dc.Error
		}
	case FieldCreditorName:
		return nilIfNone(ValidateCreditorName(f.CreditorName, r))
	case FieldCreditorAcct:
		return nilIfNone(ValidateAccountNumber(f.CreditorAcct, r))
	case FieldCreditorABA:
		return nilIfNone(ValidateABA(f.CreditorABA))
	case FieldAccountType:
		if r == RailACH {
			_, err := ValidateAccountType(f.AccountType)
			return nilIfNone(err)
		}
	case FieldSECCode:
		if r == RailACH {
			_, err := ValidateSEC(f.SECCode)
			return nilIfNone(err)
		}
	case FieldRemittance:
		return nilIfNone(ValidateRemittance(f.Remittance, r))
	}
	return nil
}

// nilIfNone turns a typed nil *FieldError into a plain nil error.
func nilIfNone(err error) error {
	if fe, ok := err.(*FieldError); ok && fe == nil {
		return nil
	}
	return err
}

// Notes are the warnings to show beside the form that do not block the
// review: a weekend or holiday execution date, a cut-off passed or close.
func (f PaymentForm) Notes(now time.Time, cutoffs map[Rail]Cutoff) []string {
	dc := CheckExecutionDate(f.ExecutionDate, now)
	if dc.Error != nil {
		return nil
	}
	notes := dc.Notes
	if c, ok := cutoffs[f.rail()]; ok {
		if cc := CheckCutoff(dc.Date, now, c); cc.Note != "" {
			notes = append(notes, cc.Note)
		}
	}
	return notes
}

// Intent validates every field shown for the rail and builds the intent
// for debtor. It returns every field's error, in tab order, so the form can
// mark them all at once; the intent is only usable when there are none.
func (f PaymentForm) Intent(debtor Debtor, now time.Time) (PaymentIntent, []*FieldError) {
	var errs []*FieldError
	for _, field := range FormFields(f.rail()) {
		if err := f.CheckField(field, now); err != nil {
			errs = append(errs, err.(*FieldError))
		}
	}
	if debtor.AccountID == "" {
		errs = append(errs, fieldErr(FieldDebtor, "no debtor account selected"))
	}
	if len(errs) > 0 {
		return PaymentIntent{}, errs
	}
	in := PaymentIntent{
		Rail: f.rail(), Currency: "USD", Debtor: debtor,
		Creditor: Creditor{
			Name:          strings.TrimSpace(f.CreditorName),
			AccountNumber: strings.TrimSpace(f.CreditorAcct),
			ABA:           strings.TrimSpace(f.CreditorABA),
		},
		Remittance: strings.TrimSpace(f.Remittance),
	}
	in.Amount, _ = ValidateAmount(f.Amount, in.Rail)
	in.ExecutionDate = CheckExecutionDate(f.ExecutionDate, now).Date
	if in.Rail == RailACH {
		in.AccountType, _ = ValidateAccountType(f.AccountType)
		in.SEC, _ = ValidateSEC(f.SECCode)
	}
	return in, nil
}

// Validate re-checks a built intent in full (the engine does, before it
// journals anything, so a screen bug cannot send a bad payment).
func (in PaymentIntent) Validate(now time.Time) []*FieldError {
	f := PaymentForm{
		Rail: string(in.Rail), Amount: in.Amount.String(), ExecutionDate: in.ExecutionDate.Format(time.DateOnly),
		CreditorName: in.Creditor.Name, CreditorAcct: in.Creditor.AccountNumber, CreditorABA: in.Creditor.ABA,
		AccountType: string(in.AccountType), SECCode: string(in.SEC), Remittance: in.Remittance,
	}
	_, errs := f.Intent(in.Debtor, now)
	if in.Currency != "USD" {
		errs = append(errs, fieldErr(FieldAmount, "currency must be USD, not %q", in.Currency))
	}
	return errs
}

// DayTotal sums the outflow of the payments for the civil date day from
// the debtor account (any account when debtor is ""), leaving out failed
// ones: the figure the daily limit is checked against.
func DayTotal(ps []Payment, day time.Time, debtor string) decimal.Decimal {
	sum := decimal.Zero
	for _, p := range ps {
		if Civil(p.Intent.ExecutionDate).Equal(Civil(day)) && (debtor == "" || p.Intent.Debtor.AccountID == debtor) {
			sum = sum.Add(p.Outflow())
		}
	}
	return sum
}

// PaymentToday is today's civil date where payment days run (New York).
func PaymentToday(now time.Time) time.Time { return Civil(now.In(paymentLoc())) }

// NewPaymentForm is an empty form as product.md §4 opens it: rail WIRE,
// execution date today (New York), ACH fields at their usual choices
// (checking, CCD) for when the analyst switches the rail.
func NewPaymentForm(now time.Time) PaymentForm {
	return PaymentForm{Rail: string(RailWire), ExecutionDate: PaymentToday(now).Format(time.DateOnly),
		AccountType: AccountChecking.Word(), SECCode: string(SECCCD)}
}
