package ui

import (
	"cmp"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"cashpos/model"
)

// txnRow is one transaction prepared for the screen: the filter's
// lower-case haystack is built once, off the UI goroutine, when its page
// arrives. Display text is formatted per frame for the visible rows only.
type txnRow struct {
	t   *model.Transaction
	hay string
	// micro is the amount in millionths when that is exact and fits an
	// int64 (every real amount); ok is false otherwise and the decimal is
	// used. Integer compares and sums keep a keystroke over 100,000 rows
	// fast without leaving exact arithmetic.
	micro int64
	ok    bool
}

// prepareRows builds rows for a page's items, in the merge order. It runs
// in the command that received the page.
func prepareRows(txns []model.Transaction) []txnRow {
	rows := make([]txnRow, len(txns))
	for i := range txns {
		rows[i] = txnRow{t: &txns[i], hay: haystack(&txns[i])}
		rows[i].micro, rows[i].ok = toMicro(txns[i].Amount)
	}
	slices.SortFunc(rows, compareRows)
	return rows
}

// microScale is the exponent of micro amounts: six places covers every
// currency's minor units (at most three) with room.
const microScale = 6

// maxMicro bounds a micro amount so that 2^63 / maxMicro items can be
// summed without overflow: 10^15 micro is 1,000,000,000.000000.
const maxMicro = int64(1e15)

func toMicro(d decimal.Decimal) (int64, bool) {
	if d.Exponent() < -microScale {
		return 0, false
	}
	s := d.Shift(microScale)
	if !s.IsInteger() || s.Abs().GreaterThan(decimal.NewFromInt(maxMicro)) {
		return 0, false
	}
	return s.IntPart(), true
}

func compareRows(a, b txnRow) int { return model.CompareTransactions(*a.t, *b.t) }

func haystack(t *model.Transaction) string {
	var b strings.Builder
	for _, s := range []string{
		t.Description, string(t.Category), t.BAI.Code, t.BAI.Description, t.BAI.GroupCode,
		t.References.Customer, t.References.Bank, t.References.Wire, t.References.Check,
		t.ProductGroup, t.WireType, t.ID, model.FormatPlain(t.Amount, t.Currency.Decimals),
	} {
		if s != "" {
			b.WriteString(s)
			b.WriteByte('\x00') // no term spans two fields
		}
	}
	for _, n := range t.Narrative {
		b.WriteString(n.Key)
		b.WriteByte(' ')
		b.WriteString(n.Text)
		b.WriteByte('\x00')
	}
	return strings.ToLower(b.String())
}

// mergeRows merges two runs sorted by compareRows into a new slice. The
// part of a before b's first row is copied in one move, so pages that
// arrive in date order cost a copy, not a comparison per row.
func mergeRows(a, b []txnRow) []txnRow {
	out := make([]txnRow, 0, len(a)+len(b))
	if len(b) == 0 {
		return append(out, a...)
	}
	i, _ := slices.BinarySearchFunc(a, b[0], func(x, y txnRow) int {
		if compareRows(x, y) <= 0 {
			return -1 // x goes before y: keep searching right
		}
		return 1
	})
	out = append(out, a[:i]...)
	j := 0
	for i < len(a) && j < len(b) {
		if compareRows(b[j], a[i]) < 0 {
			out = append(out, b[j])
			j++
		} else {
			out = append(out, a[i])
			i++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// txnSort is the column the list is sorted by; s cycles in this order.
type txnSort int

const (
	txnSortDate txnSort = iota // as-of, value date, time, id: the bank's book order
	txnSortAmount
	txnSortType
	txnSortDescription
	txnSortReference
	numTxnSorts
)

var txnSortNames = [numTxnSorts]string{"date", "amount", "type", "description", "reference"}

// txnCompare orders rows by a sort key; ties keep the book order, so every
// sort is total and stable.
var txnCompare = [numTxnSorts]func(a, b *model.Transaction) int{
	txnSortDate:   func(a, b *model.Transaction) int { return 0 },
	txnSortAmount: func(a, b *model.Transaction) int { return a.Amount.Cmp(b.Amount) },
	txnSortType: func(a, b *model.Transaction) int {
		return cmp.Or(cmp.Compare(a.BAI.Code, b.BAI.Code), cmp.Compare(a.Category, b.Category))
	},
	txnSortDescription: func(a, b *model.Transaction) int {
		return cmp.Compare(strings.ToLower(a.Description), strings.ToLower(b.Description))
	},
	txnSortReference: func(a, b *model.Transaction) int {
		return cmp.Compare(a.References.Primary(), b.References.Primary())
	},
}

// permutation is the row indices in key's order (ascending). Sorting is
// done once per data set and key; a filter then walks this order, so a
// keystroke never sorts.
func permutation(rows []txnRow, key txnSort) []int32 {
	p := make([]int32, len(rows))
	for i := range p {
		p[i] = int32(i)
	}
	switch key {
	case txnSortDate:
		return p // rows are kept in book order
	case txnSortAmount:
		// By size, debit or credit: "the biggest items" is the question an
		// amount sort answers (the Debit and Credit columns carry the sign).
		slices.SortStableFunc(p, func(i, j int32) int {
			a, b := &rows[i], &rows[j]
			if a.ok && b.ok {
				return cmpInt(a.micro, b.micro)
			}
			return a.t.Amount.Cmp(b.t.Amount)
		})
		return p
	}
	c := txnCompare[key]
	slices.SortStableFunc(p, func(i, j int32) int { return c(rows[i].t, rows[j].t) })
	return p
}
