package ui

import (
	"testing"

	"cashpos/model"
)

// Issue 6 item 2: accounts the refresh could not read at all are named in
// the banner, and rows carried over from the last good data read offline.
func TestBannerNamesWhatIsMissing(t *testing.T) {
	s := typicalSnapshot()
	s.Unread = []model.Unread{{What: "BDA v2 accounts (the list of them could not be read)", API: model.APIBDAV2, Reason: "HTTP 503"}}
	s.Balances[0].Offline = true
	m := loaded(t, s, 120, 40)
	screen := screenText(m)
	requireContains(t, screen, "INCOMPLETE", "without fresh data", "BDA v2 accounts", "✕● fresh", "or is offline (last good)")
	if got := freshnessOf(s.Balances[0], dash(m).classifyCtx()); got != model.Offline {
		t.Errorf("a carried-over row must read offline, got %v", got)
	}
}

// Issue 6 item 7: a row without data and without a currency makes no
// currency-less "Total · 0 accounts" line.
func TestNoPhantomTotalsLine(t *testing.T) {
	s := typicalSnapshot()
	s.Balances = append(s.Balances, model.Balance{Account: model.Account{ID: "999"}, Problem: &model.AccountProblem{Code: "NO_CURRENCY", Message: "no currency"}})
	m := loaded(t, s, 120, 40)
	d := dash(m)
	tb := d.grid.totals
	for _, l := range tb.lines {
		if l.ccy == "" {
			t.Fatalf("a totals line without a currency: %+v", l)
		}
	}
	// It is in no total, so no total's "*" speaks for it: the rule does.
	requireContains(t, screenText(m), "Totals by currency · all 15 accounts · 1 in no total (currency unknown)")
}

// Issue 6 item 13: problems with local state found at start are on screen
// (printing them before the alt screen hid them).
func TestStartNoticeInBanner(t *testing.T) {
	m, _ := started(t, Options{Fetch: newBank(ok(typicalSnapshot())).Fetch, Notices: []string{"last good balances not used: it is in an older format"}}, 120, 40)
	requireContains(t, screenText(m), "last good balances not used")
}

// Issue 6 item 5: a row whose figures carry a note (ISO minor units won
// over decimalLocation, last good figures) is flagged in the status cell.
func TestNotedRowIsFlagged(t *testing.T) {
	if got := noted("● fresh", true, statusW); got != "● fresh !" {
		t.Errorf("fresh with a note: %q", got)
	}
	if got := noted("◌ prior-day", true, statusW); got != "◌prior-day!" {
		t.Errorf("prior-day with a note: %q", got)
	}
	if got := noted("✕○ stale", false, statusW); got != "✕○ stale" {
		t.Errorf("no note: %q", got)
	}
}

// README "When data is missing": a row without data in an answer that was
// otherwise whole (the bank's per-account error, no batch failed) is said
// in the banner too, not only on its row, which may be scrolled away.
func TestBannerNamesRowsWithoutData(t *testing.T) {
	s := typicalSnapshot()
	s.Partial = false
	m := loaded(t, s, 80, 24)
	requireContains(t, screenText(m), "INCOMPLETE — 1 account has no data; its row says why")
}
