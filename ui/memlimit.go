package ui

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// tuiMemoryLimit is the soft memory limit the TUI runs under unless the
// GOMEMLIMIT environment variable says otherwise (any value, "off"
// included, is respected: the runtime has already applied it).
//
// Why: Go's collector lets the heap grow to twice the live heap before it
// collects (GOGC=100). Loading 100,000 transactions keeps ~75 MB live and
// allocates steadily while pages arrive, so the process peaked well above
// the 150 MB the issue allows (BENCHMARKS.md, "Transactions screen"),
// although it settles far lower. The soft limit makes the collector run
// earlier as the heap nears it, capping the peak; below half the limit
// nothing changes.
//
// A limit below what the program really needs would make the collector
// run nearly all the time (a 100,000-account dashboard may hold more than
// this live). So after every collection the limit follows nextMemoryLimit:
// once the live heap passes seven eighths of the limit (less than 15 MiB
// of room), the limit becomes twice the live heap — Go's default
// behaviour — and it comes back when the live heap shrinks. 100,000
// loaded transactions are 80–96 MiB live (the peak while the list is
// filtered and sorted), so they run under the limit. The limit trades
// some CPU for memory, never correctness.
const tuiMemoryLimit = 120 << 20

// nextMemoryLimit is the limit after a collection that left live bytes.
func nextMemoryLimit(live int64) int64 {
	if live > tuiMemoryLimit*7/8 {
		return 2 * live
	}
	return tuiMemoryLimit
}

// applyMemoryLimit sets the TUI's limit unless GOMEMLIMIT is set, keeps it
// following the live heap, and returns the function that stops that and
// restores the previous limit.
func applyMemoryLimit(getenv func(string) string) (restore func()) {
	if getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	prev := debug.SetMemoryLimit(tuiMemoryLimit)
	var (
		mu      sync.Mutex // a late collection's update cannot undo the restore
		stopped atomic.Bool
	)
	afterEachGC(&stopped, func() {
		mu.Lock()
		defer mu.Unlock()
		if live, ok := liveHeap(); ok && !stopped.Load() {
			debug.SetMemoryLimit(nextMemoryLimit(live))
		}
	})
	return func() {
		mu.Lock()
		defer mu.Unlock()
		stopped.Store(true)
		debug.SetMemoryLimit(prev)
	}
}

// gcSentinel is garbage whose finalizer runs after the collection that
// found it; it holds a pointer so it is never tiny-allocated (tiny
// objects' finalizers may never run).
type gcSentinel struct{ _ *int }

// afterEachGC runs fn (on the finalizer goroutine) after every collection
// until stopped.
func afterEachGC(stopped *atomic.Bool, fn func()) {
	runtime.SetFinalizer(&gcSentinel{}, func(*gcSentinel) {
		if stopped.Load() {
			return
		}
		fn()
		afterEachGC(stopped, fn)
	})
}

// liveHeap is the heap the last collection found live.
func liveHeap() (int64, bool) {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0, false
	}
	return int64(s[0].Value.Uint64()), true
}
