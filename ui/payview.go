package ui

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
)

// View draws the payment screen's parts of the frame.
func (s payScreen) View(width, height int) Frame {
	f := Frame{Header: payHeader(s.common, s.Title(), width)}
	switch s.phase {
	case phaseForm:
		f.Body = s.formView(width, height)
	case phaseReview:
		f.Body = s.reviewView(width, height)
	default:
		f.Body = s.statusView(width, height)
	}
	if s.opts.Env.Production() && s.phase != phaseStatus {
		f.Banner = s.st.BannerOffline.Render(padRight(" PRODUCTION: payments here move real money", width))
	}
	f.Status = s.confirmLine(width)
	return f
}

// confirmLine asks the pending question, if any.
func (s payScreen) confirmLine(width int) string {
	if !s.discard {
		return ""
	}
	return s.st.BannerWarn.Render(truncate("Discard this payment form? y discards · n keeps it", width))
}

// payHeader is the top line of the payment screens: product, environment
// badge, screen, and how many payments are being followed.
func payHeader(c *common, title string, width int) string {
	left := c.st.Title.Render("cashpos")
	if b := badge(c.st, c.opts.Env); b != "" {
		left += "  " + b
	}
	left += c.st.Muted.Render("  " + title)
	var right string
	switch n := c.pay.inFlight(); {
	case !c.pay.loaded:
		right = "reading the journal…"
	case n == 1:
		right = "1 payment in flight"
	case n > 1:
		right = strconv.Itoa(n) + " payments in flight"
	}
	gap := max(width-lipgloss.Width(left)-lipgloss.Width(right), 1)
	return truncate(left+strings.Repeat(" ", gap)+c.st.Muted.Render(right), width)
}
