package mock

import (
	"crypto/subtle"
	"encoding/base64"
	"encoding/binary"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"time"
)

// TokenPath is the OAuth2 token endpoint (jpm-api §1.2), kept at the real
// path so one base URL serves both the token call and the APIs.
const TokenPath = "/am/oauth2/alpha/access_token"

const defaultScope = "jpm:payments:sandbox" // the mock environment's scope (S-QS)

// tokenStore issues and checks bearer tokens. Tokens are opaque random
// strings (the real mock issues JWTs; clients must treat them as opaque
// anyway) drawn from an RNG seeded by Options.Seed, so a demo session is
// reproducible. Expiry uses the injected clock, so tests can age a token by
// moving the clock instead of sleeping.
type tokenStore struct {
	mu     sync.Mutex
	rng    *rand.ChaCha8
	expiry map[string]time.Time
}

func newTokenStore(seed int64) *tokenStore {
	var key [32]byte
	for i := range 4 {
		binary.BigEndian.PutUint64(key[i*8:], newHasher(seed).str("token-rng").i64(int64(i)).sum())
	}
	return &tokenStore{rng: rand.NewChaCha8(key), expiry: map[string]time.Time{}}
}

func (s *tokenStore) issue(now time.Time, ttl time.Duration) string {
	var raw [32]byte
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rng.Read(raw[:])
	tok := base64.RawURLEncoding.EncodeToString(raw[:])
	for t, exp := range s.expiry { // keep the map small in long demo sessions
		if !now.Before(exp) {
			delete(s.expiry, t)
		}
	}
	s.expiry[tok] = now.Add(ttl)
	return tok
}

// check says why tok is refused, or "" if it is valid at now.
func (s *tokenStore) check(tok string, now time.Time) string {
	if tok == "" {
		return "access token is missing"
	}
	s.mu.Lock()
	exp, ok := s.expiry[tok]
	s.mu.Unlock()
	switch {
	case !ok:
		return "access token is invalid"
	case !now.Before(exp):
		return "access token has expired"
	}
	return ""
}

// expireAll backs Faults.ExpireTokens. The zero time is before any clock.
func (s *tokenStore) expireAll() {
	s.mu.Lock()
	for t := range s.expiry {
		s.expiry[t] = time.Time{}
	}
	s.mu.Unlock()
}

// bearer extracts the token of an "Authorization: Bearer x" header; the
// scheme is case-insensitive (RFC 6750 / RFC 9110).
func bearer(r *http.Request) string {
	scheme, tok, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(tok)
}

type tokenResponse struct {
	AccessToken string `json:"access_token"`
	Scope       string `json:"scope"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int64  `json:"expires_in"`
}

// oauthError keeps the field order of the documented example
// ({"error_description": ..., "error": ...}).
type oauthError struct {
	ErrorDescription string `json:"error_description"`
	Error            string `json:"error"`
}

// handleToken implements the client-credentials grant of jpm-api §1.2.
func (b *Bank) handleToken(w http.ResponseWriter, r *http.Request) {
	if !b.delay(r) {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		writeJSON(w, http.StatusBadRequest, oauthError{"Malformed request body", "invalid_request"})
		return
	}
	// HTTP Basic is the documented client authentication; the form fields
	// are RFC 6749 §2.3.1's alternative, accepted for convenience.
	id, secret, ok := r.BasicAuth()
	if !ok {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	}
	if !b.credentialsOK(id, secret) {
		// HTTP status UNCONFIRMED: the doc shows the body only; RFC 6749
		// §5.2 says 401 (with WWW-Authenticate) when Basic auth was tried.
		w.Header().Set("WWW-Authenticate", `Basic realm="jpm-mock"`)
		writeJSON(w, http.StatusUnauthorized, oauthError{"Client authentication failed", "invalid_client"})
		return
	}
	switch gt := r.PostForm.Get("grant_type"); gt {
	case "client_credentials":
	case "":
		writeJSON(w, http.StatusBadRequest, oauthError{"grant_type is required", "invalid_request"})
		return
	default:
		writeJSON(w, http.StatusBadRequest, oauthError{"Only client_credentials is supported", "unsupported_grant_type"})
		return
	}
	scope := r.PostForm.Get("scope")
	if scope == "" {
		scope = defaultScope
	}
	now := b.now()
	tok := b.tokens.issue(now, b.ttl)
	// RFC 6749 §5.1: token responses must not be cached.
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	writeJSON(w, http.StatusOK, tokenResponse{
		AccessToken: tok, Scope: scope, TokenType: "Bearer", ExpiresIn: int64(b.ttl / time.Second),
	})
}

func (b *Bank) credentialsOK(id, secret string) bool {
	// Constant-time, and both compared, so timing says nothing about which
	// half was wrong (good hygiene even for a mock people copy from).
	okID := subtle.ConstantTimeCompare([]byte(id), []byte(b.clientID))
	okSecret := subtle.ConstantTimeCompare([]byte(secret), []byte(b.clientSecret))
	return okID&okSecret == 1
}
