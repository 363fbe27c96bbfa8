package ui

import (
	"time"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"cashpos/model"
)

// The payment form (product.md §4): bubbles text inputs, one per field, in
// the product's tab order, each validated by model as it is typed with the
// reason beside it. charm.land/huh/v2 (v2.0.3) was weighed and left:
//   - its Input clears its error on every key and validates only on
//     next/submit, and refuses to move on while the field is invalid — we
//     must show every field's reason as it is typed and let the analyst
//     fill the fields in any order;
//   - its Form owns ctrl+c (CancelCmd, tea.Interrupt by default) and esc,
//     where the root's quit question (Dirty) and our discard question must
//     decide;
//   - it draws fields in its own theme and box sizes, where the screens keep
//     the root's chrome and exact 80x24 and 120x40 golden frames.

// formSpec is one field of the form: its label, its hint while empty, and
// for a choice its options (cycled with ←/→/space rather than typed).
type formSpec struct {
	id      model.PaymentField
	label   string
	hint    string
	choices []string
	max     int // characters accepted by the input
}

var formSpecs = [...]formSpec{
	{model.FieldRail, "Rail", "←/→ WIRE or ACH", []string{"WIRE", "ACH"}, 4},
	{model.FieldAmount, "Amount (USD)", "e.g. 1,250.00", nil, 20},
	{model.FieldExecutionDate, "Execution date", "YYYY-MM-DD", nil, 10},
	{model.FieldCreditorName, "Beneficiary name", "as their bank knows it", nil, 160},
	{model.FieldCreditorAcct, "Account number", "letters and digits", nil, 40},
	{model.FieldCreditorABA, "ABA routing", "9 digits", nil, 9},
	{model.FieldAccountType, "Account type", "←/→ checking or savings", []string{"checking", "savings"}, 8},
	{model.FieldSECCode, "SEC code", "←/→ CCD (company) or PPD (person)", []string{"CCD", "PPD"}, 3},
	{model.FieldRemittance, "Remittance", "optional, to the beneficiary", nil, 160},
}

const nFields = len(formSpecs)

func specIndex(f model.PaymentField) int {
	for i, s := range formSpecs {
		if s.id == f {
			return i
		}
	}
	return -1
}

// formField is one field's state.
type formField struct {
	in      textinput.Model
	choice  int  // index into the spec's choices; -1 when none chosen
	touched bool // visited or typed in: its error is shown
}

// payForm is the form's state: the debtor (the dashboard's selected
// account), the fields, the focus, and what the last review request said.
type payForm struct {
	debtor      model.Debtor
	debtorLabel string
	f           [nFields]formField
	focus       model.PaymentField
	checking    bool   // Check is running
	problem     string // why the review did not open (a named limit), "" when none
}

func newPayForm(debtor model.Debtor, label string, now time.Time) payForm {
	pf := payForm{debtor: debtor, debtorLabel: label, focus: model.FieldRail}
	for i, s := range formSpecs {
		pf.f[i] = formField{in: newTextInput(s.max), choice: -1}
	}
	pf.f[0].choice = 0 // WIRE: the rail is always one of the two
	pf.f[specIndex(model.FieldExecutionDate)].in.SetValue(model.Civil(now.In(model.PaymentLocation())).Format(time.DateOnly))
	return pf.focused(model.FieldRail)
}

// sized fits the text inputs to the value column, so a long value scrolls
// inside its field and the cursor stays in view.
func (pf payForm) sized(width int) payForm {
	for i := range pf.f {
		pf.f[i].in.SetWidth(formValueW(width) - 2)
	}
	return pf
}

// newTextInput is a plain text input: no prompt, no colours of its own (the
// screen's styles and NO_COLOR decide), a reverse-video cursor that does
// not blink (no animation: goldens stay still, SSH stays quiet).
func newTextInput(limit int) textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = limit
	plain := lipgloss.NewStyle()
	st := textinput.Styles{
		Focused: textinput.StyleState{Text: plain, Placeholder: plain, Suggestion: plain, Prompt: plain},
		Blurred: textinput.StyleState{Text: plain, Placeholder: plain, Suggestion: plain, Prompt: plain},
		Cursor:  textinput.CursorStyle{Shape: tea.CursorBlock},
	}
	in.SetStyles(st)
	return in
}

