package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"cashpos/model"
)

func shownIDs(s txnScreen) []string {
	ids := make([]string, len(s.shown))
	for n, i := range s.shown {
		ids[n] = s.rows[i].t.ID
	}
	return ids
}

func TestEnterOpensSelectedAccountTodayAndEscReturns(t *testing.T) {
	bank := standardTxnBank()
	m, _ := started(t, Options{Fetch: newBank(ok(manyAccounts(200))).Fetch, Transactions: bank.Fetch}, 80, 24)
	m, _ = press(t, m, "pgdown", "pgdown", "j")
	cursor, offset := dash(m).grid.cursor, dash(m).grid.offset
	want := dash(m).bk.bals[dash(m).grid.order[cursor]].Account.ID
	m, _ = press(t, m, "enter")
	s := txnTop(t, m)
	if len(bank.queries) != 1 || bank.queries[0].Account.ID != want || !bank.queries[0].CurrentDay ||
		!bank.queries[0].From.Equal(dToday) || !bank.queries[0].To.Equal(dToday) {
		t.Fatalf("queries %+v, want today for %s", bank.queries, want)
	}
	if s.rng.preset != presetToday || len(s.rows) != 60 || s.loading() {
		t.Fatalf("range %v rows %d loading %v", s.rng.preset, len(s.rows), s.loading())
	}
	ctx := s.slot.ctx
	m, _ = press(t, m, "esc")
	if len(m.stack) != 1 || dash(m).grid.cursor != cursor || dash(m).grid.offset != offset {
		t.Fatalf("back: stack %d cursor %d/%d offset %d/%d", len(m.stack), dash(m).grid.cursor, cursor, dash(m).grid.offset, offset)
	}
	if ctx.Err() == nil {
		t.Fatal("going back cancels the screen's work")
	}
}

func TestEscUndoesOneThingAtATime(t *testing.T) {
	m := openTxns(t, standardTxnBank(), 120, 40)
	m, _ = press(t, m, "/", "w", "i", "r", "e", "enter", "enter")
	if s := txnTop(t, m); !s.detail || s.filterText != "wire" {
		t.Fatalf("detail %v filter %q", s.detail, s.filterText)
	}
	m, _ = press(t, m, "esc")
	if s := txnTop(t, m); s.detail || s.filterText != "wire" {
		t.Fatal("first esc closes the detail pane")
	}
	m, _ = press(t, m, "esc")
	if s := txnTop(t, m); s.filterText != "" || len(s.shown) != 60 {
		t.Fatal("second esc clears the filter")
	}
	m, _ = press(t, m, "esc")
	if len(m.stack) != 1 {
		t.Fatal("third esc goes back")
	}
}

func TestFilterLanguage(t *testing.T) {
	m := openTxns(t, standardTxnBank(), 120, 40)
	all := txnTop(t, m).rows
	check := func(q string, want func(x *model.Transaction) bool) {
		t.Helper()
		mm, _ := press(t, m, "/")
		for _, r := range q {
			mm, _ = press(t, mm, string(r))
		}
		s := txnTop(t, mm)
		var exp []string
		for _, i := range s.order() {
			if want(all[i].t) {
				exp = append(exp, all[i].t.ID)
			}
		}
		if got := shownIDs(s); !slices.Equal(got, exp) {
			t.Fatalf("%q: %d shown, want %d", q, len(got), len(exp))
		}
		if len(exp) == 0 || len(exp) == len(all) {
			t.Fatalf("%q: the test filter should select some, not all (%d)", q, len(exp))
		}
	}
	thousand := decimal.NewFromInt(1000)
	check("dr", func(x *model.Transaction) bool { return x.IsDebit() })
	check("cr", func(x *model.Transaction) bool { return x.IsCredit() })
	check(">1000", func(x *model.Transaction) bool { return x.Amount.GreaterThan(thousand) })
	check("<50", func(x *model.Transaction) bool { return x.Amount.LessThan(decimal.NewFromInt(50)) })
	check(">=1,000", func(x *model.Transaction) bool { return x.Amount.GreaterThanOrEqual(thousand) })
	check("195", func(x *model.Transaction) bool { return x.BAI.Code == "195" })
	check("wire", func(x *model.Transaction) bool {
		return strings.Contains(strings.ToLower(string(x.Category)), "wire")
	})
	check("WIRE dr >1000", func(x *model.Transaction) bool {
		return x.IsDebit() && x.Amount.GreaterThan(thousand) && strings.Contains(strings.ToLower(string(x.Category)), "wire")
	})
	check("inv-4001", func(x *model.Transaction) bool { return strings.Contains(x.References.Customer, "INV-4001") })
	check("springfield 999", func(x *model.Transaction) bool { return x.BAI.Code == "999" })
}

