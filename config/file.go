package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// fileConfig is the TOML layout (see the package doc). Everything is a
// string so that empty means "not set" and so that durations and secrets
// are parsed here, with errors worded by us.
type fileConfig struct {
	Env              string        `toml:"env"`
	BaseURL          string        `toml:"base_url"`
	TokenURL         string        `toml:"token_url"`
	ClientID         string        `toml:"client_id"`
	ClientSecret     string        `toml:"client_secret"`
	ClientSecretFile string        `toml:"client_secret_file"`
	Scope            string        `toml:"scope"`
	Resource         string        `toml:"resource"`
	TLSCert          string        `toml:"tls_cert"`
	TLSKey           string        `toml:"tls_key"`
	SigningKey       string        `toml:"signing_key"`
	SigningCert      string        `toml:"signing_cert"`
	StateDir         string        `toml:"state_dir"`
	RefreshInterval  string        `toml:"refresh_interval"`
	RequestTimeout   string        `toml:"request_timeout"`
	RefreshTimeout   string        `toml:"refresh_timeout"`
	CommandTimeout   string        `toml:"command_timeout"`
	Clock            string        `toml:"clock"`
	Staleness        fileStaleness `toml:"staleness"`
	Accounts         []fileAccount `toml:"accounts"`
	BAICategories    baiCategories `toml:"bai_categories"` // categories.go
	Payments         filePayments  `toml:"payments"`
}

type fileStaleness struct {
	Aging string `toml:"aging"`
	Stale string `toml:"stale"`
}

type fileAccount struct {
	ID       string `toml:"id"`
	Label    string `toml:"label"`
	Group    string `toml:"group"`
	API      string `toml:"api"`
	BIC      string `toml:"bic"`
	TimeZone string `toml:"time_zone"`
	BankID   string `toml:"bank_id"`
}

// configPath picks the file to read. key is what to blame when it is
// missing; required is true when the user named the file, because then a
// missing file is a mistake rather than "not configured yet".
func configPath(flagPath string, getenv func(string) string, home string) (path, key string, required bool) {
	if flagPath != "" {
		return expandHome(flagPath, home), "--config", true
	}
	if p := getenv("CASHPOS_CONFIG"); p != "" {
		return expandHome(p, home), "CASHPOS_CONFIG", true
	}
	// XDG says relative values are invalid and must be ignored.
	if x := getenv("XDG_CONFIG_HOME"); filepath.IsAbs(x) {
		return filepath.Join(x, "cashpos", "config.toml"), "XDG_CONFIG_HOME", false
	}
	if home != "" {
		return filepath.Join(home, ".config", "cashpos", "config.toml"), "config file", false
	}
	return "", "", false
}

// assignsSecret spots a client_secret line, to keep parser messages (which
// may quote the offending text) from echoing a secret.
var assignsSecret = regexp.MustCompile(`(?m)^\s*["']?client_secret["']?\s*=`)

// readFile reads and strictly decodes the config file. found is false when
// an optional file does not exist.
func readFile(path, key string, required bool) (fc fileConfig, found bool, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && !required {
		return fc, false, nil
	}
	if err != nil {
		return fc, false, rawErr(key, "%s %s: %s", key, path, osErrText(err))
	}
	md, err := decodeTOML(data, &fc)
	if err != nil {
		return fc, false, rawErr(path, "%s: %s", path, tomlErrText(err, assignsSecret.Match(data)))
	}
	if und := md.Undecoded(); len(und) > 0 {
		names := make([]string, len(und))
		for i, k := range und {
			names[i] = k.String()
		}
		word := "unknown key"
		if len(names) > 1 {
			word = "unknown keys"
		}
		return fc, false, rawErr(names[0], "%s: %s in %s (a typo? every key is listed in the example config)",
			strings.Join(names, ", "), word, path)
	}
	return fc, true, nil
}

// tomlErrText words a decode error on one line, hiding the parser's
// detail when the file holds a client secret.
func tomlErrText(err error, holdsSecret bool) string {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		if holdsSecret {
			return fmt.Sprintf("line %d: TOML syntax error (detail hidden because this file holds client_secret)", pe.Position.Line)
		}
		return fmt.Sprintf("line %d: %s", pe.Position.Line, pe.Message)
	}
	// Type mismatches name the key and types, never the value.
	return strings.TrimPrefix(err.Error(), "toml: ")
}

// applyFile lays the file over c. Relative paths are taken relative to the
// file's directory, which is what people expect when keys sit beside it.
func (c *Config) applyFile(fc fileConfig, path, home string) error {
	c.applyFileSettings(fc, home, filepath.Dir(path))
	if err := c.applyFileSecret(fc, path); err != nil {
		return err
	}
	if err := c.applyFileDurations(fc); err != nil {
		return err
	}
	c.applyFileAccounts(fc.Accounts)
	if err := c.applyFileCategories(fc.BAICategories); err != nil {
		return err
	}
	return c.applyFilePayments(fc.Payments)
}

