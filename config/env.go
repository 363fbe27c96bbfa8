package config

import "strings"

// envVar maps one CASHPOS_* variable onto the file key it overrides.
type envVar struct {
	name string
	key  string
	set  func(c *Config, v, home string)
}

// envVars is the table from product.md §2, plus CASHPOS_STATE_DIR and
// CASHPOS_RESOURCE. CASHPOS_CONFIG is read by configPath and
// CASHPOS_ACCOUNTS by applyEnv, since it merges rather than replaces.
var envVars = []envVar{
	{"CASHPOS_ENV", "env", func(c *Config, v, _ string) { c.Env = Env(v) }},
	{"CASHPOS_BASE_URL", "base_url", func(c *Config, v, _ string) { c.BaseURL = v }},
	{"CASHPOS_TOKEN_URL", "token_url", func(c *Config, v, _ string) { c.TokenURL = v }},
	{"CASHPOS_CLIENT_ID", "client_id", func(c *Config, v, _ string) { c.ClientID = v }},
	{"CASHPOS_CLIENT_SECRET", "client_secret", func(c *Config, v, _ string) {
		// The variable beats the file's client_secret_file, which is then
		// neither read nor checked.
		c.ClientSecret = Secret(v)
		c.ClientSecretFile = ""
	}},
	{"CASHPOS_SCOPE", "scope", func(c *Config, v, _ string) { c.Scope = v }},
	{"CASHPOS_RESOURCE", "resource", func(c *Config, v, _ string) { c.Resource = v }},
	{"CASHPOS_TLS_CERT", "tls_cert", func(c *Config, v, home string) { c.TLSCert = expandHome(v, home) }},
	{"CASHPOS_TLS_KEY", "tls_key", func(c *Config, v, home string) { c.TLSKey = expandHome(v, home) }},
	{"CASHPOS_CLOCK", "clock", func(c *Config, v, _ string) { c.Clock = strings.ToLower(v) }},
	{"CASHPOS_STATE_DIR", "state_dir", func(c *Config, v, home string) { c.StateDir = expandHome(v, home) }},
}

// demoBreakers are the variables whose presence means "the user has
// configured a bank", so no demo (product.md §1).
var demoBreakers = []string{"CASHPOS_ENV", "CASHPOS_BASE_URL", "CASHPOS_CLIENT_ID", "CASHPOS_TOKEN_URL"}

// applyEnv lays CASHPOS_* variables over c. An empty variable counts as
// unset: Getenv cannot tell them apart, and "VAR= cashpos" usually means
// "ignore it".
func (c *Config) applyEnv(getenv func(string) string, home string) {
	for _, ev := range envVars {
		v := getenv(ev.name)
		if ev.key != "client_secret" {
			v = strings.TrimSpace(v) // secrets are taken byte for byte
		}
		if v == "" {
			continue
		}
		ev.set(c, v, home)
		c.prov.set(ev.key, ev.name)
		c.prov.envVars = append(c.prov.envVars, ev.name)
	}
	if v := getenv("CASHPOS_ACCOUNTS"); strings.TrimSpace(v) != "" {
		c.mergeAccounts(strings.Split(v, ","), "CASHPOS_ACCOUNTS")
		c.prov.envVars = append(c.prov.envVars, "CASHPOS_ACCOUNTS")
	}
}

// mergeAccounts replaces the account list with ids, in their order, keeping
// label, group, api, bic and time zone of ids the list already had (from
// the file), so a short variable can pick from a richly described file.
// Repeated and empty entries are dropped: "a,,b," is a typing slip, not
// an error.
func (c *Config) mergeAccounts(ids []string, origin string) {
	known := make(map[string]int, len(c.Accounts))
	for i, a := range c.Accounts {
		if _, dup := known[a.ID]; !dup {
			known[a.ID] = i
		}
	}
	var accounts []Account
	var origins []string
	seen := map[string]bool{}
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		if i, ok := known[id]; ok {
			accounts = append(accounts, c.Accounts[i])
			origins = append(origins, c.accountOrigin(i))
			continue
		}
		accounts = append(accounts, Account{ID: id})
		origins = append(origins, origin)
	}
	c.Accounts = accounts
	c.prov.accounts = origins
}

// accountOrigin is where account i came from ("accounts[2]" for the file).
func (c *Config) accountOrigin(i int) string {
	if i < len(c.prov.accounts) {
		return c.prov.accounts[i]
	}
	return "accounts"
}
