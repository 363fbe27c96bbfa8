package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"cashpos/model"
)

func screenText(m Model) string { return ansi.Strip(m.View().Content) }

func selectedName(m Model) string {
	if len(dash(m).grid.order) == 0 {
		return ""
	}
	return dash(m).bk.rows[dash(m).grid.order[dash(m).grid.cursor]].name
}

// shownNames lists the rows shown, in display order.
func shownNames(m Model) []string {
	var out []string
	for _, i := range dash(m).grid.order {
		out = append(out, dash(m).bk.rows[i].name)
	}
	return out
}

func requireContains(t *testing.T, screen string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(screen, w) {
			t.Errorf("screen lacks %q:\n%s", w, screen)
		}
	}
}

func requireLacks(t *testing.T, screen string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(screen, w) {
			t.Errorf("screen has %q:\n%s", w, screen)
		}
	}
}

func TestStartLoadsAndArmsTimers(t *testing.T) {
	bank := newBank(ok(bookSnapshot()))
	m := testModel(Options{Fetch: bank.Fetch})
	m, _ = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	requireContains(t, screenText(m), "Fetching balances from the bank…", "refreshing…", "no data yet")

	m, eff := run(t, m, m.Init())
	if bank.Calls() != 1 {
		t.Fatalf("fetch calls = %d, want 1", bank.Calls())
	}
	if len(dash(m).bk.rows) != 14 || dash(m).offline || dash(m).inFlight() {
		t.Fatalf("rows=%d offline=%v inFlight=%v", len(dash(m).bk.rows), dash(m).offline, dash(m).inFlight())
	}
	// One minute clock (aligned: 15:04:00 -> next boundary in 60s) and one
	// refresh timer at the interval.
	var minute, refresh []time.Duration
	for _, ts := range eff.timers {
		switch ts.msg.(type) {
		case minuteTickMsg:
			minute = append(minute, ts.d)
		case refreshTickMsg:
			refresh = append(refresh, ts.d)
		}
	}
	if fmt.Sprint(minute) != "[1m0s]" || fmt.Sprint(refresh) != "[1m0s]" {
		t.Fatalf("timers: minute %v refresh %v", minute, refresh)
	}
	requireContains(t, screenText(m), "updated Fri 20 Nov 15:04:00 EST · auto every 60s", "Operating — Chase NY")
}

func TestMinuteTickAlignsToBoundaryAndAgesMove(t *testing.T) {
	now := time.Date(2026, 11, 20, 15, 4, 20, 0, nyc)
	clock := func() time.Time { return now }
	m, eff := started(t, Options{Fetch: newBank(ok(bookSnapshot())).Fetch, Now: clock}, 120, 40)
	var got time.Duration
	for _, ts := range eff.timers {
		if _, ok := ts.msg.(minuteTickMsg); ok {
			got = ts.d
		}
	}
	if got != 40*time.Second {
		t.Fatalf("minute tick in %v, want 40s (to 15:05:00)", got)
	}
	requireContains(t, screenText(m), "    6m ● fresh")

	now = time.Date(2026, 11, 20, 15, 35, 0, 0, nyc) // 37 minutes after 14:58
	m, eff = send(t, m, minuteTickMsg{})
	if len(eff.timers) != 1 || eff.timers[0].d != time.Minute {
		t.Fatalf("next minute tick: %+v", eff.timers)
	}
	requireContains(t, screenText(m), "   37m ◐ aging")
}

func TestMoveSelection(t *testing.T) {
	m := loaded(t, typicalSnapshot(), 120, 40)
	if selectedName(m) != "Operating — Chase NY" {
		t.Fatalf("initial selection %q", selectedName(m))
	}
	m, _ = press(t, m, "j", "down", "j")
	if selectedName(m) != "Tax reserve" {
		t.Fatalf("after 3 down: %q", selectedName(m))
	}
	m, _ = press(t, m, "k")
	if selectedName(m) != "Concentration" {
		t.Fatalf("after up: %q", selectedName(m))
	}
	// Down from the last row of a group skips the next group's heading.
	m, _ = press(t, m, "j", "j", "j")
	if selectedName(m) != "Paris Ops" {
		t.Fatalf("across heading: %q", selectedName(m))
	}
	m, _ = press(t, m, "G")
	if selectedName(m) != "ESCROW ACCOUNT" {
		t.Fatalf("G: %q", selectedName(m))
	}
	next, cmd := m.Update(keyMsg("j"))
	if cmd != nil || dash(next).grid.cursor != dash(m).grid.cursor {
		t.Fatal("down at the last row must change nothing")
	}
	m, _ = press(t, m, "g")
	if selectedName(m) != "Operating — Chase NY" {
		t.Fatalf("g: %q", selectedName(m))
	}
	requireContains(t, screenText(m), "▸ Operating — Ch")
	if strings.Count(screenText(m), "▸") != 1 {
		t.Fatal("exactly one row carries the selection marker")
	}
}

