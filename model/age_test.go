package model

import (
	"strings"
	"testing"
	"time"
)

func TestKnownAgeOnlyFromRecordTime(t *testing.T) {
	now := time.Date(2026, 11, 20, 15, 4, 0, 0, time.UTC)
	v1 := Balance{AsOfDate: "2026-11-20", CurrentDay: true, RecordTime: now.Add(-4 * time.Minute), FetchedAt: now}
	if age, ok := KnownAge(v1, now); !ok || age != 4*time.Minute {
		t.Errorf("v1 row: KnownAge = %v, %v; want 4m, true", age, ok)
	}
	if got := AgeText(v1, now); got != "4m" {
		t.Errorf("v1 row: AgeText = %q, want 4m", got)
	}
	// BDA v2: no record time. Fetched a minute ago says nothing of how old
	// the figures are: the age is unknown, not "now".
	bda := Balance{AsOfDate: "2026-11-20", CurrentDay: true, FetchedAt: now.Add(-time.Minute), Account: Account{API: APIBDAV2}}
	if age, ok := KnownAge(bda, now); ok {
		t.Errorf("BDA row: KnownAge = %v, true; want unknown", age)
	}
	if got := AgeText(bda, now); got != "—" {
		t.Errorf("BDA row: AgeText = %q, want —", got)
	}
}

func TestFreshnessReason(t *testing.T) {
	now := time.Date(2026, 11, 20, 15, 4, 0, 0, time.UTC)
	th := DefaultThresholds
	bda := func(asOf string, fetched time.Duration) Balance {
		return Balance{AsOfDate: asOf, CurrentDay: true, FetchedAt: now.Add(-fetched), Account: Account{API: APIBDAV2}}
	}
	v1 := Balance{AsOfDate: "2026-11-20", CurrentDay: true, RecordTime: now.Add(-3 * time.Hour), FetchedAt: now}
	cases := []struct {
		name    string
		b       Balance
		offline bool
		want    Freshness
		reason  string
	}{
		{"v1 by record time", v1, false, Stale, "record 3h00m old, over 2h"},
		{"BDA just fetched", bda("2026-11-20", 0), false, Fresh, "fetched just now; " + NoRecordTime},
		// Fetched 45 minutes ago: the figures are at least that old.
		{"BDA fetched a while ago", bda("2026-11-20", 45*time.Minute), false, Aging, "fetched 45m ago, over 30m; " + NoRecordTime},
		{"BDA not rolled to today", bda("2026-11-19", 0), false, Stale, "as of 2026-11-19, not today in the account's time zone"},
		{"BDA offline", bda("2026-11-20", 10*time.Minute), true, Offline, "last good data, fetched 10m ago; this refresh could not read the account"},
		{"prior day", Balance{AsOfDate: "2026-11-19", FetchedAt: now}, false, PriorDay, "a prior day's closing figures"},
	}
	for _, c := range cases {
		f := Classify(c.b, now, th, c.offline)
		if f != c.want {
			t.Errorf("%s: Classify = %v, want %v", c.name, f, c.want)
		}
		if got := FreshnessReason(c.b, f, now, th); got != c.reason {
			t.Errorf("%s: reason = %q, want %q", c.name, got, c.reason)
		}
	}
	if r := FreshnessReason(bda("2026-11-20", 0), Fresh, now, th); !strings.Contains(r, "no record time for BDA") {
		t.Errorf("a BDA row's reason %q does not say the bank sends no record time", r)
	}
}
