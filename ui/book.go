package ui

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"cashpos/model"
)

// missing is what a missing amount shows: never 0.
const missing = "—"

// otherGroup is the heading of ungrouped accounts when any account has a group.
const otherGroup = "Other"

// book is one snapshot prepared for display: the only copy of the data the
// dashboard keeps. bals is the snapshot's own slice (not copied); rows holds,
// beside each balance, only what keys need fast: cleaned display text, the
// filter haystack and the amounts as fixed-point units. Amounts are
// formatted lazily, for visible rows, through the render cache.
//
// A book is built by prepareBook in the fetch command, off the UI
// goroutine, and is immutable once built, except for its sort memo (see
// perms), which only the UI goroutine touches. Dropping the book frees the
// data: nothing else holds the snapshot once it has been saved.
type book struct {
	bals      []model.Balance
	rows      []row
	rev       uint64
	fetchedAt time.Time
	fetchGen  uint64 // the fetch generation that brought it (0: cached)
	partial   bool
	problems  int
	// noCurrency counts rows without data whose currency is unknown: they
	// are in no total, so the totals' rule says every total may lack them.
	noCurrency int
	// incomplete: rows carried over offline, or parts not read at all
	// (beyond rows with a Problem); missing names them for the banner.
	incomplete bool
	missing    []string
	groups     []string         // group names in order of first appearance, otherGroup last
	hasGroups  bool             // when false every row's group is -1
	ccys       []model.Currency // currencies in code order; Decimals is the most any row had
	all        totals           // totals of every row
	dims       dims

	// perms memoises full display orders by sort (see permKey): computed
	// once per data set, then a sort or a filter is a scan, not a sort.
	perms map[permKey][]int
}

// row is what the dashboard keeps per account beside its balance.
type row struct {
	name   string // cleaned display name
	ccy    int32  // index into book.ccys
	group  int32  // index into book.groups, or -1
	search string // lower-case name, label, bank name, id, masked number, currency
	amt    [4]amount
}

// dims are the natural column widths of the data, for the layout.
type dims struct {
	rows   int
	name   int
	number int
	amt    [4]int
}

// prepareBook builds the book for a snapshot. It is the expensive step of a
// refresh (linear in accounts) and runs in the fetch command, so Update
// only swaps the new book in. rev is filled in by Update.
func prepareBook(s model.Snapshot) *book {
	bk := &book{
		bals:      s.Balances,
		rows:      make([]row, len(s.Balances)),
		fetchedAt: s.FetchedAt,
		partial:   s.Partial,
		perms:     map[permKey][]int{},
	}
	bk.dims.rows = len(s.Balances)
	for i := range s.Balances {
		bk.incomplete = bk.incomplete || s.Balances[i].Offline
	}
	if bk.incomplete || len(s.Unread) > 0 {
		bk.incomplete, bk.missing = true, s.MissingAccounts()
	}
	internShared(bk.bals)
	bk.indexCurrencies()
	groupIdx := map[string]int32{}
	ungrouped := false
	for i := range bk.bals {
		b := &bk.bals[i]
		a := &b.Account
		r := &bk.rows[i]
		r.name = clean(a.DisplayName())
		r.ccy = int32(bk.ccyIndex(clean(a.Currency.Code)))
		r.group = -1
		if g := clean(a.Group); g != "" {
			k, ok := groupIdx[g]
			if !ok {
				k = int32(len(bk.groups))
				groupIdx[g] = k
				bk.groups = append(bk.groups, g)
			}
			r.group = k
		} else {
			ungrouped = true
		}
		number := a.MaskedNumber()
		r.search = strings.ToLower(strings.Join([]string{
			r.name, a.Label, a.Name, a.BankName, a.ID, number, bk.ccys[r.ccy].Code, clean(a.Group),
		}, "\x00"))
		bk.dims.name = max(bk.dims.name, ansi.StringWidth(r.name))
		bk.dims.number = max(bk.dims.number, ansi.StringWidth(clean(number)))
		if b.Problem != nil {
			bk.problems++
			if bk.ccys[r.ccy].Code == "" {
				bk.noCurrency++
			}
			continue
		}
		for c, col := range model.AmountColumns {
			r.amt[c] = toAmount(b.Amount(col))
			bk.dims.amt[c] = max(bk.dims.amt[c], bk.amountWidth(i, c))
		}
	}
	bk.hasGroups = len(bk.groups) > 0
	if bk.hasGroups && ungrouped {
		other, ok := groupIdx[otherGroup]
		if !ok {
			other = int32(len(bk.groups))
			bk.groups = append(bk.groups, otherGroup)
		}
		for i := range bk.rows {
			if bk.rows[i].group < 0 {
				bk.rows[i].group = other
			}
		}
	}
	bk.all = sumOf(bk, identity(len(bk.rows)))
	return bk
}