func TestPagingScrollsWindow(t *testing.T) {
	s := manyAccounts(200)
	m := loaded(t, s, 80, 24)
	body := dash(m).lay.bodyH
	if body < minBodyRows {
		t.Fatalf("body %d", body)
	}
	m, _ = press(t, m, "pgdown")
	if dash(m).grid.cursor != pageSize(body) {
		t.Fatalf("pgdown cursor %d want %d", dash(m).grid.cursor, pageSize(body))
	}
	m, _ = press(t, m, "pgdown", "pgdown")
	sel := dash(m).grid.itemAt[dash(m).grid.cursor]
	if sel < dash(m).grid.offset || sel >= dash(m).grid.offset+body {
		t.Fatalf("selection %d outside window [%d,%d)", sel, dash(m).grid.offset, dash(m).grid.offset+body)
	}
	requireContains(t, screenText(m), "▸ "+selectedName(m))
	m, _ = press(t, m, "pgup")
	if dash(m).grid.cursor != 2*pageSize(body) {
		t.Fatalf("pgup cursor %d", dash(m).grid.cursor)
	}
	m, _ = press(t, m, "G")
	if dash(m).grid.cursor != 199 || dash(m).grid.offset != len(dash(m).grid.items)-body {
		t.Fatalf("G cursor %d offset %d", dash(m).grid.cursor, dash(m).grid.offset)
	}
	requireContains(t, screenText(m), "▸ Account 0199")
	m, _ = press(t, m, "pgup", "pgup", "pgup", "pgup", "pgup", "pgup", "pgup", "pgup", "pgup", "pgup",
		"pgup", "pgup", "pgup", "pgup", "pgup", "pgup", "pgup", "pgup", "pgup", "pgup")
	if dash(m).grid.cursor != 0 || dash(m).grid.offset != 0 {
		t.Fatalf("pgup to top: cursor %d offset %d", dash(m).grid.cursor, dash(m).grid.offset)
	}
}

// manyAccounts is a book of n USD accounts, ungrouped.
func manyAccounts(n int) model.Snapshot {
	bs := make([]model.Balance, n)
	for i := range bs {
		a := acct{fmt.Sprintf("%015d", 100000+i), fmt.Sprintf("Account %04d", i), "", "", "USD"}
		v := fmt.Sprintf("%d.%02d", 1000+i*37, i%100)
		bs[i] = bal(a, v, v, v, v, today, at(14, 50), true)
	}
	return model.Snapshot{Balances: bs, FetchedAt: testNow}
}

func TestSortByEndingAvailable(t *testing.T) {
	m := loaded(t, ungroupedSnapshot(bookSnapshot()), 120, 40)
	m = sortTo(t, m, sortEndAvail)
	if dash(m).grid.sortBy != sortEndAvail || dash(m).grid.desc {
		t.Fatalf("sort %v desc %v", dash(m).grid.sortBy, dash(m).grid.desc)
	}
	// Each currency stays together (amounts in different currencies are not
	// comparable without FX), currencies in code order; within a currency,
	// decimal order, not string order ("12345678911234.56" < "250" as
	// strings). Missing and no-data rows go last, in book order.
	asc := []string{
		"Manama", "Frankfurt Treasury", "Paris Ops", "London Payroll", "London Ops",
		"Osaka Collections", "Tokyo Ops", "Payroll", "Tax reserve", "ESCROW ACCOUNT",
		"Operating — Chase NY", "Concentration", "Lockbox", "Manama Reserve",
	}
	if got := shownNames(m); fmt.Sprint(got) != fmt.Sprint(asc) {
		t.Fatalf("ascending:\n got %q\nwant %q", got, asc)
	}
	requireContains(t, screenText(m), "End avail ▲")

	m, _ = press(t, m, "S")
	desc := []string{
		"Manama", "Paris Ops", "Frankfurt Treasury", "London Ops", "London Payroll",
		"Tokyo Ops", "Osaka Collections", "Concentration", "Operating — Chase NY", "ESCROW ACCOUNT",
		"Tax reserve", "Payroll", "Lockbox", "Manama Reserve",
	}
	if got := shownNames(m); fmt.Sprint(got) != fmt.Sprint(desc) {
		t.Fatalf("descending:\n got %q\nwant %q", got, desc)
	}
	requireContains(t, screenText(m), "End avail ▼", "sort: ending available ▼")
}

