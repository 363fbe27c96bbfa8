package ui

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"cashpos/model"
)

// The scale benchmarks (issue 9): each key or refresh at 1k, 10k and 100k
// accounts, timed as the UI goroutine sees it — Update plus the frame after
// it. Work a command does off the UI goroutine is run untimed, except in
// the *Ready benchmarks, which time until the result is on screen.
//
//	go test ./ui/ -run '^$' -bench 'Scale' -benchmem -benchtime 20x

var dumpBytes = false

var scaleCounts = []int{1000, 10000, 100000}

// drain runs cmd and what follows from it, feeding messages to Update;
// timers are dropped (they are a minute away).
func drain(m Model, cmd tea.Cmd) Model {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil, timerSet:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			next, nc := m.Update(msg)
			m = next.(Model)
			queue = append(queue, nc)
		}
	}
	return m
}

// fetchAnswer runs a refresh's command (a batch of the fetch and its
// timers) and returns the fetch's answer.
func fetchAnswer(cmd tea.Cmd) tea.Msg {
	msg := cmd()
	batch, ok := msg.(tea.BatchMsg)
	if !ok {
		return msg
	}
	for _, c := range batch {
		if c == nil {
			continue
		}
		switch m := fetchAnswer(c).(type) {
		case snapshotMsg, fetchFailedMsg:
			return m
		}
	}
	return nil
}

func update(m Model, msg tea.Msg) (Model, tea.Cmd) {
	next, cmd := m.Update(msg)
	return next.(Model), cmd
}

func scaleModel(n int) Model {
	m := testModel(Options{Fetch: newBank(ok(benchBook(n))).Fetch})
	m, _ = update(m, tea.WindowSizeMsg{Width: 120, Height: 40})
	m = drain(m, m.Init())
	_ = m.View()
	return m
}

// BenchmarkScaleFilterKey is the first key of a filter ("1" matches about
// half the rows), from the whole book: the widest narrowing.
func BenchmarkScaleFilterKey(b *testing.B) {
	for _, n := range scaleCounts {
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			m := scaleModel(n)
			m, _ = update(m, keyMsg("/"))
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				m, _ = update(m, keyMsg("1"))
				_ = m.View()
				b.StopTimer()
				m, _ = update(m, keyMsg("backspace"))
				_ = m.View()
				b.StartTimer()
			}
		})
	}
}

// BenchmarkScaleFilterNextKey is a later key: "12" after "1".
func BenchmarkScaleFilterNextKey(b *testing.B) {
	for _, n := range scaleCounts {
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			m := scaleModel(n)
			m, _ = update(m, keyMsg("/"))
			m, _ = update(m, keyMsg("1"))
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				m, _ = update(m, keyMsg("2"))
				_ = m.View()
				b.StopTimer()
				m, _ = update(m, keyMsg("backspace"))
				_ = m.View()
				b.StartTimer()
			}
		})
	}
}

// BenchmarkScaleBackspace erases the filter's only letter: back to the
// whole book.
func BenchmarkScaleBackspace(b *testing.B) {
	for _, n := range scaleCounts {
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			m := scaleModel(n)
			m, _ = update(m, keyMsg("/"))
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				b.StopTimer()
				m, _ = update(m, keyMsg("1"))
				_ = m.View()
				b.StartTimer()
				m, _ = update(m, keyMsg("backspace"))
				_ = m.View()
			}
		})
	}
}

// BenchmarkScaleEsc clears a one-letter filter with esc.
func BenchmarkScaleEsc(b *testing.B) {
	for _, n := range scaleCounts {
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			m := scaleModel(n)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				b.StopTimer()
				m, _ = update(m, keyMsg("/"))
				m, _ = update(m, keyMsg("1"))
				m, _ = update(m, keyMsg("enter"))
				_ = m.View()
				b.StartTimer()
				m, _ = update(m, keyMsg("esc"))
				_ = m.View()
			}
		})
	}
}

