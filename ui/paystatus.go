package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"cashpos/model"
)

// statusView follows one payment: what it is, each status and sub-status
// with its time, and the outcome with the bank's code, message and what to
// do. It reads the payment book, which the root keeps current.
func (s payScreen) statusView(width, height int) string {
	st, now := s.st, s.opts.Now()
	p, ok := s.pay.get(s.e2e)
	if !ok {
		return fitBlock("  "+st.Problem.Render("payment "+s.e2e+" is not in the journal shown"), width, height)
	}
	in := p.Intent
	lines := []string{
		st.ScreenTitle.Render("Payment "+p.IDs.EndToEndID) + " · " + string(in.Rail) + " " +
			st.ScreenKey.Render(model.FormatAmount(in.Amount, 2)+" USD") + " to " + clean(in.Creditor.Name),
		"  " + st.Muted.Render("from      ") + clean(orNone(in.Debtor.Name)) + " · account " + clean(in.Debtor.AccountID),
		"  " + st.Muted.Render("to        ") + "account " + clean(in.Creditor.AccountNumber) + " · ABA " + in.Creditor.ABA +
			" · execution " + in.ExecutionDate.Format("Mon 2006-01-02"),
		"  " + st.Muted.Render("bank id   ") + orNone(clean(p.PaymentID)) + st.Muted.Render(" · environment ") + p.Env,
		"  " + st.Muted.Render("journal   ") + "written " + clock(p.CreatedAt, now, true) + attemptsText(p.Attempts),
	}
	lines = append(lines[:1], append(wrapIndent(st.Muted.Render("status    ")+statusWords(st, p), width-2, "  ", "            "), lines[1:]...)...)
	if p.Duplicate {
		lines = append(lines, wrapText(st.BannerWarn.Render("duplicateRequest: the bank already had this payment and did not create a second one — this is the one payment"), width-4, "  ")...)
	}
	outcome := s.outcomeLines(p, width)
	room := height - len(lines) - len(outcome) - 3
	lines = append(lines, "", st.ColHeader.Render(padRight("  Timeline", 48)+padRight("seen", 16)+"bank time"))
	lines = append(lines, timelineLines(st, p.Timeline, now, room)...)
	lines = append(lines, "")
	lines = append(lines, outcome...)
	return fitBlock(strings.Join(lines, "\n"), width, height)
}

// attemptsText counts the POSTs sent, when more than one went.
func attemptsText(n int) string {
	if n > 1 {
		return fmt.Sprintf(" · sent in %d attempts with the same idempotency key", n)
	}
	return ""
}

// wrapIndent wraps s to w cells: the first line after first, the rest
// after rest (hanging under the value).
func wrapIndent(s string, w int, first, rest string) []string {
	ls := strings.Split(ansi.Wordwrap(s, max(w, 10), " "), "\n")
	for i := range ls {
		if i == 0 {
			ls[i] = first + ls[i]
		} else {
			ls[i] = rest + ls[i]
		}
	}
	return ls
}

// statusWords is the status, sub-status and their meaning.
func statusWords(st *Styles, p model.Payment) string {
	s := statusName(p.Status, p.SubStatus)
	phrase := clean(p.Status.Phrase())
	if sp := p.SubStatus.Phrase(); sp != "" {
		phrase = sp
	}
	style := st.ScreenKey
	switch {
	case p.Status == model.StatusCompleted:
		style = st.Freshness[model.Fresh].Bold(true)
	case p.Status.Failed():
		style = st.NoData
	}
	return style.Render(s) + st.Muted.Render(" — "+phrase)
}

// statusName is "STATUS / SUB-STATUS" as the bank sent them, made safe for
// the terminal (an unknown value is shown as sent, never interpreted).
func statusName(st model.PaymentStatus, sub model.PaymentSubStatus) string {
	s := string(st)
	if sub != "" && string(sub) != string(st) {
		s += " / " + string(sub)
	}
	return clean(s)
}

// timelineLines are the last room events, oldest first.
func timelineLines(st *Styles, tl []model.StatusEvent, now time.Time, room int) []string {
	room = max(room, 1)
	var out []string
	if len(tl) > room {
		out = append(out, st.Muted.Render(fmt.Sprintf("  … %d earlier", len(tl)-room+1)))
		tl = tl[len(tl)-room+1:]
	}
	for _, ev := range tl {
		name := statusName(ev.Status, ev.SubStatus)
		bank := "—"
		if !ev.BankTime.IsZero() {
			bank = clock(ev.BankTime, now, true)
		}
		out = append(out, "  "+padRight(name, 46)+padRight(clock(ev.SeenAt, now, true), 16)+bank)
	}
	return out
}

