package ui

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/shopspring/decimal"

	"cashpos/model"
)

// benchTxns is n transactions built as the client's decoder leaves them
// (jpm txnShare): per page of 1,000, one shared part per kind and one
// narrative backing array; dates and narrative keys shared; the id,
// references, narrative text and amount each the item's own allocation.
func benchTxns(n int) []model.Transaction {
	out := make([]model.Transaction, 0, n)
	for p := 0; p < n; p += 1000 {
		out = append(out, benchTxnsFrom(p, min(1000, n-p))...)
	}
	return out
}

// benchTxnsFrom is items start..start+n-1 of the same book, as one page.
func benchTxnsFrom(start, n int) []model.Transaction {
	commons := kindCommons() // one per kind per page: the decoder shares within a page
	lines := make([]model.NarrativeLine, 0, 3*n)
	txns := make([]model.Transaction, n)
	for j := range txns {
		i := start + j
		k := i % len(txnKinds)
		amount := decimal.New(int64(i*7919%250000000+1250), -2)
		lines = append(lines,
			model.NarrativeLine{Key: "YOUR REF", Text: fmt.Sprintf("INV-%07d", i)},
			model.NarrativeLine{Key: "B/O CUSTOMER", Text: fmt.Sprintf("CUSTOMER %06d LLC 1 MAIN ST SPRINGFIELD", i%50000)},
			model.NarrativeLine{Key: "REMARK", Text: fmt.Sprintf("PAYMENT FOR SERVICES RENDERED PER CONTRACT %d", i%997)})
		txns[j] = model.Transaction{
			ID:           fmt.Sprintf("TXN-C-12342009-20261120-%06d", i),
			TxnCommon:    commons[k],
			AsOfDate:     "2026-11-20",
			ValueDate:    "2026-11-20",
			DebitCredit:  txnKinds[k].dc,
			Amount:       amount,
			References:   model.References{Customer: fmt.Sprintf("INV-%07d", i), Bank: fmt.Sprintf("FT2611%08d", i)},
			Narrative:    lines[3*j : 3*j+3 : 3*j+3],
			Availability: model.NewAvailability(decimal.NewNullDecimal(amount), none, none, none, none),
		}
	}
	return txns
}

// benchTxnModel is the root with a transactions screen holding n items,
// landed as one page, at 120x40.
func benchTxnModel(tb testing.TB, n int) Model {
	tb.Helper()
	m := testModel(Options{Fetch: newBank(ok(typicalSnapshot())).Fetch})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m = next.(Model)
	a := model.Account{ID: "000000012342009", Label: "Operating", Currency: model.CurrencyOf("USD")}
	m = sendOnly(tb, m, pushMsg{from: dash(m).id, s: newTxnScreen(m.common, a, nil)})
	s := m.top().(txnScreen)
	m = sendOnly(tb, m, txnPageMsg{t: s.slot.ticket(), rows: prepareRows(benchTxns(n))})
	m = sendOnly(tb, m, txnEndMsg{t: s.slot.ticket()})
	if got := len(m.top().(txnScreen).rows); got != n {
		tb.Fatalf("rows %d", got)
	}
	return m
}

// BenchmarkTxnFilterKeystroke is one key typed into the filter with
// 100,000 transactions loaded, and the frame after it:
//   - first: the first character, from no filter to "a" (every row),
//   - narrow: "ac" → "ach", a longer query, so only what "ac" showed is
//     searched (here every row, and most lack "ach": the worst case),
//   - full: a key that widens the query ("<500" → "<5000"), so every row
//     is filtered again.
func BenchmarkTxnFilterKeystroke(b *testing.B) {
	m := benchTxnModel(b, 100_000)
	m = pressB(b, m, "/")
	b.Run("first", func(b *testing.B) {
		for b.Loop() {
			x := pressB(b, m, "a")
			_ = x.View()
		}
	})
	b.Run("narrow", func(b *testing.B) {
		base := pressB(b, m, "a", "c")
		for b.Loop() {
			x := pressB(b, base, "h") // "ac" → "ach": narrows the 'ac' result
			_ = x.View()
		}
	})
	b.Run("full", func(b *testing.B) {
		base := pressB(b, m, "<", "5", "0", "0")
		for b.Loop() {
			x := pressB(b, base, "0") // "<500" → "<5000": wider, so every row again
			_ = x.View()
		}
	})
}

func pressB(_ testing.TB, m Model, keys ...string) Model {
	for _, k := range keys {
		next, _ := m.Update(keyMsg(k))
		m = next.(Model)
	}
	return m
}

