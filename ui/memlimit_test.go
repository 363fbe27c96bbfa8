package ui

import (
	"runtime/debug"
	"testing"
)

func TestMemoryLimitDefaultAndOverride(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	restore := applyMemoryLimit(func(string) string { return "" })
	if got := debug.SetMemoryLimit(-1); got != tuiMemoryLimit {
		t.Fatalf("limit %d, want the TUI default %d", got, tuiMemoryLimit)
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
