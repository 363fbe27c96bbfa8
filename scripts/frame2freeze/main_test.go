package main

import "testing"

func TestConvertResolvesReverseAndBold(t *testing.T) {
	cases := []struct{ in, want string }{
		// plain text starts in the default colours
		{"ab", "\x1b[0m\x1b[38;2;208;208;208mab"},
		// reverse + bold (the selected row): white bar, dark text
		{"\x1b[1;7mrow\x1b[m", "\x1b[0m\x1b[38;2;208;208;208m\x1b[0m\x1b[38;2;23;23;23m\x1b[48;2;255;255;255mrow\x1b[0m\x1b[38;2;208;208;208m"},
		// reverse + bold + yellow (the DEMO badge): bright yellow background
		{"\x1b[1;7;33mDEMO", "\x1b[0m\x1b[38;2;208;208;208m\x1b[0m\x1b[38;2;23;23;23m\x1b[48;2;242;214;138mDEMO"},
		// 256-colour and 24-bit colours pass through as 24-bit
		{"\x1b[38;5;196mx\x1b[38;2;1;2;3my", "\x1b[0m\x1b[38;2;208;208;208m\x1b[0m\x1b[38;2;255;0;0mx\x1b[0m\x1b[38;2;1;2;3my"},
	}
	for _, c := range cases {
		if got := convert(c.in); got != c.want {
			t.Errorf("convert(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

// A style carries over a line break, as in a terminal.
func TestConvertCarriesStyleAcrossLines(t *testing.T) {
	got := convert("\x1b[31ma\nb")
	want := "\x1b[0m\x1b[38;2;208;208;208m\x1b[0m\x1b[38;2;224;85;97ma\n\x1b[0m\x1b[38;2;224;85;97mb"
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