// applyFileSettings lays the plain string and path keys over c; paths are
// resolved against dir.
func (c *Config) applyFileSettings(fc fileConfig, home, dir string) {
	var env string
	c.setFileString("env", fc.Env, &env)
	if env != "" {
		c.Env = Env(env)
	}
	c.setFileString("base_url", fc.BaseURL, &c.BaseURL)
	c.setFileString("token_url", fc.TokenURL, &c.TokenURL)
	c.setFileString("client_id", fc.ClientID, &c.ClientID)
	c.setFileString("scope", fc.Scope, &c.Scope)
	c.setFileString("resource", fc.Resource, &c.Resource)
	c.setFileString("clock", strings.ToLower(fc.Clock), &c.Clock)
	c.setFilePath("client_secret_file", fc.ClientSecretFile, &c.ClientSecretFile, home, dir)
	c.setFilePath("tls_cert", fc.TLSCert, &c.TLSCert, home, dir)
	c.setFilePath("tls_key", fc.TLSKey, &c.TLSKey, home, dir)
	c.setFilePath("signing_key", fc.SigningKey, &c.SigningKey, home, dir)
	c.setFilePath("signing_cert", fc.SigningCert, &c.SigningCert, home, dir)
	c.setFilePath("state_dir", fc.StateDir, &c.StateDir, home, dir)
}

// setFileString sets *dst from file key key unless the value is blank.
func (c *Config) setFileString(key, v string, dst *string) {
	if v = strings.TrimSpace(v); v != "" {
		*dst = v
		c.prov.set(key, key)
	}
}

// setFilePath is setFileString for a path, resolved against dir.
func (c *Config) setFilePath(key, v string, dst *string, home, dir string) {
	if v = strings.TrimSpace(v); v != "" {
		*dst = resolvePath(v, home, dir)
		c.prov.set(key, key)
	}
}

// applyFileSecret takes client_secret from the file at path, refusing it
// beside client_secret_file or in a file others can read.
func (c *Config) applyFileSecret(fc fileConfig, path string) error {
	if fc.ClientSecret == "" {
		return nil
	}
	if fc.ClientSecretFile != "" {
		return keyErr("client_secret", "set only one of client_secret and client_secret_file")
	}
	// A secret in the file makes the file itself a secret file.
	if err := c.mustBePrivate("client_secret", path); err != nil {
		if fi, serr := os.Stat(path); serr == nil {
			return rawErr("client_secret", "client_secret is set in %s, which has mode %04o; the file must not be accessible by group or others (chmod 600 %s), or better, move the secret to client_secret_file",
				path, fi.Mode().Perm(), path)
		}
		return err
	}
	c.ClientSecret = Secret(fc.ClientSecret)
	c.prov.set("client_secret", "client_secret")
	return nil
}

// applyFileDurations parses the duration keys over c, in file order, and
// stops at the first that is not a duration.
func (c *Config) applyFileDurations(fc fileConfig) error {
	durations := []struct {
		key, raw, example string
		dst               *time.Duration
	}{
		{"refresh_interval", fc.RefreshInterval, "60s", &c.RefreshInterval},
		{"request_timeout", fc.RequestTimeout, "20s", &c.RequestTimeout},
		{"refresh_timeout", fc.RefreshTimeout, "45s", &c.RefreshTimeout},
		{"command_timeout", fc.CommandTimeout, "60s", &c.CommandTimeout},
		{"staleness.aging", fc.Staleness.Aging, "30m", &c.Thresholds.Aging},
		{"staleness.stale", fc.Staleness.Stale, "2h", &c.Thresholds.Stale},
	}
	for _, d := range durations {
		raw := strings.TrimSpace(d.raw)
		if raw == "" {
			continue
		}
		v, err := time.ParseDuration(raw)
		if err != nil {
			return valueErr(d.key, raw, "not a duration like %s", d.example)
		}
		*d.dst = v
		c.prov.set(d.key, d.key)
	}
	return nil
}

// applyFileAccounts replaces the watched list with the file's, when it has
// one, recording each entry's origin for error messages.
func (c *Config) applyFileAccounts(accounts []fileAccount) {
	if len(accounts) == 0 {
		return
	}
	c.Accounts = make([]Account, len(accounts))
	c.prov.accounts = make([]string, len(accounts))
	for i, a := range accounts {
		c.Accounts[i] = Account{
			ID:       strings.TrimSpace(a.ID),
			Label:    strings.TrimSpace(a.Label),
			Group:    strings.TrimSpace(a.Group),
			API:      strings.TrimSpace(a.API),
			BIC:      strings.TrimSpace(a.BIC),
			TimeZone: strings.TrimSpace(a.TimeZone),
			BankID:   strings.TrimSpace(a.BankID),
		}
		c.prov.accounts[i] = fmt.Sprintf("accounts[%d]", i)
	}
}

// expandHome turns a leading ~ into the home directory; shells do this for
// flags but not inside quotes, env files or TOML.
func expandHome(p, home string) string {
	if home == "" {
		return p
	}
	if p == "~" {
		return home
	}
	if strings.HasPrefix(p, "~/") {
		return filepath.Join(home, p[2:])
	}
	return p
}

// resolvePath expands ~ and anchors relative paths at base.
func resolvePath(p, home, base string) string {
	p = expandHome(p, home)
	if !filepath.IsAbs(p) && base != "" {
		p = filepath.Join(base, p)
	}
	return p
}
