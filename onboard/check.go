package onboard

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Status is a check's outcome.
type Status string

const (
	OK   Status = "ok"   // ✓
	Warn Status = "warn" // ! works, but look at it
	Fail Status = "fail" // ✗ the dashboard cannot work until this is fixed
	Skip Status = "skip" // – not checked, and why
)

var glyphs = map[Status]string{OK: "✓", Warn: "!", Fail: "✗", Skip: "–"}

// Check is one line of the doctor's report.
type Check struct {
	ID        string `json:"id"`    // stable, for scripts: "config", "token", "api.balances"
	Title     string `json:"title"` // for people: "token"
	Status    Status `json:"status"`
	Detail    string `json:"detail"`           // what was found
	Advice    string `json:"advice,omitempty"` // what to do, when not ok
	RequestID string `json:"request_id,omitempty"`
	TraceID   string `json:"trace_id,omitempty"`
}

// Report is the whole diagnosis.
type Report struct {
	Env       string  `json:"env"`    // demo, mock, cat, production
	Source    string  `json:"source"` // where the configuration came from
	OK        bool    `json:"ok"`     // nothing failed: the dashboard can connect
	Passed    int     `json:"passed"`
	Warnings  int     `json:"warnings"`
	Failed    int     `json:"failed"`
	Skipped   int     `json:"skipped"`
	Checks    []Check `json:"checks"`
	DebugHint string  `json:"debug_hint,omitempty"`
	DebugFile string  `json:"debug_file,omitempty"`
}

func (r *Report) add(c Check) { r.Checks = append(r.Checks, c) }

// finish counts the outcomes and adds the --debug hint when a check that
// talked to the bank failed or warned: the debug file records requests, so
// a bad config file or a missing certificate, found before anything was
// sent, has nothing for it to show.
func (r *Report) finish() {
	r.Passed, r.Warnings, r.Failed, r.Skipped = 0, 0, 0, 0
	requestFailed := false
	for _, c := range r.Checks {
		requestFailed = requestFailed || (talksToBank(c.ID) && (c.Status == Fail || c.Status == Warn))
		switch c.Status {
		case OK:
			r.Passed++
		case Warn:
			r.Warnings++
		case Fail:
			r.Failed++
		default:
			r.Skipped++
		}
	}
	r.OK = r.Failed == 0
	switch {
	case !requestFailed:
	case r.DebugFile != "":
		r.DebugHint = "every request of this run is recorded in " + r.DebugFile + " (method, path, status, Request-Id, trace id; no secrets): send it to J.P. Morgan support with the failing line"
	default:
		r.DebugHint = "run `cashpos doctor --debug FILE` to record every request (method, path, status, Request-Id, trace id; no secrets) for J.P. Morgan support"
	}
}

// talksToBank says whether the check with this id sends something to the
// bank's hosts (the network probe, the clock read from its answer, the
// token and the API calls); the others only read local files.
func talksToBank(id string) bool {
	return id == "token" || id == "clock" || strings.HasPrefix(id, "network.") || strings.HasPrefix(id, "api.")
}

// WriteText prints one line per check: glyph, title, what was found and,
// when not ok, what to do after an arrow; then a summary line. With width
// > 0 (a terminal) long lines wrap at word boundaries under their text
// rather than mid-word; width 0 keeps one line per check, for grep.
func (r Report) WriteText(w io.Writer, width int) {
	fmt.Fprint(w, wrap("cashpos doctor · "+r.Env+" · "+r.Source, width, "  ")+"\n\n")
	for _, c := range r.Checks {
		line := glyphs[c.Status] + " " + c.Title + ": " + c.Detail
		if ids := idsOf(c); ids != "" {
			line += " " + ids
		}
		if c.Advice != "" && c.Status != OK {
			line += " → " + c.Advice
		}
		fmt.Fprintln(w, wrap(line, width, "  "))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, wrap(r.summary(), width, ""))
	if r.DebugHint != "" {
		fmt.Fprintln(w, wrap("For support: "+r.DebugHint+".", width, ""))
	}
}

// wrap breaks s at spaces so that no line is wider than width runes,
// continuing lines with indent. A word longer than a line stays whole.
func wrap(s string, width int, indent string) string {
	if width <= 0 || utf8.RuneCountInString(s) <= width {
		return s
	}
	var b strings.Builder
	n := 0
	for i, word := range strings.Split(s, " ") {
		wl := utf8.RuneCountInString(word)
		switch {
		case i == 0:
		case n+1+wl > width:
			b.WriteString("\n" + indent)
			n = utf8.RuneCountInString(indent)
		default:
			b.WriteByte(' ')
			n++
		}
		b.WriteString(word)
		n += wl
	}
	return b.String()
}

func idsOf(c Check) string {
	var ids []string
	if c.RequestID != "" {
		ids = append(ids, "request-id "+c.RequestID)
	}
	if c.TraceID != "" {
		ids = append(ids, "trace-id "+c.TraceID)
	}
	if len(ids) == 0 {
		return ""
	}
	return "[" + strings.Join(ids, ", ") + "]"
}

func (r Report) summary() string {
	counts := fmt.Sprintf("%d passed, %d %s, %d failed, %d not checked", r.Passed, r.Warnings, plural(r.Warnings, "warning", "warnings"), r.Failed, r.Skipped)
	switch {
	case r.Failed > 0:
		return counts + ": the dashboard cannot connect until the ✗ lines are fixed."
	case r.Warnings > 0:
		return counts + ": the dashboard can connect; the ! lines say what is limited."
	default:
		return counts + ": the dashboard can connect."
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// WriteJSON prints the report as one indented JSON object.
func (r Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}
