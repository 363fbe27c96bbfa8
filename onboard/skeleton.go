package onboard

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"cashpos/config"
)

// envTitle names an environment as the J.P. Morgan portal does.
func envTitle(env config.Env) string {
	if env == config.EnvProduction {
		return "production"
	}
	return "client testing (CAT)"
}

// skeleton is the commented config.toml Init writes for r.Env: paths filled
// in, the two ids left empty with a comment saying where they come from.
// Until they are filled in, config.Load says which one is missing; once
// they are (and the certificate is saved), it loads as is.
func skeleton(r InitResult, now time.Time) string {
	q := strconv.Quote
	var b strings.Builder
	fmt.Fprintf(&b, `# cashpos configuration for J.P. Morgan %s.
# Written by "cashpos init" on %s. To finish:
#   1. fill in client_id and resource below from the J.P. Morgan Payments
#      Developer Portal;
#   2. save the certificate the portal issues for %s
#      at the tls_cert path below;
#   3. run "cashpos doctor".
# CASHPOS_* environment variables override this file; flags override both.
# Every key is described in the README (Configuration).

env = %s

# Your project's client id, from the portal.
client_id = ""

# The IDAnywhere resource id from onboarding, like "JPMC:URI:RS-000000-...".
# It and the key below make the signed token request (no client secret).
resource = ""

# The certificate the portal issued for your CSR, and its private key. They
# serve mutual TLS and sign the token request. The key never leaves this
# machine and must stay chmod 600.
tls_cert = %s
tls_key = %s

# Accounts to watch. With none listed, every account the client is entitled
# to is shown. An account is read through Account Balances v1 unless it
# says api = "bda" (BDA Balances v2).
# [[accounts]]
# id = "000000010962009"
# label = "Operating"
# group = "US Operating"
# time_zone = "America/New_York"
`, envTitle(r.Env), now.UTC().Format(time.DateOnly), r.CSRPath, q(string(r.Env)), q(r.CertPath), q(r.KeyPath))
	return b.String()
}
