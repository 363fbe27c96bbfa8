package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/shopspring/decimal"

	"cashpos/model"
)

// formLabelW is the label column of the form and the review.
const formLabelW = 18

// formView draws the form's body: the debtor, one line per field with its
// reason, then the notes (banking day, cut-off, limits) and the full reason
// of the focused field.
func (s payScreen) formView(width, height int) string {
	pf, now, st := s.form, s.opts.Now(), s.st
	lines := []string{
		st.ScreenTitle.Render("New payment") + st.Muted.Render(" from ") + clean(pf.debtorLabel),
		st.Muted.Render("debtor account " + clean(pf.debtor.AccountID) + " · USD · J.P. Morgan Chase, ABA " + pf.debtor.ABA),
		"",
	}
	vw := formValueW(width)
	room := width - 2 - formLabelW - vw - 1
	var cut []string // reasons too long to stand beside their field
	for _, f := range pf.fields() {
		lines = append(lines, s.fieldLine(f, vw, room, now))
		if r := s.fieldReason(f, now); r != "" && f != pf.focus && len([]rune(r))+2 > room {
			cut = append(cut, st.Problem.Render(string(f)+": "+r))
		}
	}
	lines = append(lines, "")
	for _, n := range append(s.formNotes(now), cut...) {
		lines = append(lines, wrapText(n, width-4, "  ")...)
	}
	return fitBlock(strings.Join(lines, "\n"), width, height)
}

// formValueW is the width of the value column: what is left after the
// label and room for most reasons, between 14 and 36 cells.
func formValueW(width int) int { return min(36, max(width-2-formLabelW-36, 14)) }

// fieldLine is "▸ Label  value  ✗ reason".
func (s payScreen) fieldLine(f model.PaymentField, vw, room int, now time.Time) string {
	pf, st := s.form, s.st
	i := specIndex(f)
	spec, ff := formSpecs[i], pf.f[i]
	focus := f == pf.focus
	gutter := "  "
	if focus {
		gutter = st.ScreenKey.Render("▸ ")
	}
	label := padRight(spec.label, formLabelW)
	if focus {
		label = st.ScreenKey.Render(label)
	}
	var val string
	switch {
	case spec.choices != nil:
		v := "choose"
		if ff.choice >= 0 {
			v = spec.choices[ff.choice]
		}
		if focus {
			v = "‹ " + v + " ›"
		}
		val = padRight(v, vw)
	case focus:
		val = padRight(ff.in.View(), vw)
	default:
		val = padRight(clean(ff.in.Value()), vw)
	}
	return gutter + label + val + " " + s.fieldNote(f, ff, spec, room, now)
}

// fieldNote is the reason beside a field: its error, a tick, or its hint.
func (s payScreen) fieldNote(f model.PaymentField, ff formField, spec formSpec, room int, now time.Time) string {
	st := s.st
	if r := s.fieldReason(f, now); r != "" {
		return st.Problem.Render(truncate("✗ "+r, room))
	}
	if spec.choices == nil && ff.in.Value() == "" || spec.choices != nil && ff.choice < 0 {
		return st.Muted.Render(truncate(spec.hint, room))
	}
	if f == model.FieldAmount {
		// Echo the amount as read, so a slip (1250 for 12.50) shows now.
		if amt, err := model.ValidateAmount(ff.in.Value(), s.form.rail()); err == nil {
			return st.Freshness[model.Fresh].Render(truncate("✓ "+model.FormatAmount(amt, 2)+" USD", room))
		}
	}
	if ff.touched || f == model.FieldExecutionDate || f == model.FieldRail {
		return st.Freshness[model.Fresh].Render("✓")
	}
	return ""
}

// fieldReason is the field's validation reason, and for the amount the
// configured limits too, checked as it is typed against the journal shown.
func (s payScreen) fieldReason(f model.PaymentField, now time.Time) string {
	if r := s.form.reason(f, now); r != "" || f != model.FieldAmount {
		return r
	}
	v := s.form.value()
	amt, err := model.ValidateAmount(v.Amount, s.form.rail())
	if err != nil || s.opts.Payments == nil {
		return ""
	}
	if err := model.CheckLimits(amt, s.dayTotal(v.ExecutionDate), s.opts.Payments.Limits()); err != nil {
		return err.Error()
	}
	return ""
}

// dayTotal is what the journal already holds for an execution date.
func (s payScreen) dayTotal(date string) decimal.Decimal {
	d, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return decimal.Zero
	}
	return model.DayTotal(s.pay.payments(), d, "")
}

// formNotes are the lines under the fields.
func (s payScreen) formNotes(now time.Time) []string {
	pf, st := s.form, s.st
	v := pf.value()
	var notes []string
	dc := model.CheckExecutionDate(v.ExecutionDate, now)
	if dc.Error == nil {
		for _, n := range dc.Notes {
			notes = append(notes, st.Problem.Render("! "+n))
		}
		if c := s.cutoffNote(dc.Date, now); c != "" {
			notes = append(notes, c)
		}
	}
	if l := s.limitsNote(v.ExecutionDate); l != "" {
		notes = append(notes, st.Muted.Render(l))
	}
	if r := s.fieldReason(pf.focus, now); r != "" {
		notes = append(notes, st.Problem.Render(string(pf.focus)+": "+r))
	}
	switch {
	case pf.checking:
		notes = append(notes, st.Muted.Render("checking the fields and limits against the journal…"))
	case pf.problem != "":
		notes = append(notes, st.NoData.Render("✗ "+pf.problem))
	}
	return notes
}

// cutoffNote is the rail's cut-off on the execution date, with the time
// left when it is today.
func (s payScreen) cutoffNote(date, now time.Time) string {
	if s.opts.Payments == nil {
		return ""
	}
	r := s.form.rail()
	c, ok := s.opts.Payments.Cutoffs()[r]
	if !ok {
		return ""
	}
	cc := model.CheckCutoff(date, now, c)
	today := date.Equal(model.Civil(now.In(model.PaymentLocation())))
	switch {
	case cc.Passed && today:
		return s.st.Problem.Render("! " + cc.Note)
	case today:
		return fmt.Sprintf("%s cut-off %s today: %s left", r, c, leftText(cc.Left))
	}
	return fmt.Sprintf("%s cut-off %s on %s", r, c, date.Format("Mon 2006-01-02"))
}

// limitsNote names the configured limits and what the day already holds.
func (s payScreen) limitsNote(date string) string {
	if s.opts.Payments == nil {
		return ""
	}
	l := s.opts.Payments.Limits()
	var parts []string
	if l.PerPayment.Sign() > 0 {
		parts = append(parts, model.FormatAmount(l.PerPayment, 2)+" a payment")
	}
	if l.Daily.Sign() > 0 {
		day := model.FormatAmount(s.dayTotal(date), 2)
		parts = append(parts, model.FormatAmount(l.Daily, 2)+" a day, "+day+" used on "+date)
	}
	if len(parts) == 0 {
		return "no payment limits configured"
	}
	return "limits: " + strings.Join(parts, " · ")
}

// leftText is a duration as "2h58m" or "14m".
func leftText(d time.Duration) string {
	d = d.Truncate(time.Minute)
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	if h > 0 {
		return fmt.Sprintf("%dh%02dm", h, m)
	}
	return fmt.Sprintf("%dm", m)
}

// wrapText breaks plain or styled text into lines of at most w cells.
func wrapText(s string, w int, indent string) []string {
	var out []string
	for _, l := range strings.Split(ansi.Wordwrap(s, max(w, 10), " "), "\n") {
		out = append(out, indent+l)
	}
	return out
}
