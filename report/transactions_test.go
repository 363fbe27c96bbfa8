package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"cashpos/model"
)

var none = decimal.NullDecimal{}

func txnFixture() Transactions {
	bhd := model.CurrencyOf("BHD")
	usd := model.CurrencyOf("USD")
	return Transactions{Env: "DEMO", AccountID: "000000050330027", Range: "2026-11-19", FetchedAt: now,
		Rows: []model.Transaction{
			{ID: "T1", TxnCommon: &model.TxnCommon{AccountID: "000000050330027", Currency: bhd, BAI: model.BAIType{Code: "495"},
				Category: model.CategoryWireOut, Description: "=HYPERLINK(\"x\")"},
				AsOfDate: "2026-11-19", ValueDate: "2026-11-18",
				DebitCredit: model.Debit, Amount: decimal.RequireFromString("1234.5"),
				References:   model.References{Customer: "-REF", Bank: "B1"},
				Narrative:    []model.NarrativeLine{{Key: "PAID TO", Text: "@VENDOR"}, {Key: "REMARK", Text: "RENT"}},
				Availability: model.NewAvailability(amt("1234.5"), none, none, none, none)},
			{ID: "T2", TxnCommon: &model.TxnCommon{AccountID: "000000050330027", Currency: usd, Category: model.CategoryUncategorised},
				AsOfDate: "2026-11-19", ValueDate: "2026-11-19",
				DebitCredit: model.Credit, Amount: decimal.RequireFromString("0.1"),
				Availability: model.NewAvailability(amt("0.04"), amt("0.06"), none, none, none)},
		},
		Gaps: []Gap{{Days: "2026-11-20", Reason: "bank unavailable"}},
	}
}

func TestTransactionsCSV(t *testing.T) {
	var b bytes.Buffer
	if err := txnFixture().WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || len(rows[0]) != len(TransactionColumns) {
		t.Fatalf("%d rows", len(rows))
	}
	r := map[string]string{}
	for i, h := range rows[0] {
		r[h] = rows[1][i]
	}
	// BHD keeps its three minor units; the sign is on the amount only.
	if r["amount"] != "-1234.500" || r["debit"] != "1234.500" || r["credit"] != "" || r["immediate_available"] != "1234.500" {
		t.Errorf("amounts %v", r)
	}
	// Formula injection defused in text, never in amounts.
	if r["description"] != "'=HYPERLINK(\"x\")" || r["reference"] != "'-REF" || r["customer_reference"] != "'-REF" || !strings.HasPrefix(r["narrative"], "PAID TO: @VENDOR; REMARK: RENT") {
		t.Errorf("text cells %v", r)
	}
	if rows[2][6] != "0.10" || rows[2][18] != "0.06" || rows[2][10] != "Uncategorised" {
		t.Errorf("second row %v", rows[2])
	}
}

func TestTransactionsJSON(t *testing.T) {
	var b bytes.Buffer
	if err := txnFixture().WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var r struct {
		Partial      bool
		Gaps         []Gap
		Transactions []map[string]any
	}
	if err := json.Unmarshal(b.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	if !r.Partial || len(r.Gaps) != 1 || r.Transactions[0]["amount"] != "-1234.500" || r.Transactions[1]["amount"] != "0.10" {
		t.Errorf("%s", b.String())
	}
}

func TestTransactionsText(t *testing.T) {
	var b bytes.Buffer
	if err := txnFixture().WriteText(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"1,234.500", "BHD  1 items  debits 1,234.500  credits 0.000  net -1,234.500", "USD  1 items", "MISSING 2026-11-20: bank unavailable"} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
}
