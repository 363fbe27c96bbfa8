package main

import (
	"crypto/tls"

	"cashpos/config"
	"cashpos/jpm"
)

// clientOptions turns a validated configuration into bank client options:
// endpoints, the client secret or the signed-JWT assertion, and the mutual
// TLS certificate. Key material is read by config (config/keys.go), once;
// errors name the file, never its contents.
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
		pair, err := cfg.LoadTLSPair()
		if err != nil {
			return o, err
		}
		o.TLSCertificates = []tls.Certificate{pair}
	}
	if cfg.UsesSignedJWT() {
		cert, key, err := cfg.LoadSigningPair()
		if err != nil {
			return o, err
		}
		o.Assertion = &jpm.Assertion{Key: key, Cert: cert, Resource: cfg.Resource}
		o.ClientSecret = ""
	}
	return o, nil
}