// TestIncrementalFilterMatchesFullFilter types and erases character by
// character: the narrowed result must always equal filtering every row.
func TestIncrementalFilterMatchesFullFilter(t *testing.T) {
	m := openTxns(t, standardTxnBank(), 120, 40)
	m, _ = press(t, m, "s") // amount order, so order matters too
	m, _ = press(t, m, "/")
	for _, k := range []string{"<", "5", "0", "0", "0", " ", "c", "r", "backspace", "backspace", "d", "r", " ", "1", "9", "5",
		"backspace", "backspace", "backspace", "a", "c", "h", "backspace", "backspace", ">", "=", "1", "0"} {
		m, _ = press(t, m, k)
		s := txnTop(t, m)
		full := s
		full = full.reshow(false)
		if !slices.Equal(shownIDs(s), shownIDs(full)) {
			t.Fatalf("after %q (%q): incremental %d rows, full %d", k, s.filterText, len(s.shown), len(full.shown))
		}
		if !s.totals.debits.Equal(full.totals.debits) || !s.totals.credits.Equal(full.totals.credits) {
			t.Fatalf("after %q: totals differ", k)
		}
	}
}

func TestNarrowsOnlyWhenSafe(t *testing.T) {
	for _, c := range []struct {
		old, new string
		want     bool
	}{
		{"wir", "wire", true}, {"wire", "wir", false}, {">10", ">100", true}, {"<5", "<50", false},
		{"<50", "<5", true}, {"1", "19", true}, {"19", "195", true}, {"dr", "dr >5", true},
		{"d", "dr", false}, {">", ">1", true}, {"wire dr", "wire", false}, {"195", "1950", false},
	} {
		if got := parseFilter(c.new).narrows(parseFilter(c.old)); got != c.want {
			t.Errorf("%q after %q: narrows %v, want %v", c.new, c.old, got, c.want)
		}
	}
}

func TestTotalsAreExactAndFollowTheFilter(t *testing.T) {
	bank := standardTxnBank()
	m := openTxns(t, bank, 120, 40)
	s := txnTop(t, m)
	want := model.TotalTransactions(model.CurrencyOf("USD"), sampleTxns(60, "2026-11-20", 0))
	if !s.totals.debits.Equal(want.Debits) || !s.totals.credits.Equal(want.Credits) || s.totals.count != 60 {
		t.Fatalf("totals %+v want %+v", s.totals, want)
	}
	requireContains(t, screenText(m), "60 items · debits "+model.FormatAmount(want.Debits, 2),
		"net "+model.FormatAmount(want.Net(), 2))
	m, _ = press(t, m, "/", "c", "r")
	s = txnTop(t, m)
	if !s.totals.debits.IsZero() || !s.totals.credits.Equal(want.Credits) {
		t.Fatalf("credit filter totals %+v", s.totals)
	}
}