// outcomeLines say where the payment stands and, at the end, what happened
// and what to do.
func (s payScreen) outcomeLines(p model.Payment, width int) []string {
	st := s.st
	var out []string
	add := func(text string) { out = append(out, wrapText(text, width-4, "  ")...) }
	switch {
	case p.Status == model.StatusCompleted:
		add(st.Freshness[model.Fresh].Bold(true).Render("✓ Completed") + " — the money has left the account; the balance shows it once the bank's figures include it (until then: pending outflow on the dashboard).")
	case p.Status == model.StatusNotSent:
		add(st.NoData.Render("✗ Not sent") + " — nothing left the account. " + clean(p.LastError))
	case p.Status.Failed():
		out = append(out, s.failureLines(p, width)...)
	case p.Status == model.StatusSubmitting:
		add(st.ScreenKey.Render("Outcome not yet known") + " — the bank has not confirmed it. It is looked up by its end-to-end id, and sent again only as the same request with the same idempotency key: never as a second payment.")
	default:
		add(st.ScreenKey.Render("In flight") + " — looked up in the background until final, more slowly while nothing changes, as the bank's Retry-After asks; also after a restart. Each change shows here.")
	}
	switch {
	case s.refreshing:
		add(st.Muted.Render("looking it up at the bank…"))
	case s.refreshErr != nil:
		add(st.Problem.Render("! lookup failed: " + firstLine(s.refreshErr.Error())))
	}
	if p.LastError != "" && p.Status != model.StatusNotSent {
		add(st.Problem.Render("! " + clean(p.LastError)))
	}
	return out
}

// failureLines: rejected, canceled or returned — which kind, the bank's
// words, and what to do.
func (s payScreen) failureLines(p model.Payment, width int) []string {
	st := s.st
	ex := p.Exceptions
	for i := len(p.Timeline) - 1; len(ex) == 0 && i >= 0; i-- {
		ex = p.Timeline[i].Exceptions
	}
	kind := model.ClassifyExceptions(ex)
	if p.Status == model.StatusReturned && kind == model.FailureOther {
		kind = model.FailureBeneficiary // a credit comes back for the beneficiary's account
	}
	head := "✗ " + string(p.Status) + " — " + failureWords[kind]
	advice := kind.Advice()
	switch p.Status {
	case model.StatusReturned:
		head = "✗ RETURNED — the beneficiary's bank sent it back; the money returns to the debtor account"
	case model.StatusCanceled:
		head = "✗ CANCELED — stopped before it was paid: nothing left the account"
		if len(ex) == 0 {
			advice = "see who canceled it in J.P. Morgan Access (or ask your service team with the end-to-end id); create it again if it is still wanted"
		}
	}
	var out []string
	add := func(text string) { out = append(out, wrapText(text, width-4, "  ")...) }
	add(st.NoData.Render(head))
	for _, x := range ex {
		add("bank: " + clean(exceptionText(x)))
	}
	if len(ex) == 0 {
		add("bank: no code or message given")
	}
	add(st.ScreenKey.Render("what to do: ") + advice)
	return out
}

// failureWords say what happened, for each kind of failure.
var failureWords = map[model.FailureKind]string{
	model.FailureLimit:        "over a limit the bank holds for your company: nothing was paid",
	model.FailureFunds:        "insufficient funds in the debtor account: nothing was paid",
	model.FailureBeneficiary:  "the beneficiary's account was refused: nothing was paid",
	model.FailureAccount:      "the bank refused the debtor account: nothing was paid",
	model.FailureRequest:      "the bank found the request invalid: nothing was paid",
	model.FailureUnauthorized: "this client is not entitled to pay from that account: nothing was paid",
	model.FailureOther:        "refused by the bank: nothing was paid",
}

// exceptionText is one exception: code, message, field, clearing detail.
func exceptionText(x model.PaymentException) string {
	s := strings.TrimSpace(x.Code + " " + x.Message)
	if x.Field != "" {
		s += " (" + x.Field + ")"
	}
	for _, d := range x.Details {
		s += " · " + strings.TrimSpace(d.Type+" "+d.Code+" "+d.Message)
	}
	return s
}
