package ui

import "sort"

// Selection and scrolling of the grid. The cursor indexes rows shown
// (gridState.order); the scroll offset indexes body lines (gridState.items),
// which include group headings.

// moved returns the grid with the cursor at row n (clamped) and the window
// scrolled to show it.
func (g gridState) moved(n int, bk *book, bodyH int) gridState {
	if len(g.order) == 0 {
		return g
	}
	g.cursor = min(max(n, 0), len(g.order)-1)
	g = g.selected(bk)
	g.offset = g.scrolled(bodyH)
	return g
}

// scrolled is the smallest change of offset that shows the selected row,
// with its group heading when it is the group's first row.
func (g gridState) scrolled(bodyH int) int {
	if len(g.items) == 0 || len(g.itemAt) == 0 {
		return 0
	}
	off := g.offset
	it := g.itemAt[g.cursor]
	top := it
	if it > 0 && g.items[it-1].row < 0 {
		top = it - 1
	}
	if top < off {
		off = top
	}
	if it >= off+bodyH {
		off = it - bodyH + 1
	}
	return min(max(off, 0), max(len(g.items)-bodyH, 0))
}

// pageSize is how far pgup/pgdn move: a screenful less one row of overlap.
func pageSize(bodyH int) int { return max(bodyH-1, 1) }

// position is "rows 21–40 of 1,204" when some rows are out of view, else
// "". Rows are accounts (group headings are not counted); it costs two
// binary searches, not a walk of the book.
func (g gridState) position(bodyH int) string {
	n := len(g.order)
	if n == 0 || len(g.itemAt) != n {
		return ""
	}
	first := sort.SearchInts(g.itemAt, g.offset)
	end := sort.SearchInts(g.itemAt, g.offset+bodyH)
	if first == 0 && end == n {
		return ""
	}
	return "rows " + thousands(first+1) + "–" + thousands(end) + " of " + thousands(n)
}
