package mock

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"cashpos/model"
)

// A payment the bank completed is a debit on the debtor's ledger, booked
// at the instant it completed; a payment the receiving bank returned is
// credited back at the instant of the return. These items are part of the
// book like the seeded ones: the intraday ledger, the day's closing ledger
// and every later day's opening (ledger.go) include them, and Transaction
// Details lists them, so the reconciliation holds on a day with payments
// too. Unlike the seeded items they come from the bank's state, not the
// seed, so they are computed on each request and never memoised.

// Kinds of the payment items. The BAI codes for an originated ACH credit
// (469) and a wire returned to its sender (196) are the mock's choice
// (UNCONFIRMED); a returned ACH credit uses the demo book's ACH return.
var (
	kPayACH = &txnKind{name: "ach-originated", bai: "469",
		desc: "MISCELLANEOUS ACH DEBIT", short: "ACH PAYMENT", group: "ACH", product: "ACH"}
	kPayWireReturn = &txnKind{name: "wire-returned", bai: "196", credit: true,
		desc: "MONEY TRANSFER ADJUSTMENT", short: "WIRE RETURN", group: "WIRE", product: "FED", wire: "FED"}
)

// payItem is what a payment booked: its debit and, when returned, the credit.
type payItem struct {
	p      *mockPayment
	credit bool
	at     time.Time
}

// paymentBookings are what a's payments booked, every day, unsorted:
// each completion, and each return.
func (b *Bank) paymentBookings(a *account) []payItem {
	var booked []payItem
	b.gp2.mu.Lock()
	defer b.gp2.mu.Unlock()
	for _, p := range b.gp2.all {
		if p.debtor != a.id {
			continue
		}
		for _, s := range p.path {
			switch s.status {
			case model.StatusCompleted:
				booked = append(booked, payItem{p, false, p.created.Add(p.offset(s))})
			case model.StatusReturned:
				booked = append(booked, payItem{p, true, p.created.Add(p.offset(s))})
			}
		}
	}
	return booked
}

// paymentItemsOn are the payment items booked on a's day d, in posting
// order; nil when there are none (the common case, which costs no copy).
func (b *Bank) paymentItemsOn(a *account, d date) []mockTxn {
	var out []mockTxn
	for _, x := range b.paymentBookings(a) {
		if dateOf(x.at, a.loc) == d {
			out = append(out, b.payTxn(a, x))
		}
	}
	sortByPosting(out)
	return out
}

// paymentNetBefore is the net of a's payment items booked before t: what
// its payments have moved the ledger by, all days together.
func (b *Bank) paymentNetBefore(a *account, t time.Time) money {
	var net money
	for _, x := range b.paymentBookings(a) {
		switch {
		case !x.at.Before(t):
		case x.credit:
			net += x.p.amount
		default:
			net -= x.p.amount
		}
	}
	return net
}

// payTxn is one payment item as the bank reports it. Its references are
// the payment's own: the client's end-to-end id as the customer reference
// and the bank's payment id in the narrative, so an analyst can tie the
// line to the payment.
func (b *Bank) payTxn(a *account, x payItem) mockTxn {
	d := dateOf(x.at, a.loc)
	g := &txnGen{h: newHasher(b.seed).str("payment-txn").i64(x.p.seq), a: a, d: d}
	day := time.Unix(int64(d)*86400, 0).UTC().Format("20060102")
	k, dir, tag := kWireOut, 'D', 'P'
	if x.p.rail == "ACH" {
		k = kPayACH
	}
	if x.credit {
		k, dir, tag = kPayWireReturn, 'C', 'R'
		if x.p.rail == "ACH" {
			k = kACHReturn
		}
	}
	t := mockTxn{
		id: fmt.Sprintf("TXN-%c-%s-%s-%c%04d", dir, strings.TrimLeft(a.id, "0"), day, tag, x.p.seq),
		k:  k, asOf: d, value: d, posted: x.at.UTC(),
		amount:      x.p.amount,
		bankRef:     "FT" + day[2:] + g.digits(6),
		customerRef: x.p.e2e,
		avail:       [3]money{x.p.amount},
	}
	if k.wire == "FED" {
		t.wireRef = day + "QMGFT" + g.digits(3) + g.digits(6)
	}
	t.narrative = []narrLine{{"PAID TO", creditorName(x.p)}, {"YOUR REF", x.p.e2e}, {"PAYMENT ID", x.p.id}}
	if x.credit {
		t.narrative = append(t.narrative, narrLine{"REMARK", "RETURNED BY THE RECEIVING BANK"})
	}
	return t
}

// creditorName is the beneficiary's name from the request the bank kept.
func creditorName(p *mockPayment) string {
	var req gp2Request
	if json.Unmarshal(p.body, &req) != nil || req.Creditor.Name == "" {
		return "ACCOUNT " + p.creditor
	}
	return strings.ToUpper(req.Creditor.Name)
}

// signed is the item's effect on the ledger.
func (t *mockTxn) signed() money {
	if t.k.credit {
		return t.amount
	}
	return -t.amount
}
