package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"cashpos/model"
)

func samplePayments() Payments {
	t0 := time.Date(2026, 12, 2, 15, 4, 0, 0, time.UTC)
	ok := model.Payment{
		IDs: model.PaymentIDs{EndToEndID: "CPAAAAAAAAAAAAA", IdempotencyKey: "k1"}, Env: "demo", CreatedAt: t0, PaymentID: "p1",
		Intent: model.PaymentIntent{Rail: model.RailWire, Amount: decimal.RequireFromString("48213900117.31"), Currency: "USD",
			ExecutionDate: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC), Debtor: model.Debtor{AccountID: "000000010962009"},
			Creditor: model.Creditor{Name: "=HYPERLINK(evil)", AccountNumber: "1", ABA: "071000013"}},
		Status: model.StatusCompleted, SubStatus: model.SubCompletedByJPM, Duplicate: true,
		Timeline: []model.StatusEvent{{Status: model.StatusSubmitting, SeenAt: t0}, {Status: model.StatusCompleted, SubStatus: model.SubCompletedByJPM, SeenAt: t0}},
	}
	bad := ok
	bad.IDs = model.PaymentIDs{EndToEndID: "CPBBBBBBBBBBBBB", IdempotencyKey: "k2"}
	bad.Intent.Amount = decimal.RequireFromString("5")
	bad.Duplicate = false
	bad.Status, bad.SubStatus = model.StatusRejected, model.SubRejectedByJPM
	bad.Exceptions = []model.PaymentException{{Code: "11551", Message: "funds\x1b[31m gone", Details: []model.ExceptionCause{{Type: "ISO20022", Code: "AM04"}}}}
	return Payments{Env: "DEMO", Payments: []model.Payment{ok, bad}, Problems: map[string]string{"CPAAAAAAAAAAAAA": "HTTP 503"}}
}

func TestPaymentsText(t *testing.T) {
	var b bytes.Buffer
	if err := samplePayments().WriteText(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"48,213,900,117.31", "          5.00", "COMPLETED/COMPLETED_BY_JPM", "duplicateRequest",
		"insufficient funds", "fund the debtor account", "not refreshed now: HTTP 503", "••••2009"} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Error("an escape sequence from the bank reached the terminal")
	}
	b.Reset()
	_ = samplePayments().WriteDetail(&b)
	if !strings.Contains(b.String(), "SUBMITTING") || strings.Contains(b.String(), "\x1b") {
		t.Errorf("detail:\n%s", b.String())
	}
}

func TestPaymentsJSONAndCSV(t *testing.T) {
	var b bytes.Buffer
	_ = samplePayments().WriteJSON(&b)
	var doc struct {
		Partial  bool
		Payments []map[string]any
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil || !doc.Partial || len(doc.Payments) != 2 {
		t.Fatalf("%v %s", err, b.String())
	}
	if doc.Payments[0]["amount"] != "48213900117.31" || doc.Payments[1]["failureKind"] != "insufficient funds" || doc.Payments[0]["duplicateRequest"] != true {
		t.Errorf("%v", doc.Payments)
	}
	b.Reset()
	_ = samplePayments().WriteCSV(&b)
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil || len(rows) != 3 || rows[1][4] != "48213900117.31" || rows[1][8] != "'=HYPERLINK(evil)" {
		t.Errorf("%v %v", rows, err)
	}
}
