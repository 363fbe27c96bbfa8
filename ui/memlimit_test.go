package ui

import (
	"runtime"
	"runtime/debug"
	"testing"
)

func TestMemoryLimitDefaultAndOverride(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	restore := applyMemoryLimit(func(string) string { return "" })
	if got := debug.SetMemoryLimit(-1); got != tuiMemoryLimit {
		t.Fatalf("limit %d, want the TUI default %d", got, tuiMemoryLimit)
	}
	runtime.GC() // the limit follows the (small) live heap: stays the default
	runtime.GC()
	if got := debug.SetMemoryLimit(-1); got != tuiMemoryLimit {
		t.Fatalf("limit %d after a collection of a small heap, want %d", got, tuiMemoryLimit)
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Fatalf("limit %d after restore, want %d", got, before)
	}
	restore = applyMemoryLimit(func(k string) string {
		if k == "GOMEMLIMIT" {
			return "off"
		}
		return ""
	})
	defer restore()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Fatalf("GOMEMLIMIT set: limit changed to %d", got)
	}
}

// A live heap near the limit must not make the collector run all the time:
// the limit steps aside (twice the live heap, Go's default) and returns
// when the heap shrinks.
func TestMemoryLimitStepsAsideForALargeLiveHeap(t *testing.T) {
	for _, tc := range []struct{ live, want int64 }{
		{10 << 20, tuiMemoryLimit},
		{96 << 20, tuiMemoryLimit}, // 100,000 transactions, filtered and sorted
		{tuiMemoryLimit * 7 / 8, tuiMemoryLimit},
		{tuiMemoryLimit*7/8 + 1, 2 * (tuiMemoryLimit*7/8 + 1)},
		{300 << 20, 600 << 20},
	} {
		if got := nextMemoryLimit(tc.live); got != tc.want {
			t.Errorf("live %d: limit %d, want %d", tc.live, got, tc.want)
		}
	}
}
