package ui

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/shopspring/decimal"

	"cashpos/model"
)

// benchTxns is n transactions whose strings are each allocated once, as
// the JSON decoder would (shared literals would understate memory, and
// building then replacing them would overstate the peak).
func benchTxns(n int) []model.Transaction { return benchTxnsFrom(0, n) }

// benchTxnsFrom is items start..start+n-1 of the same book.
func benchTxnsFrom(start, n int) []model.Transaction {
	cats := model.DefaultCategories()
	txns := make([]model.Transaction, n)
	for j := range txns {
		i := start + j
		k := txnKinds[i%len(txnKinds)]
		amount := decimal.New(int64(i*7919%250000000+1250), -2)
		txns[j] = model.Transaction{
			ID:          fmt.Sprintf("TXN-C-12342009-20261120-%06d", i),
			AccountID:   strings.Clone("000000012342009"),
			Currency:    model.CurrencyOf("USD"),
			AsOfDate:    strings.Clone("2026-11-20"),
			ValueDate:   strings.Clone("2026-11-20"),
			DebitCredit: k.dc,
			Amount:      amount,
			BAI:         model.BAIType{Code: strings.Clone(k.code), Description: strings.Clone(k.baiDesc), GroupCode: groupOf(k.code)},
			Category:    cats.Of(k.code),
			Description: strings.Clone(k.desc),
			FundsType:   "SAME",
			Status:      "O",
			References:  model.References{Customer: fmt.Sprintf("INV-%07d", i), Bank: fmt.Sprintf("FT2611%08d", i)},
			Narrative: []model.NarrativeLine{
				{Key: "YOUR REF", Text: fmt.Sprintf("INV-%07d", i)},
				{Key: "B/O CUSTOMER", Text: fmt.Sprintf("CUSTOMER %06d LLC 1 MAIN ST SPRINGFIELD", i%50000)},
				{Key: "REMARK", Text: fmt.Sprintf("PAYMENT FOR SERVICES RENDERED PER CONTRACT %d", i%997)},
			},
			Availability: model.Availability{Immediate: decimal.NullDecimal{Decimal: amount, Valid: true}},
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
	m = sendOnly(tb, m, pushMsg{from: dash(m).id, s: newTxnScreen(m.common, a)})
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
// Run it alone:
//
//	CASHPOS_MEM=1 go test ./ui/ -run TestTxnMemory100k -count=1 -v
func TestTxnMemory100k(t *testing.T) {
	if os.Getenv("CASHPOS_MEM") == "" {
		t.Skip("set CASHPOS_MEM=1 to measure")
	}
	m := testModel(Options{Fetch: newBank(ok(typicalSnapshot())).Fetch})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m = next.(Model)
	a := model.Account{ID: "000000012342009", Label: "Operating", Currency: model.CurrencyOf("USD")}
	m = sendOnly(t, m, pushMsg{from: dash(m).id, s: newTxnScreen(m.common, a)})
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
		x := sendOnly(b, m, pushMsg{from: dash(m).id, s: newTxnScreen(m.common, a)})
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
		x := sendOnly(b, m, pushMsg{from: dash(m).id, s: newTxnScreen(m.common, a)})
		x = pressB(b, x, "s")
		tk := x.top().(txnScreen).slot.ticket()
		for _, rows := range pages {
			x = sendOnly(b, x, txnPageMsg{t: tk, rows: rows})
			_ = x.View()
		}
	}
}
