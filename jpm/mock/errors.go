package mock

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
)

// writeJSON writes v as the whole response. HTML escaping is off so names
// such as "R&D" read naturally in curl; encoding/json output is otherwise
// deterministic (struct field order), which the byte-identical-body promise
// relies on.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Only our own wire structs are encoded here; failure is a bug.
		panic("mock: encoding response: " + err.Error())
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// ---- (a) legacy GCA shape: Account Balances v1 and everything unrouted ----

// GCA codes. GCA-009/010/022/099 are documented (jpm-api §3.3); the rest are
// the mock's choice and UNCONFIRMED, as is every HTTP status paired with a
// GCA code.
const (
	gcaNotEligible = "GCA-001" // client not eligible (403), jpm-api §7
	gcaBadToken    = "GCA-003" // missing/unknown/expired bearer token — UNCONFIRMED code
	gcaNoneFound   = "GCA-009" // none of the submitted accounts found
	gcaOneNotFound = "GCA-010" // one submitted account not found (others still returned)
	gcaNoEligible  = "GCA-022" // no eligible accounts for the credentials
	gcaBadRequest  = "GCA-023" // request validation failure — UNCONFIRMED code
	gcaUnavailable = "GCA-099" // "System is Unavailable" (JPM demo mock, HTTP 500)
	gcaNotFound    = "GCA-404" // unknown route — invented, UNCONFIRMED
	gcaRateLimited = "GCA-429" // rate limited — invented, UNCONFIRMED (no published limits)
)

type gcaError struct {
	ErrorCode string `json:"errorCode"`
	ErrorMsg  string `json:"errorMsg"`
}

type gcaBody struct {
	Errors []gcaError `json:"errors"`
}

func writeGCA(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, gcaBody{Errors: []gcaError{{ErrorCode: code, ErrorMsg: msg}}})
}

// ---- (b) common error model: BDA v2 (and GP2) ----

// Common-model validation codes (jpm-api §2).
const (
	codeMissing     = "10001" // mandatory field missing
	codeMinLength   = "10002"
	codeMaxLength   = "10003"
	codeMinValue    = "10100"
	codeMaxValue    = "10101"
	codeRange       = "10102"
	codeBadFormat   = "10103"
	codeBadValue    = "10104"
	codeSecurity    = "14000"
	locBody         = "BODY"
	locQuery        = "QUERY"
	locHeader       = "HEADER"
	msgRateLimited  = "The agreed upon rate limit for this API has been exceeded" // GP2 429 wording
	msgUnavailable  = "System is Unavailable"
	titleBadRequest = "Bad Request"
)

type errContext struct {
	Code     string `json:"code,omitempty"`
	Message  string `json:"message"`
	Location string `json:"location,omitempty"`
	Field    string `json:"field,omitempty"`
}

type commonError struct {
	Title      string       `json:"title"`
	HTTPStatus int          `json:"httpStatus"`
	TraceID    string       `json:"traceId"`
	RequestID  string       `json:"requestId,omitempty"`
	Context    []errContext `json:"context"`
}

// writeCommon writes the common error model. requestId echoes a valid
// Request-Id header and is omitted otherwise.
func (b *Bank) writeCommon(w http.ResponseWriter, r *http.Request, status int, ctx ...errContext) {
	writeJSON(w, status, commonError{
		Title:      http.StatusText(status),
		HTTPStatus: status,
		TraceID:    b.traceID(),
		RequestID:  validRequestID(r),
		Context:    ctx,
	})
}

// validRequestID is the Request-Id header when it obeys the 1–36 character
// rule (jpm-api §2), else "" so an invalid id is never echoed.
func validRequestID(r *http.Request) string {
	id := r.Header.Get("Request-Id")
	if len(id) > 36 {
		return ""
	}
	return id
}

// family selects the error-body shape an API answers in.
type family int

const (
	familyGCA    family = iota // v1 Access API
	familyCommon               // BDA v2
	familyGP2                  // Global Payments 2: the common model, with its 12999/12995 codes on 503
)

// writeFault writes a non-validation failure (5xx, 429, 401) in the
// family's shape; msg says why a 401 was refused.
func (b *Bank) writeFault(w http.ResponseWriter, r *http.Request, fam family, status int, msg string) {
	if fam == familyGP2 && status >= 500 {
		// GP2 documents 12995 (with Retry-After) and 12999 as its 503 codes
		// (jpm-api §6.7); other 5xx carry no published code.
		c := errContext{Message: msgUnavailable}
		if status == http.StatusServiceUnavailable {
			c.Code = "12999"
			if w.Header().Get("Retry-After") != "" {
				c.Code = "12995"
			}
		}
		b.writeCommon(w, r, status, c)
		return
	}
	if fam == familyCommon || fam == familyGP2 {
		var c errContext
		switch status {
		case http.StatusTooManyRequests:
			c = errContext{Message: msgRateLimited}
		case http.StatusUnauthorized:
			c = errContext{Code: codeSecurity, Message: "Security failure: " + msg, Location: locHeader, Field: "Authorization"}
		default:
			// No code is published for v2 5xx context entries: the code is
			// omitted rather than invented (UNCONFIRMED).
			c = errContext{Message: msgUnavailable}
		}
		b.writeCommon(w, r, status, c)
		return
	}
	switch status {
	case http.StatusTooManyRequests:
		writeGCA(w, status, gcaRateLimited, "Too Many Requests")
	case http.StatusUnauthorized:
		writeGCA(w, status, gcaBadToken, "Unauthorized: "+msg)
	default:
		writeGCA(w, status, gcaUnavailable, msgUnavailable)
	}
}