// value is the form as model reads it.
func (pf payForm) value() model.PaymentForm {
	v := func(f model.PaymentField) string {
		i := specIndex(f)
		if c := formSpecs[i].choices; c != nil {
			if pf.f[i].choice < 0 {
				return ""
			}
			return c[pf.f[i].choice]
		}
		return pf.f[i].in.Value()
	}
	return model.PaymentForm{
		Rail: v(model.FieldRail), Amount: v(model.FieldAmount), ExecutionDate: v(model.FieldExecutionDate),
		CreditorName: v(model.FieldCreditorName), CreditorAcct: v(model.FieldCreditorAcct),
		CreditorABA: v(model.FieldCreditorABA), AccountType: v(model.FieldAccountType),
		SECCode: v(model.FieldSECCode), Remittance: v(model.FieldRemittance),
	}
}

func (pf payForm) rail() model.Rail {
	r, _ := model.ParseRail(pf.value().Rail)
	return r
}

// fields are the fields shown for the chosen rail, in tab order.
func (pf payForm) fields() []model.PaymentField { return model.FormFields(pf.rail()) }

// dirty says whether leaving would lose something typed.
func (pf payForm) dirty() bool {
	for i, s := range formSpecs {
		switch {
		case s.id == model.FieldRail || s.id == model.FieldExecutionDate:
		case s.choices != nil && pf.f[i].choice >= 0, s.choices == nil && pf.f[i].in.Value() != "":
			return true
		}
	}
	return pf.rail() != model.RailWire
}

// focused moves the focus to f, marking the field left as visited.
func (pf payForm) focused(f model.PaymentField) payForm {
	if old := specIndex(pf.focus); old >= 0 && pf.focus != f {
		pf.f[old].in.Blur()
		pf.f[old].touched = true
	}
	pf.focus = f
	i := specIndex(f)
	_ = pf.f[i].in.Focus() // blinking is off: the command would do nothing
	return pf
}

// moved moves the focus by delta within the shown fields; last says the
// focus was already on the last field and moved forward.
func (pf payForm) moved(delta int) (payForm, bool) {
	fs := pf.fields()
	at := 0
	for i, f := range fs {
		if f == pf.focus {
			at = i
		}
	}
	n := at + delta
	if n >= len(fs) {
		return pf, true
	}
	return pf.focused(fs[max(n, 0)]), false
}

// onChoice says the focus is on a choice field (rail, account type, SEC).
func (pf payForm) onChoice() bool { return formSpecs[specIndex(pf.focus)].choices != nil }

// cycle changes a choice field's option by delta.
func (pf payForm) cycle(delta int) payForm {
	i := specIndex(pf.focus)
	opts := formSpecs[i].choices
	if opts == nil {
		return pf
	}
	c := pf.f[i].choice + delta
	if pf.f[i].choice < 0 {
		c = max(delta-1, 0) % len(opts)
	}
	pf.f[i].choice = (c%len(opts) + len(opts)) % len(opts)
	pf.f[i].touched = true
	pf.problem = ""
	return pf
}

// typed hands a key or paste to the focused text input.
func (pf payForm) typed(msg tea.Msg) payForm {
	i := specIndex(pf.focus)
	if formSpecs[i].choices != nil {
		return pf
	}
	before := pf.f[i].in.Value()
	pf.f[i].in, _ = pf.f[i].in.Update(msg)
	if pf.f[i].in.Value() != before {
		pf.f[i].touched = true
		pf.problem = ""
	}
	return pf
}

// touchAll shows every field's error (the analyst asked for the review).
func (pf payForm) touchAll() payForm {
	for i := range pf.f {
		pf.f[i].touched = true
	}
	return pf
}

// reason is why field f cannot be sent as it stands, "" when it can. Only
// fields visited or typed in are judged.
func (pf payForm) reason(f model.PaymentField, now time.Time) string {
	i := specIndex(f)
	if !pf.f[i].touched {
		return ""
	}
	if err := pf.value().CheckField(f, now); err != nil {
		if fe, ok := err.(*model.FieldError); ok {
			return fe.Reason
		}
		return err.Error()
	}
	return ""
}

// firstError is the first shown field with an error, in tab order.
func (pf payForm) firstError(now time.Time) (model.PaymentField, bool) {
	for _, f := range pf.fields() {
		if pf.reason(f, now) != "" {
			return f, true
		}
	}
	return "", false
}

// intent builds the intent, or reports the first field at fault.
func (pf payForm) intent(now time.Time) (model.PaymentIntent, bool) {
	in, errs := pf.value().Intent(pf.debtor, now)
	return in, len(errs) == 0
}
