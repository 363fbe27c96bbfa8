// Command frame2freeze prepares a golden frame (text with SGR escape codes)
// for github.com/charmbracelet/freeze, whose ANSI reader (v0.2.2) ignores
// reverse video, bold and the basic background colours. It resolves every
// style into explicit 24-bit foreground and background colours — reverse
// swaps them, bold brightens them as many terminals do — so the picture
// shows what a terminal shows: the selected row and the badges stand out.
//
//	go run ./scripts/frame2freeze < frame.golden > frame.ansi
//
// Used by scripts/pictures.sh; not part of the cashpos binary.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// A dark terminal palette, readable on the picture's background.
var basic = [16]string{
	"#2e3436", "#e05561", "#5fc179", "#e5c07b", "#61afef", "#c678dd", "#56b6c2", "#d0d0d0",
	"#8a8f98", "#ff6b7a", "#7ee08f", "#f2d68a", "#82c4ff", "#dc9ef0", "#7fd4de", "#ffffff",
}

const (
	defaultFG = "#d0d0d0"
	defaultBG = "#171717" // freeze's default background
	boldFG    = "#ffffff"
)

// style is the SGR state that matters for a picture.
type style struct {
	fg, bg          string // "" is the terminal's default
	fgIndex         int    // 0-7 when fg is a basic colour, so bold can brighten it; else -1
	bold, faint, rv bool
}

var sgr = regexp.MustCompile("\x1b\\[([0-9;:]*)m")

func main() {
	in, err := io.ReadAll(bufio.NewReader(os.Stdin))
	if err != nil {
		fmt.Fprintln(os.Stderr, "frame2freeze:", err)
		os.Exit(1)
	}
	os.Stdout.WriteString(convert(string(in)))
}

// convert rewrites every SGR sequence as a reset followed by the resolved
// colours. Each line starts from the style the previous one ended with, as
// in a terminal.
func convert(frame string) string {
	var b strings.Builder
	st := style{fgIndex: -1}
	lines := strings.Split(frame, "\n")
	for i, line := range lines {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(st.sequence())
		b.WriteString(sgr.ReplaceAllStringFunc(line, func(seq string) string {
			st = st.apply(sgr.FindStringSubmatch(seq)[1])
			return st.sequence()
		}))
	}
	return b.String()
}

// apply folds one SGR parameter list into the style.
func (s style) apply(params string) style {
	ps := strings.FieldsFunc(params, func(r rune) bool { return r == ';' || r == ':' })
	if len(ps) == 0 {
		return style{fgIndex: -1}
	}
	for i := 0; i < len(ps); i++ {
		n, _ := strconv.Atoi(ps[i])
		switch {
		case n == 0:
			s = style{fgIndex: -1}
		case n == 1:
			s.bold = true
		case n == 2:
			s.faint = true
		case n == 22:
			s.bold, s.faint = false, false
		case n == 7:
			s.rv = true
		case n == 27:
			s.rv = false
		case n >= 30 && n <= 37:
			s.fg, s.fgIndex = basic[n-30], n-30
		case n >= 90 && n <= 97:
			s.fg, s.fgIndex = basic[n-90+8], -1
		case n == 39:
			s.fg, s.fgIndex = "", -1
		case n >= 40 && n <= 47:
			s.bg = basic[n-40]
		case n >= 100 && n <= 107:
			s.bg = basic[n-100+8]
		case n == 49:
			s.bg = ""
		case n == 38 || n == 48:
			var c string
			c, i = extended(ps, i)
			if n == 38 {
				s.fg, s.fgIndex = c, -1
			} else {
				s.bg = c
			}
		}
	}
	return s
}

// extended reads a 38/48 colour (5;N or 2;R;G;B) starting at ps[i] and
// returns it with the index of its last parameter.
func extended(ps []string, i int) (string, int) {
	num := func(j int) int {
		if j < len(ps) {
			v, _ := strconv.Atoi(ps[j])
			return v
		}
		return 0
	}
	switch num(i + 1) {
	case 5:
		return xterm256(num(i + 2)), i + 2
	case 2:
		return fmt.Sprintf("#%02x%02x%02x", num(i+2), num(i+3), num(i+4)), i + 4
	}
	return "", i + 1
}

// xterm256 is the standard 256-colour palette.
func xterm256(n int) string {
	switch {
	case n < 16:
		return basic[n]
	case n < 232:
		n -= 16
		level := func(v int) int {
			if v == 0 {
				return 0
			}
			return 55 + 40*v
		}
		return fmt.Sprintf("#%02x%02x%02x", level(n/36), level(n/6%6), level(n%6))
	default:
		g := 8 + 10*(n-232)
		return fmt.Sprintf("#%02x%02x%02x", g, g, g)
	}
}

// sequence is the style as freeze reads it: a reset, then explicit colours.
func (s style) sequence() string {
	fg, bg := s.fg, s.bg
	if s.bold && s.fgIndex >= 0 {
		fg = basic[s.fgIndex+8]
	}
	if fg == "" {
		fg = defaultFG
		if s.bold {
			fg = boldFG
		}
	}
	if bg == "" {
		bg = defaultBG
	}
	if s.rv {
		fg, bg = bg, fg
	}
	if s.faint {
		fg = basic[8]
	}
	out := "\x1b[0m" + "\x1b[38;2;" + rgb(fg) + "m"
	if bg != defaultBG {
		out += "\x1b[48;2;" + rgb(bg) + "m"
	}
	return out
}

func rgb(hex string) string {
	v, _ := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	return fmt.Sprintf("%d;%d;%d", v>>16, v>>8&0xff, v&0xff)
}
