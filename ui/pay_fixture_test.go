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

// fakePay is the payment engine for direct Update tests and goldens: its
// journal is a slice and Submit journals the intent as RECEIVED.
type fakePay struct {
	mu        sync.Mutex
	now       func() time.Time
	limits    model.Limits
	journal   []model.Payment
	submitErr error
	submits   int
	tracked   []string
	refreshed int
	ids       int
}

func newFakePay() *fakePay {
	return &fakePay{
		now:    fixedNow,
		limits: model.Limits{PerPayment: decimal.RequireFromString("1000000"), Daily: decimal.RequireFromString("5000000"), Source: "config [payments]"},
	}
}

func (f *fakePay) NewIDs() (model.PaymentIDs, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ids++
	return model.PaymentIDs{EndToEndID: "CPTEST00000000" + string(rune('0'+f.ids)), IdempotencyKey: "key"}, nil
}

func (f *fakePay) Check(_ context.Context, in model.PaymentIntent) error {
	if errs := in.Validate(f.now()); len(errs) > 0 {
		return errs[0]
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return model.CheckLimits(in.Amount, model.DayTotal(f.journal, in.ExecutionDate, ""), f.limits)
}

func (f *fakePay) Submit(_ context.Context, in model.PaymentIntent, ids model.PaymentIDs, typed string) (model.Payment, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.submits++
	if !model.MatchTypedAmount(typed, in.Amount) {
		return model.Payment{}, errors.New("payment not sent: the amount typed does not match")
	}
	if f.submitErr != nil {
		return model.Payment{}, f.submitErr
	}
	now := f.now()
	p := model.Payment{Intent: in, IDs: ids, Env: "demo", CreatedAt: now, UpdatedAt: now, PaymentID: "PAY-1",
		Status: model.StatusReceived, SubStatus: model.SubReceived, Attempts: 1,
		Timeline: []model.StatusEvent{{Status: model.StatusSubmitting, SeenAt: now}, {Status: model.StatusReceived, SubStatus: model.SubReceived, SeenAt: now}}}
	f.journal = append([]model.Payment{p}, f.journal...)
	return p, nil
}

// Track records the payments the screens asked to follow; tests play the
// follower's changes as payChangedMsg themselves.
func (f *fakePay) Track(_ context.Context, e2e string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.tracked = append(f.tracked, e2e)
}

// Changes is nil: a direct Update test runs commands synchronously, and a
// listener would wait forever.
func (f *fakePay) Changes() <-chan model.Payment { return nil }

// Refresh answers with the journal's view; refreshed counts the calls.
func (f *fakePay) Refresh(_ context.Context, e2e string) (model.Payment, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.refreshed++
	for _, p := range f.journal {
		if p.IDs.EndToEndID == e2e {
			return p, nil
		}
	}
	return model.Payment{}, errors.New("no such payment in the journal")
}

func (f *fakePay) List(context.Context) ([]model.Payment, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]model.Payment(nil), f.journal...), nil
}

func (f *fakePay) Limits() model.Limits { return f.limits }

func (f *fakePay) Cutoffs() map[model.Rail]model.Cutoff {
	return map[model.Rail]model.Cutoff{model.RailWire: {Hour: 17}, model.RailACH: {Hour: 16}}
}

func (f *fakePay) EnvName() string { return "demo" }

// Fixtures: one intent, and a payment at each stage of its life.

func wireIntent() model.PaymentIntent {
	return model.PaymentIntent{
		Rail: model.RailWire, Amount: decimal.RequireFromString("1250"), Currency: "USD",
		ExecutionDate: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC),
		Debtor:        model.Debtor{AccountID: "000000012342009", Name: "Operating — Chase NY", ABA: model.ChaseABA},
		Creditor:      model.Creditor{Name: "ACME SUPPLY CO", AccountNumber: "123456789", ABA: "021000021"},
		Remittance:    "INV 1234",
	}
}

func ev(st model.PaymentStatus, sub model.PaymentSubStatus, hh, mm, ss int, ex ...model.PaymentException) model.StatusEvent {
	t := time.Date(2026, 11, 20, hh, mm, ss, 0, nyc)
	return model.StatusEvent{Status: st, SubStatus: sub, SeenAt: t, BankTime: t.Add(-time.Second), Exceptions: ex}
}

