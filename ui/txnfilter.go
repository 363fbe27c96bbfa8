package ui

import (
	"strings"

	"github.com/shopspring/decimal"
)

// The transactions filter (product.md §4): space-separated terms, all of
// which must hold.
//
//	wire      text anywhere: description, category, BAI code and text,
//	          references, narrative, id, the plain amount
//	>1000     amount over 1000 (also <50, >=, <=; commas allowed); amounts
//	          are the item's magnitude, debit or credit
//	dr, cr    debits only, credits only
//	195       a three-digit number is a BAI type code
type termKind int

const (
	termText termKind = iota
	termDebit
	termCredit
	termBAI
	termGT
	termGE
	termLT
	termLE
	termPending // an operator still being typed (">"): matches everything
)

type term struct {
	kind  termKind
	text  string // lower-case text, or the BAI code
	amt   decimal.Decimal
	micro int64 // amt in millionths, when microOK
	ok    bool
}

// txnFilter is a parsed filter. bad names a term that is not understood
// (">12x"); that term matches nothing, so a typo never shows more.
type txnFilter struct {
	terms []term
	bad   string
}

func parseFilter(s string) txnFilter {
	var f txnFilter
	for _, w := range strings.Fields(strings.ToLower(s)) {
		t := parseTerm(w)
		if t.kind == termText && t.text == "" {
			continue
		}
		if t.kind == termPending && len(w) > 2 && f.bad == "" {
			f.bad = w
		}
		f.terms = append(f.terms, t)
	}
	return f
}

func parseTerm(w string) term {
	switch w {
	case "dr":
		return term{kind: termDebit}
	case "cr":
		return term{kind: termCredit}
	}
	if isBAICode(w) {
		return term{kind: termBAI, text: w}
	}
	for _, op := range [...]struct {
		p string
		k termKind
	}{{">=", termGE}, {"<=", termLE}, {">", termGT}, {"<", termLT}} {
		rest, ok := strings.CutPrefix(w, op.p)
		if !ok {
			continue
		}
		d, err := decimal.NewFromString(strings.ReplaceAll(rest, ",", ""))
		if err != nil {
			return term{kind: termPending, text: w}
		}
		t := term{kind: op.k, amt: d}
		t.micro, t.ok = toMicro(d)
		return t
	}
	return term{kind: termText, text: w}
}

func isBAICode(s string) bool {
	return len(s) == 3 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9'
}

func (f txnFilter) empty() bool { return len(f.terms) == 0 }

func (f txnFilter) match(r *txnRow) bool {
	for i := range f.terms {
		if !f.terms[i].match(r) {
			return false
		}
	}
	return true
}

func (t *term) match(r *txnRow) bool {
	x := r.t
	switch t.kind {
	case termText:
		return strings.Contains(r.kind, t.text) || strings.Contains(r.hay, t.text)
	case termDebit:
		return x.IsDebit()
	case termCredit:
		return x.IsCredit()
	case termBAI:
		return x.BAI.Code == t.text
	case termGT, termGE, termLT, termLE:
		return t.compare(r)
	case termPending:
		// ">" alone is still being typed; ">12x" is a typo and shows nothing.
		return len(t.text) <= 2
	}
	return false
}

// compare applies an amount term, in integers when both sides are exact
// in millionths (always, for real amounts), else in decimals.
func (t *term) compare(r *txnRow) bool {
	c := 0
	if t.ok && r.ok {
		c = cmpInt(r.micro, t.micro)
	} else {
		c = r.t.Amount.Cmp(t.amt)
	}
	switch t.kind {
	case termGT:
		return c > 0
	case termGE:
		return c >= 0
	case termLT:
		return c < 0
	}
	return c <= 0
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// narrows says every item f matches is also matched by old, so f can be
// applied to old's result instead of every row: the incremental filter.
// It answers false whenever it is not sure.
func (f txnFilter) narrows(old txnFilter) bool {
	if len(f.terms) < len(old.terms) {
		return false
	}
	for i := range old.terms {
		if !f.terms[i].implies(old.terms[i]) {
			return false
		}
	}
	return true
}

// implies says an item matching t certainly matches o.
func (t term) implies(o term) bool {
	switch {
	case o.kind == termPending && len(o.text) <= 2:
		return true // o matches everything
	case t.kind == termText && o.kind == termText:
		return strings.Contains(t.text, o.text)
	case t.kind == termBAI && o.kind == termText:
		return strings.Contains(t.text, o.text) // the BAI code is searched as text too
	case t.kind != o.kind:
		return false
	case t.kind == termGT || t.kind == termGE:
		return t.amt.GreaterThanOrEqual(o.amt)
	case t.kind == termLT || t.kind == termLE:
		return t.amt.LessThanOrEqual(o.amt)
	case t.kind == termBAI:
		return t.text == o.text
	}
	return true // dr implies dr, cr implies cr; a typo matches nothing
}
