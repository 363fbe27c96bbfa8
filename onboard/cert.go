package onboard

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"cashpos/config"
	"cashpos/jpm"
)

// expiryWarning: a certificate this close to its end is renewed now, not
// on the morning it stops working (the portal has to accept the new one).
const expiryWarning = 30 * 24 * time.Hour

// certPair is one certificate and key the configuration uses.
type certPair struct {
	id, title         string // "certificate" / "signing certificate"
	certKey, keyKey   string // the settings naming the files
	certPath, keyPath string
}

// pairs lists the certificate/key pairs in use: the mutual-TLS pair, and
// the signing pair when it is a different one.
func (d *doctor) pairs() []certPair {
	c := d.in.Config
	var out []certPair
	if c.TLSCert != "" {
		out = append(out, certPair{"certificate", "certificate", "tls_cert", "tls_key", c.TLSCert, c.TLSKey})
	}
	if certFile, keyFile := c.SigningPair(); c.UsesSignedJWT() && certFile != c.TLSCert {
		out = append(out, certPair{"signing-certificate", "signing certificate", "signing_cert", "signing_key", certFile, keyFile})
	}
	return out
}

// checkCertificates: each pair parses, matches its key, is within its
// dates, and shows its thumbprint.
func (d *doctor) checkCertificates() {
	pairs := d.pairs()
	if len(pairs) == 0 {
		why := "none configured: env " + string(d.in.Config.Env) + " signs in with a client id and secret"
		if d.in.Config.Demo {
			why = "none needed in demo mode"
		}
		d.add(Check{ID: "certificate", Title: "certificate", Status: Skip, Detail: why})
		return
	}
	for _, p := range pairs {
		d.checkPair(p)
	}
}

func (d *doctor) checkPair(p certPair) {
	cert, c := readCert(p)
	d.add(c)
	if cert == nil {
		d.add(Check{ID: p.id + ".key", Title: p.title + " key", Status: Skip, Detail: "not checked: no certificate to compare"})
		return
	}
	d.add(matchKey(p, cert))
	d.add(d.expiry(p, cert))
	role := "SHA-1"
	if signs, _ := d.in.Config.SigningPair(); d.in.Config.UsesSignedJWT() && signs == p.certPath {
		role = "SHA-1, the JWT kid"
	}
	d.add(Check{ID: p.id + ".thumbprint", Title: p.title + " thumbprint", Status: OK,
		Detail: jpm.Thumbprint(cert) + " (" + role + "): it must equal the thumbprint the portal lists for this certificate"})
}

// readCert parses the certificate, recognising the usual mix-ups (the
// CSR saved in its place, a file not there yet).
func readCert(p certPair) (*x509.Certificate, Check) {
	c := Check{ID: p.id, Title: p.title, Status: Fail}
	data, err := os.ReadFile(p.certPath)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		c.Detail = "no file at " + p.certPath + " (" + p.certKey + ")"
		c.Advice = "save the certificate the portal issued for your CSR there (PEM, -----BEGIN CERTIFICATE-----)"
		return nil, c
	case err != nil:
		c.Detail, c.Advice = p.certKey+" "+p.certPath+": "+err.Error(), "make the file readable by you"
		return nil, c
	}
	if b, _ := pem.Decode(data); b != nil && strings.Contains(b.Type, "REQUEST") {
		c.Detail = p.certPath + " holds the certificate signing request, not the issued certificate"
		c.Advice = "upload the CSR in the portal and save the certificate it issues at " + p.certPath
		return nil, c
	}
	cert, err := config.ReadCertificate(p.certKey, p.certKey, p.certPath)
	if err != nil {
		c.Detail = strings.TrimPrefix(err.Error(), "config: ")
		c.Advice = "save the issued certificate in PEM form (-----BEGIN CERTIFICATE-----)"
		return nil, c
	}
	c.Status = OK
	c.Detail = fmt.Sprintf("%s: subject %s, issued by %s", p.certPath, cert.Subject, cert.Issuer)
	return cert, c
}

func matchKey(p certPair, cert *x509.Certificate) Check {
	c := Check{ID: p.id + ".key", Title: p.title + " key", Status: Fail}
	key, err := config.ReadPrivateKey(p.keyKey, p.keyKey, p.keyPath)
	if err != nil {
		c.Detail = strings.TrimPrefix(err.Error(), "config: ")
		c.Advice = "point " + p.keyKey + " at the private key the CSR was made from (cashpos init writes it as client.key)"
		return c
	}
	pub, ok := cert.PublicKey.(interface{ Equal(crypto.PublicKey) bool })
	if !ok || !pub.Equal(key.Public()) {
		c.Detail = "the certificate " + p.certPath + " was not issued for the key " + p.keyPath
		c.Advice = "use the certificate issued for this key's CSR, or point " + p.keyKey + " at the key it was made for"
		return c
	}
	c.Status, c.Detail = OK, "matches "+p.keyPath
	return c
}

func (d *doctor) expiry(p certPair, cert *x509.Certificate) Check {
	c := Check{ID: p.id + ".expiry", Title: p.title + " dates", Status: OK}
	now := d.in.Now()
	day := func(t time.Time) string { return t.UTC().Format(time.DateOnly) }
	left := cert.NotAfter.Sub(now)
	renew := "run `cashpos init --force` for a new key and CSR, upload it in the portal, and save the new certificate at " + p.certPath
	switch {
	case now.Before(cert.NotBefore):
		c.Status, c.Detail = Fail, "not valid until "+cert.NotBefore.UTC().Format(time.RFC3339)
		c.Advice = "check this machine's clock, or wait until then"
	case left <= 0:
		c.Status, c.Detail = Fail, "expired on "+day(cert.NotAfter)
		c.Advice = renew
	case left <= expiryWarning:
		c.Status = Warn
		c.Detail = fmt.Sprintf("expires in %d days, on %s", int(left.Hours()/24), day(cert.NotAfter))
		c.Advice = "renew now: " + renew + " (the portal keeps two certificates per name, so the old one works until the new one does)"
	default:
		c.Detail = fmt.Sprintf("valid until %s (%d days)", day(cert.NotAfter), int(left.Hours()/24))
	}
	return c
}