func TestReconciliation(t *testing.T) {
	prior := sampleTxns(12, "2026-11-19", 3)
	for _, c := range []struct {
		name, diff string
		want       []string
	}{
		{"pass", "0", []string{"✓ reconciled"}},
		{"fail", "0.01", []string{"✗ does not reconcile: difference 0.01"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			bank := standardTxnBank()
			bank.ledger["2026-11-19"] = ledgerFor("2026-11-19", prior, c.diff)
			m, _ := press(t, openTxns(t, bank, 120, 40), "2")
			if q := bank.queries[len(bank.queries)-1]; q.CurrentDay || !q.From.Equal(dPrior) {
				t.Fatalf("prior day query %+v", q)
			}
			requireContains(t, screenText(m), c.want...)
			// The filter shows fewer items; the day's check still counts all.
			m, _ = press(t, m, "/", "d", "r", "enter")
			requireContains(t, screenText(m), c.want...)
		})
	}
	t.Run("gap", func(t *testing.T) {
		bank := standardTxnBank()
		bank.gaps = map[string]error{rangeKey(dPrior, dPrior): fmt.Errorf("504")}
		m, _ := press(t, openTxns(t, bank, 120, 40), "2")
		requireContains(t, screenText(m), "not checked: the day's transactions are incomplete", "PARTIAL")
		requireLacks(t, screenText(m), "✓", "✗")
	})
	t.Run("today", func(t *testing.T) {
		// Today is open: no reconciliation, but the items so far explain
		// the dashboard's current ledger (the fixture's is consistent).
		text := screenText(openTxns(t, standardTxnBank(), 120, 40))
		requireContains(t, text, "today so far ✓", "4,235,195.66")
		requireLacks(t, text, "reconciled", "does not reconcile")
	})
	t.Run("today differs", func(t *testing.T) {
		m, _ := started(t, Options{Fetch: newBank(ok(typicalSnapshot())).Fetch, Transactions: standardTxnBank().Fetch}, 120, 40)
		m, _ = press(t, m, "enter")
		requireContains(t, screenText(m), "today so far: items give 4,235,195.66, current ledger 4,020,876.31, differs by -214,319.35")
	})
	t.Run("today without a balance", func(t *testing.T) {
		m, _ := started(t, Options{Fetch: newBank(ok(typicalSnapshot())).Fetch, Transactions: standardTxnBank().Fetch}, 120, 40)
		m = sendOnly(t, m, pushMsg{from: dash(m).id, s: newTxnScreen(m.common, dash(m).bk.bals[0].Account, nil)})
		requireContains(t, screenText(m), "today is not closed yet")
	})
}

func TestStalePagesAreDropped(t *testing.T) {
	m := openTxns(t, standardTxnBank(), 120, 40)
	old := txnTop(t, m).slot.ticket()
	m, _ = press(t, m, "2")
	if txnTop(t, m).slot.current(old) {
		t.Fatal("a new range supersedes the old fetch")
	}
	before := len(txnTop(t, m).rows)
	m = sendOnly(t, m, txnPageMsg{t: old, rows: prepareRows(sampleTxns(5, "2026-11-20", 9))})
	if len(txnTop(t, m).rows) != before {
		t.Fatal("a page of the superseded range was shown")
	}
}

func TestKeysWorkWhileLoading(t *testing.T) {
	bank := standardTxnBank()
	m, _ := started(t, Options{Fetch: newBank(ok(typicalSnapshot())).Fetch, Transactions: bank.Fetch}, 120, 40)
	m = sendOnly(t, m, pushMsg{from: dash(m).id, s: newTxnScreen(m.common, dash(m).bk.bals[0].Account, nil)})
	tk := txnTop(t, m).slot.ticket()
	pages := split(sampleTxns(60, "2026-11-20", 0), 25)
	m = sendOnly(t, m, txnPageMsg{t: tk, rows: prepareRows(pages[0]), batch: TxnBatch{Progress: TxnProgress{Windows: 1, PagesDone: 1, PagesKnown: 3}}})
	requireContains(t, screenText(m), "loading… windows 0/1 · pages 1/3", "25 items")
	m, _ = press(t, m, "j", "j")
	sel := txnTop(t, m).selected().ID
	m = sendOnly(t, m, txnPageMsg{t: tk, rows: prepareRows(pages[1])})
	if s := txnTop(t, m); s.selected().ID != sel || len(s.rows) != 50 {
		t.Fatal("a later page keeps the selection on the same item")
	}
	m = sendOnly(t, m, txnEndMsg{t: tk})
	requireLacks(t, screenText(m), "loading…")
}

