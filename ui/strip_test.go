package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"cashpos/model"
)

// clipboard is what the effects sent to the terminal's clipboard (OSC 52).
func clipboard(eff effects) []string {
	var out []string
	for _, msg := range eff.msgs {
		if fmt.Sprintf("%T", msg) == "tea.setClipboardMsg" {
			out = append(out, fmt.Sprint(msg))
		}
	}
	return out
}

// y copies the selected account's full number; ←/→ choose a balance
// instead, copied as a plain decimal; the status line says what was copied.
func TestCopySelectedNumberOrAmount(t *testing.T) {
	m := loaded(t, typicalSnapshot(), 80, 24)
	m, eff := press(t, m, "y")
	if got := clipboard(eff); fmt.Sprint(got) != "[000000012342009]" {
		t.Fatalf("copied %v, want the full account number", got)
	}
	requireContains(t, screenText(m), "copied to the clipboard: 000000012342009 (account number, Operating — Chase NY)")

	m, _ = press(t, m, "right", "right", "right") // opening avail, opening ledger, ending avail
	requireContains(t, screenText(m), "y copies the ending available")
	m, eff = press(t, m, "j", "y") // Payroll
	if got := clipboard(eff); fmt.Sprint(got) != "[-245310.08]" {
		t.Fatalf("copied %v, want Payroll's ending available", got)
	}
	requireContains(t, screenText(m), "copied to the clipboard: -245310.08 (ending available, Payroll)")

	// A row with no data has nothing to copy, and says so.
	m, eff = press(t, m, "j", "j", "j", "y") // Lockbox, GCA-010
	if got := clipboard(eff); len(got) != 0 {
		t.Fatalf("copied %v from a row with no data", got)
	}
	requireContains(t, screenText(m), "y: Lockbox has no ending available (no data)")
	m, _ = press(t, m, "left", "left", "left") // back to the number
	requireContains(t, screenText(m), "y copies the account number")
}

// n reveals the full account number in the strip, n again masks it.
func TestFullNumberOnRequest(t *testing.T) {
	m := loaded(t, typicalSnapshot(), 120, 40)
	requireLacks(t, screenText(m), "000000012342009")
	m, _ = press(t, m, "n")
	requireContains(t, screenText(m), "[000000012342009]")
	m, _ = press(t, m, "n")
	requireLacks(t, screenText(m), "000000012342009")
}

// A key that does nothing here says so; e without an error says there is
// none to show.
func TestKeysThatDoNothingSaySo(t *testing.T) {
	m := loaded(t, typicalSnapshot(), 80, 24)
	m, _ = press(t, m, "x")
	requireContains(t, screenText(m), "x: not a key here · ? lists the keys")
	m, _ = press(t, m, "e")
	requireContains(t, screenText(m), "e: no refresh error to show")
	m, _ = press(t, m, "p")
	requireContains(t, screenText(m), "payments are unavailable")
	m, _ = press(t, m, "j")
	requireLacks(t, screenText(m), "payments are unavailable")
}

// The strip names the business day: on a Saturday, Friday's figures are
// the last business day's, final rather than stale.
func TestStripOnAWeekend(t *testing.T) {
	saturday := time.Date(2026, 11, 21, 10, 0, 0, 0, nyc)
	m, _ := started(t, Options{Fetch: newBank(ok(typicalSnapshot())).Fetch, Now: func() time.Time { return saturday }}, 120, 40)
	scr := screenText(m)
	requireContains(t, scr, "Fri 2026-11-20, the last business day (today is Saturday)", "◌ prior-day — a closed day's final figures")
	// Only Osaka stays stale: dated Thursday, not rolled to Tokyo's last
	// business day (Friday) either.
	if n := strings.Count(scr, "○ stale"); n != 1 || !strings.Contains(scr, "Osaka Collections") {
		t.Errorf("%d stale rows on a Saturday, want 1 (Osaka)", n)
	}
}

