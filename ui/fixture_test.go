package ui

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/shopspring/decimal"

	"cashpos/model"
)

// The fixed clock of every test: Friday 2026-11-20 15:04:00 in New York.
var (
	nyc      = mustLoc("America/New_York")
	testNow  = time.Date(2026, 11, 20, 15, 4, 0, 0, nyc)
	fixedNow = func() time.Time { return testNow }
)

func mustLoc(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func at(hh, mm int) time.Time { return time.Date(2026, 11, 20, hh, mm, 0, 0, nyc) }

func amt(s string) decimal.NullDecimal {
	if s == "" {
		return decimal.NullDecimal{}
	}
	return decimal.NullDecimal{Decimal: decimal.RequireFromString(s), Valid: true}
}

type acct struct {
	id, label, name, group, ccy string
}

func bal(a acct, oa, ol, ea, el string, asOf string, rec time.Time, current bool) model.Balance {
	return model.Balance{
		Account: model.Account{
			ID: a.id, Label: a.label, Name: a.name, Group: a.group,
			Currency: model.CurrencyOf(a.ccy), API: model.APIAccessV1,
		},
		AsOfDate: asOf, RecordTime: rec, CurrentDay: current,
		OpeningAvailable: amt(oa), OpeningLedger: amt(ol),
		EndingAvailable: amt(ea), EndingLedger: amt(el),
		FetchedAt: testNow,
	}
}

const today, yesterday = "2026-11-20", "2026-11-19"

// bookSnapshot is the book of 14 accounts every golden draws: five
// currencies (USD, EUR, GBP, JPY 0 decimals, BHD 3 decimals), negative,
// zero, 14-integer-digit and missing amounts, a GCA-010 account, and rows
// that are fresh, aging, stale by age, stale by date, and prior-day.
func bookSnapshot() model.Snapshot {
	us, eu, as := "US Operating", "Europe", "Asia & Middle East"
	bs := []model.Balance{
		bal(acct{"000000012342009", "Operating — Chase NY", "", us, "USD"},
			"4210332.17", "4250000.00", "3982114.55", "4020876.31", today, at(14, 58), true),
		bal(acct{"000000098761177", "Payroll", "", us, "USD"},
			"1500000.00", "1500000.00", "-245310.08", "-212004.50", today, at(14, 31), true),
		bal(acct{"000000055550042", "Concentration", "", us, "USD"},
			"12345678901234.56", "12345678901234.56", "12345678911234.56", "12345678911234.56", today, at(14, 50), true),
		bal(acct{"000000077770310", "Tax reserve", "", us, "USD"},
			"0.00", "0.00", "0.00", "0.00", today, at(12, 10), true),
		{
			Account: model.Account{ID: "000000033330999", Name: "Lockbox", Group: us,
				Currency: model.CurrencyOf("USD"), API: model.APIAccessV1},
			FetchedAt: testNow,
			Problem:   &model.AccountProblem{Code: "GCA-010", Message: "account not found"},
		},
		bal(acct{"000000044440101", "Paris Ops", "", eu, "EUR"},
			"812450.00", "812450.00", "798001.25", "799120.40", today, at(15, 1), true),
		bal(acct{"000000044440202", "Frankfurt Treasury", "", eu, "EUR"},
			"-1050.75", "-1050.75", "-1050.75", "-1050.75", yesterday, time.Date(2026, 11, 19, 23, 59, 0, 0, nyc), false),
		bal(acct{"000000066660303", "London Ops", "", eu, "GBP"},
			"1234567.89", "", "1198220.04", "", today, at(14, 40), true),
		bal(acct{"000000066660404", "London Payroll", "", eu, "GBP"},
			"250000.00", "250000.00", "-12.34", "0.00", today, at(14, 20), true),
		bal(acct{"000000088880505", "Tokyo Ops", "", as, "JPY"},
			"1234567890", "1234567890", "1198765432", "1200000000", today, at(14, 59), true),
		bal(acct{"000000088880606", "Osaka Collections", "", as, "JPY"},
			"-5000000", "-5000000", "-5000000", "-5000000", yesterday, time.Date(2026, 11, 19, 18, 0, 0, 0, nyc), true),
		bal(acct{"000000099990707", "Manama", "", as, "BHD"},
			"12345.678", "12345.678", "-0.125", "12000.500", today, at(14, 55), true),
		bal(acct{"000000099990808", "Manama Reserve", "", as, "BHD"},
			"500.000", "500.000", "", "", today, at(14, 55), true),
		bal(acct{"000000011112222", "", "ESCROW ACCOUNT", "", "USD"},
			"250.00", "250.00", "250.00", "250.00", today, at(15, 4), true),
	}
	return model.Snapshot{Balances: bs, FetchedAt: testNow}
}

// typicalSnapshot is the same book without the 14-integer-digit row's
// extreme width: every column fits at 120 columns.
func typicalSnapshot() model.Snapshot {
	s := bookSnapshot()
	bs := append([]model.Balance(nil), s.Balances...)
	c := bs[2]
	c.OpeningAvailable, c.OpeningLedger = amt("48210332.17"), amt("48210332.17")
	c.EndingAvailable, c.EndingLedger = amt("51003998.02"), amt("50998000.00")
	bs[2] = c
	s.Balances = bs
	return s
}

// realisticSnapshot is the typical book with its largest account at the
// size real corporates hold (tens of billions), as the demo book is: every
// balance column fits at 120 columns.
func realisticSnapshot() model.Snapshot {
	s := typicalSnapshot()
	bs := append([]model.Balance(nil), s.Balances...)
	c := bs[2]
	c.OpeningAvailable, c.OpeningLedger = amt("38213900117.31"), amt("38213900117.31")
	c.EndingAvailable, c.EndingLedger = amt("38225962975.94"), amt("38226104410.20")
	bs[2] = c
	s.Balances = bs
	return s
}

// ungroupedSnapshot drops every group, for tests of plain ordering.
func ungroupedSnapshot(s model.Snapshot) model.Snapshot {
	bs := append([]model.Balance(nil), s.Balances...)
	for i := range bs {
		bs[i].Account.Group = ""
	}
	s.Balances = bs
	return s
}

// fakeBank answers Fetch from a script; the last answer repeats.
type fakeBank struct {
	mu      sync.Mutex
	answers []answer
	calls   int
	block   chan struct{} // when set, Fetch waits on it (or ctx)
}

type answer struct {
	snap model.Snapshot
	err  error
}

func newBank(answers ...answer) *fakeBank { return &fakeBank{answers: answers} }

func ok(s model.Snapshot) answer { return answer{snap: s} }
func fail(err error) answer      { return answer{err: err} }

func (f *fakeBank) Fetch(ctx context.Context) (model.Snapshot, error) {
	f.mu.Lock()
	n := f.calls
	f.calls++
	block := f.block
	var a answer
	if len(f.answers) > 0 {
		a = f.answers[min(n, len(f.answers)-1)]
	} else {
		a = answer{err: errors.New("no answer scripted")}
	}
	f.mu.Unlock()
	if block != nil {
		select {
		case <-block:
		case <-ctx.Done():
			return model.Snapshot{}, ctx.Err()
		}
	}
	return a.snap, a.err
}

func (f *fakeBank) Calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

// timerSet records a timer the model armed, instead of sleeping on it.
type timerSet struct {
	d   time.Duration
	msg tea.Msg
}

func recordAfter(d time.Duration, msg tea.Msg) tea.Cmd {
	return func() tea.Msg { return timerSet{d: d, msg: msg} }
}

// effects is what running a command chain produced besides model changes.
type effects struct {
	timers []timerSet
	msgs   []tea.Msg
	quit   bool
}

// run executes cmd and every command that follows from it, feeding messages
// back into Update, synchronously. Timers are recorded, not run.
func run(t *testing.T, m Model, cmd tea.Cmd) (Model, effects) {
	t.Helper()
	var eff effects
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case timerSet:
			eff.timers = append(eff.timers, msg)
		case tea.QuitMsg:
			eff.quit = true
		default:
			eff.msgs = append(eff.msgs, msg)
			next, nc := m.Update(msg)
			m = next.(Model)
			queue = append(queue, nc)
		}
	}
	return m, eff
}

