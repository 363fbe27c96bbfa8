package mock

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// APISet is a set of the bank's APIs, for the NotEntitled fault. On the
// wire (GET/POST /_mock/faults) it is a list of names:
// {"notEntitled":["transactions","payments"]}.
type APISet uint8

// The APIs, by the names the fault switchboard uses.
const (
	APIBalances     APISet = 1 << iota // Account Balances v1, /accessapi
	APIBDABalances                     // BDA Balances v2, /account/v2
	APITransactions                    // Transaction Details, /tsapi/v2|v3/transactions
	APIPayments                        // Global Payments, /payment/v2 (and GP v1 /tsapi/v1/payments)
	allAPIs         = APIBalances | APIBDABalances | APITransactions | APIPayments
)

var apiNames = []struct {
	api  APISet
	name string
}{
	{APIBalances, "balances"},
	{APIBDABalances, "bda"},
	{APITransactions, "transactions"},
	{APIPayments, "payments"},
}

// apiOf names the API a request path belongs to, by its documented prefix
// (jpm-api.md §1.1), so routes added later are covered without a list of
// their own. Zero for anything else (token, admin, unknown).
func apiOf(path string) APISet {
	switch {
	case strings.HasPrefix(path, "/accessapi/"):
		return APIBalances
	case strings.HasPrefix(path, "/account/v2/"):
		return APIBDABalances
	case strings.HasPrefix(path, "/payment/v2/"), strings.HasPrefix(path, "/tsapi/v1/payments"):
		return APIPayments
	case strings.HasPrefix(path, "/tsapi/"):
		return APITransactions
	}
	return 0
}

func (s APISet) MarshalJSON() ([]byte, error) {
	names := []string{}
	for _, a := range apiNames {
		if s&a.api != 0 {
			names = append(names, a.name)
		}
	}
	return json.Marshal(names)
}

func (s *APISet) UnmarshalJSON(b []byte) error {
	var names []string
	if err := json.Unmarshal(b, &names); err != nil {
		return fmt.Errorf(`want a list of API names such as ["transactions"]`)
	}
	var out APISet
next:
	for _, n := range names {
		for _, a := range apiNames {
			if strings.EqualFold(n, a.name) {
				out |= a.api
				continue next
			}
		}
		return fmt.Errorf("unknown API %q; known: balances, bda, transactions, payments", n)
	}
	*s = out
	return nil
}

// writeNotEntitled answers a call the credentials are not entitled to:
// 403 with GCA-001 "client not eligible" in the legacy shape (documented
// for GP v1, jpm-api.md §7; for the other legacy APIs UNCONFIRMED) or
// 14000 "security failure" in the common error model (§2).
func (b *Bank) writeNotEntitled(w http.ResponseWriter, r *http.Request, fam family) {
	if fam != familyGCA { // BDA v2, and every later API of the common model (GP2)
		b.writeCommon(w, r, http.StatusForbidden, errContext{Code: codeSecurity,
			Message: "Security failure: client is not entitled to this API", Location: locHeader, Field: "Authorization"})
		return
	}
	writeGCA(w, http.StatusForbidden, gcaNotEligible, "Client is not eligible for this service")
}

// dated sets the Date header from the bank's own clock, moved by the
// ClockSkew fault. net/http would otherwise stamp the host's wall clock,
// which a test or demo with an injected clock does not share.
func (b *Bank) dated(w http.ResponseWriter) {
	w.Header().Set("Date", b.now().Add(b.faults.clockSkew()).UTC().Format(http.TimeFormat))
}
