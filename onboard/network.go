package onboard

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"cashpos/config"
)

// hostResult is what the network steps found for one host.
type hostResult struct {
	addr   string   // host:port
	scheme string   // https, or http (loopback only)
	uses   []string // which calls go there: token, balances, ...
	path   string   // a path of the first use, for the HTTP step

	failed string // the step that failed: dns, tcp, tls, http; "" when all passed
	why    string // its reason, one line
	advice string

	ips           int
	proxy         string // host:port of the proxy the client goes through, if any
	tlsVersion    string
	serverSubject string
	serverIssuer  string
	clientAsked   bool   // the server asked for a client certificate
	clientSent    string // subject of the certificate sent, "" if none
	status        int
	date          time.Time // the Date header of the answer
	received      time.Time // our clock when the answer came
}

// use is one call the client makes, and where to.
type use struct{ name, raw string }

func (d *doctor) uses() []use {
	ep := d.in.Endpoints
	return []use{{"token", ep.Token}, {"balances", ep.Balance}, {"BDA", ep.BDA},
		{"transactions", ep.Transactions}, {"payments", ep.Payments}}
}

// probeHosts runs the network steps once per distinct host.
func (d *doctor) probeHosts(ctx context.Context) []hostResult {
	var out []hostResult
	index := map[string]int{}
	var urls []*url.URL
	for _, u := range d.uses() {
		pu, err := url.Parse(u.raw)
		if err != nil || pu.Host == "" {
			continue
		}
		key := pu.Scheme + "://" + hostPort(pu)
		if i, ok := index[key]; ok {
			out[i].uses = append(out[i].uses, u.name)
			continue
		}
		index[key] = len(out)
		out = append(out, hostResult{addr: hostPort(pu), scheme: pu.Scheme, uses: []string{u.name}, path: pu.EscapedPath()})
		urls = append(urls, pu)
	}
	for i := range out {
		d.probeHost(ctx, &out[i], urls[i])
	}
	return out
}

func hostPort(u *url.URL) string {
	if u.Port() != "" {
		return u.Host
	}
	if u.Scheme == "http" {
		return net.JoinHostPort(u.Hostname(), "80")
	}
	return net.JoinHostPort(u.Hostname(), "443")
}

// probeHost: DNS, TCP (through the proxy the client would use, with a
// CONNECT tunnel), TLS with the client certificate, then one HEAD request
// for the server's Date header. Each step is timed out on its own.
func (d *doctor) probeHost(ctx context.Context, h *hostResult, u *url.URL) {
	proxy, err := d.proxyFor(u)
	if err != nil {
		h.failed, h.why, h.advice = "proxy", "the proxy setting cannot be used: "+oneLine(err.Error()), "check HTTPS_PROXY and NO_PROXY"
		return
	}
	dialAddr := h.addr
	if proxy != nil {
		if proxy.Scheme != "http" || h.scheme != "https" {
			h.failed, h.why = "proxy", "only an http:// proxy tunnelling to an https host is checked here (proxy "+proxy.Scheme+"://"+proxy.Host+")"
			h.advice = "the token and API lines below still go through the proxy"
			return
		}
		h.proxy, dialAddr = proxy.Host, hostPort(proxy)
	}
	conn, ok := d.dial(ctx, h, dialAddr)
	if !ok {
		return
	}
	defer conn.Close()
	deadline := time.Now().Add(2 * d.in.Timeout)
	if cd, ok := ctx.Deadline(); ok && cd.Before(deadline) {
		deadline = cd // the run's overall deadline bounds the raw connection too
	}
	conn.SetDeadline(deadline)
	if proxy != nil && !tunnel(h, conn, proxy) {
		return
	}
	if h.scheme == "https" {
		tc := tls.Client(conn, d.tlsConfig(h, u.Hostname()))
		if err := tc.HandshakeContext(ctx); err != nil {
			h.failed, h.why, h.advice = "tls", tlsReason(err), tlsAdvice(err)
			return
		}
		st := tc.ConnectionState()
		h.tlsVersion = tls.VersionName(st.Version)
		if len(st.PeerCertificates) > 0 {
			h.serverSubject = st.PeerCertificates[0].Subject.String()
			h.serverIssuer = st.PeerCertificates[0].Issuer.String()
		}
		conn = tc
	}
	d.head(h, conn, u)
}