// What a slow refresh waits on reaches the header and the banner, and the
// countdown moves with the clock.
func TestRefreshProgressShown(t *testing.T) {
	now := testNow
	m, _ := started(t, Options{Fetch: newBank(ok(typicalSnapshot())).Fetch, Now: func() time.Time { return now }}, 80, 24)
	next, _ := m.Update(keyMsg("r")) // in flight; its command is not run
	m = next.(Model)
	now = now.Add(3 * time.Second)
	p := model.FetchProgress{API: "balances v1", Reason: "rate limited", Attempt: 3, Of: 5, Wait: 2 * time.Second, At: now}
	next, cmd := m.Update(progressMsg{t: dash(m).slot.ticket(), p: p, ch: make(chan model.FetchProgress)})
	m = next.(Model)
	if cmd == nil {
		t.Fatal("the listener is not re-armed")
	}
	scr := screenText(m)
	requireContains(t, scr, "refreshing… 3s", "waiting on the bank: rate limited — retry in 2 s (attempt 3 of 5, balances v1)")
	now = now.Add(time.Second)
	next, cmd = m.Update(elapsedTickMsg{t: dash(m).slot.ticket()})
	m = next.(Model)
	if cmd == nil {
		t.Fatal("the elapsed tick stops while in flight")
	}
	requireContains(t, screenText(m), "refreshing… 4s", "retry in 1 s")
	// A report for an older request is dropped.
	old := dash(m).slot.ticket()
	old.gen--
	if _, cmd := m.Update(progressMsg{t: old, p: p}); cmd != nil {
		t.Fatal("a stale report re-armed a listener")
	}
	if !strings.Contains(dash(m).waitingOn(), "rate limited") {
		t.Fatal("lost the current report")
	}
}

// s cycles only through the columns on screen: at 80x24 the opening
// balances and the as-of date are in the strip, not sortable.
func TestSortOnlyByShownColumns(t *testing.T) {
	m := loaded(t, typicalSnapshot(), 80, 24)
	var seen []string
	for range numSortKeys {
		m, _ = press(t, m, "s")
		seen = append(seen, sortNames[dash(m).grid.sortBy])
	}
	want := "[name currency ending available ending ledger age staleness snapshot order name currency ending available]"
	if fmt.Sprint(seen) != want {
		t.Fatalf("sorts %v\nwant %v", seen, want)
	}
	m, _ = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	m, _ = press(t, m, "s")
	if got := sortNames[dash(m).grid.sortBy]; got != "ending ledger" {
		t.Fatalf("at 120 after ending available: %s", got)
	}
}

// A terminal whose locale is not UTF-8 gets ASCII marks, pointer and rules,
// and the frame keeps its width.
func TestASCIIFrame(t *testing.T) {
	m, _ := started(t, Options{ASCII: true, Fetch: newBank(ok(typicalSnapshot())).Fetch}, 80, 24)
	frame := m.View().Content
	requireFits(t, frame, 80, 24)
	for _, r := range frame {
		if r >= 0x80 {
			t.Fatalf("non-ASCII %q in the frame", r)
		}
	}
	scr := screenText(m)
	requireContains(t, scr, "> Operating - Chase NY", "* fresh", "~ aging", "o stale", "-- Totals by currency", "Total 1 prior-day")
}

func TestLocaleIsUTF8(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{"LANG": "en_US.UTF-8"}, true},
		{map[string]string{"LC_ALL": "C", "LANG": "en_US.UTF-8"}, false},
		{map[string]string{"LC_CTYPE": "en_GB.utf8"}, true},
		{map[string]string{"LANG": "C"}, false},
		{map[string]string{"LANG": "POSIX"}, false},
		{map[string]string{"LANG": "de_DE.ISO-8859-1"}, false},
		{map[string]string{}, true}, // nothing set: taken as UTF-8
	}
	for _, c := range cases {
		if got := LocaleIsUTF8(func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("%v: got %v", c.env, got)
		}
	}
}

// Done when: at 120x40 a realistic book (tens of billions) shows all four
// balance columns for every row; at 80x24 the selected account's four
// balances and full name are visible.
func TestRealisticBookShowsEveryBalance(t *testing.T) {
	m := loaded(t, realisticSnapshot(), 120, 40)
	for _, c := range []colID{colOpenAvail, colOpenLedger, colEndAvail, colEndLedger} {
		if !dash(m).lay.show[c] {
			t.Errorf("120x40 hides %s", colTitles[c])
		}
	}
	requireContains(t, screenText(m), "38,213,900,117.31", "38,226,104,410.20")
	m, _ = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m, _ = press(t, m, "j", "j") // Concentration
	requireContains(t, screenText(m), "── Concentration ·", "38,213,900,117.31", "38,225,962,975.94", "38,226,104,410.20")
}