// sortTo presses s until the grid is sorted by k.
func sortTo(t *testing.T, m Model, k sortKey) Model {
	t.Helper()
	for range numSortKeys {
		if dash(m).grid.sortBy == k {
			return m
		}
		m, _ = press(t, m, "s")
	}
	t.Fatalf("s never reaches %s", sortNames[k])
	return m
}

func TestSortIsStableAndCycles(t *testing.T) {
	// Enough rows that an unstable sort (pdqsort) would reorder ties.
	s := manyAccounts(300)
	for i := range s.Balances {
		v := "100.00"
		if i%3 == 0 {
			v = "-5.00"
		}
		s.Balances[i].EndingAvailable = amt(v)
	}
	var neg, pos []string
	for i := range 300 {
		name := fmt.Sprintf("Account %04d", i)
		if i%3 == 0 {
			neg = append(neg, name)
		} else {
			pos = append(pos, name)
		}
	}
	m := loaded(t, s, 120, 40)
	m, _ = press(t, m, "s", "s", "s", "s", "s")
	if got, want := fmt.Sprint(shownNames(m)), fmt.Sprint(append(append([]string{}, neg...), pos...)); got != want {
		t.Fatalf("ascending ties reordered:\n got %s\nwant %s", got, want)
	}
	m, _ = press(t, m, "S")
	if got, want := fmt.Sprint(shownNames(m)), fmt.Sprint(append(append([]string{}, pos...), neg...)); got != want {
		t.Fatalf("descending ties reordered:\n got %s\nwant %s", got, want)
	}
	// Keep cycling back to the snapshot order.
	for range int(numSortKeys) - int(sortEndAvail) {
		m, _ = press(t, m, "s")
	}
	if dash(m).grid.sortBy != sortNone || shownNames(m)[1] != "Account 0001" {
		t.Fatalf("cycle ends at %v", dash(m).grid.sortBy)
	}
}

func TestSortKeepsSelectionAndGroups(t *testing.T) {
	m := loaded(t, bookSnapshot(), 120, 40)
	m, _ = press(t, m, "j") // Payroll
	m, _ = press(t, m, "s") // by name, within groups
	if selectedName(m) != "Payroll" {
		t.Fatalf("selection moved to %q", selectedName(m))
	}
	got := fmt.Sprint(shownNames(m)[:5])
	if got != "[Concentration Lockbox Operating — Chase NY Payroll Tax reserve]" {
		t.Fatalf("US group by name: %s", got)
	}
	if dash(m).grid.items[0].group != "US Operating" || dash(m).grid.items[len(dash(m).grid.items)-2].group != otherGroup {
		t.Fatal("group order must stay: configured groups first, Other last")
	}
}

func TestFilter(t *testing.T) {
	m := loaded(t, bookSnapshot(), 120, 40)
	m, _ = press(t, m, "j", "j", "j", "j", "j", "j", "j", "j") // London Payroll
	m, _ = press(t, m, "/", "L", "o", "N")
	if selectedName(m) != "London Payroll" {
		t.Fatalf("a selected row that still matches stays selected: %q", selectedName(m))
	}
	m, _ = press(t, m, "up")
	if selectedName(m) != "London Ops" {
		t.Fatalf("arrows move while typing: %q", selectedName(m))
	}
	if !dash(m).grid.filtering || dash(m).grid.filter != "LoN" {
		t.Fatalf("filtering=%v filter=%q", dash(m).grid.filtering, dash(m).grid.filter)
	}
	if got := fmt.Sprint(shownNames(m)); got != "[London Ops London Payroll]" {
		t.Fatalf("lon: %s", got)
	}
	requireContains(t, screenText(m), "filter: LoN", "(2 of 14)", "Totals by currency · filtered: 2 of 14")
	requireLacks(t, screenText(m), "Paris Ops", "JPY")

	// While typing, q and j are text, not quit and down.
	m, eff := press(t, m, "backspace", "backspace", "backspace", "q")
	if eff.quit || dash(m).grid.filter != "q" {
		t.Fatalf("q while filtering: quit=%v filter=%q", eff.quit, dash(m).grid.filter)
	}
	m, _ = press(t, m, "backspace", "j", "p", "y")
	if got := fmt.Sprint(shownNames(m)); got != "[Tokyo Ops Osaka Collections]" {
		t.Fatalf("currency jpy: %s", got)
	}
	m, _ = press(t, m, "enter")
	if dash(m).grid.filtering || dash(m).grid.filter != "jpy" {
		t.Fatal("enter keeps the filter and leaves typing")
	}
	requireContains(t, screenText(m), "filter: jpy (2 of 14) · esc clears")

	// By account number (full or last four) and by bank name.
	m, _ = press(t, m, "esc", "/", "0", "0", "4", "2", "enter")
	if got := fmt.Sprint(shownNames(m)); got != "[Concentration]" {
		t.Fatalf("number 0042: %s", got)
	}
	m, _ = press(t, m, "esc")
	if dash(m).grid.filter != "" || len(dash(m).grid.order) != 14 {
		t.Fatalf("esc clears: filter %q rows %d", dash(m).grid.filter, len(dash(m).grid.order))
	}
	m, _ = press(t, m, "/", "e", "s", "c", "r", "o", "w", "esc")
	if dash(m).grid.filter != "" || dash(m).grid.filtering || len(dash(m).grid.order) != 14 {
		t.Fatal("esc while typing clears and leaves the filter")
	}
	m, _ = press(t, m, "/", "z", "z", "z")
	requireContains(t, screenText(m), "no account matches the filter", "(0 of 14)")
}

