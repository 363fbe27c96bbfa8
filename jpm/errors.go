package jpm

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"strconv"
	"strings"
	"time"
	"unicode"

	"cashpos/model"
)

// Names of the calls as the user sees them in error messages.
const (
	apiBalanceV1 = "balances v1"
	apiBDA       = "BDA balances v2"
	apiToken     = "token"
)

// APIError is a bank answer that was not the data we asked for: an HTTP
// error status, an error body in a 2xx response, or a body we could not read
// as JSON. Error() is one line for the user; errors.Is maps it onto the
// model sentinels so the UI never needs the wire shape.
type APIError struct {
	API        string // "balances v1", "BDA balances v2", "token"
	HTTPStatus int
	Code       string // "GCA-099", "10001", "invalid_client"; empty if none
	Message    string // the bank's message, cleaned to one short line
	Title      string // common error model title, e.g. "Bad Request"
	Field      string // common error model context[].field (or location)
	RequestID  string // our Request-Id, or the bank's echo of it
	TraceID    string // the bank's traceId, for J.P. Morgan support

	// ContentType is set when the answer was not JSON at all: the body's
	// media type (an HTML page from a proxy), or "redirect to <host>".
	// The body itself is never kept.
	ContentType string

	malformed  bool          // a 2xx we could not read as the documented shape
	attempts   int           // how many attempts were made, for the message
	retryAfter time.Duration // Retry-After, if the bank sent one
	advice     string        // overrides the default "what to do"
	setting    Setting       // overrides the default Setting()
	body       string        // the raw error body, kept for payments only; never printed (a string keeps APIError comparable)
}

// Is matches the model sentinel for the failure kind, so
// errors.Is(err, model.ErrUnauthorized) and friends work, while
// errors.Unwrap keeps returning the real cause (none: an APIError is the
// bank's answer itself), as go-github's ErrorResponse does.
func (e *APIError) Is(target error) bool { return target == e.kind() }

func (e *APIError) kind() error {
	switch e.Code {
	case "GCA-001", "GCA-003", "14000", "invalid_client", "invalid_grant",
		"unauthorized_client", "access_denied", "invalid_scope":
		return model.ErrUnauthorized
	case "GCA-022":
		return model.ErrNoEligibleAccounts
	case "GCA-099":
		return model.ErrUnavailable
	case "GCA-009", "GCA-023", "GCA-010":
		return model.ErrBadRequest
	}
	switch s := e.HTTPStatus; {
	case s == 401 || s == 403:
		return model.ErrUnauthorized
	case s == 429 || s >= 500:
		return model.ErrUnavailable
	case e.API == apiToken && s >= 400:
		// Any other refusal from the token endpoint (invalid_request,
		// ADFS MSIS codes) is a credentials/config problem too.
		return model.ErrUnauthorized
	case s >= 400:
		return model.ErrBadRequest
	case strings.HasPrefix(e.Code, "10"):
		return model.ErrBadRequest
	}
	return model.ErrUnavailable
}

// Error is one line: what failed, why (status, code and the bank's
// message), what to do, and the ids J.P. Morgan support will ask for.
func (e *APIError) Error() string {
	var b strings.Builder
	if e.API != apiToken {
		b.WriteString(e.API)
		b.WriteString(": ")
	}
	b.WriteString(e.headline())
	if d := e.detail(); d != "" {
		b.WriteString(" (")
		b.WriteString(d)
		b.WriteString(")")
	}
	if e.attempts > 1 {
		fmt.Fprintf(&b, " after %d attempts", e.attempts)
	}
	b.WriteString("; ")
	b.WriteString(e.todo())
	if e.RequestID != "" || e.TraceID != "" {
		b.WriteString(" [")
		if e.RequestID != "" {
			b.WriteString("request-id " + e.RequestID)
		}
		if e.TraceID != "" {
			if e.RequestID != "" {
				b.WriteString(", ")
			}
			b.WriteString("trace-id " + e.TraceID)
		}
		b.WriteString("]")
	}
	return b.String()
}

