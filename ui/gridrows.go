package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"cashpos/model"
)

// noFreshness marks a row with a Problem: it has no data to be fresh about.
const noFreshness model.Freshness = -1

// rowKey is everything a rendered row depends on. The age text stands in
// for "the minute": it is what changes as the clock moves.
type rowKey struct {
	row     int
	dataRev uint64
	layRev  uint64
	sel     bool
	fresh   model.Freshness
	age     string
}

// freshKey memoises model.Classify per row per minute of the clock, so a
// row's marker changes at the same minute boundary as its age text (the
// minute tick), never between two frames of the same minute, and a frame
// does not reclassify rows it has already drawn.
type freshKey struct {
	row     int
	dataRev uint64
	offline bool
	minute  int64
}

// partKey names a rendered piece other than a row: the column header, a
// group heading, the totals block.
type partKey struct {
	kind    int
	layRev  uint64
	gridRev uint64
	text    string
}

const (
	partColumnHeader = iota
	partHeading
	partTotals
	partHeader
	partStatus
	partHints
	partStrip
)

// renderCache memoises rendered rows and parts, so a frame costs the
// visible rows whose key changed, whatever the size of the book. It is
// shared by every copy of the model, which is safe because a key names its
// content completely; only View and Update's goroutine touch it.
type renderCache struct {
	rows  map[rowKey]string
	fresh map[freshKey]model.Freshness
	parts map[partKey]string
}

const renderCacheMax = 2048

func newRenderCache() *renderCache {
	return &renderCache{
		rows:  make(map[rowKey]string, 128),
		fresh: make(map[freshKey]model.Freshness, 128),
		parts: make(map[partKey]string, 16),
	}
}

func (c *renderCache) putRow(k rowKey, s string) {
	if len(c.rows) >= renderCacheMax {
		clear(c.rows)
	}
	c.rows[k] = s
}

func (c *renderCache) part(k partKey, draw func() string) string {
	if s, ok := c.parts[k]; ok {
		return s
	}
	if len(c.parts) >= renderCacheMax {
		clear(c.parts)
	}
	s := draw()
	c.parts[k] = s
	return s
}

// freshness classifies book row i at cc, memoised per minute.
func (c *renderCache) freshness(bk *book, i int, cc classifyCtx) model.Freshness {
	k := freshKey{row: i, dataRev: bk.rev, offline: cc.offline, minute: cc.now.Unix() / 60}
	if f, ok := c.fresh[k]; ok {
		return f
	}
	if len(c.fresh) >= 4*renderCacheMax {
		clear(c.fresh)
	}
	f := freshnessOf(bk.bals[i], cc)
	c.fresh[k] = f
	return f
}

// row renders book row i, from the cache when it can.
func (v gridView) row(i int, selected bool) string {
	b := &v.bk.bals[i]
	fr, age := noFreshness, missing
	if b.Problem == nil {
		fr = v.cache.freshness(v.bk, i, v.cc)
		age = model.AgeText(*b, v.cc.now) // "—" when the bank sent no record time (BDA v2)
	}
	k := rowKey{row: i, dataRev: v.bk.rev, layRev: v.layRev, sel: selected, fresh: fr, age: age}
	if s, ok := v.cache.rows[k]; ok {
		return s
	}
	s := v.drawRow(i, selected, fr, age)
	v.cache.putRow(k, s)
	return s
}

// cell is one column's text and how to style it when the row is not selected.
type cell struct {
	text  string
	style int
}

const (
	cellPlain = iota
	cellMuted
	cellNegative
	cellProblem
	cellFresh // + Freshness
)

