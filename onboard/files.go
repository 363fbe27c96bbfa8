package onboard

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"cashpos/config"
)

// checkConfig is the first line: did the configuration load, and what is
// it. It reports whether the other checks can run.
func (d *doctor) checkConfig() bool {
	in := d.in
	c := Check{ID: "config", Title: "configuration", Status: OK}
	switch {
	case in.ConfigErr != nil:
		c.Status, c.Detail = Fail, oneLine(in.ConfigErr.Error())
		c.Advice = "fix the setting it names"
		var ce *config.Error
		if errors.As(in.ConfigErr, &ce) && strings.HasPrefix(ce.Key, "client_id") || strings.Contains(c.Detail, "resource:") {
			c.Advice = "copy the value from your project in the J.P. Morgan Payments Developer Portal into " + in.ConfigPath
		}
	case in.Config.Demo && in.DemoExplicit:
		c.Detail = "demo mode (--demo): checking the built-in mock bank"
	case in.Config.Demo:
		c.Status = Warn
		c.Detail = "no configuration found (looked for " + in.ConfigPath + "): checking the built-in demo bank instead"
		c.Advice = "run `cashpos init --env cat --org NAME` to set up a J.P. Morgan connection"
	default:
		c.Detail = "env " + string(in.Config.Env) + ", " + tokenAuth(in.Config) + ", accounts: " + accountsSummary(in.Config)
	}
	d.add(c)
	return in.ConfigErr == nil
}

func tokenAuth(c config.Config) string {
	if c.UsesSignedJWT() {
		return "signed JWT assertion for client " + c.ClientID
	}
	return "client id " + c.ClientID + " and secret"
}

func accountsSummary(c config.Config) string {
	if len(c.Accounts) == 0 {
		return "every account the client is entitled to"
	}
	return plural(len(c.Accounts), "1 listed", itoa(len(c.Accounts))+" listed")
}

// checkPermissions: every secret and key file private, and the directory
// holding the key not open either.
func (d *doctor) checkPermissions() {
	c := Check{ID: "permissions", Title: "file permissions", Status: OK}
	files := d.in.Config.PrivateFiles()
	if d.in.Config.Demo || len(files) == 0 {
		c.Detail = "no secret or key files in use"
		if !d.in.Config.Demo && d.in.Config.ClientSecret.IsSet() {
			c.Detail = "no secret or key files in use (the client secret comes from " + secretSource(d.in.Config) + ")"
		}
		d.add(c)
		return
	}
	var problems, fixes []string
	for _, f := range files {
		if _, err := os.Stat(f.Path); errors.Is(err, os.ErrNotExist) {
			continue // the certificate lines say it is missing
		}
		if err := config.CheckPrivate(f.Key, f.Path); err != nil {
			problems = append(problems, strings.TrimPrefix(oneLine(err.Error()), "config: "))
			fixes = append(fixes, "chmod 600 "+f.Path)
		}
		if dir := filepath.Dir(f.Path); strings.HasSuffix(strings.ToLower(f.Key), "key") && openDir(dir) {
			problems = append(problems, "the directory "+dir+" holding "+f.Key+" is writable by group or others (they could swap the key)")
			fixes = append(fixes, "chmod go-w "+dir)
		}
	}
	if len(problems) == 0 {
		c.Detail = itoa(len(files)) + " " + plural(len(files), "file", "files") + " private: " + keysOf(files)
		d.add(c)
		return
	}
	c.Status = Fail
	c.Detail = strings.Join(problems, "; ")
	c.Advice = strings.Join(fixes, "; ") + " (cashpos refuses secrets and keys others can read, as ssh does)"
	d.add(c)
}

func secretSource(c config.Config) string {
	if c.ClientSecretFile != "" {
		return c.ClientSecretFile
	}
	return "CASHPOS_CLIENT_SECRET"
}

func keysOf(files []config.PrivateFile) string {
	var ks []string
	for _, f := range files {
		ks = append(ks, f.Key)
	}
	return strings.Join(ks, ", ")
}

// openDir: a directory others may write to lets them replace the key.
func openDir(dir string) bool {
	fi, err := os.Stat(dir)
	return err == nil && runtime.GOOS != "windows" && fi.Mode().Perm()&0o022 != 0
}

func itoa(n int) string { return strconv.Itoa(n) }

// oneLine keeps the first line of a message.
func oneLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
