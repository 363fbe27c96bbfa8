package ui

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Model is the root tea.Model: what the screens share, the stack of screens
// (the dashboard at the bottom) and the help overlay. It is a value: Update
// returns a changed copy, and the stack is copied before it is changed.
type Model struct {
	*common
	width, height int
	stack         []Screen
	showHelp      bool
	helpOffset    int // first help line shown, when the help scrolls
	// quitAsked: ctrl+c or q was pressed over unsaved input; a second
	// ctrl+c quits, any other key stays.
	quitAsked bool
}

// New builds the root with the dashboard. The first refresh starts in Init.
func New(o Options) Model {
	return newModel(context.Background(), o)
}

func newModel(ctx context.Context, o Options) Model {
	o = o.withDefaults()
	c := &common{
		opts:  o,
		ctx:   ctx,
		after: teaAfter,
		st:    newStyles(o.NoColor, o.ASCII),
		keys:  newKeyMap(),
		help:  help.New(),

		hintCache: map[string]string{},
		pay:       newPayBook(),
	}
	c.help.Styles = c.st.Help
	d := newDashboard(c)
	// The cached snapshot now lives in the dashboard's book; holding it in
	// the options too would keep a second copy alive for the whole run.
	c.opts.Cached = nil
	return Model{common: c, stack: []Screen{d}}
}

// Init starts the bottom screen, reads the payment journal and listens to
// the payments being followed.
func (m Model) Init() tea.Cmd {
	return tea.Batch(m.stack[0].Init(), startPayCmd(m.ctx, m.opts.Payments))
}

// top is the screen in focus: the one place that question is answered.
func (m Model) top() Screen { return m.stack[len(m.stack)-1] }

// Update is a short type switch: keys and paste go to the top screen (after
// the global keys), navigation changes the stack, and everything else goes
// to every screen, each keeping only the answers it asked for.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return m.onKey(msg)
	case tea.PasteMsg:
		if m.showHelp {
			return m, nil
		}
		return m.updateTop(msg)
	case tea.WindowSizeMsg:
		if msg.Width == m.width && msg.Height == m.height {
			return m, nil
		}
		m.width, m.height = msg.Width, msg.Height
		return m.broadcast(msg)
	case pushMsg:
		return m.onPush(msg)
	case popMsg:
		return m.onPop(msg)
	case payMsg:
		return m.onPay(msg)
	}
	return m.broadcast(msg)
}

// onKey applies the keys that mean the same everywhere, unless the top
// screen is capturing text, and hands the rest to the top screen.
func (m Model) onKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	switch {
	case m.quitAsked && key.Matches(msg, k.ForceQuit):
		return m.quit()
	case m.quitAsked:
		m.quitAsked = false // any other key stays; it does nothing else
		return m, nil
	case key.Matches(msg, k.ForceQuit):
		return m.askQuit()
	case m.showHelp:
		return m.onHelpKey(msg)
	case m.top().CapturesText():
		return m.updateTop(msg)
	case key.Matches(msg, k.Quit):
		return m.askQuit()
	case key.Matches(msg, k.Help):
		m.showHelp, m.helpOffset = true, 0
		return m, nil
	}
	return m.updateTop(msg)
}

func (m Model) onHelpKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.CloseHelp):
		m.showHelp = false
		return m, nil
	case key.Matches(msg, m.keys.Quit):
		return m.askQuit()
	case key.Matches(msg, m.keys.Up):
		return m.scrollHelp(-1), nil
	case key.Matches(msg, m.keys.Down):
		return m.scrollHelp(1), nil
	case key.Matches(msg, m.keys.PageUp):
		return m.scrollHelp(-pageSize(m.height - chromeLines)), nil
	case key.Matches(msg, m.keys.PageDown):
		return m.scrollHelp(pageSize(m.height - chromeLines)), nil
	}
	return m, nil
}

// scrollHelp moves the help by n lines, within its length.
func (m Model) scrollHelp(n int) Model {
	lines := len(m.helpFor(m.top()).lines(m.width))
	m.helpOffset = min(max(m.helpOffset+n, 0), max(lines-(m.height-chromeLines), 0))
	return m
}

func (m Model) helpFor(top Screen) helpView {
	return helpView{st: m.st, help: m.help, keys: top.Keys(), title: top.Title(), notes: top.HelpNotes()}
}

func (m Model) updateTop(msg tea.Msg) (tea.Model, tea.Cmd) {
	s, cmd := m.top().Update(msg)
	m.stack = slices.Clone(m.stack)
	m.stack[len(m.stack)-1] = s
	return m, cmd
}

