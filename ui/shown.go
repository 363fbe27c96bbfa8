package ui

import "github.com/charmbracelet/x/ansi"

// shownDimsMax bounds the rows whose widths are measured for a filtered
// view; above it the book's widths stand (measuring is linear in the rows,
// and a filter that keeps that many rows rarely drops the widest).
const shownDimsMax = 2000

// shownDims are the natural widths of the rows a filter lets through, so a
// filtered view is sized to what is on screen: filter out the one outlier
// and the opening balances come back at 80 columns. The masked number
// keeps the book's width (it is the same for nearly every account).
func shownDims(bk *book, order []int) dims {
	d := dims{rows: bk.dims.rows, number: bk.dims.number}
	for _, i := range order {
		d.name = max(d.name, ansi.StringWidth(bk.rows[i].name))
		if bk.bals[i].Problem != nil {
			continue
		}
		for c := range d.amt {
			d.amt[c] = max(d.amt[c], bk.amountWidth(i, c))
		}
	}
	return d
}

// layoutDims are the widths the layout sizes columns to: the shown rows'
// when a filter applies (and they are few enough to measure), else the
// book's. Memoised per grid revision.
func (m dashboard) layoutDims() (dashboard, dims) {
	switch {
	case m.bk == nil:
		return m, dims{}
	case needleOf(m.grid.filter) == "" || len(m.grid.order) > shownDimsMax:
		return m, m.bk.dims
	case m.dimsRev != m.grid.rev || m.dimsBook != m.bk:
		m.dims, m.dimsRev, m.dimsBook = shownDims(m.bk, m.grid.order), m.grid.rev, m.bk
	}
	return m, m.dims
}
