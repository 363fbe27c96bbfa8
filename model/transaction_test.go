package model

import (
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

var usdCur = Currency{Code: "USD", Decimals: 2}

func txn(id, asOf string, dc DebitCredit, amount string) Transaction {
	return Transaction{ID: id, TxnCommon: &TxnCommon{AccountID: "000000010962009", Currency: usdCur}, AsOfDate: asOf, ValueDate: asOf, DebitCredit: dc, Amount: dec(amount)}
}

func TestCategoryDefaults(t *testing.T) {
	tab := DefaultCategories()
	for code, want := range map[string]Category{
		"195": CategoryWireIn, "495": CategoryWireOut, "142": CategoryACHCredit, "451": CategoryACHDebit,
		"206": CategoryBookIn, "506": CategoryBookOut, "475": CategoryCheckPaid, "175": CategoryCheckDeposit,
		"115": CategoryLockbox, "698": CategoryFees, "661": CategoryFees, "354": CategoryInterest,
		"275": CategorySweepIn, "575": CategorySweepOut, "555": CategoryReturn, "258": CategoryReturn,
		"399": CategoryMiscCredit, "699": CategoryMiscDebit,
		"263": CategoryUncategorised, "": CategoryUncategorised, "abc": CategoryUncategorised,
	} {
		if got := tab.Of(code); got != want {
			t.Errorf("Of(%q) = %q, want %q", code, got, want)
		}
	}
	var zero CategoryTable
	if zero.Of("195") != CategoryWireIn {
		t.Error("the zero table is not the defaults")
	}
}

func TestCategoryOverrides(t *testing.T) {
	tab, err := NewCategoryTable(map[string]string{"399": "Intercompany", "263": " Value adjustments ", "195": "Customer receipts"})
	if err != nil {
		t.Fatal(err)
	}
	if tab.Of("399") != "Intercompany" || tab.Of("263") != "Value adjustments" || tab.Of("195") != "Customer receipts" {
		t.Errorf("overrides not applied: %q %q %q", tab.Of("399"), tab.Of("263"), tab.Of("195"))
	}
	if tab.Of("495") != CategoryWireOut || !tab.Overridden("399") || tab.Overridden("495") {
		t.Error("defaults lost or Overridden wrong")
	}
	if !slices.Contains(tab.Codes(), "263") || !slices.IsSorted(tab.Codes()) {
		t.Errorf("codes %v", tab.Codes())
	}
	for _, bad := range []map[string]string{{"19": "x"}, {"1950": "x"}, {"19a": "x"}, {"195": "  "}} {
		if _, err := NewCategoryTable(bad); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
	txns := []Transaction{{TxnCommon: &TxnCommon{BAI: BAIType{Code: "399"}}}, {TxnCommon: &TxnCommon{BAI: BAIType{Code: "000"}}}}
	tab.Categorise(txns)
	if txns[0].Category != "Intercompany" || txns[1].Category != CategoryUncategorised {
		t.Errorf("Categorise: %q %q", txns[0].Category, txns[1].Category)
	}
}

func TestSignedAmounts(t *testing.T) {
	d := txn("1", "2026-11-02", Debit, "65239877.86")
	c := txn("2", "2026-11-02", Credit, "0.10")
	if d.Signed().String() != "-65239877.86" || c.Signed().String() != "0.1" {
		t.Errorf("signed %s %s", d.Signed(), c.Signed())
	}
	if !d.DebitAmount().Valid || d.CreditAmount().Valid || c.DebitAmount().Valid || !c.CreditAmount().Valid {
		t.Error("debit/credit columns wrong")
	}
	tot := TotalTransactions(usdCur, []Transaction{d, c, {TxnCommon: &TxnCommon{Currency: Currency{Code: "EUR"}}, DebitCredit: Credit, Amount: dec("5")}})
	if tot.Count != 2 || tot.Other != 1 || tot.Debits.String() != "65239877.86" || tot.Net().String() != "-65239877.76" {
		t.Errorf("totals %+v net %s", tot, tot.Net())
	}
}

func TestReferencesPrimary(t *testing.T) {
	if got := (References{Bank: "B", Wire: "W"}).Primary(); got != "W" {
		t.Errorf("primary %q", got)
	}
	if got := (References{Bank: "B", Customer: "C", Check: "1"}).Primary(); got != "C" {
		t.Errorf("primary %q", got)
	}
}

func TestReconcile(t *testing.T) {
	l := DayLedger{AccountID: "10962009", Date: "2026-11-02", Currency: usdCur, Opening: dec("1000.00"), Closing: dec("1030.00")}
	day := []Transaction{
		txn("1", "2026-11-02", Credit, "50.00"),
		txn("2", "2026-11-02", Debit, "20.00"),
		txn("3", "2026-11-03", Debit, "999.00"), // another day: excluded, counted
	}
	r := Reconcile(l, day)
	if !r.Pass() || r.Count != 2 || r.Excluded != 1 || !r.Expected.Equal(dec("1030")) {
		t.Fatalf("%+v", r)
	}
	if !strings.HasPrefix(r.String(), "reconciled: opening 1,000.00 + credits 50.00 − debits 20.00 = closing 1,030.00") {
		t.Errorf("%s", r)
	}
	// A missing 12.50 fee: the closing is lower than the items explain.
	l.Closing = dec("1017.50")
	r = Reconcile(l, day)
	if r.Pass() || !r.Difference.Equal(dec("-12.50")) {
		t.Fatalf("difference %s", r.Difference)
	}
	if !strings.HasPrefix(r.String(), "does not reconcile: difference -12.50") {
		t.Errorf("%s", r)
	}
	// To the cent: one cent off fails.
	l.Closing = dec("1030.01")
	if r := Reconcile(l, day); r.Pass() || r.Difference.String() != "0.01" {
		t.Errorf("one cent: %s", r.Difference)
	}
	// A duplicate shows up as a difference, which is the point.
	l.Closing = dec("1030.00")
	if r := Reconcile(l, append(day, day[0])); r.Pass() {
		t.Error("a duplicated credit reconciled")
	}
}

func TestCompareTransactions(t *testing.T) {
	list := []Transaction{txn("b", "2026-11-03", Debit, "1"), txn("c", "2026-11-02", Debit, "1"), txn("a", "2026-11-03", Debit, "1")}
	slices.SortFunc(list, CompareTransactions)
	if got := list[0].ID + list[1].ID + list[2].ID; got != "cab" {
		t.Errorf("order %s", got)
	}
}

func TestAvailabilityCompactIsExact(t *testing.T) {
	nd := func(s string) decimal.NullDecimal { return decimal.NewNullDecimal(decimal.RequireFromString(s)) }
	a := NewAvailability(nd("1234.50"), nd("0"), decimal.NullDecimal{}, nd("0.001"), nd("-7"))
	if v := a.Immediate(); !v.Valid || v.Decimal.String() != "1234.5" || v.Decimal.Exponent() != -2 {
		t.Errorf("immediate %v exp %d: the places as sent must stay", v, v.Decimal.Exponent())
	}
	if !a.Day1().Valid || a.Day2().Valid || !a.Any() {
		t.Errorf("0 must stay 0 and null must stay missing: %v %v", a.Day1(), a.Day2())
	}
	if got := a.Deferred().String(); got != "-6.999" {
		t.Errorf("deferred %s", got)
	}
	huge := nd("123456789012345678901234567.89") // coefficient beyond int64: kept as decimals
	w := NewAvailability(huge, decimal.NullDecimal{}, decimal.NullDecimal{}, decimal.NullDecimal{}, nd("1"))
	if !w.Immediate().Decimal.Equal(huge.Decimal) || w.Deferred().String() != "1" {
		t.Errorf("wide %v %v", w.Immediate(), w.Deferred())
	}
	if (Availability{}).Any() || (Availability{}).Immediate().Valid {
		t.Error("the zero Availability is all missing")
	}
}
