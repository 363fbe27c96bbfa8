package jpm

import (
	"math/rand/v2"
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

// TestMayHoldCredentialNeverMisses holds the fast pre-check to the
// patterns: for any text it calls plain, the patterns change nothing.
// Random texts from an alphabet rich in the patterns' letters, cases and
// folding look-alikes (ſ, K), plus hand-picked ones.
func TestMayHoldCredentialNeverMisses(t *testing.T) {
	texts := []string{
		"", "OPERATING ACCOUNT 7", "Basic OPERATING", "bearer abcdefghijklmnop1", "BEARER%20abcdefghijklmnop1",
		"baſic abcdefghijklmnop1", "BAſIC abcdefghijklmnop1", "client_secret=x", "CLIENT_SECRET: \"y\"",
		"access_toKen=zz", "https://u:p@host/x", "http://user@h", "ACCESS_TOKEN", "id_token=a",
	}
	alphabet := []string{"b", "B", "a", "A", "s", "S", "ſ", "i", "I", "c", "C", "e", "E", "r", "R", "k", "K", "K",
		"_", "t", "o", "n", ":", "/", "@", "=", " ", "%20", "+", "1", "x", "é", "\"", "basic ", "bearer ",
		"client_secret", "access_token", "://", "0123456789abcdef"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		texts = append(texts, b.String())
	}
	for _, text := range texts {
		if !mayHoldCredential(text) && scrubPatterns(text) != text {
			t.Errorf("pre-check passed %q, but the patterns scrub it to %q", text, scrubPatterns(text))
		}
	}
}

// TestScrubPlainTextAllocatesNothing: a plain bank text is returned as is.
func TestScrubPlainTextAllocatesNothing(t *testing.T) {
	s := &scrubber{}
	s.add("a-long-client-secret")
	text := "OPERATING ACCOUNT 000000010962009 JPMORGAN CHASE BANK, N.A."
	if n := testing.AllocsPerRun(100, func() { _ = s.str(text) }); n != 0 {
		t.Errorf("%v allocations scrubbing a plain text, want 0", n)
	}
}
