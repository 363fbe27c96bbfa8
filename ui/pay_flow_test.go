package ui

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/shopspring/decimal"

	"cashpos/jpm"
	"cashpos/jpm/mock"
	"cashpos/model"
	"cashpos/payments"
	"cashpos/store"
)

// The whole payment path through the real event loop: the payments
// engine, its SQLite journal and the jpm client against the mock bank on
// loopback, with one fixed clock the test advances (the mock moves a
// payment to COMPLETED 12 s after it arrives, on that clock).

type flowClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *flowClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *flowClock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func (c *flowClock) Sleep(ctx context.Context, d time.Duration) error { c.Advance(d); return ctx.Err() }

// enginePay is what main's adapter does: ids from payments.NewIDs, the
// followers' changes on a channel.
type enginePay struct {
	*payments.Engine
	ch chan model.Payment
}

func newEnginePay(t *testing.T, eng *payments.Engine) enginePay {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	e := enginePay{Engine: eng, ch: make(chan model.Payment, 64)}
	eng.SetOnChange(func(p model.Payment) {
		select {
		case e.ch <- p:
		case <-ctx.Done():
		}
	})
	return e
}

func (enginePay) NewIDs() (model.PaymentIDs, error)      { return payments.NewIDs() }
func (e enginePay) EnvName() string                      { return e.Env() }
func (e enginePay) Changes() <-chan model.Payment        { return e.ch }
func (e enginePay) Track(ctx context.Context, id string) { e.Engine.Track(ctx, id) }

type payRig struct {
	clock *flowClock
	bank  *mock.Bank
	eng   *payments.Engine
	db    *store.DB
}

