package ui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"

	"cashpos/model"
)

// theme is the small set of semantic colour tokens everything else is built
// from. The default uses the 16 basic ANSI colours: they follow the analyst's
// own terminal palette and cost the fewest bytes per change over SSH. A nil
// token means "no colour".
type theme struct {
	accent   color.Color // product name, sorted column
	muted    color.Color // secondary text: numbers, ages, separators
	negative color.Color // negative amounts (which also carry a minus sign)
	good     color.Color // fresh
	warn     color.Color // aging, warnings, non-production badge
	bad      color.Color // stale, errors, offline, production badge
	info     color.Color // prior-day, informational banner
}

func defaultTheme() theme {
	return theme{
		accent:   lipgloss.Cyan,
		muted:    lipgloss.BrightBlack,
		negative: lipgloss.Red,
		good:     lipgloss.Green,
		warn:     lipgloss.Yellow,
		bad:      lipgloss.Red,
		info:     lipgloss.Blue,
	}
}

// Styles is every style the dashboard draws with, built once from a theme
// and passed down; there are no package-level styles. Nothing is told by
// colour alone: with NoColor the same Styles keep bold and reverse, and the
// screen still carries markers, minus signs and words.
type Styles struct {
	Title     lipgloss.Style
	Badge     lipgloss.Style
	BadgeProd lipgloss.Style
	Muted     lipgloss.Style

	BannerOffline lipgloss.Style
	BannerWarn    lipgloss.Style
	BannerInfo    lipgloss.Style

	ColHeader       lipgloss.Style
	ColHeaderSorted lipgloss.Style
	Group           lipgloss.Style
	Rule            lipgloss.Style

	Name     lipgloss.Style
	Number   lipgloss.Style
	Negative lipgloss.Style
	Missing  lipgloss.Style
	Problem  lipgloss.Style
	Selected lipgloss.Style
	// Freshness by model.Freshness; NoData is for rows with a Problem.
	Freshness [5]lipgloss.Style
	NoData    lipgloss.Style

	TotalLabel    lipgloss.Style
	TotalNegative lipgloss.Style
	Footnote      lipgloss.Style

	FilterLabel lipgloss.Style
	Cursor      lipgloss.Style

	StripTitle  lipgloss.Style
	StripAmount lipgloss.Style
	StripFocus  lipgloss.Style // the amount y copies

	ScreenTitle lipgloss.Style
	ScreenText  lipgloss.Style
	ScreenKey   lipgloss.Style

	Help help.Styles

	// g are the marks (markers, row pointer, arrows, rules): Unicode, or
	// ASCII on a terminal whose locale is not UTF-8.
	g glyphs
}

func newStyles(noColor, ascii bool) *Styles {
	t := defaultTheme()
	if noColor {
		t = theme{}
	}
	fg := func(s lipgloss.Style, c color.Color) lipgloss.Style {
		if c == nil {
			return s
		}
		return s.Foreground(c)
	}
	plain := lipgloss.NewStyle()
	muted := fg(plain, t.muted)

	st := &Styles{
		Title:     fg(plain.Bold(true), t.accent),
		Badge:     fg(plain.Reverse(true).Bold(true), t.warn),
		BadgeProd: fg(plain.Reverse(true).Bold(true), t.bad),
		Muted:     muted,

		BannerOffline: fg(plain.Reverse(true).Bold(true), t.bad),
		BannerWarn:    fg(plain.Bold(true), t.warn),
		BannerInfo:    fg(plain, t.info),

		ColHeader:       plain.Bold(true),
		ColHeaderSorted: fg(plain.Bold(true).Underline(true), t.accent),
		Group:           plain.Bold(true),
		Rule:            muted,

		Name:     plain,
		Number:   muted,
		Negative: fg(plain, t.negative),
		Missing:  muted,
		Problem:  fg(plain, t.warn),
		Selected: plain.Reverse(true).Bold(true),
		NoData:   fg(plain.Bold(true), t.warn),

		TotalLabel:    plain.Bold(true),
		TotalNegative: fg(plain.Bold(true), t.negative),
		Footnote:      muted,

		FilterLabel: plain.Bold(true),
		Cursor:      plain.Reverse(true),

		StripTitle:  plain.Bold(true),
		StripAmount: plain,
		StripFocus:  plain.Underline(true).Bold(true),

		ScreenTitle: fg(plain.Bold(true), t.bad),
		ScreenText:  plain,
		ScreenKey:   plain.Bold(true),
	}
	st.g = unicodeGlyphs()
	if ascii {
		st.g = asciiGlyphs()
	}
	st.Freshness[model.Fresh] = fg(plain, t.good)
	st.Freshness[model.Aging] = fg(plain, t.warn)
	st.Freshness[model.Stale] = fg(plain.Bold(true), t.bad)
	st.Freshness[model.PriorDay] = fg(plain, t.info)
	st.Freshness[model.Offline] = fg(plain.Bold(true), t.bad)

	st.Help = help.Styles{
		Ellipsis:       muted,
		ShortKey:       plain.Bold(true),
		ShortDesc:      muted,
		ShortSeparator: muted,
		FullKey:        plain.Bold(true),
		FullDesc:       plain,
		FullSeparator:  muted,
	}
	return st
}
