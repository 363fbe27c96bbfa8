package config

import (
	"errors"
	"io/fs"
	"os"
	"runtime"
	"strings"
)

// groupOther are the permission bits that let anyone but the owner near a
// file. Like ssh, we refuse keys and secrets that have any of them.
const groupOther fs.FileMode = 0o077

// checkPrivate refuses a key or secret file that group or others can read
// or write, with ssh's advice. key names the setting that points at path.
func checkPrivate(key, path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return rawErr(key, "%s %s: %s", key, path, osErrText(err))
	}
	if !fi.Mode().IsRegular() {
		return rawErr(key, "%s %s: not a regular file", key, path)
	}
	// Windows has no Unix mode bits; os.Stat fakes them, so checking would
	// only produce false alarms.
	if runtime.GOOS != "windows" && fi.Mode().Perm()&groupOther != 0 {
		return rawErr(key, "%s %s has mode %04o; it must not be accessible by group or others (chmod 600 %s)",
			key, path, fi.Mode().Perm(), path)
	}
	return nil
}

// checkFile requires a readable-looking regular file (certificates are
// public, so no mode check), so a typo fails at start-up, not at first use.
func checkFile(key, path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return rawErr(key, "%s %s: %s", key, path, osErrText(err))
	}
	if !fi.Mode().IsRegular() {
		return rawErr(key, "%s %s: not a regular file", key, path)
	}
	return nil
}

// readSecretFile reads a client secret after checkPrivate, dropping the
// trailing newline editors and `echo` add. Errors carry the path only.
func readSecretFile(key, path string) (Secret, error) {
	if err := checkPrivate(key, path); err != nil {
		return "", err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", rawErr(key, "%s %s: %s", key, path, osErrText(err))
	}
	s := strings.TrimRight(string(b), "\r\n")
	if s == "" {
		return "", rawErr(key, "%s %s: file is empty", key, path)
	}
	return Secret(s), nil
}

// mustBePrivate is checkPrivate, unless the configuration was loaded with
// DeferFileChecks: then the caller (cashpos doctor) checks the files
// itself, all at once.
func (c Config) mustBePrivate(key, path string) error {
	if c.deferFiles {
		return nil
	}
	return checkPrivate(key, path)
}

// mustExist is checkFile, unless DeferFileChecks.
func (c Config) mustExist(key, path string) error {
	if c.deferFiles {
		return nil
	}
	return checkFile(key, path)
}

// readSecret is readSecretFile honouring DeferFileChecks.
func (c Config) readSecret(key, path string) (Secret, error) {
	if !c.deferFiles {
		return readSecretFile(key, path)
	}
	// The secret is read now, so its file must exist now.
	if err := checkFile(key, path); err != nil {
		return "", err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", rawErr(key, "%s %s: %s", key, path, osErrText(err))
	}
	s := strings.TrimRight(string(b), "\r\n")
	if s == "" {
		return "", rawErr(key, "%s %s: file is empty", key, path)
	}
	return Secret(s), nil
}

// CheckPrivate refuses a file that group or others can read or write, as
// Load does for every secret and key; key names the setting in the message.
func CheckPrivate(key, path string) error { return checkPrivate(key, path) }

// PrivateFile is a file the configuration reads that must stay private.
type PrivateFile struct {
	Key  string // the setting that names it, as the user set it ("tls_key", "CASHPOS_TLS_KEY")
	Path string
}

// PrivateFiles lists the secret and key files this configuration reads,
// and the configuration file itself when it holds client_secret.
func (c Config) PrivateFiles() []PrivateFile {
	var out []PrivateFile
	if c.prov != nil && c.prov.file != "" && c.ClientSecret.IsSet() && c.key("client_secret") == "client_secret" {
		out = append(out, PrivateFile{"client_secret", c.prov.file})
	}
	for _, f := range []struct{ key, path string }{
		{"client_secret_file", c.ClientSecretFile},
		{"tls_key", c.TLSKey},
		{"signing_key", c.SigningKey},
	} {
		if f.path != "" {
			out = append(out, PrivateFile{c.key(f.key), f.path})
		}
	}
	return out
}

// EnsureStateDir creates dir (and missing parents) with mode 0700 for the
// payment journal, audit log and cache. An existing directory is left as
// it is, but one that group or others can enter is reported, since it
// holds payment history; the user decides whether to chmod it.
func EnsureStateDir(dir string) error {
	if dir == "" {
		return keyErr("state_dir", "empty; set state_dir or CASHPOS_STATE_DIR")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return rawErr("state_dir", "state_dir %s: %s", dir, osErrText(err))
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return rawErr("state_dir", "state_dir %s: %s", dir, osErrText(err))
	}
	if !fi.IsDir() {
		return rawErr("state_dir", "state_dir %s: not a directory", dir)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&groupOther != 0 {
		return rawErr("state_dir", "state_dir %s has mode %04o; it must not be accessible by group or others (chmod 700 %s)",
			dir, fi.Mode().Perm(), dir)
	}
	return nil
}

// osErrText is the cause without the "open /path:" prefix, since our
// messages already name the path.
func osErrText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return err.Error()
}
