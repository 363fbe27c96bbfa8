package jpm

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"

	"cashpos/model"
)

// redacted replaces a secret wherever bank or proxy text repeats one.
const redacted = "[redacted]"

// scrubber removes this process's secrets from any text that came from the
// bank or a proxy before anyone sees it: an error body that echoes the
// request (its Basic header, its form, a bearer token) must not reach the
// screen, stderr, a report or the snapshot. It knows the client secret in
// every form it is sent in, and every token and assertion issued since the
// Client was built; patterns catch a credential cut short by the echo.
type scrubber struct {
	mu      sync.RWMutex
	secrets []string // longest first, so a secret's prefix never shadows it
}

// Credentials in a form we do not know the value of: an Authorization
// header value, a credential form field or JSON member, URL userinfo.
var (
	// A credential is one long run with a digit in it: "Basic OPERATING"
	// and "Bearer bonds" in an account name are words, not credentials.
	authHeader = regexp.MustCompile(`(?i)\b(bearer|basic)(\s+|%20|\+)([A-Za-z0-9._~+/=%\-]{16,})`)
	credField  = regexp.MustCompile(`(?i)(client_secret|access_token|refresh_token|id_token|client_assertion)("?\s*[:=]\s*"?)[^\s"&,;}]+`)
	userinfo   = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.\-]*://)[^/\s@?#]+@`)
)

// minSecret is the shortest value scrubbed literally; shorter ones would
// blank ordinary words (or digits of an amount: the answer would then fail
// to decode, loudly, never show a wrong figure), and no real client secret
// or token is that short. The patterns above still catch a short secret
// in a credential field or header.
const minSecret = 8

func (s *scrubber) add(values ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range values {
		if len(v) < minSecret {
			continue
		}
		for _, form := range forms(v) {
			if !contains(s.secrets, form) {
				s.secrets = append(s.secrets, form)
			}
		}
	}
	sort.Slice(s.secrets, func(i, j int) bool { return len(s.secrets[i]) > len(s.secrets[j]) })
}

// addClient registers the client secret and the Basic credentials built
// from it, in both of the encodings oauth2 may use.
func (s *scrubber) addClient(id, secret string) {
	if secret == "" {
		return
	}
	s.add(secret,
		base64.StdEncoding.EncodeToString([]byte(id+":"+secret)),
		base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(id)+":"+url.QueryEscape(secret))))
}

// forms is a value as it may appear in text: as is, URL-encoded, and
// JSON-escaped.
func forms(v string) []string {
	out := []string{v}
	if q := url.QueryEscape(v); q != v {
		out = append(out, q)
	}
	if j, err := json.Marshal(v); err == nil {
		if js := string(j[1 : len(j)-1]); js != v {
			out = append(out, js)
		}
	}
	return out
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// str returns text with every known secret and credential-shaped value
// replaced.
func (s *scrubber) str(text string) string {
	if text == "" {
		return text
	}
	s.mu.RLock()
	for _, v := range s.secrets {
		if strings.Contains(text, v) {
			text = strings.ReplaceAll(text, v, redacted)
		}
	}
	s.mu.RUnlock()
	if !mayHoldCredential(text) {
		return text // the common case, a plain bank text: no regexp, no copy
	}
	return scrubPatterns(text)
}

// scrubPatterns replaces credential-shaped values found by the patterns.
func scrubPatterns(text string) string {
	text = authHeader.ReplaceAllStringFunc(text, func(m string) string {
		sub := authHeader.FindStringSubmatch(m)
		if strings.IndexFunc(sub[3], func(r rune) bool { return r >= '0' && r <= '9' }) < 0 {
			return m
		}
		return sub[1] + " " + redacted
	})
	text = credField.ReplaceAllString(text, "${1}${2}"+redacted)
	return userinfo.ReplaceAllString(text, "${1}"+redacted+"@")
}

// mayHoldCredential is a quick, allocation-free test of whether any of
// the patterns could match: each needs "basic" or "bearer" (any case), an
// underscore (every credential field name has one), or "://" before an
// "@". It only ever says "maybe" too often, never "no" wrongly, so a row
// of ordinary bank text (100,000 of them per refresh at scale) skips the
// regular expressions and their copies.
func mayHoldCredential(text string) bool {
	return strings.IndexByte(text, '_') >= 0 ||
		(strings.Contains(text, "://") && strings.IndexByte(text, '@') >= 0) ||
		containsFoldASCII(text, "basic") || containsFoldASCII(text, "bearer")
}

// containsFoldASCII is strings.Contains(strings.ToLower(text), word) for a
// lower-case ASCII word, without the copy. A non-ASCII rune never folds to
// an ASCII letter the (?i) patterns would match except K (U+212A, Kelvin)
// and ſ (U+017F, long s): "baſic" is checked for below.
func containsFoldASCII(text, word string) bool {
	for i := 0; i+len(word) <= len(text); i++ {
		j := 0
		for j < len(word) && text[i+j]|0x20 == word[j] {
			j++
		}
		if j == len(word) {
			return true
		}
	}
	return strings.Contains(text, "ſ") // long s folds to s under (?i)
}

func (s *scrubber) bytes(b []byte) []byte {
	if len(b) == 0 {
		return b
	}
	return []byte(s.str(string(b)))
}

// err scrubs the text fields of our error types in place (they are
// pointers) and wraps anything else so its message is scrubbed too.
func (s *scrubber) err(err error) error {
	if err == nil {
		return nil
	}
	var ae *APIError
	var ne *NetworkError
	switch {
	case asAPIError(err, &ae):
		for _, f := range []*string{&ae.Code, &ae.Message, &ae.Title, &ae.Field, &ae.RequestID, &ae.TraceID, &ae.ContentType, &ae.advice} {
			*f = s.str(*f)
		}
	case asNetworkError(err, &ne):
		ne.Reason, ne.Host = s.str(ne.Reason), s.str(ne.Host)
	}
	if msg := err.Error(); s.str(msg) != msg {
		return &scrubbedError{msg: s.str(msg), cause: err}
	}
	return err
}

// scrubbedError is an error whose text held a secret: its message is the
// scrubbed one; errors.Is/As still reach the cause.
type scrubbedError struct {
	msg   string
	cause error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.cause }

// balance scrubs every text field of a row that came from the bank.
func (s *scrubber) balance(b *model.Balance) {
	a := &b.Account
	for _, f := range []*string{&a.ID, &a.Name, &a.BankID, &a.BankName, &a.BIC, &a.Currency.Code, &a.Currency.Description, &b.AsOfDate, &b.Note} {
		*f = s.str(*f)
	}
	if p := b.Problem; p != nil {
		b.Problem = &model.AccountProblem{Code: s.str(p.Code), Message: s.str(p.Message)}
	}
}

func (s *scrubber) snapshot(snap *model.Snapshot) {
	for i := range snap.Balances {
		s.balance(&snap.Balances[i])
	}
	for i := range snap.Unread {
		snap.Unread[i].Reason = s.str(snap.Unread[i].Reason)
	}
}

// redactURL shows a URL without its userinfo ("https://[redacted]@host").
func redactURL(raw string) string { return userinfo.ReplaceAllString(raw, "${1}"+redacted+"@") }
