package ui

import (
	"context"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"cashpos/model"
)

// payReview is the confirm gate (product.md §4): the intent restated with
// its ids, and the amount typed again. Nothing is sent until it matches and
// enter is pressed.
type payReview struct {
	in       model.PaymentIntent
	ids      model.PaymentIDs
	gate     textinput.Model
	mismatch bool  // enter was pressed with an amount that does not match
	sending  bool  // Submit is running: keys wait
	err      error // Submit refused before sending anything
}

func newPayReview(in model.PaymentIntent, ids model.PaymentIDs) payReview {
	g := newTextInput(20)
	g.SetWidth(18)
	_ = g.Focus()
	return payReview{in: in, ids: ids, gate: g}
}

func (r payReview) typed(msg tea.Msg) payReview {
	before := r.gate.Value()
	r.gate, _ = r.gate.Update(msg)
	if r.gate.Value() != before {
		r.mismatch, r.err = false, nil
	}
	return r
}

func (r payReview) matches() bool { return model.MatchTypedAmount(r.gate.Value(), r.in.Amount) }

func (s payScreen) onReviewKey(msg tea.KeyPressMsg) (Screen, tea.Cmd) {
	r := s.review
	switch {
	case r.sending:
		return s, nil // the answer is on its way; nothing to undo now
	case key.Matches(msg, s.k.BackToForm):
		s.phase = phaseForm
		return s, nil
	case key.Matches(msg, s.k.Send) && !r.matches():
		s.review.mismatch = true
		return s, nil
	case key.Matches(msg, s.k.Send):
		s.review.sending, s.review.err = true, nil
		return s, submitCmd(s.ctx, s.opts.Payments, s.id, r.in, r.ids, r.gate.Value())
	}
	s.review = r.typed(msg)
	return s, nil
}

// submitCmd sends the payment. Its context is the program's, not the
// screen's: leaving the screen must not cut a payment half sent.
func submitCmd(ctx context.Context, pay Payments, from uint64, in model.PaymentIntent, ids model.PaymentIDs, typed string) tea.Cmd {
	return func() tea.Msg {
		p, err := pay.Submit(ctx, in, ids, typed)
		return paySubmittedMsg{from: from, ids: ids, p: p, err: err}
	}
}

func (s payScreen) onSubmitted(msg paySubmittedMsg) (Screen, tea.Cmd) {
	if msg.from != s.id || s.phase != phaseReview {
		return s, nil
	}
	s.review.sending = false
	if msg.err != nil {
		s.review.err = msg.err // nothing was sent: the review stays
		return s, nil
	}
	s.phase, s.e2e = phaseStatus, msg.ids.EndToEndID
	return s, nil
}

// reviewView restates the payment and draws the gate.
func (s payScreen) reviewView(width, height int) string {
	r, st := s.review, s.st
	in := r.in
	var lines []string
	if s.opts.Env.Production() {
		lines = append(lines, prodBanner(st, width), "")
	}
	title := st.ScreenTitle.Render("Review the payment") + st.Muted.Render(" — nothing has been sent")
	if r.sending {
		title = st.ScreenTitle.Render("Sending the payment") + st.Muted.Render(" — waiting for the bank's answer")
	}
	lines = append(lines, title, "")
	row := func(label, value string) {
		lines = append(lines, "  "+st.Muted.Render(padRight(label, formLabelW))+truncate(value, max(width-2-formLabelW, 1)))
	}
	row("Environment", envWords(s.opts.Env, s.opts.Payments))
	row("Rail", railWords(in))
	row("From (debtor)", clean(s.form.debtorLabel)+" · account "+clean(in.Debtor.AccountID))
	row("To (beneficiary)", clean(in.Creditor.Name)+" · account "+clean(in.Creditor.AccountNumber))
	row("Routing (ABA)", in.Creditor.ABA)
	row("Amount", st.ScreenKey.Render(model.FormatAmount(in.Amount, 2)+" USD"))
	row("Execution date", in.ExecutionDate.Format("Mon 2006-01-02"))
	row("Reference", orNone(clean(in.Remittance)))
	row("End-to-end id", r.ids.EndToEndID)
	for _, n := range s.reviewNotes(in) {
		lines = append(lines, wrapText(st.Problem.Render("! "+n), width-4, "  ")...)
	}
	lines = append(lines, "", s.gateLine(width))
	lines = append(lines, wrapText(s.gateNote(), width-4, "  ")...)
	return fitBlock(strings.Join(lines, "\n"), width, height)
}

// reviewNotes are the non-blocking warnings: banking day and cut-off.
func (s payScreen) reviewNotes(in model.PaymentIntent) []string {
	var cut map[model.Rail]model.Cutoff
	if s.opts.Payments != nil {
		cut = s.opts.Payments.Cutoffs()
	}
	f := model.PaymentForm{Rail: string(in.Rail), ExecutionDate: in.ExecutionDate.Format(time.DateOnly)}
	return f.Notes(s.opts.Now(), cut)
}

func (s payScreen) gateLine(width int) string {
	r, st := s.review, s.st
	label := "Type the amount again to send it: "
	v := r.gate.View()
	if r.sending {
		v = clean(r.gate.Value())
	}
	line := "  " + st.ScreenKey.Render(label) + padRight(v, 20)
	switch {
	case r.gate.Value() == "":
	case r.matches():
		line += st.Freshness[model.Fresh].Render("✓ matches")
	case r.mismatch:
		line += st.NoData.Render("✗ does not match")
	}
	return truncate(line, width)
}

// gateNote says what the gate is waiting for, or what happened.
func (s payScreen) gateNote() string {
	r, st := s.review, s.st
	amount := model.FormatAmount(r.in.Amount, 2)
	switch {
	case r.sending:
		return st.ScreenKey.Render("Sending… ") + "the ids are in the journal; if the answer is lost the payment is looked up by its end-to-end id, never sent twice."
	case r.err != nil:
		return st.NoData.Render("✗ Not sent: " + firstLine(r.err.Error()))
	case r.mismatch:
		return st.NoData.Render("Nothing sent: what you typed is not "+amount+".") + " Type the amount exactly (1234.5, 1,234.50 and 1234.50 are the same), or esc to change the form."
	case r.matches():
		return "enter sends " + amount + " USD now · esc back to the form"
	}
	return st.Muted.Render("Nothing is sent until the amount matches and you press enter · esc back to the form")
}

// prodBanner is the unmissable line on a production review.
func prodBanner(st *Styles, width int) string {
	text := " ▲ PRODUCTION — THIS PAYMENT MOVES REAL MONEY ▲ "
	pad := max(width-len([]rune(text)), 0)
	return st.BadgeProd.Render(strings.Repeat("▲", pad/2) + text + strings.Repeat("▲", pad-pad/2))
}

func envWords(e Env, pay Payments) string {
	name := e.String()
	if pay != nil && pay.EnvName() != "" && !strings.EqualFold(pay.EnvName(), name) {
		name += " (" + pay.EnvName() + ")"
	}
	switch {
	case e.Production():
		return name + " — real money"
	case e == EnvDemo:
		return name + " — the embedded mock bank; no money moves"
	}
	return name + " — test environment"
}

func railWords(in model.PaymentIntent) string {
	if in.Rail == model.RailACH {
		return "ACH credit · " + string(in.SEC) + " · beneficiary " + in.AccountType.Word() + " account"
	}
	return "WIRE (Fedwire, same day)"
}

func orNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return "(none)"
	}
	return s
}
