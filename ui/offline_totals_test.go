package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"cashpos/model"
)

// requireTotalsOffline fails unless every per-currency total with data is
// marked incomplete in every column and the footnote says why: the figures
// are last good data, as the reports mark them.
func requireTotalsOffline(t *testing.T, m Model, want bool) {
	t.Helper()
	tb := dash(m).grid.totals
	if len(tb.lines) == 0 {
		t.Fatal("no totals")
	}
	if tb.anyOffline != want {
		t.Fatalf("anyOffline = %v, want %v", tb.anyOffline, want)
	}
	complete := 0
	for _, ct := range tb.lines {
		for c, inc := range ct.incomplete {
			if want && ct.accounts > 0 && !inc {
				t.Errorf("%s total column %d not marked * while offline", ct.ccy, c)
			}
			if !inc {
				complete++
			}
		}
	}
	if !want && complete == 0 {
		t.Fatal("live totals: every column marked incomplete, the test proves nothing")
	}
}

func TestOfflineTotalsAreStarred(t *testing.T) {
	err := fmt.Errorf("balances: %w: POST /accessapi/balance: 503 Service Unavailable", model.ErrUnavailable)
	bank := newBank(ok(typicalSnapshot()), fail(err), ok(typicalSnapshot()))
	m, _ := started(t, Options{Fetch: bank.Fetch}, 120, 40)
	requireTotalsOffline(t, m, false)

	m, _ = press(t, m, "r") // the refresh fails: the book is last good data
	requireTotalsOffline(t, m, true)
	requireContains(t, screenText(m), "or is offline (last good)")

	m, _ = press(t, m, "c") // the group subtotals are marked too
	for _, g := range dash(m).groups {
		if !g.block.anyOffline {
			t.Errorf("group %s subtotal not marked offline", g.name)
		}
	}
	m, _ = press(t, m, "c", "r") // live again: the marks go
	requireTotalsOffline(t, m, false)
}

func TestCachedStartTotalsAreStarred(t *testing.T) {
	cached := typicalSnapshot()
	cached.FetchedAt = time.Date(2026, 11, 20, 14, 2, 11, 0, nyc)
	m := testModel(Options{Fetch: newBank(ok(typicalSnapshot())).Fetch, Cached: &cached})
	m, _ = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	requireTotalsOffline(t, m, true)
	m, _ = run(t, m, m.Init())
	requireTotalsOffline(t, m, false)
}

// The full error (e) is there to be read whole: at 80x24 the strip grows
// over the rows rather than cutting the request id, and gives them back.
func TestFullErrorNotCut(t *testing.T) {
	id := "6f1c2a9e-8d1b-4c55-9a0e-1f2e3d4c5b6a"
	err := fmt.Errorf("balances: %w: POST /accessapi/balance: 503 Service Unavailable after 5 attempts; the bank's status page may say more (Request-Id %s)", model.ErrUnavailable, id)
	m, _ := started(t, Options{Fetch: newBank(ok(typicalSnapshot()), fail(err)).Fetch}, 80, 24)
	m, _ = press(t, m, "r")
	rows := dash(m).lay.bodyH
	m, _ = press(t, m, "e")
	scr := screenText(m)
	requireFits(t, m.View().Content, 80, 24)
	flat := strings.Join(strings.Fields(scr), "")
	if !strings.Contains(flat, "Request-Id"+id+")") {
		t.Fatalf("request id cut:\n%s", scr)
	}
	if dash(m).lay.bodyH >= rows {
		t.Fatalf("rows %d with the error, %d without: the strip did not grow", dash(m).lay.bodyH, rows)
	}
	m, _ = press(t, m, "e")
	if dash(m).lay.bodyH != rows {
		t.Fatalf("rows %d after e again, want %d", dash(m).lay.bodyH, rows)
	}
}

// The transactions screen's PARTIAL banner is one line; e shows the whole
// text of what failed in the detail area, esc or e closes it, and the
// screen's help lists the key.
func TestTxnPartialFullText(t *testing.T) {
	id := "6f1c2a9e-8d1b-4c55-9a0e-1f2e3d4c5b6a"
	bank := standardTxnBank()
	bank.gaps = map[string]error{rangeKey(dToday, dToday): fmt.Errorf("transactions v3: 504 Gateway Timeout after 3 attempts; the bank's status page may say more (Request-Id %s)", id)}
	m := openTxns(t, bank, 100, 30)
	scr := screenText(m)
	requireContains(t, scr, "PARTIAL", "e: why")
	if strings.Contains(scr, id) {
		t.Fatal("the test needs the banner to cut the id")
	}
	m, _ = press(t, m, "e")
	scr = screenText(m)
	requireFits(t, m.View().Content, 100, 30)
	flat := strings.Join(strings.Fields(scr), "")
	if !strings.Contains(flat, "(Request-Id"+id+")") || !strings.Contains(scr, "could not be read: transactions v3: 504 Gateway Timeout") {
		t.Fatalf("full text not shown:\n%s", scr)
	}
	m, _ = press(t, m, "esc")
	requireLacks(t, screenText(m), "what could not be read")
	m, _ = press(t, m, "?")
	requireContains(t, screenText(m), "full error")
}

// When nothing is missing but the book is offline, the footnote says just
// that, not "a row lacks an amount".
func TestOfflineOnlyFootnote(t *testing.T) {
	s := typicalSnapshot()
	var whole []model.Balance
	for _, b := range s.Balances {
		if b.Problem == nil && b.OpeningAvailable.Valid && b.OpeningLedger.Valid && b.EndingAvailable.Valid && b.EndingLedger.Valid && b.Account.Currency.Code != "" {
			whole = append(whole, b)
		}
	}
	s.Balances = whole
	err := fmt.Errorf("balances: %w", model.ErrUnavailable)
	m, _ := started(t, Options{Fetch: newBank(ok(s), fail(err)).Fetch}, 120, 40)
	requireLacks(t, screenText(m), "* incomplete")
	m, _ = press(t, m, "r")
	scr := screenText(m)
	requireContains(t, scr, "* incomplete: includes offline rows (last good data, not live)")
	requireLacks(t, scr, "lacks")
}
