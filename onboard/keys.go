package onboard

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
)

// KeyBits is the size of the RSA key `cashpos init` makes: 3072 bits.
// J.P. Morgan asks for RSA of at least 2048 bits (its key-management rules
// for certificates), and the signed token request is RS256, so RSA it is.
// 3072 rather than 2048 because NIST SP 800-57 rates 2048-bit RSA
// (112-bit strength) acceptable only through 2030, while a key made today
// is easily renewed onto a certificate that outlives that; 3072 bits is
// the 128-bit level. The cost is a slower key generation (about a second,
// once) and a signature per token fetch, which is negligible.
const KeyBits = 3072

// Object identifiers for the extensions the CSR asks for.
var (
	oidExtKeyUsage     = asn1.ObjectIdentifier{2, 5, 29, 37}
	oidKeyUsage        = asn1.ObjectIdentifier{2, 5, 29, 15}
	oidClientAuth      = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 2}
	keyUsageDigitalSig = asn1.BitString{Bytes: []byte{0x80}, BitLength: 1} // digitalSignature (bit 0)
)

// newCSR makes a PEM certificate signing request for key with subject,
// signed SHA256-RSA. It asks for client authentication (the certificate
// serves mutual TLS) and digital signature (it signs the JWT assertion);
// J.P. Morgan's rules say a certificate that carries an extended key usage
// must include client authentication.
func newCSR(key *rsa.PrivateKey, subject pkix.Name) ([]byte, error) {
	eku, err := asn1.Marshal([]asn1.ObjectIdentifier{oidClientAuth})
	if err != nil {
		return nil, err
	}
	ku, err := asn1.Marshal(keyUsageDigitalSig)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.CertificateRequest{
		Subject:            subject,
		SignatureAlgorithm: x509.SHA256WithRSA,
		ExtraExtensions: []pkix.Extension{
			{Id: oidKeyUsage, Critical: true, Value: ku},
			{Id: oidExtKeyUsage, Value: eku},
		},
	}
	der, err := x509.CreateCertificateRequest(rand.Reader, tmpl, key)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: der}), nil
}

// keyPEM is key in PKCS#8 PEM, the form openssl genpkey writes and
// config.ReadRSAKey reads.
func keyPEM(key *rsa.PrivateKey) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}

// writeNew writes data to a file that must not exist yet (O_EXCL: two runs
// at once cannot both write a key), with mode perm, synced to disk before
// it counts as written; a half-written file is removed.
func writeNew(path string, data []byte, perm fs.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

// privateDir creates dir 0700 (and missing parents 0700), and refuses an
// existing one that group or others can enter: it holds a private key.
func privateDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s is not a directory", dir)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("%s has mode %04o; a directory holding a private key must not be open to group or others (chmod 700 %s)",
			dir, fi.Mode().Perm(), dir)
	}
	return nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil || !errors.Is(err, fs.ErrNotExist)
}