func (e *APIError) headline() string {
	if e.ContentType != "" {
		if e.API == apiToken {
			return "token endpoint gave an unexpected response"
		}
		return "unexpected response"
	}
	if e.malformed {
		return "unreadable answer from the bank"
	}
	k := e.kind()
	if e.API == apiToken {
		switch k {
		case model.ErrUnauthorized:
			return "bank refused the client credentials"
		default:
			return "token endpoint unavailable"
		}
	}
	switch k {
	case model.ErrUnauthorized:
		if e.HTTPStatus == 401 {
			return "the bank refused the access token even after signing in again"
		}
		return "the bank refused access"
	case model.ErrNoEligibleAccounts:
		return "no eligible accounts for these credentials"
	case model.ErrBadRequest:
		return "the bank rejected the request"
	default:
		return "bank unavailable"
	}
}

// detail is the "why": status, code and message, or for an unreadable body
// its status and content type only (never the body: it may be a proxy's
// page full of internal hostnames, or worse).
func (e *APIError) detail() string {
	if e.ContentType != "" {
		return fmt.Sprintf("HTTP %d, %s", e.HTTPStatus, e.ContentType)
	}
	var parts []string
	if e.HTTPStatus != 0 && e.API != apiToken && !e.malformed {
		parts = append(parts, "HTTP "+strconv.Itoa(e.HTTPStatus))
	}
	why := e.Code
	switch {
	case why != "" && e.Message != "":
		why += ": " + e.Message
	case why == "" && e.Message != "":
		why = e.Message
	case why == "" && e.Title != "":
		why = e.Title
	}
	if why != "" {
		parts = append(parts, why)
	}
	if e.Field != "" {
		parts = append(parts, "field "+e.Field)
	}
	if len(parts) == 0 && e.HTTPStatus != 0 {
		parts = append(parts, "HTTP "+strconv.Itoa(e.HTTPStatus))
	}
	return strings.Join(parts, ", ")
}

func (e *APIError) todo() string {
	if e.advice != "" {
		return e.advice
	}
	if e.ContentType != "" {
		if e.API == apiToken {
			return "a gateway or proxy answered instead of the token endpoint; try again later, and check the token URL if it persists"
		}
		return "a gateway or proxy answered instead of the bank; try again later, and check the base URL if it persists"
	}
	if e.malformed {
		return "the last good data stays valid; report this to J.P. Morgan with the request id if it persists"
	}
	switch e.kind() {
	case model.ErrUnauthorized:
		if e.API == apiToken {
			if e.Code == "invalid_scope" {
				return "check the OAuth scope"
			}
			return "check the client id and the client secret"
		}
		return "check that the client is entitled to this API and its accounts"
	case model.ErrNoEligibleAccounts:
		return "ask J.P. Morgan to entitle the client to cash-reporting accounts"
	case model.ErrBadRequest:
		if e.Code == "GCA-009" || e.Code == "GCA-010" {
			return "check the watched account ids"
		}
		return "check the accounts and dates in the configuration"
	default:
		if e.API == apiTransactions { // no last-good copy of transactions exists
			return "try again later"
		}
		return "the last good data stays valid; try again later"
	}
}

// problem is the short form shown on a row whose batch failed.
func (e *APIError) problem() *model.AccountProblem {
	code := e.Code
	if code == "" && e.HTTPStatus != 0 {
		code = "HTTP " + strconv.Itoa(e.HTTPStatus)
	}
	return &model.AccountProblem{Code: code, Message: e.Error()}
}

// NetworkError is a call that got no usable HTTP answer: refused, reset,
// closed mid-response, timed out, or a TLS failure.
type NetworkError struct {
	API    string
	Host   string
	Reason string // short and human: "connection refused", "no answer within 20s"
	Err    error  // the underlying error, for errors.Is/As

	attempts  int
	retryable bool
	advice    string  // overrides "check the network or …"
	setting   Setting // what the advice points at, if not the URL
}

func (e *NetworkError) Error() string {
	what := "check the network or the base URL"
	if e.API == apiToken {
		what = "check the network or the token URL"
	}
	if e.advice != "" {
		what = e.advice
	}
	s := fmt.Sprintf("%s: cannot reach %s: %s", e.API, e.Host, e.Reason)
	if e.attempts > 1 {
		s += fmt.Sprintf(" (after %d attempts)", e.attempts)
	}
	return s + "; " + what
}

