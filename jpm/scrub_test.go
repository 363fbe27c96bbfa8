package jpm

import (
	"strings"
	"testing"
)

func TestScrubberRemovesCredentialsNotWords(t *testing.T) {
	s := &scrubber{}
	s.addClient("client-1", "p@ss/word+1")
	s.add("tok-abcdef-123456")
	cases := map[string]string{
		"Authorization: Basic Y2xpZW50LTE6cEBzcy93b3JkKzE=":    "Basic Y2xp",
		"auth Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.sig": "eyJhbGci",
		"form client_secret=p%40ss%2Fword%2B1&grant_type=x":    "p%40ss",
		"token tok-abcdef-123456 in a name":                    "tok-abcdef",
		`{"access_token":"zzz-unknown-token-1"}`:               "zzz-unknown",
		"see https://alice:hunter2@proxy.corp/x":               "hunter2",
	}
	for in, secret := range cases {
		if out := s.str(in); strings.Contains(out, secret) || !strings.Contains(out, redacted) {
			t.Errorf("%q -> %q", in, out)
		}
	}
	for _, word := range []string{"BASIC OPERATING ACCOUNT", "Bearer bonds fund", "Basic INTERCONTINENTAL"} {
		if out := s.str(word); out != word {
			t.Errorf("%q changed to %q", word, out)
		}
	}
}
