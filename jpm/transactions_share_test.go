package jpm

import (
	"testing"
	"time"
)

// One copy of each transaction per process: a page whose items are all
// new is delivered as itself, the window keeps pointers to those items for
// the cache, and a cache read re-points the cache at what it returned.
func TestDeliveredPageIsSharedWithTheCache(t *testing.T) {
	day := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	w := Window{From: day, To: day}
	s := &txnStream{p: &txnPlan{from: day, to: day, closed: day.AddDate(0, 0, 1)}, seen: map[string]bool{}}
	page := decodePage(t, txnPageJSON(0, 50))
	b := s.deliver(w, 1, page)
	if len(b.New) != 50 || &b.New[0] != &page[0] {
		t.Fatal("a page of new items must be delivered as itself, not copied")
	}
	again := s.deliver(w, 2, page[:10])
	if len(again.New) != 0 || again.Duplicates != 10 {
		t.Fatalf("repeats delivered: %d new, %d duplicates", len(again.New), again.Duplicates)
	}
	mixed := decodePage(t, txnPageJSON(45, 10)) // 45..49 seen, 50..54 new
	mb := s.deliver(w, 3, mixed)
	if len(mb.New) != 5 || cap(mb.New) != 5 || mb.New[0].ID != mixed[5].ID {
		t.Fatalf("a page with repeats is copied exactly: %d new, cap %d", len(mb.New), cap(mb.New))
	}

	ws := &windowState{w: w, ids: map[string]bool{}}
	ws.keep(page)
	ws.keep(page[:3]) // a page repeating items: kept once
	if len(ws.booked) != 50 || ws.booked[7] != &page[7] {
		t.Fatalf("the window must keep pointers to the page's items, each once: %d", len(ws.booked))
	}
	c := newTxnCache()
	c.put("12342009", day, day, day.AddDate(0, 0, 1), ws.booked)
	got := c.get("000000012342009", day, day)
	if len(got) != 50 || got[7].ID != page[7].ID || got[7].Amount.Cmp(page[7].Amount) != 0 {
		t.Fatalf("cache read: %d items", len(got))
	}
	if c.days[dayKey("12342009", day)][7] != &got[7] {
		t.Fatal("after a read the cache must point into what it returned, so the earlier copy can be freed")
	}
}
