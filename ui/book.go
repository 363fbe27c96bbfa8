package ui

import (
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/shopspring/decimal"

	"cashpos/model"
)

// missing is what a missing amount shows: never 0.
const missing = "—"

// otherGroup is the heading of ungrouped accounts when any account has a group.
const otherGroup = "Other"

// row is one balance prepared for display. Everything that depends only on
// the data (formatted amounts, widths, the filter haystack) is computed once
// when the snapshot arrives, so a frame never formats money.
type row struct {
	b      model.Balance
	key    string // identity across refreshes: account id + as-of date
	name   string
	lname  string // lower-case name, for sorting
	number string
	ccy    string
	group  string
	amt    [4]string // formatted amounts, or "—"
	search string    // lower-case name, label, bank name, id, masked number, currency
	seq    int       // position in the snapshot
}

// book is one snapshot prepared for display. It is immutable once built and
// shared by every copy of the model that shows it.
type book struct {
	rows      []row
	rev       uint64
	fetchedAt time.Time
	partial   bool
	problems  int
	// incomplete: rows carried over offline, or parts not read at all
	// (beyond rows with a Problem); missing names them for the banner.
	incomplete bool
	missing    []string
	groups     []string // group names in order of first appearance, otherGroup last
	hasGroups  bool
	dims       dims
}

// dims are the natural column widths of the data, for the layout.
type dims struct {
	name   int
	number int
	amt    [4]int
}

func newBook(s model.Snapshot, rev uint64) *book {
	bk := &book{
		rows:      make([]row, len(s.Balances)),
		rev:       rev,
		fetchedAt: s.FetchedAt,
		partial:   s.Partial,
	}
	for _, b := range s.Balances {
		bk.incomplete = bk.incomplete || b.Offline
	}
	if bk.incomplete || len(s.Unread) > 0 {
		bk.incomplete, bk.missing = true, s.MissingAccounts()
	}
	seen := map[string]bool{}
	ungrouped := false
	for i, b := range s.Balances {
		a := b.Account
		r := row{
			b:      b,
			key:    a.ID + "|" + b.AsOfDate,
			name:   clean(a.DisplayName()),
			lname:  strings.ToLower(a.DisplayName()),
			number: clean(a.MaskedNumber()),
			ccy:    clean(a.Currency.Code),
			group:  clean(a.Group),
			seq:    i,
		}
		if r.group != "" {
			bk.hasGroups = true
			if !seen[r.group] {
				seen[r.group] = true
				bk.groups = append(bk.groups, r.group)
			}
		} else {
			ungrouped = true
		}
		if b.Problem != nil {
			bk.problems++
		} else {
			for c, col := range model.AmountColumns {
				r.amt[c] = formatAmount(b.Amount(col), a.Currency.Decimals)
			}
		}
		r.search = strings.ToLower(strings.Join([]string{
			r.name, a.Label, a.Name, a.BankName, a.ID, r.number, r.ccy,
		}, "\x00"))
		bk.rows[i] = r
		bk.dims.name = max(bk.dims.name, ansi.StringWidth(r.name))
		bk.dims.number = max(bk.dims.number, ansi.StringWidth(r.number))
		for c := range r.amt {
			bk.dims.amt[c] = max(bk.dims.amt[c], ansi.StringWidth(r.amt[c]))
		}
	}
	if bk.hasGroups {
		for i := range bk.rows {
			if bk.rows[i].group == "" {
				bk.rows[i].group = otherGroup
			}
		}
		if ungrouped && !seen[otherGroup] {
			bk.groups = append(bk.groups, otherGroup)
		}
	}
	return bk
}

func formatAmount(d decimal.NullDecimal, decimals int32) string {
	if !d.Valid {
		return missing
	}
	return model.FormatAmount(d.Decimal, decimals)
}