// drawRow renders book row i; its amounts are formatted here, for the
// visible rows only, and kept by the render cache.
func (v gridView) drawRow(i int, selected bool, fr model.Freshness, age string) string {
	l, bk := v.lay, v.bk
	r, bl := &bk.rows[i], &bk.bals[i]
	var cells [numCols]cell
	cells[colName] = cell{padRight(r.name, l.w[colName]), cellPlain}
	cells[colNumber] = cell{padRight(bk.number(i), l.w[colNumber]), cellMuted}
	cells[colCcy] = cell{padRight(bk.ccys[r.ccy].Code, l.w[colCcy]), cellPlain}
	asOf := clean(bl.AsOfDate)
	if asOf == "" {
		asOf = missing
	}
	cells[colAsOf] = cell{padRight(asOf, l.w[colAsOf]), cellPlain}
	cells[colAge] = cell{padLeft(age, l.w[colAge]), cellMuted}
	if bl.Problem == nil {
		for k := range r.amt {
			c := colOpenAvail + colID(k)
			a := fitAmount(bk.amountText(i, k), bl.Amount(model.AmountColumns[k]), l.w[c])
			st := cellPlain
			switch {
			case a == missing:
				st = cellMuted
			case strings.HasPrefix(a, "-"):
				st = cellNegative
			}
			cells[c] = cell{padLeft(a, l.w[c]), st}
		}
		mark := v.st.g.mark(fr)
		if fr == model.Offline {
			own := model.ClassifyLive(*bl, v.cc.now, v.cc.th)
			mark = v.st.g.offlineMark(own)
		}
		cells[colStatus] = cell{padRight(noted(mark, bl.Note != "", l.w[colStatus]), l.w[colStatus]), cellFresh + int(fr)}
	} else {
		cells[colStatus] = cell{padRight("! no data", l.w[colStatus]), cellProblem}
	}

	var b strings.Builder
	b.Grow(l.lineW + 64)
	if selected {
		b.WriteString(v.st.g.pointer)
	} else {
		b.WriteString("  ")
	}
	from, to, hasAmounts := l.amountSpan()
	spans := bl.Problem != nil && hasAmounts
	first := true
	for c := range numCols {
		if !l.show[c] {
			continue
		}
		inSpan := spans && c >= from && c <= to
		if inSpan && c != from {
			continue // covered by the problem text, gaps included
		}
		if !first {
			b.WriteString(gaps[l.gap])
		}
		first = false
		if inSpan {
			span := l.x[to] + l.w[to] - l.x[from]
			v.write(&b, padRight(problemText(bl.Problem), span), cellProblem, selected)
			continue
		}
		v.write(&b, cells[c].text, cells[c].style, selected)
	}
	line := b.String()
	if selected {
		return v.st.Selected.Render(line)
	}
	return line
}

// gaps are the column separators by gap width.
var gaps = [...]string{"", " ", "  "}

func (v gridView) write(b *strings.Builder, text string, style int, selected bool) {
	if selected {
		// The whole line is reversed at once; nested colour resets would
		// break the reverse bar.
		b.WriteString(text)
		return
	}
	st := v.st
	switch {
	case style == cellMuted:
		b.WriteString(st.Muted.Render(text))
	case style == cellNegative:
		b.WriteString(st.Negative.Render(text))
	case style == cellProblem:
		b.WriteString(st.NoData.Render(text))
	case style >= cellFresh:
		b.WriteString(st.Freshness[style-cellFresh].Render(text))
	default:
		b.WriteString(text)
	}
}

func problemText(p *model.AccountProblem) string {
	switch {
	case p.Code != "" && p.Message != "":
		return firstLine(p.Code + " " + p.Message)
	case p.Message != "":
		return firstLine(p.Message)
	case p.Code != "":
		return firstLine(p.Code)
	}
	return "no data"
}

// noted flags a status "!" when the row carries a note (minor units
// corrected against ISO 4217, last good figures carried over): the reports
// give the note in full. In a narrow cell the flag takes the first space.
func noted(s string, note bool, w int) string {
	switch {
	case !note:
		return s
	case ansi.StringWidth(s)+2 <= w:
		return s + " !"
	}
	return strings.Replace(s, " ", "", 1) + "!"
}
