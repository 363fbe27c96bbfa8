package ui

import (
	"context"
	"errors"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"cashpos/model"
)

// payScreen is one payment from the form to its outcome: the form, the
// review with the typed-amount gate, sending, then its live status. One
// screen, in phases, so that once a payment is sent there is no way back to
// its form or its review: esc from the status goes to where p was pressed.
// The payments list opens the same screen in the status phase.
type payScreen struct {
	*common
	id            uint64
	k             payKeys
	width, height int

	phase   payPhase
	form    payForm
	review  payReview
	e2e     string // the payment followed, in the status phase
	discard bool   // esc on a filled form: asking before it is lost

	refreshing bool  // r: a lookup is running
	refreshErr error // the last lookup asked for failed
}

type payPhase int

const (
	phaseForm payPhase = iota
	phaseReview
	phaseStatus
)

func newPayScreen(c *common, debtor model.Debtor, label string) payScreen {
	return payScreen{common: c, id: newID(), k: newPayKeys(), form: newPayForm(debtor, label, c.opts.Now())}
}

func newPayStatusScreen(c *common, e2e string) payScreen {
	return payScreen{common: c, id: newID(), k: newPayKeys(), phase: phaseStatus, e2e: e2e}
}

func (s payScreen) ID() uint64    { return s.id }
func (s payScreen) Init() tea.Cmd { return nil }
func (s payScreen) Close()        {}

func (s payScreen) Title() string {
	switch s.phase {
	case phaseReview:
		return "payment review"
	case phaseStatus:
		return "payment status"
	}
	return "new payment"
}

// CapturesText: the form's fields and the gate's amount take letters.
func (s payScreen) CapturesText() bool {
	return !s.discard && (s.phase == phaseForm || s.phase == phaseReview)
}

func (s payScreen) HelpNotes() []HelpSection {
	return []HelpSection{{Title: "Payments", Lines: []string{
		"Nothing is sent until the amount is typed again on the review and matches, then enter.",
		"The ids are written to the journal before the first byte is sent; an unknown outcome",
		"is looked up by end-to-end id, never sent as a second payment.",
		"Payments in flight are followed until final, also after a restart.",
	}}}
}

func (s payScreen) Keys() help.KeyMap {
	k := s.k
	switch {
	case s.discard:
		return bindings{k.Yes, k.No}
	case s.phase == phaseForm:
		return bindings{k.Next, k.Prev, k.Choose, k.Review, k.Cancel, k.ForceQuit}
	case s.phase == phaseReview && s.review.sending:
		return bindings{k.ForceQuit}
	case s.phase == phaseReview:
		return bindings{k.Send, k.BackToForm, k.ForceQuit}
	}
	return bindings{k.Refresh, k.Back, k.Quit}
}

// Dirty: a filled form or a review would be lost by quitting (the root
// then asks for a second ctrl+c). A payment sent is in the journal and is
// followed again at the next start, so the status loses nothing.
func (s payScreen) Dirty() bool {
	return s.phase == phaseForm && s.form.dirty() || s.phase == phaseReview && !s.review.sending
}

func (s payScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		s.width, s.height = msg.Width, msg.Height
		s.form = s.form.sized(msg.Width)
		return s, nil
	case tea.KeyPressMsg:
		return s.onKey(msg)
	case tea.PasteMsg:
		return s.onPaste(msg)
	case payCheckedMsg:
		return s.onChecked(msg)
	case paySubmittedMsg:
		return s.onSubmitted(msg)
	case payRefreshedMsg:
		if msg.from == s.id {
			s.refreshing, s.refreshErr = false, msg.err
		}
	}
	return s, nil
}

func (s payScreen) onKey(msg tea.KeyPressMsg) (Screen, tea.Cmd) {
	if s.discard {
		return s.onConfirmKey(msg)
	}
	switch s.phase {
	case phaseForm:
		return s.onFormKey(msg)
	case phaseReview:
		return s.onReviewKey(msg)
	}
	switch {
	case key.Matches(msg, s.k.Back):
		return s, pop(s.id)
	case key.Matches(msg, s.k.Refresh) && !s.refreshing && s.opts.Payments != nil:
		s.refreshing, s.refreshErr = true, nil
		pay, ctx, id, e2e := s.opts.Payments, s.ctx, s.id, s.e2e
		return s, func() tea.Msg {
			p, err := pay.Refresh(ctx, e2e)
			return payRefreshedMsg{from: id, p: p, err: err}
		}
	}
	return s, nil
}

