package ui

import "runtime/debug"

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
// nothing changes. It is soft: if the live heap ever needs more, the
// program keeps working — the runtime spends at most about half the CPU
// on collection and then lets the heap grow past the limit — so it trades
// some CPU near the limit for memory, never correctness.
const tuiMemoryLimit = 120 << 20

// applyMemoryLimit sets tuiMemoryLimit unless GOMEMLIMIT is set, and
// returns the function that restores the previous limit.
func applyMemoryLimit(getenv func(string) string) (restore func()) {
	if getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	prev := debug.SetMemoryLimit(tuiMemoryLimit)
	return func() { debug.SetMemoryLimit(prev) }
}
