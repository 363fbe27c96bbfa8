// Package config loads, checks and describes cashpos's configuration.
//
// Sources, lowest to highest precedence: built-in defaults, the TOML file,
// CASHPOS_* environment variables, command-line flags (see [Overrides]).
// With no configuration at all the app runs in demo mode against its own
// in-process mock bank, so a first `cashpos` shows something useful.
//
// The file is $CASHPOS_CONFIG, else $XDG_CONFIG_HOME/cashpos/config.toml,
// else ~/.config/cashpos/config.toml. Every key is optional; unknown keys
// are an error so that a typo never silently falls back to a default.
// Relative paths in the file are relative to the file's directory.
//
//	env = "production"                    # mock | cat | production (default mock)
//	base_url = ""                         # one scheme://host[:port] for every API; empty = documented hosts
//	token_url = ""                        # empty = documented token endpoint for env
//	client_id = "..."
//	client_secret_file = "/path/secret"   # or client_secret (discouraged: it sits in this file)
//	scope = ""                            # mock default jpm:payments:sandbox
//	resource = "JPMC:URI:RS-..."          # IDAnywhere resource id for the signed-JWT token call
//	tls_cert = "/path/cert.pem"           # mutual TLS client certificate ...
//	tls_key = "/path/key.pem"             # ... and key (must be chmod 600)
//	signing_key = ""                      # JWT signing key/cert if not the TLS pair
//	signing_cert = ""
//	state_dir = ""                        # default $XDG_STATE_HOME/cashpos or ~/.local/state/cashpos
//	refresh_interval = "60s"              # at least 10s
//	request_timeout = "20s"               # one attempt of one call
//	refresh_timeout = ""                  # one whole dashboard refresh; default 3/4 of refresh_interval
//	command_timeout = "60s"               # one whole one-shot command (balances)
//	clock = "local"                       # times on screen: local or utc (CASHPOS_CLOCK)
//
//	[staleness]
//	aging = "30m"                         # balances older than this are marked aging
//	stale = "2h"                          # ... and older than this stale
//
//	[[accounts]]
//	id = "000000010962009"                # Account Balances v1 (the default, whatever the id length)
//	bank_id = "02100002"                  # sent as accountList[].bankId; default: as the bank last reported it
//	label = "Operating"
//	group = "US Operating"
//	time_zone = "America/New_York"
//
//	[[accounts]]
//	id = "1234567890"                     # BDA Balances v2
//	api = "bda"
//	bic = "CHASUS33MCY"
//
// The same example lives in testdata/example.toml, where a test keeps it
// loadable.
//
// Secrets are held as [Secret], which prints as [redacted] through fmt,
// JSON, text marshalling and slog; only Reveal returns the value. No error
// built here contains a secret's content.
package config
