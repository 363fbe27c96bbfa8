package ui

import (
	"github.com/charmbracelet/x/ansi"
	"github.com/shopspring/decimal"

	"cashpos/model"
)

// An outlier — one account, or a total, far larger than the rest — would
// otherwise push whole amount columns off the screen. Instead its column is
// capped (layout.fitCapped) and the values too wide for it are drawn
// rounded to two decimals of millions, billions or trillions (the most
// precise that fits), marked "≈" so they never pass for exact figures. The detail strip shows the
// selected account's exact figures, and the footnote says so.

var compactUnits = []struct {
	div    decimal.Decimal
	suffix string
}{
	{decimal.New(1, 6), "m"},
	{decimal.New(1, 9), "bn"},
	{decimal.New(1, 12), "tn"},
}

// compactAmount is d rounded to two decimals of the smallest unit (millions,
// billions, trillions) whose form fits w cells: "≈12,345,678.90m",
// "≈12.35tn"; "" when none fits.
func compactAmount(d decimal.Decimal, w int) string {
	for _, u := range compactUnits {
		if d.Abs().Cmp(u.div) < 0 {
			continue
		}
		if s := "≈" + model.FormatAmount(d.DivRound(u.div, 2), 2) + u.suffix; ansi.StringWidth(s) <= w {
			return s
		}
	}
	return ""
}

// fitAmount is text when it fits w cells, else the rounded form of d that
// does; text (which the cell then cuts, visibly) when nothing fits.
func fitAmount(text string, d decimal.NullDecimal, w int) string {
	if ansi.StringWidth(text) <= w || !d.Valid {
		return text
	}
	if s := compactAmount(d.Decimal, w); s != "" {
		return s
	}
	return text
}
