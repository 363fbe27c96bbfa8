package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"cashpos/model"
)

func TestPayFormOpensForTheSelectedAccountAndTakesLetters(t *testing.T) {
	m := openForm(t, payModel(t, newFakePay(), 120, 40))
	s := top(m)
	if s.form.debtor.AccountID != "000000012342009" || !s.CapturesText() {
		t.Fatalf("debtor %+v captures %v", s.form.debtor, s.CapturesText())
	}
	m = keys(t, m, "tab", "tab", "tab") // beneficiary name
	m, eff := send(t, m, keyMsg("q"))
	if eff.quit || top(m).form.value().CreditorName != "q" {
		t.Fatalf("q quit %v, name %q", eff.quit, top(m).form.value().CreditorName)
	}
}

func TestPayKeyRefusesANonUSDAccount(t *testing.T) {
	m := payModel(t, newFakePay(), 120, 40)
	for dash(m).bk.view(dash(m).grid.order[dash(m).grid.cursor]).ccy == "USD" {
		m = keys(t, m, "j")
	}
	m = keys(t, m, "p")
	if _, ok := m.top().(dashboard); !ok {
		t.Fatal("a form opened for a non-USD account")
	}
	requireContains(t, screenText(m), "USD only")
}

func TestPayFormValidatesEachFieldAsTyped(t *testing.T) {
	m := openForm(t, payModel(t, newFakePay(), 120, 40))
	m = fillFields(t, m, "12.345")
	requireContains(t, screenText(m), "at most 2 decimals")
	m = keys(t, m, "backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
	m = typeKeys(t, m, "5000000")
	requireContains(t, screenText(m), "over the per-payment limit of 1,000,000.00 USD")
	m = keys(t, m, "tab")
	for range 10 {
		m = keys(t, m, "backspace")
	}
	m = typeKeys(t, m, "2026-11-19")
	requireContains(t, screenText(m), "in the past; today is 2026-11-20")
	m = fillFields(t, m, "", "12-34", "021000022")
	requireContains(t, screenText(m), "letters and digits only", "check digit is wrong")
}

func TestPayFormFlagsHolidaysAndCutoff(t *testing.T) {
	m := openForm(t, payModel(t, newFakePay(), 120, 40))
	requireContains(t, screenText(m), "WIRE cut-off 17:00 ET today: 1h56m left")
	m = keys(t, m, "tab", "tab")
	for range 10 {
		m = keys(t, m, "backspace")
	}
	m = typeKeys(t, m, "2026-11-26")
	requireContains(t, screenText(m), "not a banking day (Thanksgiving Day (Federal Reserve holiday))", "Fri 2026-11-27")
}

func TestPayFormACHAddsAccountTypeAndSEC(t *testing.T) {
	m := openForm(t, payModel(t, newFakePay(), 120, 40))
	if len(top(m).form.fields()) != 7 {
		t.Fatalf("wire fields %v", top(m).form.fields())
	}
	m = keys(t, m, "right")
	fs := top(m).form.fields()
	if top(m).form.rail() != model.RailACH || len(fs) != 9 || fs[6] != model.FieldAccountType || fs[7] != model.FieldSECCode {
		t.Fatalf("ACH fields %v", fs)
	}
	m = fillFields(t, m, "1250", "", "A NAME LONGER THAN 22 CHARS", "123456789", "021000021")
	m = keys(t, m, "ctrl+s")
	requireContains(t, screenText(m), "27 characters; at most 22", "required for ACH: checking or savings", "required for ACH: CCD")
	if top(m).phase != phaseForm {
		t.Fatal("the review opened with errors")
	}
}

func TestPayLimitBreachIsNamedBeforeTheReview(t *testing.T) {
	pay := newFakePay()
	pay.journal = []model.Payment{paymentAt("CPOLD1", evSubmit, evCompleted)}
	pay.journal[0].Intent.Amount = pay.limits.Daily.Sub(pay.journal[0].Intent.Amount) // the day is nearly full
	m := filledWire(t, payModel(t, pay, 120, 40), "2500")
	m = keys(t, m, "ctrl+s")
	s := top(m)
	if s.phase != phaseForm || pay.ids != 0 || !strings.Contains(s.form.problem, "daily limit") {
		t.Fatalf("phase %v ids %d problem %q", s.phase, pay.ids, s.form.problem)
	}
	requireContains(t, screenText(m), "over the daily limit of 5,000,000.00 USD")
}

func TestPayGateSendsOnlyTheMatchingAmount(t *testing.T) {
	pay := newFakePay()
	m := filledWire(t, payModel(t, pay, 120, 40), "1250")
	m = keys(t, m, "enter") // enter on the last field opens the review
	if top(m).phase != phaseReview {
		t.Fatalf("phase %v: %s", top(m).phase, screenText(m))
	}
	requireContains(t, screenText(m), "End-to-end id     CPTEST000000001", "nothing has been sent", "Routing (ABA)     021000021")
	m = keys(t, m, "enter")
	m = typeKeys(t, m, "125")
	m = keys(t, m, "enter")
	if pay.submits != 0 || !top(m).review.mismatch {
		t.Fatalf("submits %d mismatch %v", pay.submits, top(m).review.mismatch)
	}
	requireContains(t, screenText(m), "does not match")
	m = keys(t, m, "backspace", "backspace", "backspace")
	m = typeKeys(t, m, "1,250.00")
	m = keys(t, m, "enter")
	if pay.submits != 1 || top(m).phase != phaseStatus || top(m).e2e != "CPTEST000000001" {
		t.Fatalf("submits %d phase %v", pay.submits, top(m).phase)
	}
	if _, ok := m.pay.get("CPTEST000000001"); !ok || len(pay.tracked) != 1 || pay.tracked[0] != "CPTEST000000001" {
		t.Fatalf("the payment is not followed (tracked %v)", pay.tracked)
	}
	m = keys(t, m, "enter") // a second enter sends nothing more
	if pay.submits != 1 {
		t.Fatal("sent twice")
	}
	m = keys(t, m, "esc")
	if _, ok := m.top().(dashboard); !ok {
		t.Fatal("esc from the status did not go back to the dashboard")
	}
}

func TestPayReviewEscKeepsTheForm(t *testing.T) {
	m := filledWire(t, payModel(t, newFakePay(), 120, 40), "1250")
	m = keys(t, m, "ctrl+s", "esc")
	if top(m).phase != phaseForm || top(m).form.value().CreditorName != "ACME SUPPLY CO" {
		t.Fatalf("phase %v", top(m).phase)
	}
}

func TestPaySubmitRefusalKeepsTheReview(t *testing.T) {
	pay := newFakePay()
	pay.submitErr = errString("payments: not sent, the journal could not record it: disk full")
	m := filledWire(t, payModel(t, pay, 120, 40), "1250")
	m = keys(t, m, "ctrl+s")
	m = typeKeys(t, m, "1250")
	m = keys(t, m, "enter")
	if top(m).phase != phaseReview {
		t.Fatal("left the review after a refusal")
	}
	requireContains(t, screenText(m), "Not sent: payments: not sent, the journal could not record it")
}

type errString string

func (e errString) Error() string { return string(e) }

func TestCtrlCAsksBeforeLosingAFilledForm(t *testing.T) {
	m := openForm(t, payModel(t, newFakePay(), 120, 40))
	if _, eff := send(t, m, keyMsg("ctrl+c")); !eff.quit {
		t.Fatal("an empty form did not quit at once")
	}
	m = fillFields(t, m, "1250")
	m, eff := send(t, m, keyMsg("ctrl+c"))
	if eff.quit || !m.quitAsked {
		t.Fatal("a filled form quit without asking")
	}
	requireContains(t, screenText(m), "unsaved input would be lost")
	m = keys(t, m, "n") // any other key stays, and types nothing
	if m.quitAsked || top(m).form.value().Amount != "1250" {
		t.Fatalf("the form was not kept: %q", top(m).form.value().Amount)
	}
	m, _ = send(t, m, keyMsg("ctrl+c"))
	if _, eff := send(t, m, keyMsg("ctrl+c")); !eff.quit {
		t.Fatal("a second ctrl+c did not quit")
	}
	m = keys(t, m, "n", "esc")
	if !top(m).discard {
		t.Fatal("esc in a filled form did not ask")
	}
	requireContains(t, screenText(m), "Discard this payment form? y discards")
	m = keys(t, m, "n")
	if top(m).discard {
		t.Fatal("n did not keep the form")
	}
	m = keys(t, m, "esc", "y")
	if _, ok := m.top().(dashboard); !ok {
		t.Fatal("y did not discard the form")
	}
}

func TestPayStatusShowsEachChange(t *testing.T) {
	pay := newFakePay()
	m := filledWire(t, payModel(t, pay, 120, 40), "1250")
	m = keys(t, m, "ctrl+s")
	m = typeKeys(t, m, "1250")
	m = keys(t, m, "enter")
	e2e := "CPTEST000000001"
	requireContains(t, screenText(m), "RECEIVED — received by the bank", "In flight")
	for _, p := range []model.Payment{
		paymentAt(e2e, evSubmit, evReceived, evAccepted),
		paymentAt(e2e, evSubmit, evReceived, evAccepted, evProcessing, evClearing),
		paymentAt(e2e, evSubmit, evReceived, evAccepted, evProcessing), // an older view, heard late
	} {
		m, _ = send(t, m, payChangedMsg{p: p})
	}
	requireContains(t, screenText(m), "PROCESSING / SENT_TO_CLEARING — sent to the clearing system", "1 payment in flight")
	m, _ = send(t, m, payChangedMsg{p: paymentAt(e2e, evSubmit, evReceived, evAccepted, evProcessing, evClearing, evCompleted)})
	requireContains(t, screenText(m), "COMPLETED / COMPLETED_BY_JPM", "✓ Completed")
	requireLacks(t, screenText(m), "in flight")
}

func TestPayJournalReadAtStartShowsPaymentsInFlight(t *testing.T) {
	pay := newFakePay()
	pay.journal = []model.Payment{paymentAt("CPA", evSubmit, evReceived)}
	m := payModel(t, pay, 120, 40)
	if p, ok := m.pay.get("CPA"); !ok || p.Status != model.StatusReceived {
		t.Fatal("the journal was not read at start")
	}
	m = keys(t, m, "P")
	requireContains(t, screenText(m), "1 payment in flight", "… RECEIVED")
}

func TestPaymentsListOpensOne(t *testing.T) {
	pay := newFakePay()
	pay.journal = []model.Payment{
		paymentAt("CPB", evSubmit, evReceived, evAccepted),
		paymentAt("CPA", evSubmit, evReceived, ev(model.StatusRejected, model.SubRejected, 15, 0, 6, excFunds())),
	}
	pay.journal[1].CreatedAt = at(14, 0)
	m := keys(t, payModel(t, pay, 120, 40), "P")
	if _, ok := m.top().(payList); !ok {
		t.Fatal("P did not open the list")
	}
	requireContains(t, screenText(m), "CPB", "CPA", "✗ REJECTED", "… ACCEPTED", "2 payments · 1 in flight")
	m = keys(t, m, "j", "enter")
	if s, ok := m.top().(payScreen); !ok || s.e2e != "CPA" {
		t.Fatal("enter did not open the selected payment")
	}
	requireContains(t, screenText(m), "insufficient funds in the debtor account", "fund the debtor account")
	m = keys(t, m, "esc", "esc")
	if _, ok := m.top().(dashboard); !ok {
		t.Fatal("esc esc did not go back")
	}
}

func TestPendingOutflowOnTheDashboard(t *testing.T) {
	pay := newFakePay()
	after := paymentAt("CPA", evSubmit, evReceived) // 15:00, after the 14:58 record
	before := paymentAt("CPB", evSubmit, evCompleted)
	before.CreatedAt = at(14, 50) // the bank's figures include it
	failed := paymentAt("CPC", evSubmit, ev(model.StatusRejected, "", 15, 1, 0, excClosed()))
	pay.journal = []model.Payment{after, before, failed}
	m := payModel(t, pay, 120, 40)
	requireContains(t, screenText(m), "pending outflow 1,250.00 USD, 1 payment since record time · projected end available 3,980,864.55")
	m80 := payModel(t, pay, 80, 24)
	requireContains(t, screenText(m80), "projected end avail 3,980,864.55 (1,250.00 pending)")
	m = keys(t, m, "j")
	requireContains(t, screenText(m), "⇣ pending outflow, not yet in the bank's figures: Operating — Chase NY 1,250.00")
	requireLacks(t, screenText(m), "projected")
	pay.journal = nil
	requireLacks(t, screenText(keys(t, payModel(t, pay, 120, 40), "j")), "pending outflow")
}

func TestProductionReviewIsLoud(t *testing.T) {
	pay := newFakePay()
	m, _ := started(t, Options{Env: EnvProduction, Fetch: newBank(ok(typicalSnapshot())).Fetch, Payments: pay}, 80, 24)
	m = filledWire(t, m, "1250")
	m = keys(t, m, "ctrl+s")
	requireContains(t, screenText(m), "PRODUCTION — THIS PAYMENT MOVES REAL MONEY", "— real money")
}

var _ = tea.Quit

func TestPaymentsListScrolls(t *testing.T) {
	m := keys(t, payModel(t, bigJournal(100), 80, 24), "P")
	requireContains(t, screenText(m), "100 payments · 10 in flight", "rows 1–19 of 100")
	m = keys(t, m, "pgdown", "pgdown")
	l := m.top().(payList)
	if l.cursor != 38 || l.offset != 20 {
		t.Fatalf("cursor %d offset %d", l.cursor, l.offset)
	}
	requireContains(t, screenText(m), "rows 21–39 of 100")
	m = keys(t, m, "G")
	requireContains(t, screenText(m), "rows 82–100 of 100", "▸ ")
	m = keys(t, m, "g", "k")
	if l := m.top().(payList); l.cursor != 0 || l.offset != 0 {
		t.Fatalf("cursor %d offset %d", l.cursor, l.offset)
	}
}

func TestPayScreensCleanWhatTheBankSends(t *testing.T) {
	pay := newFakePay()
	p := paymentAt("CPEVIL1", evSubmit, ev(model.StatusProcessing, "\x1b[2J\x1b]0;pwned\x07EVIL", 15, 0, 2))
	p.Intent.Creditor.Name = "ACME\x1b[31m RED"
	p.LastError = "status lookup failed: \x1b[2Jclear"
	pay.journal = []model.Payment{p}
	m := keys(t, payModel(t, pay, 120, 40), "P")
	requireLacks(t, m.View().Content, "\x1b[2J", "\x1b]0;", "\x07", "\x1b[31m RED")
	m = keys(t, m, "enter")
	requireLacks(t, m.View().Content, "\x1b[2J", "\x1b]0;", "\x07", "\x1b[31m RED")
	requireContains(t, screenText(m), "EVIL", "ACME [31m RED")
}

func TestPayBookKeepsTheNewestViewInPlace(t *testing.T) {
	b := newPayBook()
	a, c := paymentAt("CPA", evSubmit, evReceived), paymentAt("CPC", evSubmit)
	c.CreatedAt = at(15, 3)
	b.apply(&common{}, payJournalMsg{ps: []model.Payment{a, c}})
	if ps := b.payments(); len(ps) != 2 || ps[0].IDs.EndToEndID != "CPC" {
		t.Fatalf("order %v", ps)
	}
	b.put(paymentAt("CPA", evSubmit, evReceived, evAccepted))
	b.put(paymentAt("CPA", evSubmit)) // older: ignored
	ps := b.payments()
	if ps[1].Status != model.StatusAccepted || b.inFlight() != 2 {
		t.Fatalf("list %v in flight %d", ps[1].Status, b.inFlight())
	}
	if sum, n := b.outflow("000000012342009", at(14, 0)); n != 2 || sum.String() != "2500" {
		t.Fatalf("outflow %s over %d", sum, n)
	}
}

func TestPayStatusRefreshLooksUpAFinalPayment(t *testing.T) {
	pay := newFakePay()
	pay.journal = []model.Payment{paymentAt("CPACH1", evSubmit, evReceived, evCompleted)}
	m := keys(t, payModel(t, pay, 120, 40), "P", "enter")
	pay.journal[0] = paymentAt("CPACH1", evSubmit, evReceived, evCompleted,
		ev(model.StatusReturned, model.SubReturned, 15, 3, 0, model.PaymentException{Code: "R03", Message: "No account"}))
	m = keys(t, m, "r")
	if pay.refreshed != 1 || top(m).refreshing {
		t.Fatalf("refreshed %d refreshing %v", pay.refreshed, top(m).refreshing)
	}
	requireContains(t, screenText(m), "✗ RETURNED — the beneficiary's bank sent it back", "R03 No account")
}
