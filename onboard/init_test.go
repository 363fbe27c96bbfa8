package onboard

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cashpos/config"
)

var initNow = time.Date(2026, 12, 2, 9, 30, 0, 0, time.UTC)

func initIn(t *testing.T, dir string, mutate ...func(*InitOptions)) (InitResult, error) {
	t.Helper()
	o := InitOptions{Env: config.EnvCAT, Org: "Acme Corp", Unit: "Treasury", Country: "us",
		ConfigPath: filepath.Join(dir, "cashpos", "config.toml"), Now: func() time.Time { return initNow }, Bits: 2048}
	for _, m := range mutate {
		m(&o)
	}
	return Init(o)
}

func mode(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

func readCSR(t *testing.T, path string) *x509.CertificateRequest {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := pem.Decode(data)
	if b == nil || b.Type != "CERTIFICATE REQUEST" {
		t.Fatalf("%s is not a PEM CSR", path)
	}
	csr, err := x509.ParseCertificateRequest(b.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return csr
}

func TestInitMakesPrivateKeyAndVerifiableCSR(t *testing.T) {
	dir := t.TempDir()
	r, err := initIn(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	if m := mode(t, r.KeyPath); m != 0o600 {
		t.Errorf("key mode %04o, want 0600", m)
	}
	if m := mode(t, filepath.Dir(r.KeyPath)); m != 0o700 {
		t.Errorf("key dir mode %04o, want 0700", m)
	}
	if m := mode(t, r.ConfigPath); m != 0o600 {
		t.Errorf("config mode %04o", m)
	}
	csr := readCSR(t, r.CSRPath)
	if err := csr.CheckSignature(); err != nil {
		t.Fatalf("the CSR does not verify with its own signature: %v", err)
	}
	s := csr.Subject
	if s.CommonName != "Acme Corp cashpos cat" || s.Organization[0] != "Acme Corp" || s.OrganizationalUnit[0] != "Treasury" || s.Country[0] != "US" {
		t.Errorf("subject %v", s)
	}
	if csr.SignatureAlgorithm != x509.SHA256WithRSA {
		t.Errorf("signature algorithm %v", csr.SignatureAlgorithm)
	}
	var clientAuth bool
	for _, e := range csr.Extensions {
		if e.Id.Equal(oidExtKeyUsage) {
			var oids []asn1.ObjectIdentifier
			asn1.Unmarshal(e.Value, &oids)
			clientAuth = len(oids) == 1 && oids[0].Equal(oidClientAuth)
		}
	}
	if !clientAuth {
		t.Error("the CSR does not ask for client authentication")
	}
	key, err := config.ReadRSAKey("tls_key", "tls_key", r.KeyPath)
	if err != nil {
		t.Fatal(err)
	}
	if !key.PublicKey.Equal(csr.PublicKey) || key.N.BitLen() != 2048 {
		t.Error("the CSR is not for the key written beside it")
	}
}

func TestInitNeverOverwritesAKey(t *testing.T) {
	dir := t.TempDir()
	r, err := initIn(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(r.KeyPath)
	os.WriteFile(r.ConfigPath, []byte("# mine\n"), 0o600)

	_, err = initIn(t, dir)
	var refused *InitError
	if !errors.As(err, &refused) || !strings.Contains(err.Error(), "never overwritten") || !strings.Contains(err.Error(), "cashpos init --env cat --org NAME --force") {
		t.Fatalf("second init: %v", err)
	}
	if after, _ := os.ReadFile(r.KeyPath); string(after) != string(before) {
		t.Fatal("the key changed without --force")
	}

	r2, err := initIn(t, dir, func(o *InitOptions) { o.Force = true })
	if err != nil {
		t.Fatal(err)
	}
	kept := r.KeyPath + ".replaced-20261202T093000Z"
	if old, _ := os.ReadFile(kept); string(old) != string(before) {
		t.Errorf("--force must keep the old key as %s", kept)
	}
	if now, _ := os.ReadFile(r2.KeyPath); string(now) == string(before) {
		t.Error("--force made no new key")
	}
	if len(r2.Replaced) != 2 || r2.ConfigWritten {
		t.Errorf("replaced %v, config written %v", r2.Replaced, r2.ConfigWritten)
	}
	if c, _ := os.ReadFile(r.ConfigPath); string(c) != "# mine\n" {
		t.Error("an existing config was overwritten")
	}
}

func TestInitRefusesBadFlags(t *testing.T) {
	for name, m := range map[string]func(*InitOptions){
		"no org":       func(o *InitOptions) { o.Org = " " },
		"mock":         func(o *InitOptions) { o.Env = config.EnvMock },
		"unknown env":  func(o *InitOptions) { o.Env = "uat" },
		"country":      func(o *InitOptions) { o.Country = "USA" },
		"control char": func(o *InitOptions) { o.Org = "Acme\x1b[31m" },
	} {
		_, err := initIn(t, t.TempDir(), m)
		var refused *InitError
		if !errors.As(err, &refused) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// The skeleton must load with the real loader once the ids are filled in
// and the issued certificate is saved; before that, the loader names what
// is missing.
func TestInitSkeletonLoads(t *testing.T) {
	dir := t.TempDir()
	r, err := initIn(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	load := func() (config.Config, error) {
		return config.Load(config.LoadOptions{Flags: config.Overrides{ConfigPath: r.ConfigPath}, HomeDir: dir,
			Getenv: func(k string) string { return map[string]string{"XDG_STATE_HOME": filepath.Join(dir, "state")}[k] }})
	}
	if _, err := load(); err == nil || !strings.Contains(err.Error(), "client_id") {
		t.Fatalf("unfilled skeleton: %v, want client_id named", err)
	}
	data, _ := os.ReadFile(r.ConfigPath)
	filled := strings.Replace(string(data), `client_id = ""`, `client_id = "acme-cat-client"`, 1)
	filled = strings.Replace(filled, `resource = ""`, `resource = "JPMC:URI:RS-000000-12345-ACME"`, 1)
	os.WriteFile(r.ConfigPath, []byte(filled), 0o600)
	if _, err := load(); err == nil || !strings.Contains(err.Error(), "tls_cert") {
		t.Fatalf("no certificate yet: %v, want tls_cert named", err)
	}
	issue(t, r)
	c, err := load()
	if err != nil {
		t.Fatalf("filled skeleton: %v", err)
	}
	if c.Env != config.EnvCAT || !c.UsesSignedJWT() || c.TLSKey != r.KeyPath || c.Resource == "" {
		t.Errorf("loaded %+v", c)
	}
	if _, _, err := c.LoadSigningPair(); err != nil {
		t.Errorf("the key and issued certificate do not load as a signing pair: %v", err)
	}
}

// issue plays the portal: a certificate for the CSR, saved where Init said.
func issue(t *testing.T, r InitResult) {
	t.Helper()
	csr := readCSR(t, r.CSRPath)
	ca, err := config.ReadRSAKey("k", "k", r.KeyPath) // self-signed is enough here
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: csr.Subject, Issuer: pkix.Name{CommonName: "test CA"},
		NotBefore: initNow.Add(-time.Hour), NotAfter: initNow.AddDate(1, 0, 0),
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, csr.PublicKey, ca)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(r.CertPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
}

// BenchmarkKeyGeneration measures what `cashpos init` costs once: an RSA
// key of KeyBits (3072) against the 2048-bit minimum. Key generation time
// varies widely from run to run (prime search); use -benchtime=10x.
func BenchmarkKeyGeneration(b *testing.B) {
	for _, bits := range []int{2048, KeyBits} {
		b.Run(itoa(bits), func(b *testing.B) {
			for range b.N {
				if _, err := rsa.GenerateKey(rand.Reader, bits); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
