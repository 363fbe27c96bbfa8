package config

import (
	"fmt"
	"strings"
)

// Redacted is a multi-line human summary for --debug output and support
// requests: effective endpoints, which credentials are in play and where
// from, accounts and timings. Secrets show only as [redacted] or (not set).
func (c Config) Redacted() string {
	var b strings.Builder
	line := func(label, format string, args ...any) {
		fmt.Fprintf(&b, "%-17s %s\n", label+":", fmt.Sprintf(format, args...))
	}
	orNone := func(s string) string {
		if s == "" {
			return "(not set)"
		}
		return s
	}

	line("source", "%s", c.Source)
	line("env", "%s", c.Env)
	line("demo", "%t", c.Demo)
	e := c.Endpoints()
	line("base url", "%s", orNone(c.BaseURL))
	line("balance api", "%s", e.Balance)
	line("bda api", "%s", e.BDA)
	line("transactions api", "%s", e.Transactions)
	line("payments api", "%s", e.Payments)
	line("token url", "%s", e.Token)
	line("client id", "%s", orNone(c.ClientID))
	secret := "(not set)"
	if c.ClientSecret.IsSet() {
		secret = redacted
		if c.ClientSecretFile != "" {
			secret += " from " + c.ClientSecretFile
		} else if from := c.key("client_secret"); from != "client_secret" {
			secret += " from " + from
		}
	}
	line("client secret", "%s", secret)
	line("scope", "%s", orNone(c.Scope))
	line("resource", "%s", orNone(c.Resource))
	line("tls cert/key", "%s", pair(c.TLSCert, c.TLSKey))
	line("signing cert/key", "%s", pair(c.SigningCert, c.SigningKey))
	if c.UsesSignedJWT() {
		line("token auth", "signed JWT assertion")
	} else if c.ClientSecret.IsSet() {
		line("token auth", "client secret")
	}
	line("staleness", "aging after %s, stale after %s", shortDuration(c.Thresholds.Aging), shortDuration(c.Thresholds.Stale))
	line("refresh", "every %s, request timeout %s", shortDuration(c.RefreshInterval), shortDuration(c.RequestTimeout))
	line("state dir", "%s", orNone(c.StateDir))
	if len(c.Accounts) == 0 {
		line("accounts", "all accounts the credentials are entitled to")
	} else {
		line("accounts", "%d", len(c.Accounts))
		for _, a := range c.Accounts {
			fmt.Fprintf(&b, "  %s  api=%s", a.ID, a.API)
			if a.BIC != "" {
				fmt.Fprintf(&b, " bic=%s", a.BIC)
			}
			fmt.Fprintf(&b, " tz=%s", a.TimeZone)
			if a.Label != "" {
				fmt.Fprintf(&b, " label=%q", a.Label)
			}
			if a.Group != "" {
				fmt.Fprintf(&b, " group=%q", a.Group)
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// pair prints a cert/key pair of paths; the key file's path is not secret,
// only its content.
func pair(cert, key string) string {
	if cert == "" && key == "" {
		return "(not set)"
	}
	return cert + " / " + key
}
