package config

import (
	"os"
	"path/filepath"
	"strings"
)

// LoadOptions are Load's inputs. The zero value reads the real process
// environment and home directory.
type LoadOptions struct {
	Getenv  func(string) string // nil means os.Getenv; tests inject a map
	Flags   Overrides
	HomeDir string // "" means os.UserHomeDir

	// DeferFileChecks loads secrets whatever their modes, and accepts key
	// and certificate paths whether or not the files exist yet, for cashpos
	// doctor: it reports every file's mode (PrivateFiles, CheckPrivate) and
	// every certificate and key itself, each on its own line. Nothing else
	// may set it: a key others can read is otherwise refused, as ssh does.
	DeferFileChecks bool
}

// Load builds the configuration from defaults < file < CASHPOS_* < flags,
// decides demo mode, reads the client secret file and validates. Any error
// is a *Error whose one-line message names the key to fix; it never holds
// a secret. When only the validation fails, the Config returned with the
// error carries Env, Demo and Source alone — what a report of the failure
// may name (doctor: "cat", not "unknown") — and nothing that could be used
// to connect.
//
// Demo (no file, none of CASHPOS_ENV/BASE_URL/CLIENT_ID/TOKEN_URL or their
// flags, or --demo) yields Env mock with no hosts, credentials or accounts
// (except those given with --accounts): the caller starts the in-process
// mock bank and sets BaseURL, ClientID and ClientSecret. Demo state goes to
// StateDir/demo so that demo payments never mix with the real journal and
// audit log.
func Load(opts LoadOptions) (Config, error) {
	getenv := opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	home := opts.HomeDir
	if home == "" {
		home, _ = os.UserHomeDir() // no home is fine unless a default needs it
	}

	c := defaults()
	c.deferFiles = opts.DeferFileChecks
	found := false
	if path, key, required := configPath(opts.Flags.ConfigPath, getenv, home); path != "" {
		fc, ok, err := readFile(path, key, required)
		if err != nil {
			return Config{}, err
		}
		if ok {
			if err := c.applyFile(fc, path, home); err != nil {
				return Config{}, err
			}
			found = true
			c.prov.file = path
		}
	}
	c.applyEnv(getenv, home)
	c.applyFlags(opts.Flags, home)

	configured := found || opts.Flags.configured()
	for _, name := range demoBreakers {
		if strings.TrimSpace(getenv(name)) != "" {
			configured = true
		}
	}
	c.Demo = opts.Flags.Demo || !configured
	if c.Demo {
		c.dropBankSettings(opts.Flags.Accounts != nil)
	}
	c.finish(getenv, home)
	c.Source = c.describeSource(opts.Flags.Demo)

	if !c.Demo && c.ClientSecretFile != "" && !c.ClientSecret.IsSet() {
		s, err := c.readSecret(c.key("client_secret_file"), c.ClientSecretFile)
		if err != nil {
			return Config{}, err
		}
		c.ClientSecret = s
	}
	if err := c.Validate(); err != nil {
		return c.named(), err
	}
	return c, nil
}

// named is c reduced to which environment it names and where it came from,
// when that environment is a valid one.
func (c Config) named() Config {
	if c.checkEnv() != nil {
		return Config{}
	}
	return Config{Env: c.Env, Demo: c.Demo, Source: c.Source}
}

// dropBankSettings clears everything that points at a real bank, so that a
// demo run can never send real credentials anywhere nor show PRODUCTION.
// Real account ids would not exist at the demo bank, so accounts go too
// unless --accounts asked for them on this very run. Thresholds and timings
// are kept: they are preferences.
func (c *Config) dropBankSettings(keepAccounts bool) {
	if !keepAccounts {
		c.Accounts, c.prov.accounts = nil, nil
	}
	c.Env = EnvMock
	c.BaseURL, c.TokenURL = "", ""
	c.ClientID, c.ClientSecret, c.ClientSecretFile = "", "", ""
	c.Scope, c.Resource = "", ""
	c.TLSCert, c.TLSKey, c.SigningKey, c.SigningCert = "", "", "", ""
	for _, k := range []string{"env", "base_url", "token_url", "client_id", "client_secret",
		"client_secret_file", "scope", "resource", "tls_cert", "tls_key", "signing_key", "signing_cert"} {
		delete(c.prov.keys, k)
	}
}

// finish fills defaults that depend on the merged layers and normalises
// spelling, so that the rest of the app sees one form of each value.
func (c *Config) finish(getenv func(string) string, home string) {
	c.Env = Env(strings.ToLower(strings.TrimSpace(string(c.Env))))
	if c.Scope == "" && c.Env == EnvMock {
		c.Scope = DefaultMockScope
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")

	if c.StateDir == "" {
		if x := getenv("XDG_STATE_HOME"); filepath.IsAbs(x) {
			c.StateDir = filepath.Join(x, "cashpos")
		} else if home != "" {
			c.StateDir = filepath.Join(home, ".local", "state", "cashpos")
		}
	}
	if c.Demo && c.StateDir != "" {
		c.StateDir = filepath.Join(c.StateDir, "demo")
	}

	for i := range c.Accounts {
		a := &c.Accounts[i]
		a.API = strings.ToLower(a.API)
		// Account Balances v1 unless the config says "bda": the length or
		// shape of an id never decides the API (a 10-digit DDA is v1).
		if a.API == "" {
			a.API = APIv1
		}
		a.BankID = strings.TrimSpace(a.BankID)
		a.BIC = strings.ToUpper(a.BIC)
		if a.API == APIBDA && a.BIC == "" {
			a.BIC = DefaultBIC
		}
		// An empty time zone stays empty: the client infers it from the
		// account's bank id (a London BIC reports on London's day), which
		// is better than assuming New York for every account.
	}
}

// describeSource says where the configuration came from, for messages such
// as "config: ... (from ~/.config/cashpos/config.toml, env CASHPOS_ENV)".
func (c *Config) describeSource(demoFlag bool) string {
	if c.Demo {
		if demoFlag {
			return "demo (--demo)"
		}
		return "demo (no configuration found)"
	}
	var parts []string
	if c.prov.file != "" {
		parts = append(parts, c.prov.file)
	}
	if len(c.prov.envVars) > 0 {
		parts = append(parts, "env "+strings.Join(c.prov.envVars, ", "))
	}
	if len(c.prov.flags) > 0 {
		parts = append(parts, "flags "+strings.Join(c.prov.flags, " "))
	}
	if len(parts) == 0 {
		return "defaults"
	}
	return strings.Join(parts, "; ")
}
