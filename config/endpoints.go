package config

import "strings"

// Endpoints are the bases of each API, each including its documented path
// prefix, so callers append only the operation path ("/balance",
// "/accounts/balances", "/transactions", "/payments"). Token is the full
// OAuth2 token endpoint.
type Endpoints struct {
	Balance      string // Account Balances v1: <host>/accessapi
	BDA          string // BDA Balances v2:     <host>/account/v2
	Transactions string // Transaction Details: <host>/tsapi/v3
	Payments     string // Global Payments 2:   <host>/payment/v2
	Token        string
}

// Documented path prefixes (jpm-api.md §1.1). CASHPOS_BASE_URL keeps them.
const (
	balancePrefix      = "/accessapi"
	bdaPrefix          = "/account/v2"
	transactionsPrefix = "/tsapi/v3"
	paymentsPrefix     = "/payment/v2"
)

// envHosts lists one environment's hosts (scheme://host, no path).
type envHosts struct {
	balance, bda, transactions, payments string
	token                                string // full URL
	tokenPath                            string // used with BaseURL when no token_url is given
}

const (
	mockHost      = "https://api-mock.payments.jpmorgan.com"
	mockTokenPath = "/am/oauth2/alpha/access_token"
	mockToken     = "https://id.payments.jpmorgan.com" + mockTokenPath
	adfsTokenPath = "/adfs/oauth2/token"
	adfsToken     = "https://idag2.jpmorganchase.com" + adfsTokenPath // same for cat and production (jpm-api.md §1.3)
)

// hosts is the single table of bank hosts per environment, from
// jpm-api.md §1.1. Hosts marked UNCONFIRMED are not in a J.P. Morgan
// published spec; change them here when onboarding tells you otherwise, or
// set CASHPOS_BASE_URL.
var hosts = map[Env]envHosts{
	EnvMock: {
		// Account Balances v1 and Transaction Details have no mock host:
		// these 404 on api-mock. Users of the mock env who need them must
		// point CASHPOS_BASE_URL at a mock that serves them (cashpos
		// mock-server).
		balance:      mockHost,
		transactions: mockHost,
		bda:          mockHost,
		payments:     mockHost,
		token:        mockToken,
		tokenPath:    mockTokenPath,
	},
	EnvCAT: {
		// From JPM's demo app (UF config), not the published spec.
		balance:      "https://apigatewayqaf.jpmorgan.com",
		transactions: "https://apigatewayqaf.jpmorgan.com",
		payments:     "https://api-sandbox.payments.jpmorgan.com",
		// UNCONFIRMED: the BDA spec lists no client-testing server; this is
		// the payments sandbox host by analogy.
		bda:       "https://api-sandbox.payments.jpmorgan.com",
		token:     adfsToken,
		tokenPath: adfsTokenPath,
	},
	EnvProduction: {
		// UNCONFIRMED: the mTLS gateway host for balances is known only from
		// 3rd-party code, and for transactions only by analogy.
		balance:      "https://apigateway.jpmorgan.com",
		transactions: "https://apigateway.jpmorgan.com",
		payments:     "https://api.payments.jpmorgan.com",
		bda:          "https://api.payments.jpmorgan.com",
		token:        adfsToken,
		tokenPath:    adfsTokenPath,
	},
}

// Endpoints returns where each API lives. With BaseURL set every API uses
// it, and so does the token call unless TokenURL is set (at the env's
// documented token path), so a local mock bank needs one URL only.
// An unknown Env yields the mock hosts, never production ones.
func (c Config) Endpoints() Endpoints {
	h, ok := hosts[c.Env]
	if !ok {
		h = hosts[EnvMock]
	}
	if base := strings.TrimRight(c.BaseURL, "/"); base != "" {
		h = envHosts{
			balance: base, bda: base, transactions: base, payments: base,
			token: base + h.tokenPath,
		}
	}
	token := h.token
	if c.TokenURL != "" {
		token = c.TokenURL
	}
	return Endpoints{
		Balance:      h.balance + balancePrefix,
		BDA:          h.bda + bdaPrefix,
		Transactions: h.transactions + transactionsPrefix,
		Payments:     h.payments + paymentsPrefix,
		Token:        token,
	}
}