func TestTypedDates(t *testing.T) {
	bank := standardTxnBank()
	m := openTxns(t, bank, 120, 40)
	m, _ = press(t, m, "d", "2", "0", "2", "6", "-", "1", "1", "-", "3", "0", "enter")
	requireContains(t, screenText(m), "2026-11-30 is after today")
	if !txnTop(t, m).CapturesText() {
		t.Fatal("a bad date keeps the entry open")
	}
	m, _ = press(t, m, "esc", "d")
	for _, r := range "2026-11-02 2026-11-06" {
		m, _ = press(t, m, string(r))
	}
	m, _ = press(t, m, "enter")
	q := bank.queries[len(bank.queries)-1]
	if q.From.Format(time.DateOnly) != "2026-11-02" || q.To.Format(time.DateOnly) != "2026-11-06" || q.CurrentDay {
		t.Fatalf("query %+v", q)
	}
	requireContains(t, screenText(m), "2026-11-02 – 2026-11-06 · 5 days", "reconciliation: choose a single closed day")
}

func TestPresets(t *testing.T) {
	today := dToday
	for p, want := range map[rangePreset][2]string{
		presetToday:  {"2026-11-20", "2026-11-20"},
		presetPrior:  {"2026-11-19", "2026-11-19"},
		presetLast5:  {"2026-11-16", "2026-11-20"},
		presetMTD:    {"2026-11-01", "2026-11-20"},
		presetLast31: {"2026-10-21", "2026-11-20"},
	} {
		r := presetRange(p, today, model.Account{})
		if got := [2]string{r.from.Format(time.DateOnly), r.to.Format(time.DateOnly)}; got != want {
			t.Errorf("%s: %v want %v", presetNames[p], got, want)
		}
	}
	// Monday's prior business day is Friday; the day after Thanksgiving's
	// is the Wednesday before it.
	if d := (model.Account{}).PriorBusinessDay(time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)); d.Day() != 20 {
		t.Errorf("prior of Monday 23rd: %v", d)
	}
	if d := (model.Account{}).PriorBusinessDay(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)); d.Day() != 25 {
		t.Errorf("prior of Friday after Thanksgiving: %v", d)
	}
}

func TestSortByAmountBothWays(t *testing.T) {
	m := openTxns(t, standardTxnBank(), 120, 40)
	m, _ = press(t, m, "s")
	s := txnTop(t, m)
	for n := 1; n < len(s.shown); n++ {
		if s.rows[s.shown[n-1]].t.Amount.GreaterThan(s.rows[s.shown[n]].t.Amount) {
			t.Fatal("amount order is ascending by size, debit or credit")
		}
	}
	requireContains(t, screenText(m), "sort: amount ▲")
	m, _ = press(t, m, "S")
	s = txnTop(t, m)
	if !s.rows[s.shown[0]].t.Amount.GreaterThanOrEqual(s.rows[s.shown[len(s.shown)-1]].t.Amount) {
		t.Fatal("S reverses")
	}
}

func TestPositionIndicator(t *testing.T) {
	m := openTxns(t, standardTxnBank(), 80, 24)
	requireContains(t, screenText(m), "rows 1–16 of 60")
	m, _ = press(t, m, "G")
	requireContains(t, screenText(m), "rows 45–60 of 60")
}

func TestTxnCapturingKeys(t *testing.T) {
	m := openTxns(t, standardTxnBank(), 120, 40)
	m, eff := press(t, m, "/", "q", "?", "r")
	if eff.quit || m.showHelp || txnTop(t, m).filterText != "q?r" {
		t.Fatalf("typing: quit %v help %v filter %q", eff.quit, m.showHelp, txnTop(t, m).filterText)
	}
}

func TestNoTransactionsAPI(t *testing.T) {
	m, _ := started(t, Options{Fetch: newBank(ok(typicalSnapshot())).Fetch}, 120, 40)
	m, _ = press(t, m, "enter")
	requireContains(t, screenText(m), "no transactions API configured")
}

