package config

import (
	"crypto"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
)

// Reading the key material the configuration points at. It lives here,
// beside the settings that name the files, so that every command (and
// `cashpos doctor`) reads a key the same way and every error names the
// setting and the file, never the file's content.

// ReadCertificate reads the first PEM certificate of path. what names the
// file in messages ("signing certificate", "tls_cert").
func ReadCertificate(key, what, path string) (*x509.Certificate, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, rawErr(key, "%s %s: %v", what, path, err)
	}
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, rawErr(key, "%s %s: no PEM certificate found", what, path)
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, rawErr(key, "%s %s: %v", what, path, err)
	}
	return cert, nil
}

// ReadRSAKey reads an RSA private key in PKCS#1 or PKCS#8 PEM form, as the
// RS256 client assertion needs. It does not check the file's mode: Load
// has done so for every key it names.
func ReadRSAKey(key, what, path string) (*rsa.PrivateKey, error) {
	der, err := readKeyDER(key, what, path)
	if err != nil {
		return nil, err
	}
	k, err := parseRSAKey(der)
	if err != nil {
		return nil, rawErr(key, "%s %s: %v", what, path, err)
	}
	return k, nil
}

func parseRSAKey(der []byte) (*rsa.PrivateKey, error) {
	if k, err := x509.ParsePKCS1PrivateKey(der); err == nil {
		return k, nil
	}
	k, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return nil, fmt.Errorf("not an RSA private key in PKCS#1 or PKCS#8 form")
	}
	rk, ok := k.(*rsa.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("the JWT assertion needs an RSA key (RS256), this is %T", k)
	}
	return rk, nil
}

// ReadPrivateKey reads a private key of any type Go's x509 parses (PKCS#1,
// PKCS#8, SEC 1), for checks that only compare it with a certificate.
func ReadPrivateKey(key, what, path string) (crypto.Signer, error) {
	k, err := readPrivateKey(key, what, path)
	if err != nil {
		return nil, err
	}
	s, ok := k.(crypto.Signer)
	if !ok {
		return nil, rawErr(key, "%s %s: %T is not a signing key", what, path, k)
	}
	return s, nil
}

func readPrivateKey(key, what, path string) (any, error) {
	der, err := readKeyDER(key, what, path)
	if err != nil {
		return nil, err
	}
	k, err := parsePrivateKey(der)
	if err != nil {
		return nil, rawErr(key, "%s %s: %v", what, path, err)
	}
	return k, nil
}

// readKeyDER is the first PEM block of a key file.
func readKeyDER(key, what, path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, rawErr(key, "%s %s: %v", what, path, err)
	}
	kb, _ := pem.Decode(data)
	if kb == nil {
		return nil, rawErr(key, "%s %s: no PEM key found", what, path)
	}
	return kb.Bytes, nil
}

func parsePrivateKey(der []byte) (any, error) {
	if k, err := x509.ParsePKCS1PrivateKey(der); err == nil {
		return k, nil
	}
	if k, err := x509.ParsePKCS8PrivateKey(der); err == nil {
		return k, nil
	}
	if k, err := x509.ParseECPrivateKey(der); err == nil {
		return k, nil
	}
	return nil, fmt.Errorf("not a private key in PKCS#1, PKCS#8 or SEC 1 form")
}

// LoadTLSPair loads the mutual-TLS client certificate and key.
func (c Config) LoadTLSPair() (tls.Certificate, error) {
	pair, err := tls.LoadX509KeyPair(c.TLSCert, c.TLSKey)
	if err != nil {
		return pair, rawErr(c.key("tls_cert"), "tls_cert %s / tls_key %s: cannot load the client certificate: %v", c.TLSCert, c.TLSKey, err)
	}
	return pair, nil
}

// LoadSigningPair loads the certificate and RSA key that sign the JWT
// client assertion (see SigningPair).
func (c Config) LoadSigningPair() (*x509.Certificate, *rsa.PrivateKey, error) {
	certFile, keyFile := c.SigningPair()
	cert, err := ReadCertificate("signing_cert", "signing certificate", certFile)
	if err != nil {
		return nil, nil, err
	}
	key, err := ReadRSAKey("signing_key", "signing key", keyFile)
	if err != nil {
		return nil, nil, err
	}
	return cert, key, nil
}
