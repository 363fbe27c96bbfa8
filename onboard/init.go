package onboard

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"cashpos/config"
)

// InitOptions are the inputs of Init.
type InitOptions struct {
	Env        config.Env // config.EnvCAT or config.EnvProduction
	Org        string     // subject O, required
	Unit       string     // subject OU, optional
	Country    string     // subject C: two letters, optional
	CommonName string     // subject CN; default "<org> cashpos <env>"
	Force      bool       // replace an existing key (the old files are kept, renamed)
	ConfigPath string     // the config file Load reads (config.FilePath)
	Now        func() time.Time
	// Bits is the RSA key size; 0 means KeyBits. Tests use 2048 to save
	// time; the command always uses KeyBits.
	Bits int
}

// InitResult is what Init made, for the next steps.
type InitResult struct {
	Env           config.Env
	KeyPath       string // private key, 0600
	CSRPath       string // certificate signing request, to upload
	CertPath      string // where the issued certificate goes
	ConfigPath    string
	ConfigWritten bool     // false: a config existed and was left alone
	Replaced      []string // with Force: the old files, renamed
	Bits          int
	Subject       string
}

// InitError is a refusal the user can act on (bad flag, existing key);
// main maps it to the usage/configuration exit code.
type InitError struct{ msg string }

func (e *InitError) Error() string { return e.msg }

func refusef(format string, args ...any) error { return &InitError{fmt.Sprintf(format, args...)} }

// Init makes the key pair and CSR for env under the config directory
// (keys/<env>/, 0700), and the config skeleton unless a config exists.
func Init(o InitOptions) (InitResult, error) {
	subject, err := o.subject()
	if err != nil {
		return InitResult{}, err
	}
	if o.ConfigPath == "" {
		return InitResult{}, refusef("init: no configuration path (no home directory); give --config FILE")
	}
	dir := filepath.Join(filepath.Dir(o.ConfigPath), "keys", string(o.Env))
	r := InitResult{
		Env: o.Env, ConfigPath: o.ConfigPath, Bits: o.Bits, Subject: subject.String(),
		KeyPath:  filepath.Join(dir, "client.key"),
		CSRPath:  filepath.Join(dir, "client.csr"),
		CertPath: filepath.Join(dir, "client.crt"),
	}
	if r.Bits == 0 {
		r.Bits = KeyBits
	}
	if err := privateDir(dir); err != nil {
		return r, refusef("init: %v", err)
	}
	if err := r.clearWay(o.Force, o.now()); err != nil {
		return r, err
	}
	if err := r.writeKeyAndCSR(subject); err != nil {
		return r, err
	}
	if !exists(o.ConfigPath) {
		if err := writeNew(o.ConfigPath, []byte(skeleton(r, o.now())), 0o600); err != nil {
			return r, fmt.Errorf("init: write %s: %w", o.ConfigPath, err)
		}
		r.ConfigWritten = true
	}
	return r, nil
}

func (o InitOptions) now() time.Time {
	if o.Now == nil {
		return time.Now()
	}
	return o.Now()
}

// subject checks the flags and builds the CSR subject.
func (o InitOptions) subject() (pkix.Name, error) {
	var n pkix.Name
	switch o.Env {
	case config.EnvCAT, config.EnvProduction:
	case config.EnvMock:
		return n, refusef("init: the mock environment signs in with the client id and secret the portal shows; it needs no key (use --env cat or --env production)")
	default:
		return n, refusef("init: --env %q: must be cat or production", o.Env)
	}
	org := strings.TrimSpace(o.Org)
	if org == "" {
		return n, refusef(`init: --org is required: your organisation's legal name as J.P. Morgan knows it, e.g. --org "Acme Corp"`)
	}
	for _, f := range []struct{ flag, v string }{{"--org", org}, {"--unit", o.Unit}, {"--cn", o.CommonName}} {
		if strings.ContainsFunc(f.v, func(r rune) bool { return r < 0x20 || r == 0x7f }) || len(f.v) > 64 {
			return n, refusef("init: %s: at most 64 characters, no control characters", f.flag)
		}
	}
	n.Organization = []string{org}
	if u := strings.TrimSpace(o.Unit); u != "" {
		n.OrganizationalUnit = []string{u}
	}
	if c := strings.TrimSpace(o.Country); c != "" {
		c = strings.ToUpper(c)
		if len(c) != 2 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' {
			return n, refusef("init: --country %q: a two-letter ISO 3166 code such as US or GB", o.Country)
		}
		n.Country = []string{c}
	}
	n.CommonName = strings.TrimSpace(o.CommonName)
	if n.CommonName == "" {
		n.CommonName = fmt.Sprintf("%s cashpos %s", org, o.Env)
		if len(n.CommonName) > 64 {
			n.CommonName = "cashpos " + string(o.Env)
		}
	}
	return n, nil
}

// clearWay refuses to touch an existing key unless force; with force it
// renames the key, CSR and certificate aside rather than deleting them: a
// key that has an issued certificate is worth keeping until the new one
// works.
func (r *InitResult) clearWay(force bool, now time.Time) error {
	if exists(r.KeyPath) && !force {
		return refusef("init: %s already exists; it is never overwritten. Keep it (its CSR is %s), or run the same command with --force "+
			"(`cashpos init --env %s --org NAME --force`) to make a new key (the old files are kept, renamed)",
			r.KeyPath, r.CSRPath, r.Env)
	}
	// Without a key, a CSR or certificate left behind belongs to no key
	// of ours; it is moved aside all the same, never deleted.
	suffix := ".replaced-" + now.UTC().Format("20060102T150405Z")
	for _, p := range []string{r.KeyPath, r.CSRPath, r.CertPath} {
		if !exists(p) {
			continue
		}
		if exists(p + suffix) {
			return refusef("init: %s exists; wait a second and try again", p+suffix)
		}
		if err := os.Rename(p, p+suffix); err != nil {
			return fmt.Errorf("init: keep the old %s: %w", p, err)
		}
		r.Replaced = append(r.Replaced, p+suffix)
	}
	return nil
}

// writeKeyAndCSR generates the key, writes it 0600, then the CSR 0644 (it
// is public: it goes to the portal).
func (r *InitResult) writeKeyAndCSR(subject pkix.Name) error {
	key, err := rsa.GenerateKey(rand.Reader, r.Bits)
	if err != nil {
		return fmt.Errorf("init: generate the RSA key: %w", err)
	}
	kp, err := keyPEM(key)
	if err != nil {
		return fmt.Errorf("init: encode the key: %w", err)
	}
	csr, err := newCSR(key, subject)
	if err != nil {
		return fmt.Errorf("init: make the CSR: %w", err)
	}
	if err := writeNew(r.KeyPath, kp, 0o600); err != nil {
		if errors.Is(err, os.ErrExist) {
			return refusef("init: %s appeared while the key was being made (another cashpos init?); nothing was overwritten", r.KeyPath)
		}
		return fmt.Errorf("init: write %s: %w", r.KeyPath, err)
	}
	if err := writeNew(r.CSRPath, csr, 0o644); err != nil {
		os.Remove(r.KeyPath) // a key without its CSR would only confuse the next run
		return fmt.Errorf("init: write %s: %w", r.CSRPath, err)
	}
	return nil
}
