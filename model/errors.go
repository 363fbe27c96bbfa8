package model

import "errors"

// Kinds of failure the screens and the CLI treat differently. The bank
// client wraps its typed errors so errors.Is finds these; the UI and main
// never need to know the wire shape of an error.
var (
	// ErrUnauthorized: the bank refused our credentials (bad client id or
	// secret, missing entitlement). Retrying will not help; fixing config will.
	ErrUnauthorized = errors.New("credentials refused")
	// ErrNoEligibleAccounts: the credentials work but are entitled to no
	// cash-reporting account (Account Balances GCA-022).
	ErrNoEligibleAccounts = errors.New("no eligible accounts")
	// ErrUnavailable: the bank or the network did not answer usefully
	// (timeout, reset, 5xx, 429 after retries). Last good data stays valid.
	ErrUnavailable = errors.New("bank unavailable")
	// ErrBadRequest: the bank rejected the request's content; a bug or a
	// config problem (unknown account, bad date range).
	ErrBadRequest = errors.New("request rejected")
)

// ErrInterrupted: the user stopped the program (ctrl+c, SIGINT, SIGTERM)
// before the work was done. Not a bank failure.
var ErrInterrupted = errors.New("interrupted")
