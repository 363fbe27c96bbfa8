package model

import (
	"strings"
	"time"
)

// NoRecordTime is why a BDA row has no age: BDA v2 answers with an as-of
// date but no record time, so when the figures were last moved is unknown.
const NoRecordTime = "the bank sends no record time for BDA accounts"

// KnownAge is how old the row's figures are at now by the bank's record
// time, and false when the bank sent none (BDA v2). The time we fetched a
// row says when we asked, not how old its figures are: shown as their age
// it would be a guess presented as fact. (Age, which falls back to the
// fetch time, still judges staleness: a row fetched hours ago is at least
// that old.)
func KnownAge(b Balance, now time.Time) (time.Duration, bool) {
	if b.RecordTime.IsZero() {
		return 0, false
	}
	return max(now.Sub(b.RecordTime), 0), true
}

// AgeText is the row's age for a narrow column: FormatAge of its known age,
// or "—" when the bank sent no record time.
func AgeText(b Balance, now time.Time) string {
	age, ok := KnownAge(b, now)
	if !ok {
		return "—"
	}
	return FormatAge(age)
}

// FreshnessReason says in a few words why a row has the marker f (as
// Classify gave it at now): what its age was judged from, and against
// which threshold. For a row without a record time it says that the bank
// sends none and the marker comes from the as-of date and the fetch time.
func FreshnessReason(b Balance, f Freshness, now time.Time, th Thresholds) string {
	switch {
	case f == Offline && b.FetchedAt.IsZero():
		return "last good data; this refresh could not read the account"
	case f == Offline:
		return "last good data, fetched " + ago(now.Sub(b.FetchedAt)) + "; this refresh could not read the account"
	case f == PriorDay && !b.CurrentDay:
		return "a prior day's closing figures"
	case f == PriorDay:
		return "the last business day's figures; the bank does not move balances today"
	case f == Stale && b.AsOfDate != now.In(b.Account.Location()).Format(time.DateOnly):
		return "as of " + b.AsOfDate + ", not today in the account's time zone"
	}
	over := ""
	switch f {
	case Aging:
		over = ", over " + threshold(th.Aging)
	case Stale:
		over = ", over " + threshold(th.Stale)
	}
	if age, ok := KnownAge(b, now); ok {
		return "record " + FormatAge(age) + " old" + over
	}
	return "fetched " + ago(Age(b, now)) + over + "; " + NoRecordTime
}

// ago is "just now" or "4m ago".
func ago(d time.Duration) string {
	if d < time.Minute {
		return "just now"
	}
	return FormatAge(d) + " ago"
}

// threshold is a configured limit in words: "30m", "2h", "1h30m".
func threshold(d time.Duration) string {
	s := FormatAge(d)
	if h, ok := strings.CutSuffix(s, "h00m"); ok {
		return h + "h"
	}
	return s
}