func TestTotalsExactBeyondMillionths(t *testing.T) {
	txns := sampleTxns(4, "2026-11-20", 0)
	txns[0].DebitCredit, txns[0].Amount = model.Credit, decimal.RequireFromString("12345678901234.56") // too big for int64 millionths
	txns[1].DebitCredit, txns[1].Amount = model.Credit, decimal.RequireFromString("0.0000001")         // finer than millionths
	txns[2].DebitCredit, txns[2].Amount = model.Credit, decimal.RequireFromString("1.10")
	txns[3].DebitCredit, txns[3].Amount = model.Debit, decimal.RequireFromString("0.01")
	bank := &txnBank{pages: map[string][][]model.Transaction{rangeKey(dToday, dToday): {txns}}}
	s := txnTop(t, openTxns(t, bank, 120, 40))
	if want := decimal.RequireFromString("12345678901235.6600001"); !s.totals.credits.Equal(want) || !s.totals.debits.Equal(decimal.RequireFromString("0.01")) {
		t.Fatalf("credits %s debits %s", s.totals.credits, s.totals.debits)
	}
	m, _ := press(t, openTxns(t, bank, 120, 40), "/", ">", "1", "0", "0", "0")
	if s := txnTop(t, m); len(s.shown) != 1 || s.selected().Amount.String() != "12345678901234.56" {
		t.Fatalf("> over a huge amount: %d shown", len(s.shown))
	}
	m, _ = press(t, openTxns(t, bank, 120, 40), "/", "<", "0", ".", "0", "0", "0", "0", "0", "0", "2")
	if s := txnTop(t, m); len(s.shown) != 1 {
		t.Fatalf("< a sub-millionth: %d shown", len(s.shown))
	}
}

func TestHostileBankTextIsNeutralised(t *testing.T) {
	txns := sampleTxns(1, "2026-11-20", 0)
	txns[0] = withDescription(txns[0], "EVIL\x1b[2J\x1b]52;c;AAAA\x07NAME")
	txns[0].References.Customer = "REF\x1b[31m"
	txns[0].Narrative = []model.NarrativeLine{{Key: "REMARK\r", Text: "line\nbreak\x1b[H"}}
	bank := &txnBank{pages: map[string][][]model.Transaction{rangeKey(dToday, dToday): {txns}}}
	m, _ := press(t, openTxns(t, bank, 120, 40), "enter")
	frame := m.View().Content
	for _, bad := range []string{"\x1b[2J", "\x1b]52", "\x07", "\x1b[H", "\r", "\x1b[31mREF", "line\nbreak"} {
		if strings.Contains(frame, bad) {
			t.Fatalf("bank text reached the terminal raw: %q", bad)
		}
	}
	requireContains(t, screenText(m), "EVIL", "NAME")
}

// TestPagesInAnyOrderMergeAndTotal lands pages of several days out of
// order, with a filter typed in between: the rows end in book order and
// the incrementally kept totals equal a full recount.
func TestPagesInAnyOrderMergeAndTotal(t *testing.T) {
	m, _ := started(t, Options{Fetch: newBank(ok(typicalSnapshot())).Fetch}, 120, 40)
	m = sendOnly(t, m, pushMsg{from: dash(m).id, s: newTxnScreen(m.common, dash(m).bk.bals[0].Account, nil)})
	tk := txnTop(t, m).slot.ticket()
	var all []model.Transaction
	for i, day := range []string{"2026-11-19", "2026-11-17", "2026-11-20", "2026-11-18"} {
		page := sampleTxns(30, day, i*7)
		all = append(all, page...)
		m = sendOnly(t, m, txnPageMsg{t: tk, rows: prepareRows(page)})
		if i == 1 {
			m, _ = press(t, m, "/", "c", "r", "enter")
		}
	}
	s := txnTop(t, m)
	if !slices.IsSortedFunc(s.rows, compareRows) || len(s.rows) != len(all) {
		t.Fatalf("%d rows, sorted %v", len(s.rows), slices.IsSortedFunc(s.rows, compareRows))
	}
	full := s.sum(s.shown)
	if !s.totals.credits.Equal(full.credits) || !s.totals.debits.Equal(full.debits) || s.totals.count != full.count {
		t.Fatalf("kept totals %+v, recount %+v", s.totals, full)
	}
	var credits []model.Transaction
	for _, x := range all {
		if x.IsCredit() {
			credits = append(credits, x)
		}
	}
	if want := model.TotalTransactions(model.CurrencyOf("USD"), credits); !s.totals.credits.Equal(want.Credits) || s.totals.count != want.Count {
		t.Fatalf("credits %s want %s", s.totals.credits, want.Credits)
	}
}