// Is matches model.ErrUnavailable; Unwrap is the real cause.
func (e *NetworkError) Is(target error) bool { return target == model.ErrUnavailable }

func (e *NetworkError) Unwrap() error { return e.Err }

func (e *NetworkError) problem() *model.AccountProblem {
	return &model.AccountProblem{Code: "NETWORK", Message: e.Error()}
}

// requestError is a request we refused to send because the bank would
// reject it (a bad date range); nothing went over the wire.
type requestError struct {
	api string
	msg string
	// setting, when the request could not be made for want of
	// configuration, is what the advice points at (main names it).
	setting Setting
}

func (e *requestError) Error() string {
	return e.api + ": cannot send the request: " + e.msg
}

func (e *requestError) Is(target error) bool { return target == model.ErrBadRequest }

func refuse(api, format string, args ...any) error {
	return &requestError{api: api, msg: fmt.Sprintf(format, args...)}
}

// Setting is what the advice of e points at, if anything.
func (e *requestError) Setting() Setting { return e.setting }

// unconfigured refuses a request for want of a setting; the message says
// what is missing in the client's words, the Setting lets main name it.
func unconfigured(api string, s Setting, format string, args ...any) error {
	return &requestError{api: api, msg: fmt.Sprintf(format, args...), setting: s}
}

// problemFor turns a failed batch's error into the Problem its rows carry.
func problemFor(err error) *model.AccountProblem {
	var ae *APIError
	var ne *NetworkError
	switch {
	case isDeadline(err):
		return &model.AccountProblem{Code: "DEADLINE", Message: "not fetched: " + err.Error()}
	case errors.As(err, &ae):
		return ae.problem()
	case errors.As(err, &ne):
		return ne.problem()
	default:
		return &model.AccountProblem{Code: "ERROR", Message: err.Error()}
	}
}

// errorBody covers both error families J.P. Morgan uses:
//
//	legacy GCA:    {"errors":[{"errorCode":"GCA-099","errorMsg":"System is Unavailable"}]}
//	common model:  {"title","httpStatus","traceId","requestId","context":[{"code","message","location","field"}]}
//
// plus the OAuth shape {"error","error_description"} some gateways return.
type errorBody struct {
	Errors json.RawMessage `json:"errors"`

	Title      string `json:"title"`
	HTTPStatus int    `json:"httpStatus"`
	TraceID    string `json:"traceId"`
	RequestID  string `json:"requestId"`
	Context    []struct {
		Code     string `json:"code"`
		Message  string `json:"message"`
		Location string `json:"location"`
		Field    string `json:"field"`
	} `json:"context"`

	OAuthError       string `json:"error"`
	ErrorDescription string `json:"error_description"`
}

// gcaError is one legacy entry. GP v1 nests errorDetails with
// errorDescription; taken when errorCode is on the detail instead.
type gcaError struct {
	ErrorCode        string `json:"errorCode"`
	ErrorMsg         string `json:"errorMsg"`
	ErrorDescription string `json:"errorDescription"`
	ErrorDetails     []struct {
		ErrorCode        string `json:"errorCode"`
		ErrorDescription string `json:"errorDescription"`
	} `json:"errorDetails"`
}

func (g gcaError) codeMsg() (string, string) {
	code, msg := g.ErrorCode, g.ErrorMsg
	if msg == "" {
		msg = g.ErrorDescription
	}
	if code == "" && len(g.ErrorDetails) > 0 {
		code, msg = g.ErrorDetails[0].ErrorCode, g.ErrorDetails[0].ErrorDescription
	}
	return code, msg
}