// The filter matches group names, currencies and whole status words; a
// status filter follows the clock and the connection.
func TestFilterMatchesGroupCurrencyAndStatus(t *testing.T) {
	now := testNow
	bank := newBank(ok(typicalSnapshot()), fail(model.ErrUnavailable))
	m, _ := started(t, Options{Fetch: bank.Fetch, Now: func() time.Time { return now }}, 120, 40)
	filter := func(m Model, text string) Model {
		m, _ = press(t, m, "/")
		for _, r := range text {
			m, _ = press(t, m, string(r))
		}
		m, _ = press(t, m, "enter")
		return m
	}
	clear := func(m Model) Model { m, _ = press(t, m, "esc"); return m }

	m = filter(m, "europe")
	if got := fmt.Sprint(shownNames(m)); got != "[Paris Ops Frankfurt Treasury London Ops London Payroll]" {
		t.Fatalf("group filter: %s", got)
	}
	m = filter(clear(m), "gbp")
	if got := fmt.Sprint(shownNames(m)); got != "[London Ops London Payroll]" {
		t.Fatalf("currency filter: %s", got)
	}
	m = filter(clear(m), "stale")
	if got := fmt.Sprint(shownNames(m)); got != "[Tax reserve Osaka Collections]" {
		t.Fatalf("stale filter: %s", got)
	}
	// An hour later Payroll (33m old) and London Payroll (44m) are stale too.
	now = now.Add(90 * time.Minute)
	m, _ = send(t, m, minuteTickMsg{})
	if got := fmt.Sprint(shownNames(m)); !strings.Contains(got, "Payroll") || !strings.Contains(got, "London Payroll") {
		t.Fatalf("stale filter after the clock moved: %s", got)
	}
	m = filter(clear(m), "no data")
	if got := fmt.Sprint(shownNames(m)); got != "[Lockbox]" {
		t.Fatalf("no data filter: %s", got)
	}
	m = filter(clear(m), "offline")
	if n := len(shownNames(m)); n != 0 {
		t.Fatalf("offline filter while live: %d rows", n)
	}
	m, _ = press(t, m, "r") // the refresh fails: every row with data is offline
	if n := len(shownNames(m)); n != 13 {
		t.Fatalf("offline filter while offline: %d rows, want 13", n)
	}
	m, _ = press(t, clear(m), "?")
	requireContains(t, screenText(m), "Filter (/)", "word — fresh, aging, stale, prior-day, offline, no data — for those rows")
}

// c folds the accounts into one subtotal line per group and currency (of
// the rows the filter lets through); c again shows the accounts.
func TestGroupSubtotals(t *testing.T) {
	m := loaded(t, typicalSnapshot(), 120, 40)
	m, _ = press(t, m, "c")
	scr := screenText(m)
	requireContains(t, scr,
		"US Operating · 5 accounts", "Europe · 4 accounts", "Asia & Middle East · 4 accounts", "Other · 1 account",
		"subtotals by group · c shows the accounts")
	requireLacks(t, scr, "Payroll     ")
	requireContains(t, scr, "Total · 4 accounts   USD  53,920,664.34*")
	// US Operating's USD subtotal leaves out Lockbox (no data): incomplete.
	requireContains(t, scr, "53,920,664.34*")
	// Europe has two currencies: two lines, never one sum.
	requireContains(t, scr, "811,399.25", "1,484,567.89")
	// The filter narrows the subtotals too.
	m, _ = press(t, m, "/", "g", "b", "p", "enter")
	scr = screenText(m)
	requireContains(t, scr, "Europe · 2 accounts", "1,484,567.89")
	requireLacks(t, scr, "US Operating ·", "811,399.25")
	m, _ = press(t, m, "esc", "c")
	requireContains(t, screenText(m), "Operating — Chase NY")
	// A book without groups says there is nothing to fold.
	m = loaded(t, ungroupedSnapshot(typicalSnapshot()), 120, 40)
	m, _ = press(t, m, "c")
	requireContains(t, screenText(m), "c: no groups configured")
}

// An outlier narrows its own columns instead of pushing whole columns off:
// its cells are rounded, marked ≈, and exact in the strip.
func TestOutlierIsRoundedNotDropped(t *testing.T) {
	m := loaded(t, bookSnapshot(), 120, 40)
	for _, c := range []colID{colOpenAvail, colOpenLedger, colEndAvail, colEndLedger} {
		if !dash(m).lay.show[c] {
			t.Errorf("120x40 drops %s for one outlier", colTitles[c])
		}
	}
	if !dash(m).lay.capped {
		t.Fatal("the amount columns are not capped")
	}
	scr := screenText(m)
	requireContains(t, scr, "≈12,345,678.90m", "≈ rounded: strip shows exact", "4,210,332.17")
	m, _ = press(t, m, "j", "j") // Concentration
	requireContains(t, screenText(m), "12,345,678,901,234.56", "12,345,678,911,234.56")
}

