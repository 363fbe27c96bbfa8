package ui

import (
	"strconv"
	"time"

	"charm.land/bubbles/v2/help"
)

// View draws the dashboard's parts of the frame. Ages and staleness are
// computed here from the injected clock.
func (m dashboard) View(width, height int) Frame {
	now := m.opts.Now()
	cc := classifyCtx{now: now, th: m.opts.Thresholds, offline: m.offline}
	var lastGood = m.lastGood()

	var f Frame
	f.Header = m.cache.part(m.headerKey(now, lastGood), func() string {
		return headerView{
			st: m.st, env: m.opts.Env, lastGood: lastGood, cached: m.cached,
			refresh: m.refreshState(), refreshW: m.refreshSlotWidth(), now: now,
		}.View(m.width)
	})
	f.Banner = bannerView{
		st: m.st, hasData: m.hasData() && m.fatal == fatalNone, cached: m.cached,
		inFlight: m.inFlight(), fetchErr: m.fetchErr, saveErr: m.saveErr,
		lastGood: lastGood, problems: m.problems(), partial: m.partial(), now: now,
		missing: m.missing(), notices: m.opts.Notices,
		waiting: m.waitingOn(),
	}.View(m.width)
	if f.Banner == "" {
		f.Banner = m.outflowBanner(now) // payments the bank's figures do not show yet
	}
	if f.Banner == "" && m.hasData() && m.fatal == fatalNone && m.problems() > 0 {
		f.Banner = noDataBanner(m.st, m.problems(), m.width)
	}
	f.Body = m.body(cc)
	shown := m.screen() == screenGrid
	pos := m.grid.position(m.lay.bodyH)
	if m.collapsed {
		pos = "subtotals by group · c shows the accounts"
	}
	statusKey := partKey{kind: partStatus, layRev: m.layRev, gridRev: m.grid.rev, text: flag(shown) + flag(m.grid.filtering) + m.note + pos}
	f.Status = m.cache.part(statusKey, func() string {
		return statusView{st: m.st, g: &m.grid, bk: m.bk, shown: shown, hidden: m.lay.hiddenColumns(), note: m.note, pos: pos}.View(m.width)
	})
	return f
}

// ID, Title, Keys and CapturesText make the dashboard a Screen.
func (m dashboard) ID() uint64 { return m.id }

func (m dashboard) Title() string { return m.screenTitle() }

func (m dashboard) Keys() help.KeyMap {
	k, _ := m.underHelpKeys()
	return k
}

// CapturesText: while a filter is typed into the grid, q and ? are letters.
func (m dashboard) CapturesText() bool {
	return m.grid.filtering && m.screen() == screenGrid && !m.lay.tooSmall
}

// HelpNotes is the legend of the markers.
func (m dashboard) HelpNotes() []HelpSection {
	return []HelpSection{
		{Title: "Filter (/)", Lines: filterHelp},
		{Title: "Markers", Lines: markerLegend(m.st, m.opts.Thresholds)},
	}
}

// Dirty: nothing typed here is lost by quitting.
func (m dashboard) Dirty() bool { return false }

// Close cancels the refresh in flight.
func (m dashboard) Close() {
	if m.slot.cancel != nil {
		m.slot.cancel()
	}
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

func (m dashboard) screen() screen {
	switch {
	case m.fatal == fatalUnauthorized:
		return screenUnauthorized
	case m.fatal == fatalNoAccounts:
		return screenNoAccounts
	case m.hasData():
		return screenGrid
	case m.fetchErr != nil && !m.inFlight():
		return screenFailed
	}
	return screenLoading
}

func (m dashboard) body(cc classifyCtx) string {
	w, h := m.width, m.lay.gridH
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
		strip: stripView{
			st: m.st, now: cc.now, th: cc.th, offline: cc.offline,
			showFull: m.showFull, fetchErr: m.fetchErr, showErr: m.showErr, focus: m.focus,
		},
		collapsed: m.collapsed, groups: m.groups, groupOffset: m.groupOffset,
		subtotals: m.headingSubtotals(),
	}.View(w, h)
}

// underHelpKeys is the keymap of the dashboard's state (the screen under
// the help when the help is open).
func (m dashboard) underHelpKeys() (help.KeyMap, string) {
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
func (m dashboard) headerKey(now, lastGood time.Time) partKey {
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

func (m dashboard) screenTitle() string {
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
