package ui

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"cashpos/model"
)

// txnRow is one transaction prepared for the screen: the filter's
// lower-case haystacks are built once, off the UI goroutine, when its page
// arrives. Display text is formatted per frame for the visible rows only.
type txnRow struct {
	t *model.Transaction
	// kind is the text that many items share (description, category, BAI
	// code and text, product and wire type), one string per distinct
	// value in a page; hay is the item's own (references, id, amount,
	// narrative). Sharing kind saves ~80 bytes an item at 100,000.
	kind string
	hay  string
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
	kinds := map[string]string{}
	for i := range txns {
		k := kindText(&txns[i])
		lk, ok := kinds[k]
		if !ok {
			lk = strings.ToLower(k)
			kinds[k] = lk
		}
		rows[i] = txnRow{t: &txns[i], kind: lk, hay: haystack(&txns[i])}
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

// kindText is the searchable text an item shares with others of its kind.
func kindText(t *model.Transaction) string {
	return joinFields(t.Description, string(t.Category), t.BAI.Code, t.BAI.Description, t.BAI.GroupCode,
		t.ProductGroup, t.WireType)
}

func joinFields(fields ...string) string {
	var b strings.Builder
	for _, s := range fields {
		if s != "" {
			b.WriteString(s)
			b.WriteByte('\x00') // no term spans two fields
		}
	}
	return b.String()
}

// haystack is the searchable text of the item alone, lower-cased as it is
// written (one allocation an item: this runs for every item of a page).
func haystack(t *model.Transaction) string {
	plain := model.FormatPlain(t.Amount, t.Currency.Decimals)
	n := len(plain) + len(t.ID) + len(t.References.Customer) + len(t.References.Bank) +
		len(t.References.Wire) + len(t.References.Check) + 8
	for _, l := range t.Narrative {
		n += len(l.Key) + len(l.Text) + 2
	}
	var b strings.Builder
	b.Grow(n)
	for _, s := range []string{t.References.Customer, t.References.Bank, t.References.Wire, t.References.Check, t.ID, plain} {
		if s != "" {
			writeLower(&b, s)
			b.WriteByte('\x00') // no term spans two fields
		}
	}
	for _, l := range t.Narrative {
		writeLower(&b, l.Key)
		b.WriteByte(' ')
		writeLower(&b, l.Text)
		b.WriteByte('\x00')
	}
	return b.String()
}

// writeLower writes s lower-cased, as strings.ToLower would, without an
// intermediate string.
func writeLower(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			b.WriteString(strings.ToLower(s[i:]))
			return
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
}

// mergeRows merges two runs sorted by compareRows into a new slice, and
// says where each row of a and of b went (so orderings built on a can be
// carried over). The part of a before b's first row is copied in one move,
// so pages that arrive in date order cost a copy, not a comparison per row.
//
// Without want the positions are not recorded (nil): nothing to carry.
func mergeRows(a, b []txnRow, want bool) (out []txnRow, posA, posB []int32) {
	out = make([]txnRow, 0, len(a)+len(b))
	posA, posB = make([]int32, len(a)), make([]int32, len(b))
	if !want {
		posA, posB = nil, nil
	}
	i := 0
	if len(b) > 0 {
		i, _ = slices.BinarySearchFunc(a, b[0], func(x, y txnRow) int {
			if compareRows(x, y) <= 0 {
				return -1 // x goes before y: keep searching right
			}
			return 1
		})
	}
	out = append(out, a[:i]...)
	if want {
		for k := range i {
			posA[k] = int32(k)
		}
	}
	j := 0
	for i < len(a) && j < len(b) {
		if compareRows(b[j], a[i]) < 0 {
			if want {
				posB[j] = int32(len(out))
			}
			out = append(out, b[j])
			j++
		} else {
			if want {
				posA[i] = int32(len(out))
			}
			out = append(out, a[i])
			i++
		}
	}
	return fillTail(out, a[i:], b[j:], posA, posB, i, j, want)
}

// fillTail appends what is left of a (or of b) and records its positions.
func fillTail(out, ra, rb []txnRow, posA, posB []int32, i, j int, want bool) ([]txnRow, []int32, []int32) {
	for k := range ra {
		if want {
			posA[i+k] = int32(len(out))
		}
		out = append(out, ra[k])
	}
	for k := range rb {
		if want {
			posB[j+k] = int32(len(out))
		}
		out = append(out, rb[k])
	}
	return out, posA, posB
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
// keystroke never sorts. Ties keep the book order (the lower index).
func permutation(rows []txnRow, key txnSort) []int32 {
	p := make([]int32, len(rows))
	for i := range p {
		p[i] = int32(i)
	}
	if key != txnSortDate { // rows are kept in book order
		slices.SortStableFunc(p, keyCompare(rows, key))
	}
	return p
}

// keyCompare compares two rows (by index) by a sort key.
func keyCompare(rows []txnRow, key txnSort) func(i, j int32) int {
	if key == txnSortAmount {
		// By size, debit or credit: "the biggest items" is the question an
		// amount sort answers (the Debit and Credit columns carry the sign).
		return func(i, j int32) int {
			a, b := &rows[i], &rows[j]
			if a.ok && b.ok {
				return cmpInt(a.micro, b.micro)
			}
			return a.t.Amount.Cmp(b.t.Amount)
		}
	}
	c := txnCompare[key]
	return func(i, j int32) int { return c(rows[i].t, rows[j].t) }
}

// any says some ordering other than the book order is built.
func (pc *permCache) any() bool {
	for key, p := range pc.by {
		if p != nil && txnSort(key) != txnSortDate {
			return true
		}
	}
	return false
}

// carried is the orderings of the rows before a page landed, carried over
// to the merged rows: each old ordering is renumbered and merged with the
// page's rows sorted alone, O(n) per page instead of a sort of everything.
// It equals permutation(rows, key) for every key it had.
func (pc *permCache) carried(rows []txnRow, posA, posB []int32) *permCache {
	next := &permCache{}
	if posA == nil {
		return next
	}
	for key, old := range pc.by {
		if old == nil || txnSort(key) == txnSortDate {
			continue
		}
		cmpKey := keyCompare(rows, txnSort(key))
		fresh := slices.Clone(posB) // the page's rows, in book order
		slices.SortStableFunc(fresh, cmpKey)
		p := make([]int32, 0, len(old)+len(fresh))
		i, j := 0, 0
		for i < len(old) && j < len(fresh) {
			a := posA[old[i]]
			if c := cmpKey(a, fresh[j]); c < 0 || (c == 0 && a < fresh[j]) {
				p = append(p, a)
				i++
			} else {
				p = append(p, fresh[j])
				j++
			}
		}
		for ; i < len(old); i++ {
			p = append(p, posA[old[i]])
		}
		next.by[key] = append(p, fresh[j:]...)
	}
	return next
}
