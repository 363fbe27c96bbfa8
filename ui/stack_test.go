package ui

import (
	"context"
	"testing"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// fakeScreen records what the root delivers to it.
type fakeScreen struct {
	id       uint64
	typing   bool
	keys     *[]string
	closed   *bool
	sized    tea.WindowSizeMsg
	others   int
	initDone bool
	dirty    bool
}

func newFake(typing bool) fakeScreen {
	return fakeScreen{id: newID(), typing: typing, keys: new([]string), closed: new(bool)}
}

func (f fakeScreen) ID() uint64         { return f.id }
func (f fakeScreen) Title() string      { return "fake" }
func (f fakeScreen) Keys() help.KeyMap  { return helpKeys{newKeyMap()} }
func (f fakeScreen) CapturesText() bool { return f.typing }
func (f fakeScreen) Init() tea.Cmd      { return func() tea.Msg { return "fake-init" } }
func (f fakeScreen) Close()             { *f.closed = true }
func (f fakeScreen) Dirty() bool        { return f.dirty }
func (f fakeScreen) HelpNotes() []HelpSection {
	return []HelpSection{{Title: "Fake notes", Lines: []string{"a line"}}}
}

func (f fakeScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		*f.keys = append(*f.keys, msg.String())
		if msg.String() == "esc" {
			return f, pop(f.id)
		}
	case tea.WindowSizeMsg:
		f.sized = msg
	case string:
		f.initDone = f.initDone || msg == "fake-init"
	default:
		f.others++
	}
	return f, nil
}

func (f fakeScreen) View(width, height int) Frame {
	return Frame{Header: "fake header", Body: fitBlock("fake body", width, height), Status: "fake status"}
}

func pushed(t *testing.T, m Model, s Screen) Model {
	t.Helper()
	m, _ = run(t, m, push(m.top().ID(), s))
	if m.top().ID() != s.ID() {
		t.Fatal("push did not put the screen on top")
	}
	return m
}

func TestPushSizesAndStartsTheScreen(t *testing.T) {
	m := loaded(t, typicalSnapshot(), 120, 40)
	m = pushed(t, m, newFake(false))
	f := m.top().(fakeScreen)
	if f.sized.Width != 120 || f.sized.Height != 40 || !f.initDone {
		t.Fatalf("pushed screen sized %v init %v", f.sized, f.initDone)
	}
	requireContains(t, screenText(m), "fake header", "fake body", "fake status")
}

func TestKeysGoToTheTopScreenOnly(t *testing.T) {
	m := loaded(t, typicalSnapshot(), 120, 40)
	f := newFake(false)
	m = pushed(t, m, f)
	before := dash(m).grid.cursor
	m, _ = press(t, m, "j", "j")
	if dash(m).grid.cursor != before || len(*f.keys) != 2 {
		t.Fatalf("dashboard cursor moved to %d; top got %v", dash(m).grid.cursor, *f.keys)
	}
}

func TestEscPopsOnceEvenWhenRepeated(t *testing.T) {
	m := loaded(t, typicalSnapshot(), 120, 40)
	m, _ = press(t, m, "j", "j")
	f := newFake(false)
	m = pushed(t, m, f)
	// Two esc presses before the first pop lands: only one level goes.
	next, c1 := m.Update(keyMsg("esc"))
	next, c2 := next.Update(keyMsg("esc"))
	m = next.(Model)
	m, _ = run(t, m, tea.Batch(c1, c2))
	if len(m.stack) != 1 || !*f.closed {
		t.Fatalf("stack %d closed %v", len(m.stack), *f.closed)
	}
	if dash(m).grid.cursor != 2 {
		t.Fatalf("the dashboard's selection was not kept: %d", dash(m).grid.cursor)
	}
	// A pop from a screen no longer on top does nothing to the dashboard.
	m, _ = run(t, m, pop(f.id))
	if len(m.stack) != 1 {
		t.Fatal("the bottom screen was popped")
	}
}

func TestPushFromAScreenNotOnTopIsDropped(t *testing.T) {
	m := loaded(t, typicalSnapshot(), 120, 40)
	first := newFake(false)
	m = pushed(t, m, first)
	late := newFake(false)
	m, _ = run(t, m, push(dash(m).id, late)) // e.g. a second enter
	if len(m.stack) != 2 || m.top().ID() != first.id || !*late.closed {
		t.Fatalf("stack %d top %d", len(m.stack), m.top().ID())
	}
}

func TestCapturingScreenTypesQuitAndHelpKeys(t *testing.T) {
	m := loaded(t, typicalSnapshot(), 120, 40)
	f := newFake(true)
	m = pushed(t, m, f)
	m, eff := press(t, m, "q", "?", "r")
	if eff.quit || m.showHelp || len(*f.keys) != 3 {
		t.Fatalf("quit %v help %v keys %v", eff.quit, m.showHelp, *f.keys)
	}
	if _, eff := press(t, m, "ctrl+c"); !eff.quit {
		t.Fatal("ctrl+c must quit from a text field")
	}
}

func TestHelpIsTheTopScreens(t *testing.T) {
	m := loaded(t, typicalSnapshot(), 120, 40)
	m = pushed(t, m, newFake(false))
	m, _ = press(t, m, "?")
	requireContains(t, screenText(m), "Keys — fake", "Fake notes", "a line")
	requireLacks(t, screenText(m), "Markers")
}

