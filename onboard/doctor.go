package onboard

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"net/url"
	"time"

	"cashpos/config"
	"cashpos/jpm"
)

// DoctorInput is everything the doctor looks at. Package main loads the
// configuration (with config.LoadOptions.DeferFileChecks, so that the
// doctor reports file modes itself) and builds the client with no retries.
type DoctorInput struct {
	Config       config.Config
	ConfigErr    error  // Load failed: the report says so and checks nothing else
	DemoExplicit bool   // --demo was given (else demo means "no configuration found")
	ConfigPath   string // where a configuration would be read from, for the advice

	Endpoints   config.Endpoints  // effective: the embedded bank's in demo
	Client      *jpm.Client       // nil when it could not be built (ClientErr)
	ClientErr   error             // e.g. the key does not match the certificate
	ClientCerts []tls.Certificate // presented for mutual TLS
	RootCAs     *x509.CertPool    // nil: the system's (tests pin their own)
	Secrets     []string          // scrubbed from every line (client secret and the like)
	// Setting names the configuration an error's advice is about ("" if
	// none): the client speaks of typed settings, the edge knows their names.
	Setting func(error) string
	// Proxy picks the proxy for a URL as the client's transport does; nil
	// means HTTPS_PROXY / NO_PROXY (http.ProxyFromEnvironment).
	Proxy func(*url.URL) (*url.URL, error)

	Now       func() time.Time
	Timeout   time.Duration // per network step; 0 means 10s
	DebugFile string        // the --debug file, if any, for the closing hint
}

// doctor carries the state of one run from check to check.
type doctor struct {
	in      DoctorInput
	r       Report
	net     []hostResult // one per distinct host, in first-use order
	signed  bool         // the token call succeeded
	noToken string       // why there is no token, for the lines that need one
}

// Diagnose runs every check in order and returns the report. It never
// fails as a whole: each problem is a line.
func Diagnose(ctx context.Context, in DoctorInput) Report {
	if in.Now == nil {
		in.Now = time.Now
	}
	if in.Timeout <= 0 {
		in.Timeout = 10 * time.Second
	}
	d := &doctor{in: in}
	d.r.Env, d.r.Source, d.r.DebugFile = envName(in), in.Config.Source, in.DebugFile
	if d.r.Source == "" {
		d.r.Source = in.ConfigPath
	}
	if !d.checkConfig() {
		d.skipRest("the configuration did not load")
		d.r.finish()
		return d.r
	}
	d.checkPermissions()
	d.checkCertificates()
	d.net = d.probeHosts(ctx)
	d.checkClock()
	d.reportNetwork()
	d.checkToken(ctx)
	d.checkAPIs(ctx)
	d.r.finish()
	return d.r
}

// envName is the environment the configuration names — even one that did
// not load whole (a fresh `init` skeleton without its client id still says
// cat or production) — or "unknown".
func envName(in DoctorInput) string {
	switch {
	case in.Config.Demo:
		return "demo"
	case in.Config.Env != "":
		return string(in.Config.Env)
	}
	return "unknown"
}

// skipRest adds the lines that could not run, so the report always shows
// every check there is.
func (d *doctor) skipRest(why string) {
	for _, c := range []struct{ id, title string }{
		{"permissions", "file permissions"}, {"certificate", "certificate"}, {"clock", "clock"},
		{"network", "network"}, {"token", "token"},
		{"api.balances", titleBalances}, {"api.bda", titleBDA},
		{"api.transactions", titleTransactions}, {"api.payments", titlePayments},
	} {
		d.r.add(Check{ID: c.id, Title: c.title, Status: Skip, Detail: "not checked: " + why})
	}
}

// add appends a check after scrubbing its text: secrets out, and no
// control characters (a server's certificate subject or a bank's message
// must not be able to move the cursor or recolour the terminal).
func (d *doctor) add(c Check) {
	c.Detail = printable(scrub(c.Detail, d.in.Secrets))
	c.Advice = printable(scrub(c.Advice, d.in.Secrets))
	c.RequestID, c.TraceID = printable(c.RequestID), printable(c.TraceID)
	d.r.add(c)
}
