package onboard

import (
	"crypto/x509"
	"errors"
	"net"
	"strings"
	"syscall"
)

// How a failed network step is worded: the cause in a few words, and what
// to do about it.

func dnsReason(err error) string {
	var de *net.DNSError
	if errors.As(err, &de) && de.IsNotFound {
		return "host " + de.Name + " not found"
	}
	return innermost(err)
}

func tcpReason(err error) string {
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case isTimeout(err):
		return "no answer (timed out)"
	}
	return innermost(err)
}

func tlsReason(err error) string {
	var unknown x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	switch {
	case errors.As(err, &unknown):
		return "the server's certificate is not signed by an authority this machine trusts"
	case errors.As(err, &hostErr):
		return "the server's certificate is for another host (" + hostErr.Error() + ")"
	case errors.As(err, &invalid):
		return "the server's certificate is invalid or expired"
	case tlsAlert(err):
		return "the server refused the connection: " + innermost(err)
	case isTimeout(err):
		return "no answer to the TLS handshake (timed out)"
	}
	return innermost(err)
}

func tlsAdvice(err error) string {
	var unknown x509.UnknownAuthorityError
	switch {
	case errors.As(err, &unknown):
		return "if a corporate proxy inspects TLS, add its CA to the system trust store; never turn verification off"
	case tlsAlert(err):
		return "the bank did not accept the client certificate: check that tls_cert is the certificate registered in the portal for this environment, and that it is not expired"
	}
	return "check the URL; the server must speak TLS 1.2 or later"
}

// tlsAlert: the server sent a TLS alert (bad or missing client
// certificate, typically).
func tlsAlert(err error) bool {
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Op == "remote error" {
		return true
	}
	return strings.Contains(err.Error(), "remote error: tls:")
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// innermost is the root cause's text, without the operation and address
// prefixes net adds.
func innermost(err error) string {
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Err != nil {
		err = oe.Err
	}
	return oneLine(err.Error())
}

// httpReason and httpAdvice word a connection that was accepted but gave
// no HTTP answer.
func httpReason(err error) string {
	if isTimeout(err) {
		return "the host accepted the connection but sent no answer in time"
	}
	return innermost(err)
}

func httpAdvice(err error) string {
	if isTimeout(err) {
		return "the bank, or a proxy or firewall in between, holds connections without answering: try again later, and ask the network team if it persists"
	}
	return "check the URL: the host does not answer HTTP"
}