func (m Model) broadcast(msg tea.Msg) (tea.Model, tea.Cmd) {
	stack := make([]Screen, len(m.stack))
	var cmds []tea.Cmd
	for i, s := range m.stack {
		var cmd tea.Cmd
		stack[i], cmd = s.Update(msg)
		if cmd != nil {
			cmds = append(cmds, cmd)
		}
	}
	m.stack = stack
	return m, tea.Batch(cmds...)
}

// onPush opens msg.s above its sender (or in its place), sized to the
// window.
func (m Model) onPush(msg pushMsg) (tea.Model, tea.Cmd) {
	if msg.s == nil || m.top().ID() != msg.from || (msg.replace && len(m.stack) < 2) {
		if msg.s != nil {
			msg.s.Close()
		}
		return m, nil // the sender is no longer in focus: a repeated key
	}
	s := msg.s
	if m.width > 0 {
		s, _ = s.Update(tea.WindowSizeMsg{Width: m.width, Height: m.height})
	}
	stack := slices.Clone(m.stack)
	if msg.replace {
		m.top().Close()
		stack = stack[:len(stack)-1]
	}
	m.stack = append(stack, s)
	m.showHelp = false
	return m, s.Init()
}

// onPop closes the top screen if it asked; the bottom screen stays.
func (m Model) onPop(msg popMsg) (tea.Model, tea.Cmd) {
	if len(m.stack) < 2 || m.top().ID() != msg.from {
		return m, nil
	}
	m.top().Close()
	m.stack = slices.Clone(m.stack[:len(m.stack)-1])
	m.showHelp = false
	return m, nil
}

// askQuit quits, unless a screen holds input that quitting would lose:
// then the status line asks for a second ctrl+c.
func (m Model) askQuit() (tea.Model, tea.Cmd) {
	for _, s := range m.stack {
		if s.Dirty() {
			m.quitAsked = true
			return m, nil
		}
	}
	return m.quit()
}

func (m Model) quit() (tea.Model, tea.Cmd) {
	for _, s := range m.stack {
		s.Close()
	}
	return m, tea.Quit
}

// View draws the whole screen: exactly height lines, none wider than width.
func (m Model) View() tea.View {
	frame := m.render()
	if m.opts.ASCII {
		frame = toASCII(frame)
	}
	v := tea.NewView(frame)
	v.AltScreen = true
	v.WindowTitle = "cashpos"
	if e := m.opts.Env.String(); e != "" {
		v.WindowTitle += " · " + e
	}
	return v
}

func (m Model) render() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.width < minWidth || m.height < minHeight {
		return tooSmallView{st: m.st, env: m.opts.Env}.View(m.width, m.height)
	}
	top := m.top()
	bodyH := m.height - chromeLines
	f := top.View(m.width, bodyH)
	keys := top.Keys()
	if m.showHelp {
		hv := m.helpFor(top)
		f.Body = hv.page(m.width, bodyH, m.helpOffset)
		f.Status = hv.scrollNote(m.width, bodyH, m.helpOffset)
		keys = helpKeys{m.keys}
	}
	if m.quitAsked {
		f.Status = m.st.BannerWarn.Render(truncate("unsaved input would be lost: ctrl+c again quits · any other key stays", m.width))
	}
	var b strings.Builder
	b.Grow(m.width * m.height * 2)
	for _, part := range [...]string{f.Header, f.Banner, f.Body, f.Status} {
		b.WriteString(part)
		b.WriteByte('\n')
	}
	b.WriteString(m.hints(keys.ShortHelp()))
	return b.String()
}

// hints is the one-line key help, memoised by width and the bindings' own
// text, so a frame does not lay it out again.
func (m Model) hints(bs []key.Binding) string {
	var k strings.Builder
	k.WriteString(strconv.Itoa(m.width))
	for _, b := range bs {
		if b.Enabled() {
			k.WriteString("\x00" + b.Help().Key + "\x01" + b.Help().Desc)
		}
	}
	ks := k.String()
	if s, ok := m.hintCache[ks]; ok {
		return s
	}
	hm := m.help
	hm.SetWidth(m.width)
	// Cut to the width: bubbles' help can overrun it when the last item
	// that fits leaves no room for its ellipsis.
	s := truncate(hm.ShortHelpView(bs), m.width)
	if len(m.hintCache) > 64 {
		clear(m.hintCache)
	}
	m.hintCache[ks] = s
	return s
}

var _ tea.Model = Model{}
