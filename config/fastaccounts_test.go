package config

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestFastAccountsAgreesWithTOML decodes files in the plain shape and in
// every shape the shortcut must refuse, and wants the TOML library's own
// result each time: the same config, the same error, the same unknown keys.
func TestFastAccountsAgreesWithTOML(t *testing.T) {
	head := "env = \"mock\"\nclient_id = \"c\" # comment\n\n[staleness]\naging = \"30m\"\n\n"
	plain := "[[accounts]]\nid = \"000000010962009\"   # the main one\nlabel = \"Operating — NY\"\ngroup = \"US\"\n\n[[accounts]]\n# a comment line\n\tid=\"1234567890\"\napi = \"bda\"\nbic = \"CHASUS33MCY\"\ntime_zone = \"Europe/London\"\n"
	cases := map[string]string{
		"plain":                  head + plain,
		"plain, no head":         plain,
		"crlf":                   strings.ReplaceAll(head+plain, "\n", "\r\n"),
		"no trailing newline":    head + strings.TrimSuffix(plain, "\n"),
		"no accounts":            head,
		"empty account":          head + "[[accounts]]\n[[accounts]]\nid = \"x\"\n",
		"unknown key":            head + plain + "colour = \"red\"\n",
		"duplicate key":          head + plain + "label = \"again\"\n",
		"escape":                 head + plain + "[[accounts]]\nid = \"a\\tb\"\n",
		"literal string":         head + plain + "[[accounts]]\nid = 'lit'\n",
		"hash in string":         head + plain + "[[accounts]]\nid = \"a#b\"\nlabel = \"x\" # c\n",
		"quote in comment":       head + plain + "[[accounts]]\nid = \"a\" # say \"hi\"\n",
		"table after":            head + plain + "[other]\nx = \"1\"\n",
		"staleness after":        "env = \"mock\"\n" + plain + "[staleness]\naging = \"5m\"\n",
		"quoted key":             head + plain + "[[accounts]]\n\"id\" = \"q\"\n",
		"dotted key":             head + plain + "[[accounts]]\nid.x = \"q\"\n",
		"number value":           head + plain + "[[accounts]]\nid = 12\n",
		"inline accounts":        "accounts = [{id = \"a\"}]\n" + plain,
		"multiline head":         "client_id = \"\"\"\n[[accounts]]\nid = \"x\"\n\"\"\"\n" + plain,
		"control char":           head + plain + "[[accounts]]\nid = \"a\x01b\"\n",
		"control in comment":     head + plain + "# bad \x01\n",
		"invalid utf8":           head + plain + "[[accounts]]\nlabel = \"\xff\"\n",
		"key before table":       head + "[[accounts]]\nid = \"a\"\n" + "id = \"b\"\n",
		"spaced header":          head + "[[ accounts ]]\nid = \"a\"\n",
		"header with comment":    head + "[[accounts]] # first\nid = \"a\"\n",
		"trailing garbage":       head + plain + "[[accounts]]\nid = \"a\" b\n",
		"unterminated":           head + plain + "[[accounts]]\nid = \"a\n",
		"multiline value":        head + plain + "[[accounts]]\nid = \"\"\"a\"\"\"\n",
		"tab inside value":       head + plain + "[[accounts]]\nlabel = \"a\tb\"\n",
		"unicode":                head + plain + "[[accounts]]\nlabel = \"Zürich ★ 東京\"\n",
		"empty value":            head + plain + "[[accounts]]\nid = \"a\"\nlabel = \"\"\n",
		"accounts table (array)": head + "[accounts]\nid = \"a\"\n",
	}
	for name, text := range cases {
		t.Run(name, func(t *testing.T) {
			var want, got fileConfig
			wmd, werr := toml.Decode(text, &want)
			gmd, gerr := decodeTOML([]byte(text), &got)
			if (werr == nil) != (gerr == nil) || (werr != nil && werr.Error() != gerr.Error()) {
				t.Fatalf("error %v, TOML says %v", gerr, werr)
			}
			if werr != nil {
				return
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("decoded\n%+v\nTOML decodes\n%+v", got, want)
			}
			if g, w := keyNames(gmd.Undecoded()), keyNames(wmd.Undecoded()); !slices.Equal(g, w) {
				t.Fatalf("unknown keys %v, TOML says %v", g, w)
			}
		})
	}
}

func keyNames(keys []toml.Key) []string {
	var out []string
	for _, k := range keys {
		out = append(out, k.String())
	}
	return out
}

// TestFastAccountsTakesThePlainShape: the shortcut is really used for a
// machine-written list (else the benchmark would measure the library).
func TestFastAccountsTakesThePlainShape(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("env = \"mock\"\n")
	for i := range 100 {
		fmt.Fprintf(&sb, "[[accounts]]\nid = \"%015d\"\nlabel = \"Account %d\"\n\n", i, i)
	}
	_, accounts, ok := fastAccounts([]byte(sb.String()))
	if !ok || len(accounts) != 100 || accounts[99].Label != "Account 99" {
		t.Fatalf("ok %v, %d accounts", ok, len(accounts))
	}
}
