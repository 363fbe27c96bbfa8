package payments

import (
	"context"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"cashpos/model"
)

// ValidationError lists every field of an intent that cannot be sent.
type ValidationError struct{ Fields []*model.FieldError }

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Error()
	}
	return "payment: " + strings.Join(parts, "; ")
}

// Check is what must hold before the review opens: every field valid
// (model's validation, again, so a screen bug cannot slip through) and the
// configured per-payment and daily limits respected. It returns a
// *ValidationError, a *model.LimitError naming the limit, or nil.
func (e *Engine) Check(ctx context.Context, in model.PaymentIntent) error {
	if errs := in.Validate(e.o.Now()); len(errs) > 0 {
		return &ValidationError{Fields: errs}
	}
	same, err := e.o.Journal.ForDate(ctx, model.Civil(in.ExecutionDate))
	if err != nil {
		return err
	}
	day := model.DayTotal(e.own(same), in.ExecutionDate, "")
	return model.CheckLimits(in.Amount, day, e.o.Limits)
}

// Notes are the non-blocking warnings for the review: weekend or holiday
// execution date, cut-off passed or under an hour away.
func (e *Engine) Notes(in model.PaymentIntent) []string {
	f := model.PaymentForm{Rail: string(in.Rail), ExecutionDate: in.ExecutionDate.Format(time.DateOnly)}
	return f.Notes(e.o.Now(), e.o.Cutoffs)
}

// Cutoffs are the configured per-rail cut-offs.
func (e *Engine) Cutoffs() map[model.Rail]model.Cutoff { return e.o.Cutoffs }

// Limits are the configured limits.
func (e *Engine) Limits() model.Limits { return e.o.Limits }

// PendingOutflow is what payments journalled after since (a balance's
// recordTimestamp) will take out of account and the bank's snapshot cannot
// show yet: every such payment not failed. The dashboard shows it against
// the account, with projected available = ending available − outflow.
func (e *Engine) PendingOutflow(ctx context.Context, account string, since time.Time) (decimal.Decimal, []model.Payment, error) {
	all, err := e.listOwn(ctx)
	if err != nil {
		return decimal.Zero, nil, err
	}
	sum := decimal.Zero
	var ps []model.Payment
	for _, p := range all {
		if model.IsPendingOutflow(&p, account, since) {
			sum = sum.Add(p.Intent.Amount)
			ps = append(ps, p)
		}
	}
	return sum, ps, nil
}