// parseErrorBody fills e from a JSON error body in one of the known
// shapes; it reports whether the body was JSON at all. Of a body that is
// not, nothing is used.
func parseErrorBody(e *APIError, data []byte) (isJSON bool) {
	var eb errorBody
	if len(data) == 0 || json.Unmarshal(data, &eb) != nil {
		return false
	}
	found := false
	if len(eb.Errors) > 0 && eb.Errors[0] == '[' {
		var list []gcaError
		if json.Unmarshal(eb.Errors, &list) == nil && len(list) > 0 {
			e.Code, e.Message = list[0].codeMsg()
			if len(list) > 1 {
				e.Message = strings.TrimSpace(e.Message + fmt.Sprintf(" (+%d more)", len(list)-1))
			}
			found = e.Code != "" || e.Message != ""
		}
	} else if len(eb.Errors) > 0 && eb.Errors[0] == '{' {
		var one gcaError
		if json.Unmarshal(eb.Errors, &one) == nil {
			e.Code, e.Message = one.codeMsg()
			found = e.Code != "" || e.Message != ""
		}
	}
	if eb.Title != "" || len(eb.Context) > 0 {
		found = true
		e.Title = clean(eb.Title)
		if len(eb.Context) > 0 {
			c := eb.Context[0]
			e.Code, e.Message = c.Code, c.Message
			e.Field = c.Field
			if e.Field == "" && c.Location != "" {
				e.Field = "in " + strings.ToLower(c.Location)
			}
		} else {
			e.Message = eb.Title
		}
	}
	if !found && eb.OAuthError != "" {
		e.Code, e.Message = eb.OAuthError, eb.ErrorDescription
	}
	if eb.TraceID != "" {
		e.TraceID = clean(eb.TraceID)
	}
	if eb.RequestID != "" {
		e.RequestID = clean(eb.RequestID)
	}
	e.Code = clean(e.Code)
	e.Message = clean(e.Message)
	e.Field = clean(e.Field)
	return true
}

// decodeFailure is a 2xx answer we could not read: not JSON at all (a
// proxy's HTML page), or JSON that breaks the documented shape.
func decodeFailure(api string, r *response, err error) *APIError {
	e := &APIError{API: api, HTTPStatus: r.status, RequestID: r.requestID}
	mt := mediaType(r.contentType)
	if !isJSON(mt) && (len(r.body) == 0 || (r.body[0] != '{' && r.body[0] != '[')) {
		e.ContentType = mt
		return e
	}
	e.malformed = true
	e.Message = describeDecodeError(err)
	return e
}

func isJSON(mediaType string) bool {
	return mediaType == "application/json" || strings.HasSuffix(mediaType, "+json")
}

// describeDecodeError says what was wrong without quoting the body.
func describeDecodeError(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("not valid JSON (at byte %d)", syn.Offset)
	case errors.As(err, &typ):
		if typ.Field != "" {
			return fmt.Sprintf("%s is a JSON %s, not the documented type", typ.Field, typ.Value)
		}
		return fmt.Sprintf("a JSON %s where the documented shape has something else", typ.Value)
	}
	return clean(err.Error())
}

// newAPIError builds the error for a non-2xx answer (or a 2xx carrying an
// error body). The raw body never reaches the message: a body that is not
// JSON (a proxy's HTML page) is described by its content type only; an
// empty one by its status.
func newAPIError(api string, status int, contentType string, data []byte, requestID string) *APIError {
	e := &APIError{API: api, HTTPStatus: status, RequestID: requestID}
	if !parseErrorBody(e, data) && len(bytes.TrimSpace(data)) > 0 {
		e.ContentType = mediaType(contentType)
	}
	return e
}

func mediaType(ct string) string {
	if ct == "" {
		return "no content type"
	}
	if mt, _, err := mime.ParseMediaType(ct); err == nil {
		return mt
	}
	return "unreadable content type"
}

// clean makes bank text safe for a one-line message: no control
// characters or newlines, at most 160 runes.
func clean(s string) string {
	const max = 160
	var b strings.Builder
	n := 0
	for _, r := range strings.TrimSpace(s) {
		if n == max {
			b.WriteString("…")
			break
		}
		if unicode.IsControl(r) {
			r = ' '
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// Short names for the sentinels kind() returns, for switches.
var (
	errUnauthorized = model.ErrUnauthorized
	errBadRequest   = model.ErrBadRequest
)