func TestDashboardKeepsRefreshingUnderneath(t *testing.T) {
	bank := newBank(ok(typicalSnapshot()), ok(bookSnapshot()))
	m, eff := started(t, Options{Fetch: bank.Fetch}, 120, 40)
	m = pushed(t, m, newFake(false))
	tick := lastRefreshTick(t, eff)
	m, _ = send(t, m, tick)
	if bank.Calls() != 2 || dash(m).inFlight() {
		t.Fatalf("calls %d in flight %v", bank.Calls(), dash(m).inFlight())
	}
	if f := m.top().(fakeScreen); f.others == 0 {
		t.Fatal("the top screen is offered every message too")
	}
}

func TestQuitClosesEveryScreen(t *testing.T) {
	m := loaded(t, typicalSnapshot(), 120, 40)
	next, _ := m.Update(keyMsg("r"))
	m = next.(Model)
	ctx := dash(m).slot.ctx
	f := newFake(false)
	m = pushed(t, m, f)
	if _, eff := press(t, m, "q"); !eff.quit || !*f.closed || ctx.Err() == nil {
		t.Fatalf("quit %v closed %v ctx %v", eff.quit, *f.closed, ctx.Err())
	}
}

func TestPaymentKeysSayNotConfigured(t *testing.T) {
	for _, k := range []string{"p", "P"} {
		m, _ := press(t, loaded(t, typicalSnapshot(), 80, 24), k)
		requireContains(t, screenText(m), "payments are unavailable")
		m, _ = press(t, m, "j")
		requireLacks(t, screenText(m), "unavailable")
	}
}

func TestSlotDropsStaleAndCrossedAnswers(t *testing.T) {
	a, b := newSlot(), newSlot()
	a, t1, ctx1 := a.start(context.Background())
	a, t2, _ := a.start(context.Background())
	if ctx1.Err() == nil {
		t.Fatal("starting a request cancels the one it supersedes")
	}
	if a.current(t1) || !a.current(t2) || !a.busy {
		t.Fatal("only the newest request is current")
	}
	b, tb, _ := b.start(context.Background())
	if a.current(tb) || b.current(t2) {
		t.Fatal("answers never cross slots")
	}
	a = a.finish()
	if a.busy || a.ctx != nil {
		t.Fatal("finish releases the request")
	}
	a, alarm := a.arm()
	if !a.live(alarm) {
		t.Fatal("the armed timer is live")
	}
	a = a.disarm()
	if a.live(alarm) {
		t.Fatal("disarm orphans the timer")
	}
	a, _, ctx := a.start(context.Background())
	a = a.stop()
	if ctx.Err() == nil || a.current(ticket{slot: a.id, gen: a.gen - 1}) {
		t.Fatal("stop cancels and makes every earlier answer stale")
	}
}

func TestEnvIsTyped(t *testing.T) {
	if !EnvProduction.Production() || EnvCAT.Production() || EnvDemo.Production() {
		t.Fatal("only production is production")
	}
	if EnvProduction.String() != "PRODUCTION" || EnvNone.String() != "" || Env(99).String() != "" {
		t.Fatal("badge text")
	}
	m, _ := started(t, Options{Env: EnvCAT, Fetch: newBank(ok(typicalSnapshot())).Fetch}, 120, 40)
	if m.View().WindowTitle != "cashpos · CAT" {
		t.Fatalf("window title %q", m.View().WindowTitle)
	}
	requireLacks(t, screenText(m), "PRODUCTION")
}

func TestDashboardPositionIndicator(t *testing.T) {
	m := loaded(t, ungroupedSnapshot(manyAccounts(200)), 120, 40)
	requireContains(t, screenText(m), "200 accounts · rows 1–")
	m, _ = press(t, m, "G")
	requireContains(t, screenText(m), "–200 of 200")
	m, _ = press(t, m, "/", "0", "0", "0", "1", "9")
	requireLacks(t, screenText(m), "rows ")
	if p := dash(m).grid.position(dash(m).lay.bodyH); p != "" {
		t.Fatalf("all rows in view, position %q", p)
	}
}

func TestQuitAsksOverUnsavedInput(t *testing.T) {
	m := loaded(t, typicalSnapshot(), 120, 40)
	f := newFake(true)
	f.dirty = true
	m = pushed(t, m, f)
	m, eff := press(t, m, "ctrl+c")
	if eff.quit || !m.quitAsked {
		t.Fatal("ctrl+c over a dirty form asks first")
	}
	requireContains(t, screenText(m), "ctrl+c again quits")
	m, eff = press(t, m, "x")
	if eff.quit || m.quitAsked || len(*f.keys) != 0 {
		t.Fatal("any other key stays, and is not typed")
	}
	m, _ = press(t, m, "ctrl+c")
	if _, eff = press(t, m, "ctrl+c"); !eff.quit || !*f.closed {
		t.Fatal("a second ctrl+c quits")
	}
}

func TestReplaceSwapsTheTop(t *testing.T) {
	m := loaded(t, typicalSnapshot(), 120, 40)
	first := newFake(false)
	m = pushed(t, m, first)
	next := newFake(false)
	m, _ = run(t, m, replace(first.id, next))
	if len(m.stack) != 2 || m.top().ID() != next.id || !*first.closed {
		t.Fatalf("stack %d top %d", len(m.stack), m.top().ID())
	}
	m, _ = run(t, m, replace(dash(m).id, newFake(false)))
	if len(m.stack) != 2 || m.top().ID() != next.id {
		t.Fatal("only the top screen may hand its place over; the dashboard never")
	}
}
