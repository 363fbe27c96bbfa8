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

var now = time.Date(2026, 11, 20, 20, 0, 0, 0, time.UTC) // 15:00 in New York

func amt(s string) decimal.NullDecimal {
	return decimal.NullDecimal{Decimal: decimal.RequireFromString(s), Valid: true}
}

func fixture() Balances {
	usd, jpy, bhd := model.CurrencyOf("USD"), model.CurrencyOf("JPY"), model.CurrencyOf("BHD")
	return Balances{Env: "DEMO", Now: now, Thresholds: model.DefaultThresholds, Snapshot: model.Snapshot{
		FetchedAt: now,
		Balances: []model.Balance{
			{Account: model.Account{ID: "000000010962009", Name: "Operating", Currency: usd, API: model.APIAccessV1},
				AsOfDate: "2026-11-20", RecordTime: now.Add(-5 * time.Minute), CurrentDay: true,
				OpeningAvailable: amt("48213900117254.31"), OpeningLedger: amt("48213900117254.31"),
				EndingAvailable: amt("-4681826093.93"), EndingLedger: amt("0")},
			{Account: model.Account{ID: "000000010975001", Name: "=HYPERLINK(evil)", Currency: jpy, API: model.APIAccessV1},
				AsOfDate: "2026-11-19", RecordTime: now.Add(-20 * time.Hour), CurrentDay: false,
				OpeningAvailable: amt("1234567"), OpeningLedger: amt("1234567"), EndingAvailable: amt("1234567"), EndingLedger: amt("1234567")},
			{Account: model.Account{ID: "1234567890", Name: "BDA", Currency: usd, API: model.APIBDAV2},
				AsOfDate: "2026-11-20", FetchedAt: now, CurrentDay: true,
				EndingAvailable: amt("0.10"), EndingLedger: amt("0.20")},
			{Account: model.Account{ID: "000000099999999", Currency: bhd},
				Problem: &model.AccountProblem{Code: "GCA-010", Message: "Account not found"}},
		},
	}}
}

func TestTextReport(t *testing.T) {
	var buf bytes.Buffer
	if err := fixture().WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"48,213,900,117,254.31", "-4,681,826,093.93", "1,234,567", "● fresh", "◌ prior-day",
		"No data for:\n  000000099999999: GCA-010: Account not found", "! no data", "—",
		// USD ending available total: -4681826093.93 + 0.10, exact.
		"-4,681,826,093.83",
		"* incomplete: some accounts did not report",
		"1 (1 prior-day)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q:\n%s", want, out)
		}
	}
}

func TestJSONReportKeepsExactStrings(t *testing.T) {
	var buf bytes.Buffer
	if err := fixture().WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Accounts []map[string]any
		Totals   []map[string]any
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	a := got.Accounts[0]
	if a["openingAvailable"] != "48213900117254.31" || a["endingAvailable"] != "-4681826093.93" || a["endingLedger"] != "0.00" {
		t.Fatalf("amounts not exact strings: %v", a)
	}
	if got.Accounts[2]["openingAvailable"] != nil {
		t.Fatalf("missing amount must be null, got %v", got.Accounts[2]["openingAvailable"])
	}
	if got.Accounts[3]["errorCode"] != "GCA-010" || got.Accounts[3]["staleness"] != "error" {
		t.Fatalf("problem row: %v", got.Accounts[3])
	}
	// BHD has only a row without data: its total is there, empty and
	// incomplete, so its absence from the sums is visible.
	if len(got.Totals) != 3 || got.Totals[2]["currency"] != "USD" || got.Totals[2]["endingAvailable"] != "-4681826093.83" {
		t.Fatalf("totals: %v", got.Totals)
	}
	if got.Totals[0]["currency"] != "BHD" || got.Totals[0]["endingAvailable"] != nil || got.Totals[0]["incomplete"] != true {
		t.Fatalf("BHD total must have no figure (null, not 0) and be incomplete: %v", got.Totals[0])
	}
	if got.Totals[1]["priorDayAccounts"] != float64(1) || got.Totals[2]["priorDayAccounts"] != float64(0) {
		t.Fatalf("prior-day counts: %v", got.Totals)
	}
	if got.Totals[2]["incomplete"] != true {
		t.Fatal("USD total lacks two opening amounts and must say it is incomplete")
	}
}

func TestCSVReport(t *testing.T) {
	var buf bytes.Buffer
	if err := fixture().WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 5 {
		t.Fatalf("want header + 4 rows, got %d", len(recs))
	}
	if recs[1][9] != "48213900117254.31" || recs[1][11] != "-4681826093.93" {
		t.Fatalf("row 1 amounts: %v", recs[1])
	}
	if recs[2][1] != "'=HYPERLINK(evil)" {
		t.Fatalf("formula not defused: %q", recs[2][1])
	}
	if recs[2][11] != "1234567" {
		t.Fatalf("JPY must have no decimals: %q", recs[2][11])
	}
	if recs[3][9] != "" {
		t.Fatalf("missing amount must be empty, got %q", recs[3][9])
	}
}
