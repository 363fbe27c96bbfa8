package config

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func writePEM(t *testing.T, dir, name, typ string, der []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadKeysAndCertificate(t *testing.T) {
	dir := t.TempDir()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "t"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	certPath := writePEM(t, dir, "c.pem", "CERTIFICATE", der)
	pkcs8, _ := x509.MarshalPKCS8PrivateKey(key)
	p1 := writePEM(t, dir, "k1.pem", "RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(key))
	p8 := writePEM(t, dir, "k8.pem", "PRIVATE KEY", pkcs8)
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ec8, _ := x509.MarshalPKCS8PrivateKey(ec)
	pec := writePEM(t, dir, "ec.pem", "PRIVATE KEY", ec8)
	junk := filepath.Join(dir, "junk")
	os.WriteFile(junk, []byte("not pem"), 0o600)

	if c, err := ReadCertificate("signing_cert", "signing certificate", certPath); err != nil || c.Subject.CommonName != "t" {
		t.Fatalf("certificate: %v", err)
	}
	for _, p := range []string{p1, p8} {
		k, err := ReadRSAKey("signing_key", "signing key", p)
		if err != nil || !k.Equal(key) {
			t.Fatalf("%s: %v", p, err)
		}
	}
	if _, err := ReadPrivateKey("tls_key", "tls_key", pec); err != nil {
		t.Fatalf("an EC key is a private key: %v", err)
	}
	cases := []struct{ name, path, want string }{
		{"ec is not rsa", pec, "config: signing key " + pec + ": the JWT assertion needs an RSA key (RS256), this is *ecdsa.PrivateKey"},
		{"not pem", junk, "config: signing key " + junk + ": no PEM key found"},
		{"missing", filepath.Join(dir, "nope"), "config: signing key " + filepath.Join(dir, "nope") + ": open "},
		{"a certificate is not a key", certPath, "not an RSA private key in PKCS#1 or PKCS#8 form"},
	}
	for _, c := range cases {
		_, err := ReadRSAKey("signing_key", "signing key", c.path)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
		if _, ok := err.(*Error); !ok {
			t.Errorf("%s: %T is not a *config.Error (exit code 2)", c.name, err)
		}
	}
	if _, err := ReadCertificate("signing_cert", "signing certificate", junk); err == nil || err.Error() != "config: signing certificate "+junk+": no PEM certificate found" {
		t.Errorf("junk certificate: %v", err)
	}
}

// DeferFileChecks (cashpos doctor) loads a configuration whose secret and
// key files are too open, so that every file's mode can be reported at
// once; without it the same configuration is refused.
func TestDeferFileChecksForDoctor(t *testing.T) {
	f := newFixture(t)
	secret := f.write("secret-open", testSecret+"\n", 0o644)
	key := f.write("k.pem", "key", 0o640)
	cert := f.write("c.pem", "cert", 0o644)
	f.config("env = \"cat\"\nclient_id = \"cid\"\nclient_secret_file = " + quote(secret) +
		"\ntls_cert = " + quote(cert) + "\ntls_key = " + quote(key) + "\n")
	if _, err := f.load(nil, Overrides{}); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("plain Load: %v, want a refusal", err)
	}
	c, err := Load(LoadOptions{Getenv: fakeEnv{}.get, HomeDir: f.home, DeferFileChecks: true})
	if err != nil {
		t.Fatalf("deferred: %v", err)
	}
	if c.ClientSecret.Reveal() != testSecret {
		t.Error("secret not read")
	}
	var open []string
	for _, pf := range c.PrivateFiles() {
		if err := CheckPrivate(pf.Key, pf.Path); err != nil {
			open = append(open, pf.Key)
		}
	}
	if strings.Join(open, ",") != "client_secret_file,tls_key" {
		t.Errorf("open files %v", open)
	}
}