func TestDroppedItemsAreSaid(t *testing.T) {
	m, _ := started(t, Options{Fetch: newBank(ok(typicalSnapshot())).Fetch}, 120, 40)
	m = sendOnly(t, m, pushMsg{from: dash(m).id, s: newTxnScreen(m.common, dash(m).bk.bals[0].Account, nil)})
	tk := txnTop(t, m).slot.ticket()
	m = sendOnly(t, m, txnPageMsg{t: tk, rows: prepareRows(sampleTxns(3, "2026-11-20", 0)), batch: TxnBatch{Duplicates: 2, OutsideRange: 1}})
	m = sendOnly(t, m, txnEndMsg{t: tk})
	requireContains(t, screenText(m), "the bank sent 2 items more than once; each is listed once",
		"1 item booked outside these days left to their own day")
}

// TestOrderingsCarriedAcrossPages: with every sort order built, pages that
// land (in any date order) renumber and merge the orders instead of sorting
// again; each must equal sorting all rows from scratch.
func TestOrderingsCarriedAcrossPages(t *testing.T) {
	m, _ := started(t, Options{Fetch: newBank(ok(typicalSnapshot())).Fetch}, 120, 40)
	m = sendOnly(t, m, pushMsg{from: dash(m).id, s: newTxnScreen(m.common, dash(m).bk.bals[0].Account, nil)})
	tk := txnTop(t, m).slot.ticket()
	for i, day := range []string{"2026-11-18", "2026-11-20", "2026-11-16", "2026-11-19", "2026-11-17"} {
		page := sampleTxns(40, day, i*3)
		page[0].Amount = page[1].Amount // a tie in amount
		m = sendOnly(t, m, txnPageMsg{t: tk, rows: prepareRows(page)})
		if i == 0 {
			m, _ = press(t, m, "s", "s", "s", "s") // build every order
		}
	}
	s := txnTop(t, m)
	for key := txnSortAmount; key < numTxnSorts; key++ {
		got := s.perms.by[key]
		if got == nil {
			t.Fatalf("%s order was dropped", txnSortNames[key])
		}
		if want := permutation(s.rows, key); !slices.Equal(got, want) {
			t.Fatalf("%s order carried over differs from a fresh sort", txnSortNames[key])
		}
	}
}

func TestProductionBadgeOnTransactions(t *testing.T) {
	bank := standardTxnBank()
	m, _ := started(t, Options{Env: EnvProduction, Fetch: newBank(ok(typicalSnapshot())).Fetch, Transactions: bank.Fetch}, 80, 24)
	m, _ = press(t, m, "enter")
	txnTop(t, m)
	if first := strings.SplitN(screenText(m), "\n", 2)[0]; !strings.Contains(first, "▲ PRODUCTION ▲") {
		t.Fatalf("header %q", first)
	}
}

func TestHaystackLowerCasesLikeStringsToLower(t *testing.T) {
	x := sampleTxns(1, "2026-11-20", 0)[0]
	x.Narrative = []model.NarrativeLine{{Key: "B/O", Text: "MÜLLER GmbH ÉTÉ Straße"}}
	x.References.Wire = "WIRE-ÅB"
	got := haystack(&x)
	for _, want := range []string{"müller gmbh été straße", "wire-åb", "inv-40000"} {
		if !strings.Contains(got, want) {
			t.Fatalf("%q lacks %q", got, want)
		}
	}
	m, _ := press(t, openTxns(t, &txnBank{pages: map[string][][]model.Transaction{rangeKey(dToday, dToday): {{x}}}}, 120, 40), "/")
	for _, r := range "MÜLLER" {
		m, _ = press(t, m, string(r))
	}
	if len(txnTop(t, m).shown) != 1 {
		t.Fatal("a non-ASCII capital in the query matches")
	}
}