// paymentAt is the wire payment after the given events.
func paymentAt(e2e string, evs ...model.StatusEvent) model.Payment {
	last := evs[len(evs)-1]
	return model.Payment{
		Intent: wireIntent(), IDs: model.PaymentIDs{EndToEndID: e2e, IdempotencyKey: "k-" + e2e}, Env: "demo",
		CreatedAt: at(15, 0), PaymentID: "PAY-" + e2e, Status: last.Status, SubStatus: last.SubStatus,
		UpdatedAt: last.SeenAt, Exceptions: last.Exceptions, Timeline: evs, Attempts: 1,
	}
}

var (
	evSubmit     = ev(model.StatusSubmitting, "", 15, 0, 0)
	evReceived   = ev(model.StatusReceived, model.SubReceived, 15, 0, 1)
	evAccepted   = ev(model.StatusAccepted, model.SubAccepted, 15, 0, 3)
	evProcessing = ev(model.StatusProcessing, model.SubProcessingByJPM, 15, 0, 5)
	evClearing   = ev(model.StatusProcessing, model.SubSentToClearing, 15, 0, 9)
	evCompleted  = ev(model.StatusCompleted, model.SubCompletedByJPM, 15, 0, 13)
)

func excClosed() model.PaymentException {
	return model.PaymentException{Code: model.CodeCreditorAccountClosed, Message: "Creditor account is closed", Field: "$.creditor.account",
		Details: []model.ExceptionCause{{Type: "ISO20022", Code: "AC03", Message: "Invalid creditor account number"}, {Type: "CLEARING_NACHA", Code: "CLR119"}}}
}

func excLimit() model.PaymentException {
	return model.PaymentException{Code: model.CodeLimitBreach, Message: "Payment amount exceeds the client limit",
		Details: []model.ExceptionCause{{Type: "ISO20022", Code: "AM02"}}}
}

func excFunds() model.PaymentException {
	return model.PaymentException{Code: model.CodeInsufficientFunds, Message: "Insufficient funds in debtor account", Field: "$.debtor.account",
		Details: []model.ExceptionCause{{Type: "ISO20022", Code: "AM04", Message: "Insufficient funds"}}}
}

// payModel is the loaded dashboard with pay as its engine, the journal read.
func payModel(t *testing.T, pay *fakePay, w, h int) Model {
	t.Helper()
	m, _ := started(t, Options{Fetch: newBank(ok(typicalSnapshot())).Fetch, Payments: pay}, w, h)
	if dash(m).bk == nil || !m.pay.loaded {
		t.Fatal("not loaded")
	}
	return m
}

// payKey is keyMsg with the form's keys too.
func payKey(k string) tea.KeyPressMsg {
	switch k {
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "ctrl+s":
		return tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	return keyMsg(k)
}

// keys presses named keys (see payKey).
func keys(t *testing.T, m Model, ks ...string) Model {
	t.Helper()
	for _, k := range ks {
		m, _ = send(t, m, payKey(k))
	}
	return m
}

// typeKeys types s one key per character.
func typeKeys(t *testing.T, m Model, s string) Model {
	t.Helper()
	for _, r := range s {
		k := tea.KeyPressMsg{Code: r, Text: string(r)}
		if r == ' ' {
			k = payKey("space")
		}
		m, _ = send(t, m, k)
	}
	return m
}

// formField types into the field f, reached with tab from the rail.
func fillFields(t *testing.T, m Model, values ...string) Model {
	t.Helper()
	for _, v := range values {
		m = keys(t, m, "tab")
		if v != "" {
			m = typeKeys(t, m, v)
		}
	}
	return m
}

// openForm presses p on the selected (USD) account.
func openForm(t *testing.T, m Model) Model {
	t.Helper()
	m = keys(t, m, "p")
	if _, ok := m.top().(payScreen); !ok {
		t.Fatalf("p did not open the form: %s", screenText(m))
	}
	return m
}

func top(m Model) payScreen { return m.top().(payScreen) }

// filledWire is the form with a valid wire (the execution date kept).
func filledWire(t *testing.T, m Model, amount string) Model {
	t.Helper()
	m = openForm(t, m)
	m = fillFields(t, m, amount, "", "ACME SUPPLY CO", "123456789", "021000021", "INV 1234")
	return m
}