// TestTxnMemory100k reports the whole process's peak RSS (VmHWM) with
// 100,000 transactions loaded, filtered and drawn. They arrive as 100 pages
// of 1,000, each built (as the decoder would) just before it lands, so the
// peak is that of a real load rather than of building 100,000 at once.
// Run it alone, in its own process (VmHWM only grows):
//
//	CASHPOS_MEM=1 go test ./ui/ -run TestTxnMemory100k -count=1 -v
//	CASHPOS_MEM=tui go test ./ui/ -run TestTxnMemory100k -count=1 -v
//
// The second runs under the soft memory limit Run sets for the TUI
// (tuiMemoryLimit, unless GOMEMLIMIT is set), the first under Go's default.
func TestTxnMemory100k(t *testing.T) {
	switch os.Getenv("CASHPOS_MEM") {
	case "":
		t.Skip("set CASHPOS_MEM=1 (Go's default collector) or CASHPOS_MEM=tui (the TUI's memory limit) to measure")
	case "tui":
		defer applyMemoryLimit(os.Getenv)()
	}
	m := testModel(Options{Fetch: newBank(ok(typicalSnapshot())).Fetch})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m = next.(Model)
	a := model.Account{ID: "000000012342009", Label: "Operating", Currency: model.CurrencyOf("USD")}
	m = sendOnly(t, m, pushMsg{from: dash(m).id, s: newTxnScreen(m.common, a, nil)})
	tk := m.top().(txnScreen).slot.ticket()
	for p := range 100 {
		m = sendOnly(t, m, txnPageMsg{t: tk, rows: prepareRows(benchTxnsFrom(p*1000, 1000))})
		_ = m.View()
	}
	m = sendOnly(t, m, txnEndMsg{t: tk})
	if n := len(m.top().(txnScreen).rows); n != 100_000 {
		t.Fatalf("rows %d", n)
	}
	m = pressB(t, m, "/", "a", "c", "h", "enter", "s")
	_ = m.View()
	debug.FreeOSMemory()
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc")
	}
	for _, l := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(l, "VmHWM") || strings.HasPrefix(l, "VmRSS") {
			t.Log(strings.Join(strings.Fields(l), " "))
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("Go heap in use %d MB", ms.HeapInuse>>20)
	if path := os.Getenv("CASHPOS_MEMPROF"); path != "" { // where the live heap goes
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := pprof.WriteHeapProfile(f); err != nil {
			t.Fatal(err)
		}
	}
	runtime.KeepAlive(m)
}

// BenchmarkTxnLoad100Pages lands 100,000 transactions as 100 pages of
// 1,000 (the bank's largest page) in date order, with a frame after each:
// the work the UI goroutine does while a long range loads. Rows are
// prepared outside the timer, as the fetch command does.
func BenchmarkTxnLoad100Pages(b *testing.B) {
	all := benchTxns(100_000)
	pages := make([][]txnRow, 100)
	for p := range pages {
		pages[p] = prepareRows(all[p*1000 : (p+1)*1000])
	}
	m := testModel(Options{Fetch: newBank(ok(typicalSnapshot())).Fetch})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m = next.(Model)
	a := model.Account{ID: "000000012342009", Label: "Operating", Currency: model.CurrencyOf("USD")}
	b.ResetTimer()
	for b.Loop() {
		x := sendOnly(b, m, pushMsg{from: dash(m).id, s: newTxnScreen(m.common, a, nil)})
		tk := x.top().(txnScreen).slot.ticket()
		for _, rows := range pages {
			x = sendOnly(b, x, txnPageMsg{t: tk, rows: rows})
			_ = x.View()
		}
	}
}

// BenchmarkTxnLoad100PagesSortedByAmount is the same load with the list
// sorted by amount: each page's orderings are carried over, not re-sorted.
func BenchmarkTxnLoad100PagesSortedByAmount(b *testing.B) {
	all := benchTxns(100_000)
	pages := make([][]txnRow, 100)
	for p := range pages {
		pages[p] = prepareRows(all[p*1000 : (p+1)*1000])
	}
	m := testModel(Options{Fetch: newBank(ok(typicalSnapshot())).Fetch})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m = next.(Model)
	a := model.Account{ID: "000000012342009", Label: "Operating", Currency: model.CurrencyOf("USD")}
	b.ResetTimer()
	for b.Loop() {
		x := sendOnly(b, m, pushMsg{from: dash(m).id, s: newTxnScreen(m.common, a, nil)})
		x = pressB(b, x, "s")
		tk := x.top().(txnScreen).slot.ticket()
		for _, rows := range pages {
			x = sendOnly(b, x, txnPageMsg{t: tk, rows: rows})
			_ = x.View()
		}
	}
}
