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
		if p.Intent.Debtor.AccountID == account && p.CreatedAt.After(since) && !p.Status.Failed() {
			sum = sum.Add(p.Intent.Amount)
			n++
		}
	}
	return sum, n
}
