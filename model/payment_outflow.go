package model

import (
	"time"

	"github.com/shopspring/decimal"
)

// PendingOutflow is what the payments from account made after since (a
// balance's recordTimestamp) will take out of it and the bank's snapshot
// cannot show yet: every such payment not failed. It returns the sum and
// how many payments make it up. The dashboard shows it against the account,
// with projected available = ending available − outflow.
func PendingOutflow(ps []Payment, account string, since time.Time) (decimal.Decimal, int) {
	sum, n := decimal.Zero, 0
	for i := range ps {
		p := &ps[i]
		if IsPendingOutflow(p, account, since) {
			sum = sum.Add(p.Intent.Amount)
			n++
		}
	}
	return sum, n
}

// IsPendingOutflow is the one rule for what counts against a balance: a
// payment from account, made after since (the balance's recordTimestamp),
// that has not failed.
func IsPendingOutflow(p *Payment, account string, since time.Time) bool {
	return p.Intent.Debtor.AccountID == account && p.CreatedAt.After(since) && !p.Status.Failed()
}
