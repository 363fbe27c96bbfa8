package onboard

import (
	"fmt"
	"io"
)

// WriteNextSteps prints what Init made and what to do next, in order.
func (r InitResult) WriteNextSteps(w io.Writer) {
	fmt.Fprintf(w, "Made for J.P. Morgan %s:\n", envTitle(r.Env))
	fmt.Fprintf(w, "  private key  %s\n", r.KeyPath)
	fmt.Fprintf(w, "               RSA %d bits, mode 0600: it never leaves this machine\n", r.Bits)
	fmt.Fprintf(w, "  CSR          %s\n", r.CSRPath)
	fmt.Fprintf(w, "               subject %s\n", r.Subject)
	if r.ConfigWritten {
		fmt.Fprintf(w, "  config       %s (new)\n", r.ConfigPath)
	} else {
		fmt.Fprintf(w, "  config       %s exists and was left as it is\n", r.ConfigPath)
	}
	for _, p := range r.Replaced {
		fmt.Fprintf(w, "  kept         %s (the previous file)\n", p)
	}
	fmt.Fprintf(w, "\nNext steps:\n")
	fmt.Fprintf(w, "  1. Upload the CSR: in the J.P. Morgan Payments Developer Portal open Security,\n"+
		"     choose the %s tab, Add Security, and upload\n       %s\n"+
		"     (if your certificate authority issues the certificate, send it the CSR and\n"+
		"     upload the certificate it returns).\n", portalTab(r), r.CSRPath)
	fmt.Fprintf(w, "  2. Once the certificate is issued, the portal lists its thumbprint: 40 hex\n"+
		"     digits, the SHA-1 of the certificate, upper case without colons. cashpos\n"+
		"     sends the same value as the kid of its signed token request; `cashpos\n"+
		"     doctor` prints it from your file, so you can compare the two.\n")
	fmt.Fprintf(w, "  3. Save the issued certificate (PEM, -----BEGIN CERTIFICATE-----) as\n       %s\n", r.CertPath)
	fmt.Fprintf(w, "  4. Copy two values from your project in the portal into %s:\n", r.ConfigPath)
	fmt.Fprintf(w, "       client_id = \"...\"   the project's client id\n")
	fmt.Fprintf(w, "       resource  = \"...\"   the resource id, like JPMC:URI:RS-...\n")
	if !r.ConfigWritten {
		fmt.Fprintf(w, "     and point it at this key pair:\n")
		fmt.Fprintf(w, "       env = %q\n       tls_cert = %q\n       tls_key = %q\n", r.Env, r.CertPath, r.KeyPath)
	}
	fmt.Fprintf(w, "  5. Run `cashpos doctor`: it checks the certificate, the clock, the network,\n"+
		"     the token request and each API's entitlement, and says what to fix.\n")
}

// portalTab names the Security page tab for the environment. The portal
// says "select the tab for the environment you plan to use"; the exact tab
// labels are UNCONFIRMED.
func portalTab(r InitResult) string {
	if r.Env == "production" {
		return "Production"
	}
	return "Client Testing"
}
