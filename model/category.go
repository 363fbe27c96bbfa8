package model

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Category is a ledger category a BAI type code maps to ("Wire in", "Fees").
// Categories are names, not an enum: a config override may introduce its own
// ("Intercompany"), and the screen and exports show the name as is.
type Category string

// The default categories. CategoryUncategorised is where an unknown or
// missing BAI code goes: the item is kept and shown, never dropped.
const (
	CategoryWireIn        Category = "Wire in"
	CategoryWireOut       Category = "Wire out"
	CategoryACHCredit     Category = "ACH credit"
	CategoryACHDebit      Category = "ACH debit"
	CategoryBookIn        Category = "Book transfer in"
	CategoryBookOut       Category = "Book transfer out"
	CategoryCheckDeposit  Category = "Check deposit"
	CategoryCheckPaid     Category = "Check paid"
	CategoryLockbox       Category = "Lockbox"
	CategoryFees          Category = "Fees"
	CategoryInterest      Category = "Interest"
	CategorySweepIn       Category = "Sweep in"
	CategorySweepOut      Category = "Sweep out"
	CategoryReturn        Category = "Return"
	CategoryMiscCredit    Category = "Other credit"
	CategoryMiscDebit     Category = "Other debit"
	CategoryUncategorised Category = "Uncategorised"
)

// defaultCategories maps the BAI2 detail type codes a US treasury account
// meets most to a category. Codes and names follow the BAI2 "Uniform Type
// Codes" list; 258 and 557 (ACH return items) are as commonly published by
// US banks, UNCONFIRMED against J.P. Morgan's own list. Extend it here or
// per installation with the config file's [bai_categories].
var defaultCategories = map[string]Category{
	// Wires
	"195": CategoryWireIn,  // Incoming money transfer
	"196": CategoryWireIn,  // Money transfer adjustment (credit)
	"208": CategoryWireIn,  // International money transfer credit
	"495": CategoryWireOut, // Outgoing money transfer
	"496": CategoryWireOut, // Money transfer adjustment (debit)
	"508": CategoryWireOut, // International money transfer debit
	// ACH
	"142": CategoryACHCredit, // ACH credit received
	"145": CategoryACHCredit, // ACH concentration credit
	"165": CategoryACHCredit, // Preauthorized ACH credit
	"166": CategoryACHCredit, // ACH settlement (credit)
	"169": CategoryACHCredit, // Miscellaneous ACH credit
	"451": CategoryACHDebit,  // ACH debit received
	"455": CategoryACHDebit,  // Preauthorized ACH debit
	"466": CategoryACHDebit,  // ACH settlement (debit)
	"469": CategoryACHDebit,  // Miscellaneous ACH debit
	// Book transfers
	"191": CategoryBookIn,  // Individual incoming internal money transfer
	"206": CategoryBookIn,  // Book transfer credit
	"506": CategoryBookOut, // Book transfer debit
	// Checks
	"175": CategoryCheckDeposit, // Check deposit package
	"187": CategoryCheckDeposit, // Cash letter credit
	"301": CategoryCheckDeposit, // Commercial deposit
	"475": CategoryCheckPaid,    // Check paid
	// Lockbox
	"115": CategoryLockbox, // Lockbox deposit
	"116": CategoryLockbox, // Item in lockbox
	"118": CategoryLockbox, // Lockbox adjustment credit
	// Fees and interest
	"661": CategoryFees,     // Account analysis fee
	"698": CategoryFees,     // Miscellaneous fees
	"354": CategoryInterest, // Interest credit
	// Sweeps (zero-balance and automatic transfers)
	"201": CategorySweepIn,  // Individual automatic transfer (credit)
	"275": CategorySweepIn,  // ZBA credit
	"277": CategorySweepIn,  // Controlled disbursing funding
	"501": CategorySweepOut, // Individual automatic transfer (debit)
	"575": CategorySweepOut, // ZBA debit
	// Returns
	"258": CategoryReturn, // ACH return item or adjustment settlement (credit)
	"555": CategoryReturn, // Deposited item returned
	"557": CategoryReturn, // ACH return item or adjustment settlement (debit)
	// Catch-alls the bank itself uses
	"399": CategoryMiscCredit, // Miscellaneous credit
	"699": CategoryMiscDebit,  // Miscellaneous debit
}

// CategoryTable maps BAI type codes to categories: the defaults, with any
// overrides laid over them. The zero value is usable and means the
// defaults. It is immutable once built, so screens and goroutines can share
// it.
type CategoryTable struct {
	overrides map[string]Category
}

// DefaultCategories is the table with no overrides.
func DefaultCategories() CategoryTable { return CategoryTable{} }

// NewCategoryTable lays overrides (BAI code → category name) over the
// defaults. A code must be three digits and a name non-blank; the error
// names the first offending entry, for the config loader to report.
func NewCategoryTable(overrides map[string]string) (CategoryTable, error) {
	t := CategoryTable{overrides: make(map[string]Category, len(overrides))}
	for _, code := range slices.Sorted(maps.Keys(overrides)) {
		name := strings.TrimSpace(overrides[code])
		if !isBAICode(code) {
			return CategoryTable{}, fmt.Errorf("BAI code %q is not three digits", code)
		}
		if name == "" {
			return CategoryTable{}, fmt.Errorf("BAI code %s has an empty category name", code)
		}
		t.overrides[code] = Category(name)
	}
	return t, nil
}

// Of returns the category for a BAI type code; CategoryUncategorised for a
// code neither the overrides nor the defaults know (or an empty one).
func (t CategoryTable) Of(code string) Category {
	if c, ok := t.overrides[code]; ok {
		return c
	}
	if c, ok := defaultCategories[code]; ok {
		return c
	}
	return CategoryUncategorised
}

// Overridden reports whether code's category came from the configuration.
func (t CategoryTable) Overridden(code string) bool {
	_, ok := t.overrides[code]
	return ok
}

// Codes lists every code the table maps explicitly, sorted, for help
// screens and docs.
func (t CategoryTable) Codes() []string {
	set := maps.Clone(defaultCategories)
	maps.Copy(set, t.overrides)
	return slices.Sorted(maps.Keys(set))
}

// Categorise sets each transaction's Category from its BAI code, in place.
//
// TxnCommon is shared, so it is never changed in place: items that shared
// one get one new copy with the category set (and still share it).
func (t CategoryTable) Categorise(txns []Transaction) {
	redone := map[*TxnCommon]*TxnCommon{}
	for i := range txns {
		old := txns[i].TxnCommon
		if old == nil {
			old = &TxnCommon{}
		}
		c, ok := redone[old]
		if !ok {
			cp := *old
			cp.Category = t.Of(cp.BAI.Code)
			c = &cp
			redone[old] = c
		}
		txns[i].TxnCommon = c
	}
}

func isBAICode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := range 3 {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