// proxyFor is the proxy the client would use for u: the injected one, else
// HTTPS_PROXY / NO_PROXY as net/http reads them (loopback never proxied).
func (d *doctor) proxyFor(u *url.URL) (*url.URL, error) {
	if d.in.Proxy != nil {
		return d.in.Proxy(u)
	}
	return http.ProxyFromEnvironment(&http.Request{URL: u})
}

// dial resolves and connects to addr (the bank's host, or the proxy).
func (d *doctor) dial(ctx context.Context, h *hostResult, addr string) (net.Conn, bool) {
	host, _, _ := net.SplitHostPort(addr)
	if net.ParseIP(host) == nil {
		cctx, cancel := context.WithTimeout(ctx, d.in.Timeout)
		ips, err := net.DefaultResolver.LookupHost(cctx, host)
		cancel()
		if err != nil {
			h.failed, h.why = "dns", dnsReason(err)
			h.advice = "check the host name in the configuration, and this machine's DNS (corporate networks often need a proxy: set HTTPS_PROXY)"
			if h.proxy != "" {
				h.advice = "check the proxy's host name in HTTPS_PROXY"
			}
			return nil, false
		}
		h.ips = len(ips)
	}
	dialer := net.Dialer{Timeout: d.in.Timeout}
	conn, err := dialer.DialContext(ctx, "tcp", addr)
	if err != nil {
		h.failed, h.why = "tcp", tcpReason(err)
		h.advice = "the bank's host did not accept a connection: check the URL and port, the firewall, or whether the bank (or mock) is running"
		if h.proxy != "" {
			h.why = "to proxy " + h.proxy + ": " + h.why
			h.advice = "the proxy did not accept a connection: check HTTPS_PROXY"
		}
		return nil, false
	}
	return conn, true
}

// tunnel asks the proxy for a CONNECT tunnel to the bank's host. Proxy
// credentials from the URL are sent, never shown.
func tunnel(h *hostResult, conn net.Conn, proxy *url.URL) bool {
	req := &http.Request{Method: http.MethodConnect, URL: &url.URL{Opaque: h.addr}, Host: h.addr, Header: http.Header{}}
	if u := proxy.User; u != nil {
		pw, _ := u.Password()
		req.Header.Set("Proxy-Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(u.Username()+":"+pw)))
	}
	if err := req.Write(conn); err != nil {
		h.failed, h.why, h.advice = "proxy", innermost(err), "check HTTPS_PROXY"
		return false
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), req)
	if err != nil {
		h.failed, h.why, h.advice = "proxy", "no answer to CONNECT: "+innermost(err), "check HTTPS_PROXY"
		return false
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		h.failed, h.why = "proxy", fmt.Sprintf("proxy %s refused the tunnel to %s (%s)", h.proxy, h.addr, res.Status)
		h.advice = "if it asks for credentials (407), put them in HTTPS_PROXY (http://user:password@proxy:port); else ask the network team to allow " + h.addr
		return false
	}
	return true
}

// tlsConfig verifies the server (never switched off) and records whether
// it asked for a client certificate and which one was sent.
func (d *doctor) tlsConfig(h *hostResult, host string) *tls.Config {
	return &tls.Config{
		ServerName: host,
		RootCAs:    d.in.RootCAs,
		MinVersion: tls.VersionTLS12,
		GetClientCertificate: func(cri *tls.CertificateRequestInfo) (*tls.Certificate, error) {
			h.clientAsked = true
			for i := range d.in.ClientCerts {
				c := &d.in.ClientCerts[i]
				if cri.SupportsCertificate(c) == nil {
					h.clientSent = leafSubject(c)
					return c, nil
				}
			}
			return &tls.Certificate{}, nil // none: the server decides
		},
	}
}

