//go:build scale

package ui

import (
	"runtime"
	"testing"
)

// TestScaleMemory reports what the dashboard keeps per account: the live
// heap of a 100,000-row snapshot alone, and with its book and display
// order, after a GC. Run: go test -tags scale -run ScaleMemory -v ./ui/
func TestScaleMemory(t *testing.T) {
	const n = 100000
	heap := func() uint64 {
		runtime.GC()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	base := heap()
	snap := benchBook(n)
	withSnap := heap()
	bk := prepareBook(snap)
	k := keyFor(sortNone, false, classifyCtx{})
	bk.memoPerm(k, computePerm(bk, k, classifyCtx{}))
	withBook := heap()
	t.Logf("snapshot: %.0f B/account; book on top: %.0f B/account; total %.1f MB",
		float64(withSnap-base)/n, float64(withBook-withSnap)/n, float64(withBook-base)/1e6)
	runtime.KeepAlive(bk)
}
