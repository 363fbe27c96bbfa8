package mock

import (
	"encoding/json"
	"net"
	"net/http"
)

// admin serves the mock's own control endpoints, for standalone use
// (`cashpos mock-server`) from curl or tests in other processes:
//
//	GET  /_mock/faults    the fault switchboard as JSON
//	POST /_mock/faults    patch it: {"latency":"250ms","failNext":2,"failStatus":503,
//	                      "rateLimitNext":1,"retryAfter":5,"dropNext":1,"loseNext":1,"down":true,
//	                      "noEligibleAccounts":false,"clockSkew":"-10m",
//	                      "notEntitled":["balances","bda","transactions","payments"],
//	                      "expireTokens":true,"reset":true}
//	GET  /_mock/accounts  the book (AccountInfo list)
//	GET  /_mock/payments  every payment the bank holds, with its status now
//
// There is no authentication on purpose: the endpoints exist for a developer
// driving a local mock, and adding credentials would only mean a second
// secret to manage. In exchange they answer loopback peers only, so a mock
// bound to a wider interface still cannot be reconfigured from the network.
func (b *Bank) admin(w http.ResponseWriter, r *http.Request) {
	if !fromLoopback(r) {
		writeJSON(w, http.StatusForbidden, adminError{"the /_mock endpoints answer loopback clients only"})
		return
	}
	switch {
	case r.URL.Path == AccountsPath:
		writeJSON(w, http.StatusOK, b.Accounts())
	case r.URL.Path == AdminPaymentsPath:
		writeJSON(w, http.StatusOK, b.Payments())
	case r.Method == http.MethodGet:
		writeJSON(w, http.StatusOK, b.faults.State())
	default:
		var p faultPatch
		dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10))
		dec.DisallowUnknownFields() // a typo such as "failnext" must not silently do nothing
		if err := dec.Decode(&p); err != nil {
			writeJSON(w, http.StatusBadRequest, adminError{"bad fault patch: " + err.Error()})
			return
		}
		s, err := b.faults.patch(p)
		if err != nil {
			writeJSON(w, http.StatusBadRequest, adminError{"bad fault patch: " + err.Error()})
			return
		}
		writeJSON(w, http.StatusOK, s)
	}
}

type adminError struct {
	Error string `json:"error"`
}

// fromLoopback reports whether the peer is on a loopback address. A
// RemoteAddr that does not parse (a direct ServeHTTP call in a test) counts
// as local: no network was involved.
func fromLoopback(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return true
	}
	ip := net.ParseIP(host)
	return ip == nil || ip.IsLoopback()
}