// send delivers one message and runs what follows from it.
func send(t *testing.T, m Model, msg tea.Msg) (Model, effects) {
	t.Helper()
	next, cmd := m.Update(msg)
	return run(t, next.(Model), cmd)
}

// press sends key presses, one message per key, as Bubble Tea v2 does.
func press(t *testing.T, m Model, keys ...string) (Model, effects) {
	t.Helper()
	var all effects
	for _, k := range keys {
		var eff effects
		m, eff = send(t, m, keyMsg(k))
		all.timers = append(all.timers, eff.timers...)
		all.msgs = append(all.msgs, eff.msgs...)
		all.quit = all.quit || eff.quit
	}
	return m, all
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	r := []rune(k)
	return tea.KeyPressMsg{Code: r[0], Text: k}
}

// testModel builds the dashboard with the fixed clock and recorded timers.
func testModel(o Options) Model {
	if o.Now == nil {
		o.Now = fixedNow
	}
	if o.Env == EnvNone {
		o.Env = EnvDemo
	}
	m := New(o)
	m.after = recordAfter
	return m
}

// started sizes the model and runs Init: the first refresh lands.
func started(t *testing.T, o Options, w, h int) (Model, effects) {
	t.Helper()
	m := testModel(o)
	m, _ = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	return run(t, m, m.Init())
}

func loaded(t *testing.T, s model.Snapshot, w, h int) Model {
	t.Helper()
	m, _ := started(t, Options{Fetch: newBank(ok(s)).Fetch}, w, h)
	if dash(m).bk == nil {
		t.Fatal("book not loaded")
	}
	return m
}

// dash is the dashboard at the bottom of the root's stack.
func dash(m tea.Model) dashboard { return m.(Model).stack[0].(dashboard) }
