package config

import (
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Validate checks c and returns the first problem as a one-line *Error
// naming the key (or variable, or flag) to fix. It also checks that key
// and certificate files exist and that keys are private; it reads none.
// Load calls it; call it again after changing a Config (e.g. for demo).
func (c Config) Validate() error {
	checks := []func() error{
		c.checkEnv, c.checkURLs, c.checkCredentials, c.checkFiles,
		c.checkTimes, c.checkAccounts, c.checkStateDir, c.checkClock,
	}
	for _, check := range checks {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

func (c Config) checkEnv() error {
	switch c.Env {
	case EnvMock, EnvCAT, EnvProduction:
		return nil
	}
	return valueErr(c.key("env"), string(c.Env), "must be mock, cat or production")
}

func (c Config) checkClock() error {
	switch c.Clock {
	case ClockLocal, ClockUTC, "":
		return nil
	}
	return valueErr(c.key("clock"), c.Clock, "must be local or utc")
}

func (c Config) checkURLs() error {
	if c.BaseURL != "" {
		if err := checkURL(c.key("base_url"), c.BaseURL, true); err != nil {
			return err
		}
	}
	if c.TokenURL != "" {
		return checkURL(c.key("token_url"), c.TokenURL, false)
	}
	return nil
}

// checkURL accepts https anywhere and http only to loopback: TLS is never
// off on a network. hostOnly is for base_url, which must not carry a path
// because the documented API prefixes are appended to it.
func checkURL(key, raw string, hostOnly bool) error {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" {
		shown := raw
		if strings.Contains(raw, "@") {
			shown = "(hidden: looks like it holds credentials)"
		}
		return valueErr(key, shown, "must be a URL like https://host[:port]")
	}
	if u.User != nil {
		return valueErr(key, u.Redacted(), "must not hold a user name or password; credentials go in client_id and client_secret")
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !isLoopback(u.Hostname()) {
			return valueErr(key, raw, "plain http is only allowed to a loopback host (127.0.0.1, ::1, localhost); use https")
		}
	default:
		return valueErr(key, raw, "scheme must be https (or http to a loopback host)")
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return valueErr(key, raw, "port must be 1-65535")
		}
	}
	if u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
		return valueErr(key, raw, "must not have a query or fragment")
	}
	if hostOnly && strings.Trim(u.Path, "/") != "" {
		return valueErr(key, raw, "must be scheme://host[:port] only; the API path prefixes (%s, %s, %s, %s) are added for you",
			balancePrefix, bdaPrefix, transactionsPrefix, paymentsPrefix)
	}
	return nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// checkCredentials: demo needs none (main supplies the mock bank's); mock
// uses a client id and secret (jpm-api.md §1.2); cat and production take a
// client secret or a signed JWT assertion, which needs the IDAnywhere
// resource and a signing pair (§1.3).
func (c Config) checkCredentials() error {
	if c.Demo {
		return nil
	}
	if c.ClientID == "" {
		return keyErr("client_id", "required for env %q; set client_id in the config file or CASHPOS_CLIENT_ID (or run with --demo to try cashpos without credentials)", c.Env)
	}
	if c.ClientSecret.IsSet() || c.ClientSecretFile != "" {
		return nil
	}
	if c.Env == EnvMock {
		return keyErr("client_secret", "required for env \"mock\"; set client_secret_file in the config file or CASHPOS_CLIENT_SECRET")
	}
	_, key := c.SigningPair()
	switch {
	case c.Resource == "" && key == "":
		return keyErr("client_secret", "env %q needs a client secret (client_secret_file or CASHPOS_CLIENT_SECRET) or a signed JWT assertion (resource plus signing_key/signing_cert or tls_key/tls_cert)", c.Env)
	case c.Resource == "":
		return keyErr("resource", "required for the signed-JWT token call in env %q: the IDAnywhere resource id from onboarding, like JPMC:URI:RS-...; or give a client secret", c.Env)
	case key == "":
		return keyErr("signing_key", "resource is set, so the signed-JWT token call needs signing_key/signing_cert or tls_key/tls_cert; or give a client secret")
	}
	return nil
}

// checkFiles: cert and key come in pairs, keys must be private, and every
// named file must exist now rather than fail at the first request.
func (c Config) checkFiles() error {
	pairs := []struct{ cert, key, certPath, keyPath string }{
		{"tls_cert", "tls_key", c.TLSCert, c.TLSKey},
		{"signing_cert", "signing_key", c.SigningCert, c.SigningKey},
	}
	for _, p := range pairs {
		switch {
		case p.certPath != "" && p.keyPath == "":
			return keyErr(c.key(p.key), "%s is set but %s is not; give both or neither", c.key(p.cert), p.key)
		case p.keyPath != "" && p.certPath == "":
			return keyErr(c.key(p.cert), "%s is set but %s is not; give both or neither", c.key(p.key), p.cert)
		}
	}
	private := []struct{ key, path string }{
		{"client_secret_file", c.ClientSecretFile},
		{"tls_key", c.TLSKey},
		{"signing_key", c.SigningKey},
	}
	for _, f := range private {
		if f.path != "" {
			if err := c.mustBePrivate(c.key(f.key), f.path); err != nil {
				return err
			}
		}
	}
	public := []struct{ key, path string }{
		{"tls_cert", c.TLSCert},
		{"signing_cert", c.SigningCert},
	}
	for _, f := range public {
		if f.path != "" {
			if err := c.mustExist(c.key(f.key), f.path); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c Config) checkTimes() error {
	aging, stale := c.Thresholds.Aging, c.Thresholds.Stale
	switch {
	case aging <= 0:
		return valueErr(c.key("staleness.aging"), shortDuration(aging), "must be more than zero")
	case stale <= 0:
		return valueErr(c.key("staleness.stale"), shortDuration(stale), "must be more than zero")
	case aging >= stale:
		return valueErr(c.key("staleness.aging"), shortDuration(aging), "must be less than staleness.stale (%s)", shortDuration(stale))
	case c.RefreshInterval < MinRefreshInterval:
		return valueErr(c.key("refresh_interval"), shortDuration(c.RefreshInterval), "must be at least %s; the bank rate-limits polling", shortDuration(MinRefreshInterval))
	case c.RequestTimeout <= 0:
		return valueErr(c.key("request_timeout"), shortDuration(c.RequestTimeout), "must be more than zero")
	case c.RefreshTimeout < 0 || c.RefreshTimeout >= c.RefreshInterval:
		return valueErr(c.key("refresh_timeout"), shortDuration(c.RefreshTimeout), "must be more than zero and less than refresh_interval (%s)", shortDuration(c.RefreshInterval))
	case c.CommandTimeout <= 0:
		return valueErr(c.key("command_timeout"), shortDuration(c.CommandTimeout), "must be more than zero")
	}
	return nil
}

// checkAccounts: ids present, unique and without spaces; api known; BDA
// numbers and BICs within the BDA spec's lengths (jpm-api.md §4.2); time
// zones loadable, because the business day depends on them.
func (c Config) checkAccounts() error {
	first := make(map[string]int, len(c.Accounts))
	// Loading a zone reads and parses its file: once per zone, not once per
	// account (at 100,000 accounts that was most of the start-up).
	zoneOK := map[string]bool{}
	for i, a := range c.Accounts {
		idKey := c.accountKey(i, "id")
		if a.ID == "" {
			return keyErr(idKey, "must not be empty")
		}
		if strings.IndexFunc(a.ID, unicode.IsSpace) >= 0 || strings.ContainsFunc(a.ID, unicode.IsControl) {
			return valueErr(idKey, a.ID, "must not contain spaces")
		}
		if j, dup := first[a.ID]; dup {
			return valueErr(idKey, a.ID, "listed twice (also %s)", c.accountKey(j, "id"))
		}
		first[a.ID] = i

		if n := len(a.BankID); n > 11 || strings.ContainsFunc(a.BankID, notAlnum) {
			return valueErr(c.accountKey(i, "bank_id"), a.BankID, "must be a bank id of up to 11 letters and digits, like 02100002 or CHASGB2L")
		}
		switch a.API {
		case APIv1:
			if a.BIC != "" {
				return valueErr(c.accountKey(i, "bic"), a.BIC, "only BDA accounts take a bic; set api = \"bda\" on account %s or drop bic", a.ID)
			}
		case APIBDA:
			if len(a.ID) > MaxBDAIDLen {
				return valueErr(idKey, a.ID, "BDA account numbers are at most %d characters (api = \"bda\")", MaxBDAIDLen)
			}
			if n := len(a.BIC); n < 8 || n > 11 || strings.ContainsFunc(a.BIC, notAlnum) {
				return valueErr(c.accountKey(i, "bic"), a.BIC, "must be a BIC of 8 to 11 letters and digits, like %s", DefaultBIC)
			}
		default:
			return valueErr(c.accountKey(i, "api"), a.API, "must be %q or %q", APIv1, APIBDA)
		}

		// "Local" would make the business day depend on the jump host's
		// clock setting, which is never what the account means.
		ok, seen := zoneOK[a.TimeZone]
		if !seen {
			_, err := time.LoadLocation(a.TimeZone)
			ok = err == nil && a.TimeZone != "Local"
			zoneOK[a.TimeZone] = ok
		}
		if !ok {
			return valueErr(c.accountKey(i, "time_zone"), a.TimeZone, "not an IANA time zone like %s", DefaultTimeZone)
		}
	}
	return nil
}

func notAlnum(r rune) bool {
	return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
}

func (c Config) checkStateDir() error {
	if c.StateDir == "" {
		return keyErr("state_dir", "no default without a home directory; set state_dir or CASHPOS_STATE_DIR")
	}
	return nil
}

// shortDuration prints 2h and 30m rather than 2h0m0s and 30m0s.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}
