package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"cashpos/model"
)

// glyphs are the non-letter marks the screens draw. A terminal whose locale
// is not UTF-8 (LC_ALL=C, LANG=POSIX) would show the Unicode ones as
// mojibake or question marks, so it gets plain ASCII instead: every state
// still reads by its word.
type glyphs struct {
	fresh   [5]string // by model.Freshness
	pointer string    // the selected row's marker, two cells
	up      string    // sort ascending
	down    string    // sort descending
	rule    string    // horizontal rule, one cell
	offline string    // before a row's own marker when the screen is offline
	sep     string    // vertical separator in the detail strip
	// priorTotal marks the prior-day count in a short total label.
	priorTotal string
}

func unicodeGlyphs() glyphs {
	g := glyphs{pointer: "▸ ", up: "▲", down: "▼", rule: "─", offline: "✕", sep: "│", priorTotal: "◌"}
	for f := model.Fresh; f <= model.Offline; f++ {
		g.fresh[f] = f.Glyph()
	}
	return g
}

// asciiGlyphs: fresh *, aging ~, stale o, prior-day -, offline x.
func asciiGlyphs() glyphs {
	return glyphs{
		fresh:   [5]string{model.Fresh: "*", model.Aging: "~", model.Stale: "o", model.PriorDay: "-", model.Offline: "x"},
		pointer: "> ", up: "^", down: "v", rule: "-", offline: "x", sep: "|",
	}
}

// LocaleIsUTF8 reads the locale the way the C library does: the first of
// LC_ALL, LC_CTYPE and LANG that is set decides. Unset everywhere is taken
// as UTF-8 (the C library would say ASCII, but containers and minimal jump
// hosts often set nothing while the analyst's terminal is UTF-8); an
// explicit non-UTF-8 locale (C, POSIX, en_US.ISO-8859-1) means ASCII. main
// passes the process environment.
func LocaleIsUTF8(getenv func(string) string) bool {
	for _, name := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		v = strings.ToLower(v)
		return strings.Contains(v, "utf-8") || strings.Contains(v, "utf8")
	}
	return true
}

// mark is a row's status marker: glyph and word.
func (g glyphs) mark(f model.Freshness) string { return g.fresh[f] + " " + f.Word() }

// offlineMark is an offline row's status: the offline glyph before the row's
// own marker, so a row that was stale before the bank went away still says so.
func (g glyphs) offlineMark(own model.Freshness) string {
	return g.offline + g.fresh[own] + " " + own.Word()
}

// arrow marks the sort direction.
func (g glyphs) arrow(desc bool) string {
	if desc {
		return g.down
	}
	return g.up
}

// asciiFrame maps every non-ASCII mark the screens draw to one ASCII cell,
// so that a frame on a non-UTF-8 terminal keeps its layout: a mark is
// always one cell, and so is its stand-in. Text from the bank (a name with
// an accent) is handled by toASCII.
var asciiFrame = strings.NewReplacer(
	"●", "*", "◐", "~", "○", "o", "◌", "-", "✕", "x", "▸", ">",
	"▲", "^", "▼", "v", "─", "-", "│", "|", "—", "-", "–", "-", "−", "-",
	"…", "~", " • ", " | ", "·", "-", "•", "*", "→", ">", "←", "<", "↑", "^", "↓", "v",
	"⌫", "<", "✓", "+", "✗", "x", "§", "S", "≈", "~", "⇣", "v", "⇧", "^", "‹", "<", "›", ">",
)

// toASCII makes a rendered frame safe for a non-UTF-8 terminal: the known
// marks become their ASCII stand-ins and any other non-ASCII rune a "?" per
// cell it occupies, so widths never change.
func toASCII(frame string) string {
	frame = asciiFrame.Replace(frame)
	ascii := true
	for i := 0; i < len(frame); i++ {
		if frame[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return frame
	}
	var b strings.Builder
	b.Grow(len(frame))
	for _, r := range frame {
		if r < 0x80 {
			b.WriteRune(r)
			continue
		}
		b.WriteString(strings.Repeat("?", max(ansi.StringWidth(string(r)), 1)))
	}
	return b.String()
}
