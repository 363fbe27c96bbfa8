package ui

import (
	"strconv"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// bannerView is the one line under the header that says what is wrong with
// the data on screen, or nothing. It never grows: a long error is cut to its
// first line and to the width.
type bannerView struct {
	st       *Styles
	hasData  bool
	cached   bool
	inFlight bool
	fetchErr error
	saveErr  error
	lastGood time.Time
	problems int
	partial  bool
	waiting  string // what a slow refresh waits on (see waitingOn)
	now      time.Time
	missing  []string // what has no fresh data beyond Problem rows (book.missing)
	notices  []string // local-state problems found at start (Options.Notices)
}

func (b bannerView) View(width int) string {
	switch {
	case b.hasData && b.fetchErr != nil:
		return b.offline(width)
	case b.waiting != "" && b.fetchErr == nil:
		return b.line(b.st.BannerInfo, "waiting on the bank: ", b.waiting, "", width)
	case b.hasData && b.cached:
		text := "showing last good data from " + clock(b.lastGood, b.now, false) + " (cached)"
		if b.inFlight {
			text += " — refreshing…"
		}
		return b.line(b.st.BannerInfo, "", text, "", width)
	case b.saveErr != nil:
		return b.line(b.st.BannerWarn, "last good data not saved: ", firstLine(b.saveErr.Error()), " (display unaffected)", width)
	case b.hasData && len(b.missing) > 0:
		// Accounts the refresh could not read at all (a failed listing) or
		// that show last good figures: named, and the totals are marked.
		text := firstLine(b.missing[0])
		if n := len(b.missing); n > 1 {
			text = strconv.Itoa(n) + " without fresh data, totals marked *: " + text + "; …"
		} else {
			text = "totals marked *: " + text
		}
		return b.line(b.st.BannerWarn, "INCOMPLETE — ", clean(text), "", width)
	case b.hasData && b.partial && b.problems > 0:
		text := strconv.Itoa(b.problems) + " of the accounts did not answer; their rows say why"
		if b.problems == 1 {
			text = "1 account did not answer; its row says why"
		}
		return b.line(b.st.BannerWarn, "PARTIAL — ", text, "", width)
	case len(b.notices) > 0:
		return b.line(b.st.BannerWarn, "", clean(firstLine(b.notices[0])), "", width)
	}
	return ""
}

// noDataBanner is the last word of the banner line: every batch answered,
// but some rows carry no figures (the bank's per-account error, a
// duplicate that disagrees, no currency). A row scrolled out of view must
// not be the only place that says so (README, "When data is missing").
func noDataBanner(st *Styles, n, width int) string {
	text := strconv.Itoa(n) + " accounts have no data; their rows say why, and no total includes them"
	if n == 1 {
		text = "1 account has no data; its row says why, and no total includes it"
	}
	return bannerView{st: st}.line(st.BannerWarn, "INCOMPLETE — ", text, "", width)
}

// offline says the data is not live, longest form that fits: the whole
// error; the error cut, with the key that shows it whole (e, in the detail
// strip); or, on a narrow terminal, only the time of the last good data and
// that key.
func (b bannerView) offline(width int) string {
	msg := firstLine(b.fetchErr.Error())
	at := clock(b.lastGood, b.now, true)
	suffix := " · last good data " + at
	if 2+ansi.StringWidth("OFFLINE — "+msg+suffix) <= width {
		return b.line(b.st.BannerOffline, "OFFLINE — ", msg, suffix, width)
	}
	suffix = " · last good " + at + " · e: full error"
	if width-2-ansi.StringWidth("OFFLINE — "+suffix) >= 20 {
		return b.line(b.st.BannerOffline, "OFFLINE — ", msg, suffix, width)
	}
	return b.line(b.st.BannerOffline, "OFFLINE", "", " · last good data "+at+" · e: why", width)
}

// line fits prefix + msg + suffix into width by cutting msg, and pads the
// result so a reverse banner is a full-width bar.
func (b bannerView) line(st lipgloss.Style, prefix, msg, suffix string, width int) string {
	room := width - 2 - ansi.StringWidth(prefix) - ansi.StringWidth(suffix)
	text := " " + prefix + truncate(msg, max(room, 1)) + suffix
	return st.Render(padRight(text, width))
}