func TestRefreshSuccess(t *testing.T) {
	changed := bookSnapshot()
	changed.Balances[0].EndingAvailable = amt("3982164.55")
	changed.FetchedAt = testNow.Add(30 * time.Second)
	var saved []model.Snapshot
	bank := newBank(ok(bookSnapshot()), ok(changed))
	m, _ := started(t, Options{Fetch: bank.Fetch, SaveGood: func(s model.Snapshot) error {
		saved = append(saved, s)
		return nil
	}}, 120, 40)
	if len(saved) != 1 {
		t.Fatalf("saved %d after first refresh", len(saved))
	}
	requireContains(t, screenText(m), "3,982,114.55")

	next, cmd := m.Update(keyMsg("r"))
	mid := next.(Model)
	if !dash(mid).inFlight() || dash(mid).slot.gen != dash(m).slot.gen+1 {
		t.Fatal("r starts a new generation")
	}
	requireContains(t, screenText(mid), "refreshing…", "3,982,114.55") // old data stays while refreshing
	m, eff := run(t, mid, cmd)
	if bank.Calls() != 2 || len(saved) != 2 || !saved[1].FetchedAt.Equal(changed.FetchedAt) {
		t.Fatalf("calls %d saved %d", bank.Calls(), len(saved))
	}
	requireContains(t, screenText(m), "3,982,164.55", "updated Fri 20 Nov 15:04:30 EST · auto every 60s")
	var armed int
	for _, ts := range eff.timers {
		if r, ok := ts.msg.(refreshTickMsg); ok && dash(m).slot.live(r.t) && ts.d == time.Minute {
			armed++
		}
	}
	if armed != 1 {
		t.Fatalf("refresh timer not re-armed: %+v", eff.timers)
	}
}

func TestAutoRefreshTimer(t *testing.T) {
	bank := newBank(ok(bookSnapshot()))
	m, eff := started(t, Options{Fetch: bank.Fetch, RefreshInterval: 5 * time.Minute}, 120, 40)
	tick := lastRefreshTick(t, eff)
	requireContains(t, screenText(m), "auto every 5m")
	m, eff = send(t, m, tick)
	if bank.Calls() != 2 {
		t.Fatalf("tick did not refresh: %d calls", bank.Calls())
	}
	// The old tick is dead once a new timer is armed.
	next, cmd := m.Update(tick)
	if cmd != nil || dash(next).slot.gen != dash(m).slot.gen {
		t.Fatal("a superseded timer must do nothing")
	}
	_ = lastRefreshTick(t, eff)
}

func lastRefreshTick(t *testing.T, eff effects) refreshTickMsg {
	t.Helper()
	for i := len(eff.timers) - 1; i >= 0; i-- {
		if r, ok := eff.timers[i].msg.(refreshTickMsg); ok {
			return r
		}
	}
	t.Fatal("no refresh timer armed")
	return refreshTickMsg{}
}