// internShared makes the texts most rows repeat (currency, as-of date,
// zone, bank) share one copy each. The decoder gives every row its own
// copies; sharing them frees about 80 of the 735 bytes a row of the bank's
// answer takes. The balances are the snapshot's own and unchanged in value.
func internShared(bals []model.Balance) {
	seen := map[string]string{}
	in := func(p *string) {
		if v, ok := seen[*p]; ok {
			*p = v
		} else if len(seen) < 4096 { // a few distinct values, not a copy of every id
			seen[*p] = *p
		}
	}
	for i := range bals {
		b := &bals[i]
		in(&b.AsOfDate)
		in(&b.Account.Currency.Code)
		in(&b.Account.Currency.Description)
		in(&b.Account.TimeZone)
		in(&b.Account.BankID)
		in(&b.Account.BankName)
		in(&b.Account.BIC)
		in((*string)(&b.Account.API))
	}
}

// indexCurrencies lists the book's currencies in code order, each with the
// most minor units any of its rows with data reported (as model's totals).
func (bk *book) indexCurrencies() {
	dec := map[string]int32{}
	for i := range bk.bals {
		c := bk.bals[i].Account.Currency
		code := clean(c.Code)
		d, ok := dec[code]
		if !ok || (bk.bals[i].Problem == nil && c.Decimals > d) {
			dec[code] = c.Decimals
		}
	}
	for code, d := range dec {
		bk.ccys = append(bk.ccys, model.Currency{Code: code, Decimals: d})
	}
	slices.SortFunc(bk.ccys, func(a, b model.Currency) int { return cmp.Compare(a.Code, b.Code) })
}

func (bk *book) ccyIndex(code string) int {
	i, _ := slices.BinarySearchFunc(bk.ccys, code, func(c model.Currency, code string) int { return cmp.Compare(c.Code, code) })
	return i
}

// amountText formats amount column c of row i (or "—"). It runs only for
// rows being drawn; the render cache keeps the result.
func (bk *book) amountText(i, c int) string {
	a := bk.rows[i].amt[c]
	dec := bk.bals[i].Account.Currency.Decimals
	switch a.state {
	case amountUnits:
		return formatUnits(a.units, dec)
	case amountBig:
		return model.FormatAmount(bk.bals[i].Amount(model.AmountColumns[c]).Decimal, dec)
	}
	return missing
}

// amountWidth is the width of amountText(i, c), without formatting when the
// amount fits in units.
func (bk *book) amountWidth(i, c int) int {
	a := bk.rows[i].amt[c]
	if a.state == amountUnits {
		return amountWidth(a.units, bk.bals[i].Account.Currency.Decimals)
	}
	return ansi.StringWidth(bk.amountText(i, c))
}

// key is row i's identity across refreshes: account id and as-of date.
func (bk *book) key(i int) rowKeyID {
	return rowKeyID{id: bk.bals[i].Account.ID, asOf: bk.bals[i].AsOfDate}
}

// rowKeyID identifies an account's row across refreshes, to keep the
// selection on it.
type rowKeyID struct{ id, asOf string }

// groupName is row i's group heading, or "" when the book has no groups.
func (bk *book) groupName(i int) string {
	if g := bk.rows[i].group; g >= 0 {
		return bk.groups[g]
	}
	return ""
}

// number is row i's masked account number, cleaned for the terminal.
func (bk *book) number(i int) string { return clean(bk.bals[i].Account.MaskedNumber()) }

func identity(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}
