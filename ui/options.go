// Package ui is cashpos's terminal dashboard: one Bubble Tea v2 root model,
// plain-struct screens with View(width, height), a keymap that doubles as the
// help, and styles built once from a small theme. It imports only model and
// Charm; the bank client arrives as a Fetch function.
package ui

import (
	"context"
	"time"

	"cashpos/model"
)

// Options is everything the dashboard needs from main.go.
type Options struct {
	// Env is the bank environment, shown as a badge on every screen.
	// Production is drawn loud (reverse, bold, red, "▲ PRODUCTION ▲").
	Env Env
	// Fetch makes one refresh of every watched account. It runs inside a
	// tea.Cmd, never on the UI goroutine; its context is cancelled when a
	// newer refresh supersedes it or the program ends.
	Fetch func(ctx context.Context) (model.Snapshot, error)
	// WatchProgress, when set, returns a context under which the fetch
	// reports what it waits on (a retry pause and why) to f; main passes
	// jpm.WithProgress. f must not block.
	WatchProgress func(ctx context.Context, f func(model.FetchProgress)) context.Context
	// Now is the clock; ages and staleness are computed from it in View.
	Now func() time.Time
	// Thresholds decide aging and stale; zero means model.DefaultThresholds.
	Thresholds model.Thresholds
	// RefreshInterval is the auto-refresh period; zero means 60s.
	RefreshInterval time.Duration
	// Cached is the last-known-good snapshot from disk, shown marked offline
	// until the first refresh succeeds.
	Cached *model.Snapshot
	// SaveGood is called in a Cmd after each successful refresh; its failure
	// is shown, not fatal. Nil means nothing is saved.
	SaveGood func(model.Snapshot) error
	// Notices are problems with local state found at start (a state
	// directory others can write, a snapshot not used), shown in the
	// banner when nothing more urgent is.
	Notices []string
	// Transactions streams an account's transactions for the screen that
	// enter opens from the dashboard; nil means the screen says the bank
	// connection has no transactions API.
	Transactions TxnFetch
	// DayLedger feeds the reconciliation line of a single closed day; nil
	// means the line says it cannot check.
	DayLedger DayLedgerFetch
	// NoColor removes every colour (NO_COLOR); bold and reverse remain, and
	// nothing on screen depends on colour.
	NoColor bool
	// Payments is the payment engine; nil means p and P say payments are
	// unavailable (no state directory for the journal, or it failed to
	// open, which main reports).
	Payments Payments
	// UTC shows every time on screen in UTC instead of the clock's own
	// zone (config clock = "utc"). Business days stay the accounts' own.
	UTC bool
	// ASCII draws markers, the row pointer, sort arrows and rules in plain
	// ASCII, for terminals whose locale is not UTF-8 (see LocaleIsUTF8).
	ASCII bool
}

// DefaultRefreshInterval is used when Options.RefreshInterval is zero.
const DefaultRefreshInterval = 60 * time.Second

func (o Options) withDefaults() Options {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.UTC {
		now := o.Now
		o.Now = func() time.Time { return now().UTC() }
	}
	if o.Thresholds.Aging <= 0 && o.Thresholds.Stale <= 0 {
		o.Thresholds = model.DefaultThresholds
	}
	if o.RefreshInterval <= 0 {
		o.RefreshInterval = DefaultRefreshInterval
	}
	return o
}