func TestCompactAmount(t *testing.T) {
	cases := []struct {
		v    string
		w    int
		want string
	}{
		{"12345678901234.56", 16, "≈12,345,678.90m"},
		{"12345678901234.56", 13, "≈12,345.68bn"},
		{"12345678901234.56", 9, "≈12.35tn"},
		{"-48213900117254.31", 13, "≈-48,213.90bn"},
		{"-48213900117254.31", 12, "≈-48.21tn"},
		{"999999.99", 20, ""}, // under a million: nothing to round to
		{"12345678901234.56", 6, ""},
	}
	for _, c := range cases {
		if got := compactAmount(amt(c.v).Decimal, c.w); got != c.want {
			t.Errorf("compactAmount(%s, %d) = %q, want %q", c.v, c.w, got, c.want)
		}
	}
	if got := fitAmount("1,234.50", amt("1234.5"), 8); got != "1,234.50" {
		t.Errorf("a fitting amount is changed: %q", got)
	}
}

// clock = "utc" shows every time in UTC, the header with its date.
func TestClockUTCSetting(t *testing.T) {
	m, _ := started(t, Options{UTC: true, Fetch: newBank(ok(typicalSnapshot())).Fetch}, 120, 40)
	scr := screenText(m)
	requireContains(t, scr, "updated Fri 20 Nov 20:04:00 UTC", "record 19:58:00 UTC · fetched 20:04:00 UTC")
	requireLacks(t, scr, "EST")
	// Business days stay the account's own: New York's Friday.
	requireContains(t, scr, "figures for Fri 2026-11-20, today's business day")
}

// The strip gives the reason for a row's "!" flag: its note in full.
func TestStripShowsRowNote(t *testing.T) {
	s := typicalSnapshot()
	s.Balances[0].Note = "decimalLocation 3 ignored: USD has 2 minor units"
	m := loaded(t, s, 120, 40)
	requireContains(t, screenText(m), "● fresh ! ", "● fresh 6m · ! decimalLocation 3 ignored: USD has 2 minor units")
}

// On a small terminal the help scrolls instead of losing its last lines.
func TestHelpScrolls(t *testing.T) {
	m, _ := press(t, loaded(t, typicalSnapshot(), 80, 24), "?")
	scr := screenText(m)
	requireContains(t, scr, "Keys — balances", "lines 1–20 of", "↑↓/jk scroll")
	requireLacks(t, scr, "float         in the strip")
	m, _ = press(t, m, "G") // not a help key: nothing moves
	m, _ = press(t, m, "pgdown", "pgdown", "j")
	scr = screenText(m)
	requireContains(t, scr, "float         in the strip")
	requireLacks(t, scr, "Keys — balances")
	m, _ = press(t, m, "?") // closes; opening again starts at the top
	m, _ = press(t, m, "?")
	requireContains(t, screenText(m), "Keys — balances")
}

// Columns are sized to the rows on screen: filtering out the outlier gives
// the opening balances their columns back at 80x24.
func TestFilteredViewSizedToShownRows(t *testing.T) {
	m := loaded(t, bookSnapshot(), 80, 24)
	if !dash(m).lay.capped || dash(m).lay.show[colOpenAvail] {
		t.Fatalf("unfiltered: capped %v, open avail shown %v", dash(m).lay.capped, dash(m).lay.show[colOpenAvail])
	}
	m, _ = press(t, m, "/", "p", "a", "r", "i", "s", "enter")
	if dash(m).lay.capped || !dash(m).lay.show[colOpenAvail] {
		t.Fatalf("filtered: capped %v, open avail shown %v", dash(m).lay.capped, dash(m).lay.show[colOpenAvail])
	}
	m, _ = press(t, m, "esc")
	if !dash(m).lay.capped {
		t.Fatal("clearing the filter sizes to the whole book again")
	}
}

// The strip of the widest account fits 80 columns: the exact figures win
// over the marker's words, which step aside.
func TestStripOfOutlierFits80(t *testing.T) {
	m := loaded(t, bookSnapshot(), 80, 24)
	m, _ = press(t, m, "j", "j") // Concentration: 16 significant digits
	requireFits(t, m.View().Content, 80, 24)
	requireContains(t, screenText(m), "12,345,678,901,234.56", "12,345,678,911,234.56")
}

// A group of one currency carries its subtotal on its heading; a group of
// several says c lists them.
func TestHeadingSubtotals(t *testing.T) {
	m := loaded(t, typicalSnapshot(), 120, 40)
	scr := screenText(m)
	requireContains(t, scr, "US Operating · 5     USD  53,920,664.34* 53,960,332.17* 54,740,802.49* 54,806,871.81*",
		"Europe · 4 accounts · 2 currencies: c for subtotals")
	m, _ = press(t, m, "/", "p", "a", "r", "i", "s", "enter") // Europe narrows to EUR only
	requireContains(t, screenText(m), "Europe · 1 account   EUR    812,450.00    812,450.00  798,001.25   799,120.40")
}