func newPayRig(t *testing.T) *payRig {
	t.Helper()
	r := &payRig{clock: &flowClock{t: testNow}}
	r.bank = mock.New(mock.Options{Seed: 11, Now: r.clock.Now})
	srv := httptest.NewServer(r.bank)
	t.Cleanup(srv.Close)
	tr := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(tr.CloseIdleConnections)
	client, err := jpm.New(jpm.Options{
		Endpoints: jpm.Endpoints{Balance: srv.URL + "/accessapi", BDA: srv.URL + "/account/v2",
			Token: srv.URL + mock.TokenPath, Payments: srv.URL + "/payment/v2"},
		ClientID: mock.DefaultClientID, ClientSecret: mock.DefaultClientSecret,
		HTTPClient: &http.Client{Transport: tr}, Timeout: 2 * time.Second,
		Now: r.clock.Now, Sleep: r.clock.Sleep, Rand: func() float64 { return 0.5 },
	})
	if err != nil {
		t.Fatal(err)
	}
	if r.db, err = store.OpenDB(context.Background(), t.TempDir()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.db.Close() })
	r.eng, err = payments.New(payments.Options{
		Bank: client, Journal: store.NewJournal(r.db), Audit: store.NewAudit(r.db, r.clock.Now), Env: "demo",
		Limits:  model.Limits{PerPayment: decimal.RequireFromString("1000000"), Daily: decimal.RequireFromString("5000000"), Source: "test"},
		Cutoffs: map[model.Rail]model.Cutoff{model.RailWire: {Hour: 17}, model.RailACH: {Hour: 16}},
		User:    "analyst", Host: "jump1", Now: r.clock.Now,
		Poll: payments.PollPolicy{First: 20 * time.Millisecond, Max: 50 * time.Millisecond, Factor: 2},
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// operatingSnapshot is the dashboard's view of the mock's operating account.
func operatingSnapshot() model.Snapshot {
	a := acct{"000000010962009", "Operating - Concentration", "", "", "USD"}
	return model.Snapshot{Balances: []model.Balance{bal(a, "18000000.00", "18000000.00", "17976314.88", "18176174.00", today, at(14, 45), true)}, FetchedAt: testNow}
}

func TestFlowWireFromDashboardToCompleted(t *testing.T) {
	r := newPayRig(t)
	tm := r.start(t)
	r.pay(t, tm, false, "123456789")
	waitText(t, tm, "In flight")
	r.clock.Advance(13 * time.Second) // the mock completes a wire 12 s after it arrives
	waitText(t, tm, "Completed")
	tm.Send(keyMsg("esc"))
	waitText(t, tm, "17,975,064.88 (1,250.00 pending)")
	tm.Send(keyMsg("q"))
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(30*time.Second)).(Model)

	ps := fm.pay.payments()
	if len(ps) != 1 || ps[0].Status != model.StatusCompleted {
		t.Fatalf("journal shown: %+v", ps)
	}
	at := r.bank.Payments()
	if len(at) != 1 || at[0].EndToEndID != ps[0].IDs.EndToEndID || at[0].Status != "COMPLETED" || at[0].Amount != "1250.00" {
		t.Fatalf("at the bank: %+v", at)
	}
	rep, err := store.NewAudit(r.db, nil).Verify(context.Background())
	if err != nil || !rep.OK() {
		t.Fatalf("audit chain: %+v %v", rep, err)
	}
}

// The bad outcomes, each through the real engine and mock: what happened
// and what to do, on the status screen.
func TestFlowPaymentOutcomes(t *testing.T) {
	for _, tc := range []struct {
		name, creditor string
		ach            bool
		advance        time.Duration
		want           []string
	}{
		{"ach_completed", "123456789", true, 13 * time.Second, []string{"Completed"}},
		{"limit_breach", mock.ScriptLimitBreach, false, 0, []string{"over a limit the bank holds", "limit increase"}},
		{"insufficient_funds", mock.ScriptInsufficientFunds, false, 15 * time.Second, []string{"insufficient funds in the debtor account", "fund the debtor account"}},
		{"closed_account", mock.ScriptClosedAccount, true, 7 * time.Second, []string{"beneficiary's account was refused", "confirm the beneficiary"}},
		{"lost_response", mock.ScriptLostResponse, false, 13 * time.Second, []string{"Completed"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newPayRig(t)
			tm := r.start(t)
			r.pay(t, tm, tc.ach, tc.creditor)
			if tc.advance > 0 {
				waitText(t, tm, "In flight")
				r.clock.Advance(tc.advance)
			}
			waitText(t, tm, tc.want...)
			tm.Send(keyMsg("q"))
			tm.FinalModel(t, teatest.WithFinalTimeout(30*time.Second))
			if n := len(r.bank.Payments()); n > 1 || n == 0 && tc.name != "limit_breach" {
				t.Fatalf("%d payments at the bank", n)
			}
		})
	}
}

// start runs the program on the rig's engine and waits for the dashboard.
func (r *payRig) start(t *testing.T) *teatest.TestModel {
	t.Helper()
	tm := teatest.NewTestModel(t, New(Options{Env: EnvDemo, Fetch: newBank(ok(operatingSnapshot())).Fetch, Now: r.clock.Now, Payments: newEnginePay(t, r.eng)}),
		teatest.WithInitialTermSize(120, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii), tea.WithEnvironment([]string{"TERM=xterm-256color"})),
	)
	waitText(t, tm, "Operating - Conce")
	return tm
}

// pay fills the form for 1,250.00 to creditor, reviews it and confirms it.
func (r *payRig) pay(t *testing.T, tm *teatest.TestModel, ach bool, creditor string) {
	t.Helper()
	tm.Send(keyMsg("p"))
	waitText(t, tm, "New payment")
	tab, right := tea.KeyPressMsg{Code: tea.KeyTab}, tea.KeyPressMsg{Code: tea.KeyRight}
	if ach {
		tm.Send(right)
	}
	for _, v := range []string{"1250", "", "ACME SUPPLIES INC", creditor, "071000013"} {
		tm.Send(tab)
		tm.Type(v)
	}
	if ach {
		tm.Send(tab)
		tm.Send(right) // checking
		tm.Send(tab)
		tm.Send(right) // CCD
	}
	tm.Send(tab)
	tm.Type("INV 2026-1182")
	tm.Send(tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl})
	waitText(t, tm, "Review the payment")
	tm.Type("1,250.00")
	waitText(t, tm, "matches")
	tm.Send(keyMsg("enter"))
}
