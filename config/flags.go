package config

import (
	"strings"
	"time"
)

// Overrides are values given on the command line; they beat the file and
// the environment. Leave a pointer nil (or Accounts nil) for a flag the
// user did not give, e.g. by filling it from flag.Visit, so that a flag's
// default never masks CASHPOS_* or the file.
//
// Errors about these values name the flag as --env, --base-url,
// --token-url, --client-id, --scope, --accounts, --state-dir, --refresh
// and --config.
type Overrides struct {
	ConfigPath      string         // --config: like CASHPOS_CONFIG, and beats it; a missing file is an error
	Demo            bool           // --demo: demo mode even when a configuration exists
	Env             *Env           // --env
	BaseURL         *string        // --base-url
	TokenURL        *string        // --token-url
	ClientID        *string        // --client-id
	Scope           *string        // --scope
	Accounts        []string       // --accounts a,b (already split); merges like CASHPOS_ACCOUNTS
	StateDir        *string        // --state-dir
	RefreshInterval *time.Duration // --refresh
}

// configured reports whether any flag points at a bank, which turns off
// the automatic demo just as CASHPOS_ENV and friends do.
func (o Overrides) configured() bool {
	return o.Env != nil || o.BaseURL != nil || o.ClientID != nil || o.TokenURL != nil
}

// applyFlags lays command-line overrides over c.
func (c *Config) applyFlags(o Overrides, home string) {
	str := func(p *string, key, flag string, dst *string) {
		if p == nil {
			return
		}
		*dst = strings.TrimSpace(*p)
		c.prov.set(key, flag)
		c.prov.flags = append(c.prov.flags, flag)
	}
	if o.Env != nil {
		c.Env = Env(strings.TrimSpace(string(*o.Env)))
		c.prov.set("env", "--env")
		c.prov.flags = append(c.prov.flags, "--env")
	}
	str(o.BaseURL, "base_url", "--base-url", &c.BaseURL)
	str(o.TokenURL, "token_url", "--token-url", &c.TokenURL)
	str(o.ClientID, "client_id", "--client-id", &c.ClientID)
	str(o.Scope, "scope", "--scope", &c.Scope)
	str(o.StateDir, "state_dir", "--state-dir", &c.StateDir)
	if o.StateDir != nil {
		c.StateDir = expandHome(c.StateDir, home)
	}
	if o.RefreshInterval != nil {
		c.RefreshInterval = *o.RefreshInterval
		c.prov.set("refresh_interval", "--refresh")
		c.prov.flags = append(c.prov.flags, "--refresh")
	}
	if o.Accounts != nil {
		c.mergeAccounts(o.Accounts, "--accounts")
		c.prov.flags = append(c.prov.flags, "--accounts")
	}
	if o.ConfigPath != "" {
		c.prov.flags = append(c.prov.flags, "--config")
	}
	if o.Demo {
		c.prov.flags = append(c.prov.flags, "--demo")
	}
}
