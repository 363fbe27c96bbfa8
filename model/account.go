package model

import (
	"sync"
	"time"
)

// API names the bank API an account's balances come from. The two report the
// same idea in different shapes; the client maps both onto Balance.
type API string

const (
	// APIAccessV1 is Account Balances v1 (POST /accessapi/balance).
	APIAccessV1 API = "v1"
	// APIBDAV2 is BDA Balances v2 (/account/v2/accounts/balances), for
	// Blockchain Deposit Accounts only.
	APIBDAV2 API = "bda"
)

// Account is a bank account as the analyst knows it: the bank's id plus the
// label and group from the configuration.
type Account struct {
	ID       string   `json:"id"`
	Name     string   `json:"name,omitempty"`  // the bank's account name
	Label    string   `json:"label,omitempty"` // the analyst's own name for it (config)
	Group    string   `json:"group,omitempty"` // config grouping, e.g. "US Operating"
	BankID   string   `json:"bankId,omitempty"`
	BankName string   `json:"bankName,omitempty"`
	Currency Currency `json:"currency"`
	API      API      `json:"api"`
	BIC      string   `json:"bic,omitempty"` // BDA v2 financial institution id
	// TimeZone is the IANA zone the bank evaluates the account's current
	// day in; empty means DefaultTimeZone.
	TimeZone string `json:"timeZone,omitempty"`
}

// DefaultTimeZone is used for accounts with no configured zone: J.P. Morgan's
// US cash reporting day runs on New York time.
const DefaultTimeZone = "America/New_York"

// DisplayName is the label if the analyst gave one, else the bank's name,
// else the id.
func (a Account) DisplayName() string {
	switch {
	case a.Label != "":
		return a.Label
	case a.Name != "":
		return a.Name
	default:
		return a.ID
	}
}

// MaskedNumber shows only the last four digits ("••••2009"), as bank portals
// do, so a shoulder-surfer on a shared screen learns nothing useful.
func (a Account) MaskedNumber() string {
	id := a.ID
	if len(id) <= 4 {
		return id
	}
	return "••••" + id[len(id)-4:]
}

// Location loads the account's time zone, falling back to DefaultTimeZone and
// then UTC, so a bad zone name never stops a report.
func (a Account) Location() *time.Location {
	name := a.TimeZone
	if name == "" {
		name = DefaultTimeZone
	}
	return loadLocation(name)
}

// locations caches time.LoadLocation, which reads and parses the zone file on
// every call: staleness is classified per row per frame, and at 10,000
// accounts that file I/O was nearly half of a frame.
var locations sync.Map // zone name -> *time.Location

func loadLocation(name string) *time.Location {
	if loc, ok := locations.Load(name); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		loc = time.UTC
		if name != DefaultTimeZone {
			loc = loadLocation(DefaultTimeZone)
		}
	}
	locations.Store(name, loc)
	return loc
}

// AccountRef is one watched account as the configuration names it.
type AccountRef struct {
	ID       string
	Label    string
	Group    string
	API      API
	BIC      string
	TimeZone string
	// BankID is sent beside the id in v1 requests when known: from the
	// config, or as the bank reported it in an earlier answer.
	BankID string
}

// NormalID is an account id without the leading zeros the bank pads v1 ids
// with ("000000010962009" and "10962009" are one account); an all-zero id
// stays as it is. Use it as the key wherever two answers must be matched.
func NormalID(id string) string {
	for i := 0; i < len(id); i++ {
		if id[i] != '0' {
			return id[i:]
		}
	}
	return id
}