// sortOnce times `s` (name sort) on a freshly loaded book, so no order is
// memoised yet: key is Update+View, ready until the sorted frame.
func sortOnce(b *testing.B, n int, ready bool) {
	m := scaleModel(n)
	snap := benchBook(n)
	// Shuffled: the book's names are generated in order, and a sort of
	// sorted input would flatter it.
	r := rand.New(rand.NewPCG(1, uint64(n)))
	r.Shuffle(len(snap.Balances), func(i, j int) { snap.Balances[i], snap.Balances[j] = snap.Balances[j], snap.Balances[i] })
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		var cmd tea.Cmd
		for dash(m).grid.sortBy != sortNone {
			m, cmd = update(m, keyMsg("s"))
			m = drain(m, cmd)
		}
		// A fresh book in snapshot order: no other order memoised yet.
		m, _ = update(m, keyMsg("r"))
		m, cmd = update(m, snapshotMsg{t: dash(m).slot.ticket(), snap: snap})
		m = drain(m, cmd)
		_ = m.View()
		runtime.GC() // the setup's garbage is not the sort's
		b.StartTimer()
		m, cmd = update(m, keyMsg("s"))
		if ready {
			m = drain(m, cmd)
		}
		_ = m.View()
	}
}

func BenchmarkScaleSortKey(b *testing.B) {
	for _, n := range scaleCounts {
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) { sortOnce(b, n, false) })
	}
}

func BenchmarkScaleSortReady(b *testing.B) {
	for _, n := range scaleCounts {
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) { sortOnce(b, n, true) })
	}
}

// BenchmarkScaleRefreshToFrame is what a landing refresh costs the UI
// goroutine: the fetch command (and whatever it prepares) runs untimed,
// then Update with its answer and the next frame are timed.
func BenchmarkScaleRefreshToFrame(b *testing.B) {
	for _, n := range scaleCounts {
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			m := scaleModel(n)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				b.StopTimer()
				var cmd tea.Cmd
				m, cmd = update(m, keyMsg("r"))
				msg := fetchAnswer(cmd)
				runtime.GC()
				b.StartTimer()
				m, _ = update(m, msg)
				_ = m.View()
			}
		})
	}
}

// BenchmarkScalePrepare is the refresh's preparation, which runs in the
// fetch command: off the UI goroutine.
func BenchmarkScalePrepare(b *testing.B) {
	for _, n := range scaleCounts {
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			m := scaleModel(n)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				var cmd tea.Cmd
				m, cmd = update(m, keyMsg("r"))
				_ = fetchAnswer(cmd)
			}
		})
	}
}

// BenchmarkBytesPerRefresh is a whole refresh as the terminal sees it, one
// balance changed: "refreshing…" appears, the new data lands, the header
// goes back to "auto every 60s".
func BenchmarkBytesPerRefresh(b *testing.B) {
	base := typicalSnapshot()
	changed := typicalSnapshot()
	changed.Balances = append([]model.Balance(nil), changed.Balances...)
	changed.Balances[7].EndingAvailable = amt("1198230.04")
	var calls atomic.Int64
	gate := make(chan struct{})
	fetch := func(ctx context.Context) (model.Snapshot, error) {
		n := calls.Add(1)
		if n > 1 {
			select { // hold the answer so that "refreshing…" is drawn first
			case <-gate:
			case <-ctx.Done():
				return model.Snapshot{}, ctx.Err()
			}
		}
		if n%2 == 0 {
			return changed, nil
		}
		return base, nil
	}
	w := newCountingWriter("Totals by currency")
	m := testModelRealTimers(Options{Fetch: fetch})
	p := tea.NewProgram(m, tea.WithOutput(w), tea.WithInput(nil), tea.WithWindowSize(120, 40),
		tea.WithColorProfile(colorprofile.ANSI), tea.WithEnvironment([]string{"TERM=xterm-256color"}),
		tea.WithoutSignalHandler())
	done := make(chan struct{})
	go func() { defer close(done); _, _ = p.Run() }()
	select {
	case <-w.seen:
	case <-time.After(10 * time.Second):
		b.Fatal("the loaded frame was never written")
	}
	w.settle(0)
	var total, refreshing int64
	i := 0
	b.ResetTimer()
	for b.Loop() {
		before := w.n.Load()
		p.Send(keyMsg("r"))
		mid := w.settle(before)
		gate <- struct{}{}
		total += w.settle(mid) - before
		refreshing += mid - before
		i++
	}
	if dumpBytes {
		w.mu.Lock()
		w.buf = []byte{}
		w.mu.Unlock()
		p.Send(keyMsg("r"))
		mid := w.settle(w.n.Load())
		gate <- struct{}{}
		w.settle(mid)
		w.mu.Lock()
		b.Logf("one refresh wrote %q", w.buf)
		w.mu.Unlock()
	}
	b.ReportMetric(float64(total)/float64(i), "bytes/refresh")
	b.ReportMetric(float64(refreshing)/float64(i), "bytes/refreshing-state")
	p.Quit()
	<-done
}
