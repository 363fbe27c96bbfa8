package main

import (
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"

	"cashpos/config"
	"cashpos/jpm"
)

// clientOptions turns a validated configuration into bank client options:
// endpoints, the client secret or the signed-JWT assertion, and the mutual
// TLS certificate. Key material is read here, once; errors name the file,
// never its contents.
func clientOptions(cfg config.Config) (jpm.Options, error) {
	ep := cfg.Endpoints()
	o := jpm.Options{
		Endpoints:    jpm.Endpoints{Balance: ep.Balance, BDA: ep.BDA, Transactions: ep.Transactions, Token: ep.Token, Payments: ep.Payments},
		ClientID:     cfg.ClientID,
		ClientSecret: cfg.ClientSecret.Reveal(),
		Scope:        cfg.Scope,
		// "Every account the credentials are entitled to" includes BDA
		// accounts, which only the v2 API lists. The client treats a 401/403
		// from that listing as "not entitled to BDA", not as a failure.
		DiscoverBDA: len(cfg.Accounts) == 0,
	}
	if cfg.TLSCert != "" {
		pair, err := tls.LoadX509KeyPair(cfg.TLSCert, cfg.TLSKey)
		if err != nil {
			return o, usagef("config: tls_cert %s / tls_key %s: cannot load the client certificate: %v", cfg.TLSCert, cfg.TLSKey, err)
		}
		o.TLSCertificates = []tls.Certificate{pair}
	}
	if cfg.UsesSignedJWT() {
		certFile, keyFile := cfg.SigningPair()
		a, err := loadAssertion(certFile, keyFile)
		if err != nil {
			return o, err
		}
		a.Resource = cfg.Resource
		o.Assertion = a
		o.ClientSecret = ""
	}
	return o, nil
}

func loadAssertion(certFile, keyFile string) (*jpm.Assertion, error) {
	certPEM, err := os.ReadFile(certFile)
	if err != nil {
		return nil, usagef("config: signing certificate %s: %v", certFile, err)
	}
	block, _ := pem.Decode(certPEM)
	if block == nil {
		return nil, usagef("config: signing certificate %s: no PEM certificate found", certFile)
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, usagef("config: signing certificate %s: %v", certFile, err)
	}
	keyPEM, err := os.ReadFile(keyFile)
	if err != nil {
		return nil, usagef("config: signing key %s: %v", keyFile, err)
	}
	kb, _ := pem.Decode(keyPEM)
	if kb == nil {
		return nil, usagef("config: signing key %s: no PEM key found", keyFile)
	}
	key, err := parseRSAKey(kb.Bytes)
	if err != nil {
		return nil, usagef("config: signing key %s: %v", keyFile, err)
	}
	return &jpm.Assertion{Key: key, Cert: cert}, nil
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
