package ui

import (
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"cashpos/model"
)

// payList is the journal with live statuses (P); enter opens one payment.
// It reads the payment book, which the root keeps current, so the statuses
// move while it is open.
type payList struct {
	*common
	id            uint64
	k             payKeys
	width, height int
	cursor        int
	offset        int
}

func newPayList(c *common) payList { return payList{common: c, id: newID(), k: newPayKeys()} }

func (l payList) ID() uint64               { return l.id }
func (l payList) Title() string            { return "payments" }
func (l payList) CapturesText() bool       { return false }
func (l payList) Init() tea.Cmd            { return nil }
func (l payList) Close()                   {}
func (l payList) Dirty() bool              { return false }
func (l payList) HelpNotes() []HelpSection { return payScreen{}.HelpNotes() }
func (l payList) Keys() help.KeyMap        { return listKeys{l.k} }
func (l payList) rows() int                { return len(l.pay.order) }
func (l payList) bodyRows(height int) int  { return max(height-1, 1) } // under the column titles
func (l payList) clamp(n int) int          { return min(max(n, 0), max(l.rows()-1, 0)) }
func (l payList) selected() (string, bool) {
	if l.cursor >= l.rows() {
		return "", false
	}
	return l.pay.order[l.cursor], true
}

// listKeys: the hints fit 80 columns; the help has the rest.
type listKeys struct{ k payKeys }

func (l listKeys) ShortHelp() []key.Binding {
	return []key.Binding{l.k.Up, l.k.Down, l.k.Open, l.k.Back, l.k.Quit}
}

func (l listKeys) FullHelp() [][]key.Binding {
	k := l.k
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Open, k.Back, k.Quit}}
}

// moved puts the cursor on row n and scrolls just enough to show it.
func (l payList) moved(n int) payList {
	l.cursor = l.clamp(n)
	rows := l.bodyRows(l.height - chromeLines) // the height of the body, not the window
	l.offset = min(max(l.offset, l.cursor-rows+1), l.cursor)
	return l
}

func (l payList) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		l.width, l.height = msg.Width, msg.Height
	case tea.KeyPressMsg:
		return l.onKey(msg)
	}
	return l, nil
}

func (l payList) onKey(msg tea.KeyPressMsg) (Screen, tea.Cmd) {
	if to, ok := l.k.nav().target(msg, l.cursor, l.bodyRows(l.height-chromeLines), l.rows()-1); ok {
		return l.moved(to), nil
	}
	switch {
	case key.Matches(msg, l.k.Back):
		return l, pop(l.id)
	case key.Matches(msg, l.k.Open):
		if id, ok := l.selected(); ok {
			return l, push(l.id, newPayStatusScreen(l.common, id))
		}
	}
	return l, nil
}

// View draws the list: newest first, one payment per line.
func (l payList) View(width, height int) Frame {
	f := Frame{Header: payHeader(l.common, "payments", width)}
	st, now := l.st, l.opts.Now()
	ps := l.pay.payments()
	when := "time " + now.Format("MST")
	if width < 100 {
		when = "time"
	}
	lines := []string{st.ColHeader.Render(l.columns(width, "  ", when, "rail", "amount USD", "beneficiary", "from", "status", "end-to-end id"))}
	n := l.bodyRows(height)
	off := min(max(l.offset, l.cursor-n+1), l.cursor) // the window may have shrunk
	for i := off; i < len(ps) && i < off+n; i++ {
		p := ps[i]
		gutter := "  "
		if i == l.cursor {
			gutter = "▸ "
		}
		line := l.columns(width, gutter, listTime(p.CreatedAt, now, width), string(p.Intent.Rail),
			model.FormatAmount(p.Intent.Amount, 2), clean(p.Intent.Creditor.Name), clean(p.Intent.Debtor.Name),
			statusShort(p), p.IDs.EndToEndID)
		if i == l.cursor {
			line = st.Selected.Render(line)
		}
		lines = append(lines, line)
	}
	switch {
	case !l.pay.loaded:
		lines = append(lines, "", "  reading the journal…")
	case l.pay.loadErr != nil:
		lines = append(lines, "", "  "+st.NoData.Render("the journal could not be read: "+firstLine(l.pay.loadErr.Error())))
	case len(ps) == 0:
		lines = append(lines, "", "  no payments yet: p on the dashboard starts one")
	}
	f.Body = fitBlock(strings.Join(lines, "\n"), width, height)
	status := strconv.Itoa(len(ps)) + " payments · " + strconv.Itoa(l.pay.inFlight()) + " in flight, followed live"
	if len(ps) > n {
		status += " · rows " + strconv.Itoa(off+1) + "–" + strconv.Itoa(min(off+n, len(ps))) + " of " + strconv.Itoa(len(ps))
	}
	f.Status = st.Muted.Render(status)
	return f
}

// columns lays out one line. The beneficiary and debtor names share what
// the fixed columns leave; the debtor goes first when there is little.
func (l payList) columns(width int, gutter, when, rail, amt, bene, from, status, e2e string) string {
	tw := timeColW(width)
	fixed := 2 + tw + 5 + 14 + 1 + 1 + 17 + 15
	flex := max(width-fixed, 8)
	bw, fw := flex, 0
	if flex >= 30 {
		bw = flex * 3 / 5
		fw = flex - bw - 1
	}
	s := gutter + padRight(when, tw) + padRight(rail, 5) + padLeft(amt, 14) + " " + padRight(bene, bw) + " "
	if fw > 0 {
		s += padRight(from, fw) + " "
	}
	return s + padRight(status, 17) + padRight(e2e, 15)
}

// timeColW is the journalled-time column: date and time when there is
// room, else the time for today's payments and the date for older ones.
func timeColW(width int) int {
	if width >= 100 {
		return 13
	}
	return 7
}

func listTime(t, now time.Time, width int) string {
	t = t.In(now.Location())
	switch {
	case width >= 100:
		return t.Format("Jan 02 15:04")
	case model.Civil(t).Equal(model.Civil(now)):
		return t.Format("15:04")
	}
	return t.Format("Jan 02")
}

// statusShort is the status with a mark that does not rely on colour.
func statusShort(p model.Payment) string {
	mark := "… "
	switch {
	case p.Status == model.StatusCompleted:
		mark = "✓ "
	case p.Status.Failed():
		mark = "✗ "
	}
	s := mark + clean(string(p.Status))
	if p.Duplicate {
		s += " dup"
	}
	return s
}
