package mock

import (
	"math"
	"testing"
	"time"
)

func TestMoneyFormat(t *testing.T) {
	cases := []struct {
		m    money
		dec  int
		want string
	}{
		{0, 2, "0.00"}, {5, 2, "0.05"}, {-5, 2, "-0.05"}, {-123, 2, "-1.23"}, {123456, 0, "123456"},
		{-7, 3, "-0.007"}, {4821390011725431, 2, "48213900117254.31"}, {math.MinInt64, 2, "-92233720368547758.08"},
	}
	for _, c := range cases {
		if got := c.m.format(c.dec); got != c.want {
			t.Errorf("%d/%d: %s, want %s", c.m, c.dec, got, c.want)
		}
		if c.m != math.MinInt64 {
			if back, err := parseMoney(c.want, c.dec); err != nil || back != c.m {
				t.Errorf("parse %s: %d %v", c.want, back, err)
			}
		}
	}
	for _, bad := range []string{"1.2", "1", "1.234", "", ".12", "1.2x"} {
		if _, err := parseMoney(bad, 2); err == nil {
			t.Errorf("parseMoney(%q) accepted", bad)
		}
	}
}

func TestDates(t *testing.T) {
	d, ok := parseDate("2024-02-29")
	if !ok || d.String() != "2024-02-29" || (d+1).String() != "2024-03-01" {
		t.Fatalf("leap day: %v %s", ok, d)
	}
	for _, bad := range []string{"2023-02-29", "2024-2-29", "20240229", "2024-02-29T00:00:00Z", ""} {
		if _, ok := parseDate(bad); ok {
			t.Errorf("parseDate(%q) accepted", bad)
		}
	}
	ny, _ := time.LoadLocation("America/New_York")
	if got := dateOf(time.Date(2025, 3, 12, 3, 0, 0, 0, time.UTC), ny).String(); got != "2025-03-11" {
		t.Errorf("03:00Z in New York is %s", got)
	}
	// A DST day (23 hours) books every item inside the day without overflow:
	// each cycle is the opening plus the items so far, and the last one ends
	// at the day's closing ledger.
	b := New(Options{})
	a := b.v1ByID["000000010013324"]
	dst := civil(2025, 3, 9)
	var s snapshot
	for c := cycleIndex(dst.midnight(ny)); c < cycleIndex((dst + 1).midnight(ny)); c++ {
		s = b.intraday(a, dst, c)
		if _, net := bookedBy(b.dayBooked(a, dst), cycleStart(c)); s.endLedger != s.openLedger+net {
			t.Fatalf("cycle %d: %s is not the opening plus the items", c, s.endLedger.format(2))
		}
	}
	if s.endLedger != b.closingLedger(a, dst) {
		t.Errorf("the DST day's last cycle %s, closing %s", s.endLedger.format(2), b.closingLedger(a, dst).format(2))
	}
}