func (s payScreen) onConfirmKey(msg tea.KeyPressMsg) (Screen, tea.Cmd) {
	switch {
	case key.Matches(msg, s.k.Yes):
		return s, pop(s.id)
	case key.Matches(msg, s.k.No):
		s.discard = false
	}
	return s, nil
}

func (s payScreen) onPaste(msg tea.PasteMsg) (Screen, tea.Cmd) {
	switch {
	case s.discard:
	case s.phase == phaseForm:
		s.form = s.form.typed(tea.PasteMsg{Content: firstLine(msg.Content)})
	case s.phase == phaseReview && !s.review.sending:
		s.review = s.review.typed(tea.PasteMsg{Content: firstLine(msg.Content)})
	}
	return s, nil
}

func (s payScreen) onFormKey(msg tea.KeyPressMsg) (Screen, tea.Cmd) {
	k := s.k
	if s.form.checking {
		return s, nil // the review is being prepared
	}
	switch {
	case key.Matches(msg, k.Cancel):
		if s.form.dirty() {
			s.discard = true
			return s, nil
		}
		return s, pop(s.id)
	case key.Matches(msg, k.Review):
		return s.requestReview()
	case key.Matches(msg, k.Enter):
		f, last := s.form.moved(1)
		if last {
			return s.requestReview()
		}
		s.form = f
	case key.Matches(msg, k.Next):
		s.form, _ = s.form.moved(1)
	case key.Matches(msg, k.Prev):
		s.form, _ = s.form.moved(-1)
	case key.Matches(msg, k.ChoosePrev) && s.form.onChoice():
		s.form = s.form.cycle(-1)
	case key.Matches(msg, k.ChooseNext) && s.form.onChoice():
		s.form = s.form.cycle(1)
	default:
		s.form = s.form.typed(msg)
	}
	return s, nil
}

// requestReview validates every field; if they pass, the engine checks
// them again with the limits (Cmd) and the ids are minted.
func (s payScreen) requestReview() (Screen, tea.Cmd) {
	now := s.opts.Now()
	s.form = s.form.touchAll()
	if f, bad := s.form.firstError(now); bad {
		s.form = s.form.focused(f)
		return s, nil
	}
	in, ok := s.form.intent(now)
	if !ok {
		s.form.problem = "the form is not complete"
		return s, nil
	}
	pay := s.opts.Payments
	if pay == nil {
		s.form.problem = "payments are not configured"
		return s, nil
	}
	s.form.checking, s.form.problem = true, ""
	return s, checkCmd(s.ctx, pay, s.id, in)
}

// payCheckedMsg is the engine's Check, and the ids minted, for a review.
type payCheckedMsg struct {
	from uint64
	in   model.PaymentIntent
	ids  model.PaymentIDs
	err  error
}

func checkCmd(ctx context.Context, pay Payments, from uint64, in model.PaymentIntent) tea.Cmd {
	return func() tea.Msg {
		if err := pay.Check(ctx, in); err != nil {
			return payCheckedMsg{from: from, in: in, err: err}
		}
		ids, err := pay.NewIDs()
		return payCheckedMsg{from: from, in: in, ids: ids, err: err}
	}
}

func (s payScreen) onChecked(msg payCheckedMsg) (Screen, tea.Cmd) {
	if msg.from != s.id || s.phase != phaseForm || !s.form.checking {
		return s, nil
	}
	s.form.checking = false
	if msg.err != nil {
		s.form.problem = checkProblem(msg.err)
		return s, nil
	}
	s.review = newPayReview(msg.in, msg.ids)
	s.phase = phaseReview
	return s, nil
}

// checkProblem says why the review did not open, and what to do.
func checkProblem(err error) string {
	var le *model.LimitError
	if errors.As(err, &le) {
		return "not sent: " + le.Error() + ". Lower the amount, or ask your payment administrator to raise the " + le.Limit + "."
	}
	return "cannot review: " + firstLine(err.Error())
}