func leafSubject(c *tls.Certificate) string {
	if c.Leaf != nil {
		return c.Leaf.Subject.String()
	}
	if len(c.Certificate) > 0 {
		if leaf, err := x509.ParseCertificate(c.Certificate[0]); err == nil {
			return leaf.Subject.String()
		}
	}
	return "(unreadable)"
}

// head sends one HEAD request on the open connection and reads the
// answer's status and Date. Any status will do: only the clock matters,
// and that the server speaks HTTP (with TLS 1.3 this is also where a
// refused client certificate shows).
func (d *doctor) head(h *hostResult, conn net.Conn, u *url.URL) {
	req := &http.Request{Method: http.MethodHead, URL: &url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path},
		Host: u.Host, Header: http.Header{"User-Agent": {"cashpos-doctor"}, "Connection": {"close"}},
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1}
	if err := req.Write(conn); err != nil {
		h.failed, h.why, h.advice = "http", httpReason(err), httpAdvice(err)
		return
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), req)
	if err != nil {
		h.failed, h.why, h.advice = "http", httpReason(err), httpAdvice(err)
		if tlsAlert(err) {
			h.failed, h.why, h.advice = "tls", tlsReason(err), tlsAdvice(err)
		}
		return
	}
	res.Body.Close()
	h.status, h.received = res.StatusCode, d.in.Now()
	if t, err := http.ParseTime(res.Header.Get("Date")); err == nil {
		h.date = t
	}
}

// reportNetwork adds one line per host.
func (d *doctor) reportNetwork() {
	for _, h := range d.net {
		c := Check{ID: "network." + h.addr, Title: "network " + h.addr, Status: OK}
		served := "for " + strings.Join(h.uses, ", ")
		switch {
		case h.failed != "":
			c.Status = Fail
			if !d.hostNeeded(h) {
				c.Status = Warn
			}
			c.Detail = served + ": " + strings.ToUpper(h.failed) + " failed: " + h.why
			c.Advice = h.advice
		default:
			c.Detail = served + ": " + h.passed()
		}
		d.add(c)
	}
}

// passed says what worked, step by step.
func (h hostResult) passed() string {
	var steps []string
	if h.ips > 0 {
		steps = append(steps, fmt.Sprintf("DNS %d %s", h.ips, plural(h.ips, "address", "addresses")))
	}
	if h.proxy != "" {
		steps = append(steps, "TCP connected to proxy "+h.proxy, "CONNECT tunnel open")
	} else {
		steps = append(steps, "TCP connected")
	}
	if h.scheme == "https" {
		s := h.tlsVersion + " to " + h.serverSubject + " (issuer " + h.serverIssuer + ")"
		switch {
		case h.clientSent != "":
			s += ", client certificate " + h.clientSent + " presented"
		case h.clientAsked:
			s += ", asked for a client certificate and none was configured"
		default:
			s += ", no client certificate asked for"
		}
		steps = append(steps, s)
	} else {
		steps = append(steps, "plain http (loopback only)")
	}
	steps = append(steps, "HTTP answered")
	return strings.Join(steps, ", ")
}

// hostNeeded: a host the dashboard needs (token, balances, and BDA when
// BDA accounts are configured) fails the report; one serving only what the
// dashboard can do without warns.
func (d *doctor) hostNeeded(h hostResult) bool {
	bda := false
	for _, a := range d.in.Config.Accounts {
		bda = bda || a.API == config.APIBDA
	}
	for _, u := range h.uses {
		if u == "token" || u == "balances" || (u == "BDA" && bda) {
			return true
		}
	}
	return false
}

// reachable reports whether the host serving use passed the network
// steps.
func (d *doctor) reachable(name string) (ok bool, why string) {
	for _, h := range d.net {
		for _, u := range h.uses {
			if u == name && h.failed != "" {
				return false, h.addr + " is unreachable (" + strings.ToUpper(h.failed) + ")"
			}
		}
	}
	return true, ""
}
