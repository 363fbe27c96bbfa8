package onboard

import (
	"encoding/base64"
	"regexp"
	"strings"
	"unicode"
)

// jwtLike is a compact JWS (an access token, a client assertion): three
// base64url parts, the first a JSON header.
var jwtLike = regexp.MustCompile(`eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*`)

// scrub removes from text what a misbehaving bank or proxy might echo back:
// each secret as given, in base64 (an echoed Basic header carries
// "id:secret" encoded), and anything shaped like a token.
func scrub(text string, secrets []string) string {
	for _, s := range secrets {
		if len(s) < 4 { // too short to scrub without mangling ordinary words
			continue
		}
		text = strings.ReplaceAll(text, s, "[redacted]")
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding} {
			if e := enc.EncodeToString([]byte(s)); len(e) >= 8 {
				text = strings.ReplaceAll(text, e, "[redacted]")
			}
		}
	}
	return jwtLike.ReplaceAllString(text, "[redacted token]")
}

// printable replaces control characters (escape sequences, newlines) with
// spaces.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}
