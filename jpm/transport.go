package jpm

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// httpClient builds the one *http.Client every call (token and API) goes
// through. With client certificates it clones the base *http.Transport and
// adds them for mutual TLS; server verification is never switched off.
func httpClient(o Options) (*http.Client, error) {
	var base http.RoundTripper = http.DefaultTransport
	if o.HTTPClient != nil && o.HTTPClient.Transport != nil {
		base = o.HTTPClient.Transport
	}
	t, isTransport := base.(*http.Transport)
	if len(o.TLSCertificates) > 0 {
		if !isTransport {
			return nil, errors.New("jpm: client certificates need an *http.Transport as the HTTP client's transport")
		}
		t = t.Clone()
		cfg := &tls.Config{}
		if t.TLSClientConfig != nil {
			cfg = t.TLSClientConfig.Clone()
		}
		cfg.Certificates = append(cfg.Certificates, o.TLSCertificates...)
		cfg.MinVersion = max(cfg.MinVersion, tls.VersionTLS12)
		t.TLSClientConfig = cfg
		base = t
	}
	if isTransport && t.TLSClientConfig != nil && t.TLSClientConfig.InsecureSkipVerify {
		return nil, errors.New("jpm: refusing an HTTP transport with InsecureSkipVerify: the bank's certificate must be verified")
	}
	if o.Debug != nil {
		now := o.Now
		if now == nil {
			now = time.Now
		}
		base = &debugTransport{next: base, now: now, mu: &sync.Mutex{}, w: o.Debug}
	}
	return &http.Client{
		Transport: base,
		// An API never redirects; a redirect is a login page or a
		// misconfigured proxy. Follow none, so the 3xx surfaces as an
		// unexpected response and no credential is replayed elsewhere.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		// No Client.Timeout: each attempt has its own context deadline,
		// which also bounds reading the body.
	}, nil
}

// checkURL refuses missing or non-HTTP URLs, and plain http anywhere but
// loopback: the client secret and bearer tokens must not cross a network
// in clear text. Loopback http is what the demo mock bank and tests use.
func checkURL(name, raw string) error {
	if raw == "" {
		return &settingError{fmt.Sprintf("jpm: no %s; set it", name), urlSetting(name)}
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return &settingError{fmt.Sprintf("jpm: the %s %q is not an absolute URL", name, redactURL(raw)), urlSetting(name)}
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if isLoopback(u.Hostname()) {
			return nil
		}
		return &settingError{fmt.Sprintf("jpm: refusing plain http for the %s (%s); use https (http is allowed only for loopback)", name, u.Host), urlSetting(name)}
	default:
		return &settingError{fmt.Sprintf("jpm: the %s must be an https URL, not %q", name, u.Scheme), urlSetting(name)}
	}
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func urlSetting(name string) Setting {
	if name == "token URL" {
		return SettingTokenURL
	}
	return SettingBaseURL
}
