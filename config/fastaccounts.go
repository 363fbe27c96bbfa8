package config

import (
	"bytes"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// The watched list can hold 100,000 [[accounts]] tables, and the TOML
// library takes most of a second over them (issue 9). Nearly every such
// file is machine-written in one plain shape:
//
//	[[accounts]]
//	id = "000000010962009"   # optional comment
//	label = "Operating"
//
// fastAccounts reads that shape directly. It is all or nothing: the first
// line of the accounts section that is anything else — another table, a
// quoted or unknown key, a literal, escaped or multi-line string, a key
// given twice, a control character, invalid UTF-8 — makes it give up, and
// the whole file goes through the TOML library as before, so every error
// message and every corner of TOML stays the library's.
// TestFastAccountsAgreesWithTOML holds the two to the same result.

// accountFields maps the fileAccount keys to their struct fields.
var accountFields = func() map[string]int {
	m := map[string]int{}
	t := reflect.TypeFor[fileAccount]()
	for i := range t.NumField() {
		m[t.Field(i).Tag.Get("toml")] = i
	}
	return m
}()

// fastAccounts splits data at its first [[accounts]] header: head is the
// text before it (for the TOML library), accounts the tables after. ok is
// false when there is no accounts section or it is not all in the plain
// shape.
func fastAccounts(data []byte) (head []byte, accounts []fileAccount, ok bool) {
	start := findHeader(data)
	if start < 0 {
		return nil, nil, false
	}
	if !utf8.Valid(data[start:]) {
		return nil, nil, false
	}
	accounts = make([]fileAccount, 0, bytes.Count(data[start:], []byte("[[accounts]]")))
	var seen map[string]bool
	rest := string(data[start:])
	for rest != "" {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		line = strings.TrimSuffix(line, "\r")
		line = strings.TrimLeft(line, " \t")
		code := stripComment(line)
		switch {
		case code == "":
			if strings.ContainsFunc(line, isTOMLControl) {
				return nil, nil, false
			}
		case code == "[[accounts]]":
			accounts = append(accounts, fileAccount{})
			seen = map[string]bool{}
		default:
			key, val, good := plainPair(code)
			field, known := accountFields[key]
			if !good || !known || seen[key] || len(accounts) == 0 {
				return nil, nil, false
			}
			seen[key] = true
			reflect.ValueOf(&accounts[len(accounts)-1]).Elem().Field(field).SetString(val)
		}
	}
	return data[:start], accounts, true
}

// findHeader is the offset of the first line that is exactly
// "[[accounts]]", or -1.
func findHeader(data []byte) int {
	off := 0
	for off < len(data) {
		end := bytes.IndexByte(data[off:], '\n')
		if end < 0 {
			end = len(data) - off
		}
		line := strings.TrimRight(string(data[off:off+end]), "\r")
		if stripComment(strings.TrimLeft(line, " \t")) == "[[accounts]]" {
			return off
		}
		off += end + 1
	}
	return -1
}

// stripComment drops a trailing comment and the blanks before it. It is
// only used on lines whose strings hold no '#' (plainPair refuses those).
func stripComment(line string) string {
	if i := strings.IndexByte(line, '#'); i >= 0 {
		if strings.ContainsFunc(line[i:], isTOMLControl) {
			return "\x00" // a control character in a comment: let TOML say so
		}
		line = line[:i]
	}
	return strings.TrimRight(line, " \t")
}

// plainPair parses `key = "value"` with a bare key and a basic string
// without escapes, '#' or control characters.
func plainPair(code string) (key, val string, ok bool) {
	k, v, found := strings.Cut(code, "=")
	if !found {
		return "", "", false
	}
	key, v = strings.TrimRight(k, " \t"), strings.TrimLeft(v, " \t")
	if key == "" || strings.IndexFunc(key, notBareKey) >= 0 {
		return "", "", false
	}
	if len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
		return "", "", false
	}
	val = v[1 : len(v)-1]
	if strings.ContainsAny(val, "\"\\#") || strings.ContainsFunc(val, isTOMLControl) {
		return "", "", false
	}
	return key, val, true
}

func notBareKey(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-')
}

// isTOMLControl: TOML admits no control character but tab in strings and
// comments.
func isTOMLControl(r rune) bool { return (r < 0x20 && r != '\t') || r == 0x7f }

// decodeTOML decodes the file into fc, reading a plain accounts section
// directly (see fastAccounts) and everything else with the TOML library.
// Whenever the shortcut is not certain to agree — no plain section, or the
// text before it does not decode on its own or has accounts of its own —
// the whole file is decoded by the library.
func decodeTOML(data []byte, fc *fileConfig) (toml.MetaData, error) {
	if head, accounts, ok := fastAccounts(data); ok {
		var hc fileConfig
		md, err := toml.Decode(string(head), &hc)
		if err == nil && len(hc.Accounts) == 0 {
			hc.Accounts = accounts
			*fc = hc
			return md, nil
		}
	}
	return toml.Decode(string(data), fc)
}
