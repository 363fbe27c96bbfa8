package mock

import (
	"net/http"
	"sync"
	"time"
)

// handlePaymentsGet is GET /payment/v2/payments?endToEndId=…&view=…
// [&paymentType=…]: the payment's status at the bank's clock, 404 in the
// common error model when there is none.
func (b *Bank) handlePaymentsGet(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	e2e, view, typ := q.Get("endToEndId"), q.Get("view"), q.Get("paymentType")
	var errs []gp2Exc
	if e2e == "" {
		errs = append(errs, gp2Exc{Code: codeMissing, Message: "Mandatory field is missing", Location: locQuery, Field: "endToEndId"})
	}
	switch view {
	case "":
		errs = append(errs, gp2Exc{Code: codeMissing, Message: "Mandatory field is missing", Location: locQuery, Field: "view"})
	case "SUMMARY", "FULL":
	default:
		errs = append(errs, gp2Exc{Code: codeBadValue, Message: "view must be SUMMARY or FULL", Location: locQuery, Field: "view"})
	}
	if len(errs) > 0 {
		b.writeGP2(w, r, http.StatusBadRequest, errs...)
		return
	}
	b.gp2.mu.Lock()
	p, ok := b.gp2.byE2E[e2e]
	b.gp2.mu.Unlock()
	if !ok || (typ != "" && typ != p.rail) {
		b.writeGP2(w, r, http.StatusNotFound, gp2Exc{Message: "No payment found for the endToEndId", Location: locQuery, Field: "endToEndId"})
		return
	}
	writeJSON(w, http.StatusOK, struct {
		Payments []gp2Detail `json:"payments"`
	}{[]gp2Detail{b.detail(p, view == "FULL")}})
}

func (b *Bank) detail(p *mockPayment, full bool) gp2Detail {
	now := b.now()
	st := p.stageAt(now)
	d := gp2Detail{
		PaymentID: p.id, PaymentStatus: string(st.status), PaymentSubStatus: string(st.sub),
		StatusUpdatedAt:    p.created.Add(st.at).UTC().Format("2006-01-02T15:04:05.000"),
		PaymentIdentifiers: gp2DetailIDs{EndToEndID: p.e2e},
		PaymentType:        p.rail, TransferType: "CREDIT", RequestedExecutionDate: p.execDate,
		Exceptions: st.exc,
	}
	if st.status == "COMPLETED" || st.status == "RETURNED" {
		d.ValueDate = p.execDate
		d.ClearingSystem = &gp2Clearing{Name: "FEDWIRE", Reference: "20261202MMQFMP" + p.id[:8]}
		if p.rail == "ACH" {
			d.ClearingSystem = nil
			d.PaymentIdentifiers.ACHTraceNumber = "021000020" + p.id[:7]
		}
	}
	if full {
		d.Payment = p.body
	}
	return d
}

var nyLoc = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic("mock: " + err.Error()) // tzdata is embedded (book.go)
	}
	return loc
})
