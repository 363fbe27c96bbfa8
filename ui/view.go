package ui

import (
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// View draws the whole screen: exactly height lines, none wider than width.
// Ages and staleness are computed here from the injected clock.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "cashpos"
	if m.opts.Env != "" {
		v.WindowTitle += " · " + strings.ToUpper(m.opts.Env)
	}
	return v
}

func (m Model) render() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.lay.tooSmall {
		return tooSmallView{st: m.st, env: m.opts.Env}.View(m.width, m.height)
	}
	now := m.opts.Now()
	cc := classifyCtx{now: now, th: m.opts.Thresholds, offline: m.offline}
	var lastGood = m.lastGood()

	var b strings.Builder
	b.Grow(m.width * m.height * 2)
	b.WriteString(m.cache.part(m.headerKey(now, lastGood), func() string {
		return headerView{
			st: m.st, env: m.opts.Env, lastGood: lastGood, cached: m.cached,
			refresh: m.refreshState(), now: now,
		}.View(m.width)
	}))
	b.WriteByte('\n')
	b.WriteString(bannerView{
		st: m.st, hasData: m.hasData() && m.fatal == fatalNone, cached: m.cached,
		inFlight: m.inFlight, fetchErr: m.fetchErr, saveErr: m.saveErr,
		lastGood: lastGood, problems: m.problems(), partial: m.partial(), now: now,
		missing: m.missing(), notices: m.opts.Notices,
	}.View(m.width))
	b.WriteByte('\n')
	b.WriteString(m.body(cc))
	b.WriteByte('\n')
	shown := m.screen() == screenGrid && !m.showHelp
	statusKey := partKey{kind: partStatus, layRev: m.layRev, gridRev: m.grid.rev, text: flag(shown) + flag(m.grid.filtering)}
	b.WriteString(m.cache.part(statusKey, func() string {
		return statusView{st: m.st, g: &m.grid, bk: m.bk, shown: shown, hidden: m.lay.hiddenColumns()}.View(m.width)
	}))
	b.WriteByte('\n')
	keys, focus := m.focusedKeys()
	b.WriteString(m.cache.part(partKey{kind: partHints, layRev: m.layRev, text: focus}, func() string {
		hm := m.help
		hm.SetWidth(m.width)
		return hm.ShortHelpView(keys.ShortHelp())
	}))
	return b.String()
}

// screen is what occupies the body.
type screen int

const (
	screenGrid screen = iota
	screenLoading
	screenFailed
	screenUnauthorized
	screenNoAccounts
)

func (m Model) screen() screen {
	switch {
	case m.fatal == fatalUnauthorized:
		return screenUnauthorized
	case m.fatal == fatalNoAccounts:
		return screenNoAccounts
	case m.hasData():
		return screenGrid
	case m.fetchErr != nil && !m.inFlight:
		return screenFailed
	}
	return screenLoading
}

func (m Model) body(cc classifyCtx) string {
	w, h := m.width, m.lay.gridH
	if m.showHelp {
		keys, _ := m.underHelpKeys()
		return helpView{st: m.st, help: m.help, keys: keys, title: m.screenTitle(), th: m.opts.Thresholds}.View(w, h)
	}
	switch m.screen() {
	case screenUnauthorized:
		return unauthorizedView(m.st, m.fetchErr).View(w, h)
	case screenNoAccounts:
		return noAccountsView(m.st).View(w, h)
	case screenFailed:
		return failedView(m.st, m.fetchErr).View(w, h)
	case screenLoading:
		return loadingView(m.st).View(w, h)
	}
	grid := m.grid
	return gridView{
		st: m.st, lay: m.lay, layRev: m.layRev, bk: m.bk, g: &grid, cc: cc, cache: m.cache,
	}.View(w, h)
}

// focusedKeys is the keymap of what has focus, and a name for it; the hint
// line and `?` are built from it.
func (m Model) focusedKeys() (help.KeyMap, string) {
	if m.showHelp {
		return helpKeys{m.keys}, "help"
	}
	return m.underHelpKeys()
}

// underHelpKeys is the keymap of the screen under the help.
func (m Model) underHelpKeys() (help.KeyMap, string) {
	switch {
	case m.screen() != screenGrid && m.fatal == fatalNone:
		return messageKeys{k: m.keys, withAuto: true}, "message+auto"
	case m.screen() != screenGrid:
		return messageKeys{k: m.keys}, "message"
	case m.grid.filtering:
		return filterKeys{m.keys}, "filter"
	}
	return dashboardKeys{m.keys}, "grid"
}

// headerKey names a header frame: what it shows, not the clock's seconds.
func (m Model) headerKey(now, lastGood time.Time) partKey {
	y, mo, d := now.Date()
	return partKey{
		kind:    partHeader,
		layRev:  m.layRev,
		gridRev: uint64(lastGood.UnixNano()),
		text:    m.refreshState() + "|" + flag(m.cached) + "|" + strconv.Itoa(y*10000+int(mo)*100+d),
	}
}

func flag(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

func (m Model) screenTitle() string {
	switch m.screen() {
	case screenGrid:
		if m.grid.filtering {
			return "filter"
		}
		return "balances"
	case screenLoading:
		return "loading"
	}
	return "error"
}
