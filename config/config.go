package config

import (
	"time"

	"cashpos/model"

	// Embed the IANA zone database: jump hosts and minimal containers often
	// lack /usr/share/zoneinfo, and account time zones must still load.
	_ "time/tzdata"
)

// Env is the bank environment the app talks to.
type Env string

const (
	EnvMock       Env = "mock"       // JPM's public mock host, or our own mock bank in demo
	EnvCAT        Env = "cat"        // client acceptance testing
	EnvProduction Env = "production" // real money
)

// Account APIs.
const (
	APIv1  = "v1"  // Account Balances v1 (Access API), the default
	APIBDA = "bda" // BDA Account Balances v2, Blockchain Deposit Accounts only
)

// Defaults, in one place so the docs, Redacted and tests agree.
const (
	DefaultEnv             = EnvMock
	DefaultMockScope       = "jpm:payments:sandbox"
	DefaultBIC             = "CHASUS33MCY"
	DefaultTimeZone        = "America/New_York"
	DefaultAging           = 30 * time.Minute
	DefaultStale           = 2 * time.Hour
	DefaultRefreshInterval = 60 * time.Second
	MinRefreshInterval     = 10 * time.Second
	DefaultRequestTimeout  = 20 * time.Second
	// BDA account numbers are 1-10 characters (jpm-api.md §4.2). The length
	// only validates an api = "bda" entry; it never picks the API.
	MaxBDAIDLen = 10
	// DefaultCommandTimeout bounds a one-shot command (balances) as a whole,
	// retries and pages included, so a slow bank cannot keep a script waiting.
	DefaultCommandTimeout = 60 * time.Second
)

// Clock settings (config key clock, CASHPOS_CLOCK).
const (
	ClockLocal = "local"
	ClockUTC   = "utc"
)

// Account is one account to watch. After Load, API, TimeZone and (for BDA)
// BIC are always filled in.
type Account struct {
	ID       string
	Label    string // display name; empty means show the id
	Group    string // grouping for subtotals
	API      string // APIv1 or APIBDA
	BIC      string // BDA only: financialInstitutionId, 8-11 chars
	TimeZone string // IANA name; the account's business day
	// BankID is v1's accountList[].bankId (jpm-api.md §3.1: required beside
	// accountId); empty means unknown, and the client then uses the bank id
	// the bank reported for the account in an earlier answer, if any.
	BankID string
}

// Thresholds decide when a balance is shown as aging or stale.
type Thresholds struct {
	Aging time.Duration
	Stale time.Duration
}

// Config is the loaded, validated configuration. Build it with Load.
type Config struct {
	Env  Env
	Demo bool // in-process mock bank; credentials and hosts come from main, not here

	// BaseURL, when set, is one scheme://host[:port] used for every API
	// (path prefixes are kept, see Endpoints). Empty means the documented
	// hosts of Env.
	BaseURL  string
	TokenURL string // empty means derived, see Endpoints

	ClientID         string
	ClientSecret     Secret
	ClientSecretFile string // where ClientSecret was read from, if anywhere
	Scope            string
	Resource         string // IDAnywhere resource id (cat/production signed-JWT token call)

	TLSCert     string // client certificate for mutual TLS
	TLSKey      string
	SigningKey  string // JWT assertion signing pair; falls back to TLSCert/TLSKey
	SigningCert string

	Accounts        []Account // empty means every account the credentials are entitled to
	Thresholds      Thresholds
	RefreshInterval time.Duration
	RequestTimeout  time.Duration
	// RefreshTimeout bounds one dashboard refresh as a whole; zero means
	// derived from RefreshInterval (see RefreshDeadline).
	RefreshTimeout time.Duration
	// CommandTimeout bounds a one-shot command as a whole.
	CommandTimeout time.Duration
	StateDir       string
	Categories     model.CategoryTable // BAI code → category: defaults plus [bai_categories] (categories.go)
	Payments       Payments            // limits and cut-offs (payments.go)
	// Clock is how the screens show times: ClockLocal (the machine's zone,
	// named) or ClockUTC. Account business days are unaffected: they are
	// always judged in the account's own zone.
	Clock string

	Source string // where this came from, for messages ("~/.config/cashpos/config.toml, env CASHPOS_ENV")

	deferFiles bool // LoadOptions.DeferFileChecks

	// prov remembers which file key, variable or flag set each value so
	// that errors name what the user actually typed.
	prov *provenance
}

// defaults is the bottom layer. Values that depend on later layers (scope,
// state dir, account fields) are filled in by finish.
func defaults() Config {
	return Config{
		Env:             DefaultEnv,
		Thresholds:      Thresholds{Aging: DefaultAging, Stale: DefaultStale},
		RefreshInterval: DefaultRefreshInterval,
		RequestTimeout:  DefaultRequestTimeout,
		CommandTimeout:  DefaultCommandTimeout,
		Payments:        defaultPayments(),
		Clock:           ClockLocal,
		prov:            newProvenance(),
	}
}

// SigningPair returns the certificate and key files for the JWT client
// assertion: signing_cert/signing_key if given, else the mutual-TLS pair.
func (c Config) SigningPair() (certFile, keyFile string) {
	if c.SigningKey != "" || c.SigningCert != "" {
		return c.SigningCert, c.SigningKey
	}
	return c.TLSCert, c.TLSKey
}

// UsesSignedJWT reports whether the token call must use a signed JWT
// assertion (IDAnywhere, cat/production) rather than a client secret.
// A client secret wins when both are configured, since it needs no keys.
func (c Config) UsesSignedJWT() bool {
	if c.Demo || c.Env == EnvMock || c.ClientSecret.IsSet() {
		return false
	}
	_, key := c.SigningPair()
	return c.Resource != "" && key != ""
}

// RefreshDeadline is the overall deadline of one dashboard refresh:
// refresh_timeout if set, else three quarters of the refresh interval, so a
// slow refresh ends, says what it could not fetch, and leaves room before
// the next one starts.
func (c Config) RefreshDeadline() time.Duration {
	if c.RefreshTimeout > 0 {
		return c.RefreshTimeout
	}
	return c.RefreshInterval * 3 / 4
}