func TestRefreshFailureKeepsDataOffline(t *testing.T) {
	cause := fmt.Errorf("balances: %w: POST /accessapi/balance: 503 Service Unavailable\nretry-after: 30", model.ErrUnavailable)
	bank := newBank(ok(bookSnapshot()), fail(cause), ok(bookSnapshot()))
	m, _ := started(t, Options{Fetch: bank.Fetch}, 120, 40)
	requireContains(t, screenText(m), "● fresh") // rendered live first
	m, eff := press(t, m, "r")
	if !dash(m).offline || dash(m).fetchErr == nil || dash(m).bk == nil || len(dash(m).bk.rows) != 14 {
		t.Fatalf("offline=%v err=%v", dash(m).offline, dash(m).fetchErr)
	}
	scr := screenText(m)
	requireContains(t, scr,
		"OFFLINE — balances: bank unavailable: POST /accessapi/balance: 503 Service Unavailable · last good data 15:04:00 EST",
		"3,982,114.55", "✕● fresh", "✕○ stale", "✕◌ prior-day")
	requireLacks(t, scr, "retry-after", " ● fresh", " ◐ aging")
	// Every row with data is marked offline and keeps its own marker (the
	// detail strip repeats the selected row's); the GCA-010 row still says
	// no data.
	if n := strings.Count(scr, "✕"); n != 13+1 {
		t.Fatalf("%d offline marks, want 13 rows + the strip", n)
	}
	_ = lastRefreshTick(t, eff) // auto-refresh keeps trying

	m, _ = press(t, m, "r")
	scr = screenText(m)
	requireLacks(t, scr, "OFFLINE", "✕")
	requireContains(t, scr, "● fresh")
}

func TestOfflineBannerTruncatesLongError(t *testing.T) {
	long := errors.New(strings.Repeat("connection reset by peer ", 20))
	bank := newBank(ok(bookSnapshot()), fail(long))
	m, _ := started(t, Options{Fetch: bank.Fetch}, 80, 24)
	m, _ = press(t, m, "r")
	lines := strings.Split(screenText(m), "\n")
	banner := lines[1]
	if !strings.HasPrefix(banner, " OFFLINE — connection reset") || !strings.HasSuffix(strings.TrimRight(banner, " "), "· last good 15:04:00 EST · e: full error") {
		t.Fatalf("banner %q", banner)
	}
	if w := ansi.StringWidth(banner); w != 80 {
		t.Fatalf("banner width %d", w)
	}
	if !strings.Contains(banner, "…") {
		t.Fatal("a cut error shows an ellipsis")
	}
	// e shows the whole error in the detail strip, and e again goes back.
	m, _ = press(t, m, "e")
	scr := screenText(m)
	requireContains(t, scr, "last refresh failed: connection reset by peer")
	requireLacks(t, scr, "opening ")
	m, _ = press(t, m, "e")
	requireContains(t, screenText(m), "opening ")
}

// A narrow terminal gets the short offline wording: the time of the last
// good data and the key that tells why.
func TestOfflineBannerShortWording(t *testing.T) {
	b := bannerView{st: newStyles(true, false), hasData: true, fetchErr: errors.New("balances: bank unavailable: 503"),
		lastGood: testNow, now: testNow}
	if got := strings.TrimSpace(ansi.Strip(b.View(60))); got != "OFFLINE · last good data 15:04:00 EST · e: why" {
		t.Errorf("60 columns: %q", got)
	}
	if got := strings.TrimSpace(ansi.Strip(b.View(120))); got != "OFFLINE — balances: bank unavailable: 503 · last good data 15:04:00 EST" {
		t.Errorf("120 columns: %q", got)
	}
}

func TestStaleGenerationDropped(t *testing.T) {
	bank := newBank(ok(bookSnapshot()))
	m, _ := started(t, Options{Fetch: bank.Fetch}, 120, 40)
	oldGen := dash(m).slot.gen
	// Two quick refreshes: only the second may land.
	next, _ := m.Update(keyMsg("r"))
	next, _ = next.(Model).Update(keyMsg("r"))
	m = next.(Model)
	if dash(m).slot.gen != oldGen+2 {
		t.Fatalf("gen %d", dash(m).slot.gen)
	}
	stale := typicalSnapshot()
	next, cmd := m.Update(snapshotMsg{t: ticket{slot: dash(m).slot.id, gen: oldGen + 1}, snap: stale})
	if cmd != nil || dash(next).bk != dash(m).bk || !dash(next).inFlight() {
		t.Fatal("a stale snapshot must be dropped")
	}
	next, cmd = m.Update(fetchFailedMsg{t: ticket{slot: dash(m).slot.id, gen: oldGen + 1}, err: model.ErrUnavailable})
	if cmd != nil || dash(next).offline {
		t.Fatal("a stale failure must be dropped")
	}
	m, _ = send(t, m, snapshotMsg{t: dash(m).slot.ticket(), snap: stale})
	if dash(m).inFlight() || !strings.Contains(screenText(m), "51,003,998.02") {
		t.Fatal("the current generation lands")
	}
}

