package ui

import (
	"bytes"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"cashpos/model"
)

// benchBook is n accounts in ten groups and five currencies.
func benchBook(n int) model.Snapshot {
	ccys := []string{"USD", "EUR", "GBP", "JPY", "BHD"}
	bs := make([]model.Balance, n)
	for i := range bs {
		a := acct{fmt.Sprintf("%015d", 100000+i), fmt.Sprintf("Account %05d", i), "",
			fmt.Sprintf("Region %d", i%10), ccys[i%len(ccys)]}
		v := fmt.Sprintf("%d.%03d", 1000+i*37, i%1000)
		if i%7 == 0 {
			v = "-" + v
		}
		rec := testNow.Add(-time.Duration(i%180) * time.Minute)
		bs[i] = bal(a, v, v, v, v, today, rec, true)
	}
	return model.Snapshot{Balances: bs, FetchedAt: testNow}
}

func benchModel(tb testing.TB, n int) Model {
	m := testModel(Options{Fetch: newBank(ok(benchBook(n))).Fetch})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m = next.(Model)
	next, _ = m.Update(snapshotMsg{t: dash(m).slot.ticket(), snap: benchBook(n)})
	m = next.(Model)
	if len(dash(m).bk.rows) != n {
		tb.Fatalf("rows %d", len(dash(m).bk.rows))
	}
	return m
}

var accountCounts = []int{100, 1000, 10000}

// BenchmarkView is one frame: what the renderer asks for after a message.
func BenchmarkView(b *testing.B) {
	for _, n := range accountCounts {
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			m := benchModel(b, n)
			_ = m.View()
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}

// BenchmarkMoveAndView is one key press that moves the selection, and the
// frame after it: two rows miss the cache.
func BenchmarkMoveAndView(b *testing.B) {
	for _, n := range accountCounts {
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			m := benchModel(b, n)
			keys := [2]tea.KeyPressMsg{keyMsg("j"), keyMsg("k")}
			b.ReportAllocs()
			b.ResetTimer()
			i := 0
			for b.Loop() {
				next, _ := m.Update(keys[i%2])
				m = next.(Model)
				_ = m.View()
				i++
			}
		})
	}
}

// TestViewCostIndependentOfBookSize is the deterministic guard behind the
// benchmark: a frame allocates the same at 10,000 accounts as at 100.
func TestViewCostIndependentOfBookSize(t *testing.T) {
	allocs := map[int]float64{}
	for _, n := range []int{100, 10000} {
		m := benchModel(t, n)
		keys := [2]tea.KeyPressMsg{keyMsg("j"), keyMsg("k")}
		i := 0
		allocs[n] = testing.AllocsPerRun(50, func() {
			next, _ := m.Update(keys[i%2])
			m = next.(Model)
			_ = m.View()
			i++
		})
	}
	if allocs[10000] > allocs[100]*1.5 {
		t.Fatalf("allocs per move+frame: %v at 100, %v at 10000", allocs[100], allocs[10000])
	}
}

// countingWriter counts bytes the program writes to the "terminal" and
// remembers whether a marker text has been written, so a test can wait for a
// frame by its content rather than by timing.
type countingWriter struct {
	n      atomic.Int64
	mu     sync.Mutex
	buf    []byte
	marker []byte
	seen   chan struct{}
}

func newCountingWriter(marker string) *countingWriter {
	return &countingWriter{marker: []byte(marker), seen: make(chan struct{})}
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	if w.buf != nil || w.n.Load() == 0 {
		w.buf = append(w.buf, p...)
		if bytes.Contains(w.buf, w.marker) {
			close(w.seen)
			w.buf = nil // stop collecting: only the first full frame matters
		}
	}
	w.n.Add(int64(len(p)))
	w.mu.Unlock()
	return len(p), nil
}

// settle waits until the output has been quiet for a few frame periods,
// after it first moves from before (or a timeout if nothing is written).
func (w *countingWriter) settle(before int64) int64 {
	deadline := time.Now().Add(2 * time.Second)
	for w.n.Load() == before && time.Now().Before(deadline) {
		time.Sleep(2 * time.Millisecond)
	}
	last, quiet := w.n.Load(), 0
	for quiet < 5 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		if cur := w.n.Load(); cur != last {
			last, quiet = cur, 0
			continue
		}
		quiet++
	}
	return last
}

// wireRig runs the real program (renderer included) over a counting writer
// at 120x40, with the book loaded and the first frame drawn.
type wireRig struct {
	p          *tea.Program
	w          *countingWriter
	done       chan struct{}
	firstFrame int64
	snaps      [2]model.Snapshot
	t          ticket // the first fetch's, which every change answers
}

func newWireRig(tb testing.TB) *wireRig {
	tb.Helper()
	base := typicalSnapshot()
	changed := typicalSnapshot()
	changed.Balances = append([]model.Balance(nil), changed.Balances...)
	changed.Balances[7].EndingAvailable = amt("1198230.04") // London Ops: one digit moves
	// The loaded frame is the first to carry the totals heading.
	r := &wireRig{w: newCountingWriter("Totals by currency"), done: make(chan struct{}), snaps: [2]model.Snapshot{changed, base}}
	landedFirst := make(chan struct{}, 1)
	filter := func(_ tea.Model, msg tea.Msg) tea.Msg {
		if _, ok := msg.(snapshotMsg); ok {
			select {
			case landedFirst <- struct{}{}:
			default:
			}
		}
		return msg
	}
	m := testModelRealTimers(Options{Fetch: newBank(ok(base)).Fetch})
	r.t = dash(m).slot.ticket()
	r.p = tea.NewProgram(m,
		tea.WithOutput(r.w), tea.WithInput(nil), tea.WithWindowSize(120, 40),
		tea.WithColorProfile(colorprofile.ANSI),
		tea.WithEnvironment([]string{"TERM=xterm-256color"}),
		tea.WithoutSignalHandler(), tea.WithFilter(filter))
	go func() {
		defer close(r.done)
		_, _ = r.p.Run()
	}()
	select {
	case <-landedFirst:
	case <-time.After(5 * time.Second):
		tb.Fatal("first snapshot did not land")
	}
	select {
	case <-r.w.seen:
	case <-time.After(10 * time.Second):
		tb.Fatal("the loaded frame was never written")
	}
	r.firstFrame = r.w.settle(0)
	return r
}

// change sends one snapshot in which one balance changed and returns the
// bytes written for it.
func (r *wireRig) change(i int) int64 {
	before := r.w.n.Load()
	r.p.Send(snapshotMsg{t: r.t, snap: r.snaps[i%2]})
	return r.w.settle(before) - before
}

func (r *wireRig) stop() {
	r.p.Quit()
	<-r.done
}

// testModelRealTimers is the test model with tea.Tick timers (they are a
// minute away and never fire during a measurement).
func testModelRealTimers(o Options) Model {
	m := testModel(o)
	m.after = teaAfter
	return m
}

func BenchmarkBytesPerBalanceChange(b *testing.B) {
	r := newWireRig(b)
	defer r.stop()
	var total int64
	i := 0
	b.ResetTimer()
	for b.Loop() {
		total += r.change(i)
		i++
	}
	b.ReportMetric(float64(total)/float64(i), "bytes/update")
	b.ReportMetric(float64(r.firstFrame), "bytes/first-frame")
}

func TestBytesPerBalanceChange(t *testing.T) {
	r := newWireRig(t)
	defer r.stop()
	for i := range 4 {
		n := r.change(i)
		if n == 0 || n >= 200 {
			t.Fatalf("update %d wrote %d bytes, want 1..199", i, n)
		}
	}
}
