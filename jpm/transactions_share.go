package jpm

import (
	"unique"

	"cashpos/model"
)

// txnShare keeps what the items of one page have in common as one value
// each, so 100,000 items do not carry 100,000 copies of the same account
// id, currency, BAI text or narrative key (issue 9: the transactions
// screen must hold 100,000 items in 150 MB).
//
//   - Short repeated strings (dates, codes, narrative keys) are interned
//     process-wide with the unique package. No unique.Handle is kept, so a
//     collection may drop the canonical entry and the next page start a
//     fresh copy: a few copies of each value per load, not one per item,
//     and nothing that outlives the items using it.
//   - The account/kind part of an item (model.TxnCommon) is one pointer per
//     distinct value in the page.
//   - A page's narrative lines are one backing array, each item's lines a
//     capacity-limited window of it (appending to one cannot overwrite the
//     next item's).
//
// Only decoding uses it; it is not safe for concurrent use.
type txnShare struct {
	commons map[model.TxnCommon]*model.TxnCommon
	lines   []model.NarrativeLine // the page's narrative backing array, filled in order
}

// newTxnShare prepares sharing for a page of wire items.
func newTxnShare(items []txnWire) *txnShare {
	n := 0
	for i := range items {
		n += len(items[i].Narrative)
	}
	return &txnShare{commons: map[model.TxnCommon]*model.TxnCommon{}, lines: make([]model.NarrativeLine, 0, n)}
}

// str is s interned. For values that repeat (dates, codes, keys), not
// for ids and free text: interning unique text would only add a map entry.
func (in *txnShare) str(s string) string {
	if s == "" {
		return ""
	}
	return unique.Make(s).Value()
}

// common is the one shared pointer for c's value, its strings interned.
func (in *txnShare) common(c model.TxnCommon) *model.TxnCommon {
	if p, ok := in.commons[c]; ok {
		return p
	}
	key := c
	c.AccountID, c.AccountName = in.str(c.AccountID), in.str(c.AccountName)
	c.Currency.Code, c.Currency.Description = in.str(c.Currency.Code), in.str(c.Currency.Description)
	c.BAI.Code, c.BAI.SummaryCode = in.str(c.BAI.Code), in.str(c.BAI.SummaryCode)
	c.BAI.Description, c.BAI.GroupCode = in.str(c.BAI.Description), in.str(c.BAI.GroupCode)
	c.Category = model.Category(in.str(string(c.Category)))
	c.Description, c.ProductGroup = in.str(c.Description), in.str(c.ProductGroup)
	c.WireType, c.FundsType, c.Status = in.str(c.WireType), in.str(c.FundsType), in.str(c.Status)
	p := &c
	in.commons[key] = p
	return p
}

// narrative is the item's lines copied into the page's backing array, keys
// interned; nil when it has none.
func (in *txnShare) narrative(lines narrative) []model.NarrativeLine {
	if len(lines) == 0 {
		return nil
	}
	start := len(in.lines)
	for _, l := range lines {
		in.lines = append(in.lines, model.NarrativeLine{Key: in.str(l.Key), Text: l.Text})
	}
	return in.lines[start:len(in.lines):len(in.lines)]
}