func TestSupersededFetchIsCancelled(t *testing.T) {
	m := loaded(t, bookSnapshot(), 120, 40)
	next, _ := m.Update(keyMsg("r"))
	first := dash(next).slot.ctx
	next, _ = next.(Model).Update(keyMsg("r"))
	if first.Err() == nil {
		t.Fatal("the superseded fetch's context must be cancelled")
	}
	if dash(next).slot.ctx.Err() != nil {
		t.Fatal("the current fetch's context must stay live")
	}
}

func TestPauseAutoRefresh(t *testing.T) {
	bank := newBank(ok(bookSnapshot()))
	m, eff := started(t, Options{Fetch: bank.Fetch}, 120, 40)
	tick := lastRefreshTick(t, eff)
	m, eff = press(t, m, "R")
	if dash(m).auto || len(eff.timers) != 0 {
		t.Fatalf("auto=%v timers=%v", dash(m).auto, eff.timers)
	}
	requireContains(t, screenText(m), "paused (R)")
	next, cmd := m.Update(tick)
	if cmd != nil || dash(next).inFlight() || bank.Calls() != 1 {
		t.Fatal("a paused dashboard ignores its old timer")
	}
	// r still refreshes by hand, and arms no refresh timer while paused
	// (the elapsed-time tick of the refresh in flight is not one).
	m, eff = press(t, m, "r")
	if bank.Calls() != 2 || len(refreshTimers(eff)) != 0 {
		t.Fatalf("manual refresh while paused: calls %d timers %v", bank.Calls(), eff.timers)
	}
	m, eff = press(t, m, "R")
	if !dash(m).auto {
		t.Fatal("R resumes")
	}
	resumed := lastRefreshTick(t, eff)
	requireContains(t, screenText(m), "auto every 60s")
	_, _ = send(t, m, resumed)
	if bank.Calls() != 3 {
		t.Fatalf("resumed timer refreshes: %d calls", bank.Calls())
	}
}

func refreshTimers(eff effects) []timerSet {
	var out []timerSet
	for _, ts := range eff.timers {
		if _, ok := ts.msg.(refreshTickMsg); ok {
			out = append(out, ts)
		}
	}
	return out
}

func TestResize(t *testing.T) {
	m := loaded(t, typicalSnapshot(), 120, 40)
	for c := range numCols {
		// The masked number goes first: the detail strip shows it.
		if !dash(m).lay.show[c] && c != colNumber {
			t.Errorf("120x40 hides %s", colTitles[c])
		}
	}
	if !dash(m).lay.strip {
		t.Error("120x40 has no detail strip")
	}
	m, _ = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	for _, c := range []colID{colNumber, colOpenLedger, colOpenAvail, colAsOf} {
		if dash(m).lay.show[c] {
			t.Errorf("80x24 shows %s", colTitles[c])
		}
	}
	// The selected account's four balances and full name are in the strip.
	requireContains(t, screenText(m), "Operating — Chase NY · [••••2009]", "4,210,332.17", "4,250,000.00", "3,982,114.55", "4,020,876.31")
	if w := dash(m).lay.w[colName]; w < nameMin {
		t.Errorf("name column %d cells at 80x24, want at least %d", w, nameMin)
	}
	for _, c := range []colID{colName, colCcy, colEndAvail, colEndLedger, colAge, colStatus} {
		if !dash(m).lay.show[c] {
			t.Errorf("80x24 hides %s", colTitles[c])
		}
	}
	requireFits(t, m.View().Content, 80, 24)

	m, _ = send(t, m, tea.WindowSizeMsg{Width: 70, Height: 20})
	requireContains(t, screenText(m), "cashpos needs at least 80x24 (now 70x20)", "DEMO")
	requireFits(t, m.View().Content, 70, 20)
	// Keys other than quit, refresh and auto do nothing while too small.
	next, cmd := m.Update(keyMsg("j"))
	if cmd != nil || dash(next).grid.cursor != 0 {
		t.Fatal("j while too small")
	}
	same, cmd := m.Update(tea.WindowSizeMsg{Width: 70, Height: 20})
	if cmd != nil || dash(same).layRev != dash(m).layRev {
		t.Fatal("the same size changes nothing")
	}
}

func TestDropOrderWhenNarrowing(t *testing.T) {
	m := loaded(t, typicalSnapshot(), 120, 40)
	var dropped []colID
	for w := 120; w >= 80; w-- {
		m, _ = send(t, m, tea.WindowSizeMsg{Width: w, Height: 40})
		requireFits(t, m.View().Content, w, 40)
		for _, c := range dropOrder {
			if !dash(m).lay.show[c] && !slicesContains(dropped, c) {
				dropped = append(dropped, c)
			}
		}
	}
	want := []colID{colNumber, colAsOf, colOpenLedger, colOpenAvail} // all in the detail strip
	if fmt.Sprint(dropped) != fmt.Sprint(want) {
		t.Fatalf("dropped %v, want %v", dropped, want)
	}
}

func slicesContains(s []colID, c colID) bool {
	for _, x := range s {
		if x == c {
			return true
		}
	}
	return false
}

func TestCachedStart(t *testing.T) {
	cached := bookSnapshot()
	cached.FetchedAt = time.Date(2026, 11, 20, 14, 2, 11, 0, nyc)
	bank := newBank(fail(model.ErrUnavailable), ok(bookSnapshot()))
	m := testModel(Options{Fetch: bank.Fetch, Cached: &cached})
	m, _ = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	scr := screenText(m)
	requireContains(t, scr, "showing last good data from 14:02 EST (cached) — refreshing…", "cached Fri 20 Nov 14:02:11 EST", "✕● fresh", "3,982,114.55")
	requireLacks(t, scr, " ● fresh")

	m, _ = run(t, m, m.Init()) // the first refresh fails
	requireContains(t, screenText(m), "OFFLINE — bank unavailable · last good data 14:02:11 EST")
	m, _ = press(t, m, "r")
	scr = screenText(m)
	requireLacks(t, scr, "cached", "OFFLINE", "✕")
	requireContains(t, scr, "updated Fri 20 Nov 15:04:00")
}

func TestUnauthorizedScreen(t *testing.T) {
	err := fmt.Errorf("token: %w: invalid_client", model.ErrUnauthorized)
	bank := newBank(fail(err), ok(bookSnapshot()))
	m, eff := started(t, Options{Fetch: bank.Fetch}, 120, 40)
	for _, ts := range eff.timers {
		if _, ok := ts.msg.(refreshTickMsg); ok {
			t.Fatal("bad credentials must not retry on a timer")
		}
	}
	requireContains(t, screenText(m), "The bank refused the credentials", "CASHPOS_CLIENT_ID",
		"CASHPOS_CLIENT_SECRET", "CASHPOS_TLS_CERT", "r retry · q quit")
	_, eff = press(t, m, "q")
	if !eff.quit {
		t.Fatal("q quits")
	}
	m, _ = press(t, m, "r")
	if bank.Calls() != 2 || dash(m).fatal != fatalNone || dash(m).bk == nil {
		t.Fatal("r retries and a success clears the screen")
	}
}

func TestNoEligibleAccountsScreen(t *testing.T) {
	err := fmt.Errorf("GCA-022: %w", model.ErrNoEligibleAccounts)
	m, _ := started(t, Options{Fetch: newBank(fail(err)).Fetch}, 80, 24)
	requireContains(t, screenText(m), "No cash-reporting accounts are entitled", "CASHPOS_ACCOUNTS", "entitlements")
	requireFits(t, m.View().Content, 80, 24)
}

func TestFailureWithoutData(t *testing.T) {
	m, eff := started(t, Options{Fetch: newBank(fail(fmt.Errorf("dial tcp: i/o timeout: %w", model.ErrUnavailable))).Fetch}, 80, 24)
	requireContains(t, screenText(m), "Could not load balances", "dial tcp: i/o timeout: bank unavailable", "r to retry")
	_ = lastRefreshTick(t, eff)
}

func TestSaveFailureShown(t *testing.T) {
	m, _ := started(t, Options{
		Fetch:    newBank(ok(bookSnapshot())).Fetch,
		SaveGood: func(model.Snapshot) error { return errors.New("open state/last-good.json: permission denied") },
	}, 120, 40)
	requireContains(t, screenText(m), "last good data not saved: open state/last-good.json: permission denied")
	requireContains(t, screenText(m), "3,982,114.55") // not fatal
}

func TestHelpFromFocusedScreen(t *testing.T) {
	m := loaded(t, bookSnapshot(), 120, 40)
	m, _ = press(t, m, "?")
	scr := screenText(m)
	requireContains(t, scr, "Keys — balances", "page down", "reverse", "auto on/off", "◌ prior-day", "?/esc close help")
	m, _ = press(t, m, "j") // ignored under help
	if dash(m).grid.cursor != 0 {
		t.Fatal("keys other than close and quit are ignored under help")
	}
	m, _ = press(t, m, "esc")
	if m.showHelp {
		t.Fatal("esc closes help")
	}
	m, _ = press(t, m, "/", "?")
	if m.showHelp || dash(m).grid.filter != "?" {
		t.Fatal("? is text while filtering")
	}
}

func TestQuit(t *testing.T) {
	m := loaded(t, bookSnapshot(), 120, 40)
	for _, k := range []string{"q", "ctrl+c"} {
		if _, eff := press(t, m, k); !eff.quit {
			t.Fatalf("%s does not quit", k)
		}
	}
	m, _ = press(t, m, "/")
	if _, eff := press(t, m, "ctrl+c"); !eff.quit {
		t.Fatal("ctrl+c quits while filtering")
	}
}

func TestUnchangingMessagesReturnNil(t *testing.T) {
	m := loaded(t, bookSnapshot(), 120, 40)
	for _, msg := range []tea.Msg{
		keyMsg("x"), keyMsg("k"), keyMsg("esc"), savedMsg{}, refreshTickMsg{t: ticket{gen: 999}},
		tea.FocusMsg{}, tea.WindowSizeMsg{Width: 120, Height: 40},
	} {
		if _, cmd := m.Update(msg); cmd != nil {
			t.Errorf("%T returned a command", msg)
		}
	}
}

func TestRowCacheReusesRenderedRows(t *testing.T) {
	m := loaded(t, typicalSnapshot(), 120, 40)
	clear(dash(m).cache.rows)
	first := m.View().Content
	n := len(dash(m).cache.rows)
	if n != 14 {
		t.Fatalf("cached %d rows, want the 14 visible", n)
	}
	if m.View().Content != first || len(dash(m).cache.rows) != n {
		t.Fatal("a second frame must come from the cache")
	}
	m, _ = press(t, m, "j")
	_ = m.View()
	if len(dash(m).cache.rows) != n+2 {
		t.Fatalf("moving re-renders exactly two rows: %d new", len(dash(m).cache.rows)-n)
	}
}

// requireFits checks a frame: exactly h lines, none wider than w.
func requireFits(t *testing.T, frame string, w, h int) {
	t.Helper()
	lines := strings.Split(frame, "\n")
	if len(lines) != h {
		t.Errorf("frame has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Errorf("line %d is %d wide (> %d): %q", i, lw, w, ansi.Strip(l))
		}
	}
}

func TestEmptySnapshotAndUnknownCacheTime(t *testing.T) {
	m := loaded(t, model.Snapshot{FetchedAt: testNow}, 80, 24)
	requireContains(t, screenText(m), "the bank returned no balances", "0 accounts")
	requireFits(t, m.View().Content, 80, 24)
	if _, cmd := m.Update(keyMsg("j")); cmd != nil {
		t.Fatal("moving in an empty grid changes nothing")
	}

	cached := bookSnapshot()
	cached.FetchedAt = time.Time{}
	m = testModel(Options{Fetch: newBank(ok(bookSnapshot())).Fetch, Cached: &cached})
	m, _ = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	requireContains(t, screenText(m), "showing last good data from an unknown time (cached)")
}

func TestClockShowsDateWhenNotToday(t *testing.T) {
	if got := clock(time.Date(2026, 11, 19, 17, 30, 2, 0, time.UTC), testNow, true); got != "2026-11-19 12:30:02 EST" {
		t.Fatalf("yesterday: %q", got)
	}
	if got := clock(testNow.Add(-time.Hour), testNow, false); got != "14:04 EST" {
		t.Fatalf("today: %q", got)
	}
}

func TestHostileTextIsNeutralised(t *testing.T) {
	s := typicalSnapshot()
	s.Balances = append([]model.Balance(nil), s.Balances...)
	s.Balances[1].Account.Label = "Pay\x1b[2Jroll\nX"
	s.Balances[4].Problem = &model.AccountProblem{Code: "GCA-010", Message: "not found\x1b]0;pwned\x07\nsecond line"}
	m := loaded(t, s, 120, 40)
	frame := m.View().Content
	requireFits(t, frame, 120, 40)
	for _, bad := range []string{"\x1b[2J", "\x1b]0;", "\x07"} {
		if strings.Contains(frame, bad) {
			t.Fatalf("frame carries %q", bad)
		}
	}
	requireContains(t, screenText(m), "Pay [2Jroll X", "GCA-010 not found ]0;pwned")
	requireLacks(t, screenText(m), "second line")
}
