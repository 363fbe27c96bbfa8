package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"cashpos/model"
)

// The last-good snapshot's own on-disk format. It is versioned and spelled
// out here, field by field, instead of reusing model's JSON tags: renaming a
// model field must never silently change (or misread) what is on disk.
//
// Version 1 was model.Snapshot's JSON; it is not read (it carried no
// version, no bounds and, in one case, a secret from an error body), and is
// replaced at the next good refresh.
const (
	lkgFormat  = "cashpos-last-good"
	lkgVersion = 2

	maxSnapshotBytes = 64 << 20 // 100,000 accounts is about 60 MB
	maxRows          = 100_000
	maxText          = 512 // bytes of any one text field
	maxIntDigits     = 30  // as the client's amount bounds (jpm/amount.go)
	maxFracDigits    = 18
)

type diskSnapshot struct {
	Format    string       `json:"format"`
	Version   int          `json:"version"`
	FetchedAt string       `json:"fetched_at"`
	Partial   bool         `json:"partial,omitempty"`
	Unread    []diskUnread `json:"unread,omitempty"`
	Rows      []diskRow    `json:"rows"`
}

type diskUnread struct {
	What   string `json:"what"`
	API    string `json:"api,omitempty"`
	Reason string `json:"reason"`
}

type diskRow struct {
	AccountID    string     `json:"account_id"`
	Name         string     `json:"name,omitempty"`
	Label        string     `json:"label,omitempty"`
	Group        string     `json:"group,omitempty"`
	BankID       string     `json:"bank_id,omitempty"`
	BankName     string     `json:"bank_name,omitempty"`
	Currency     string     `json:"currency"`
	Decimals     int32      `json:"decimals"`
	CurrencyName string     `json:"currency_name,omitempty"`
	API          string     `json:"api"`
	BIC          string     `json:"bic,omitempty"`
	TimeZone     string     `json:"time_zone,omitempty"`
	AsOfDate     string     `json:"as_of_date,omitempty"`
	RecordTime   string     `json:"record_time,omitempty"`
	CurrentDay   bool       `json:"current_day"`
	Amounts      [4]*string `json:"amounts"` // opening available, opening ledger, ending available, ending ledger
	FetchedAt    string     `json:"fetched_at"`
	ProblemCode  string     `json:"problem_code,omitempty"`
	ProblemText  string     `json:"problem,omitempty"`
	Offline      bool       `json:"offline,omitempty"`
	Note         string     `json:"note,omitempty"`
}

func encodeSnapshot(s model.Snapshot) ([]byte, error) {
	d := diskSnapshot{Format: lkgFormat, Version: lkgVersion, FetchedAt: stamp(s.FetchedAt), Partial: s.Partial,
		Rows: make([]diskRow, 0, len(s.Balances))}
	for _, u := range s.Unread {
		d.Unread = append(d.Unread, diskUnread{What: storable(u.What), API: storable(string(u.API)), Reason: storable(u.Reason)})
	}
	for _, b := range s.Balances {
		r := toDisk(b).tidy()
		if checkTexts(r.AccountID) != nil {
			// An id is never altered (see tidy); one the loader would refuse
			// is left out and named instead, so the rest still loads.
			d.Unread = append(d.Unread, diskUnread{What: "account " + storable(r.AccountID),
				Reason: "not kept in the saved last good data: the bank's account id holds control characters or is too long"})
			continue
		}
		if checkTexts(r.BankID) != nil {
			r.BankID = "" // optional: the next answer gives it again
		}
		d.Rows = append(d.Rows, r)
	}
	return json.Marshal(d)
}

// tidy makes the row's display text pass the loader's checks, so a bank
// that puts an escape sequence or a 2 KB name in an account never makes
// the whole snapshot unreadable at every start (the loader refuses the
// file, the next save writes the same text again). Identifiers (account
// and bank id) are kept exact: a changed id would be a different account
// when the snapshot is merged, and the bank id is sent back to the bank.
func (r diskRow) tidy() diskRow {
	for _, f := range []*string{&r.Name, &r.Label, &r.Group, &r.BankName, &r.CurrencyName, &r.BIC,
		&r.TimeZone, &r.ProblemCode, &r.ProblemText, &r.Note} {
		*f = storable(*f)
	}
	return r
}

// storable is s as checkTexts accepts it: valid UTF-8, each control
// character replaced by U+FFFD (every screen and report strips them anyway),
// at most maxText bytes, cut at a character boundary.
func storable(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return utf8.RuneError
		}
		return r
	}, s)
	for len(s) > maxText {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	return s
}

func toDisk(b model.Balance) diskRow {
	a := b.Account
	r := diskRow{AccountID: a.ID, Name: a.Name, Label: a.Label, Group: a.Group, BankID: a.BankID, BankName: a.BankName,
		Currency: a.Currency.Code, Decimals: a.Currency.Decimals, CurrencyName: a.Currency.Description,
		API: string(a.API), BIC: a.BIC, TimeZone: a.TimeZone, AsOfDate: b.AsOfDate, RecordTime: stamp(b.RecordTime),
		CurrentDay: b.CurrentDay, FetchedAt: stamp(b.FetchedAt), Offline: b.Offline, Note: b.Note}
	for i, c := range model.AmountColumns {
		if n := b.Amount(c); n.Valid {
			s := n.Decimal.String()
			r.Amounts[i] = &s
		}
	}
	if b.Problem != nil {
		r.ProblemCode, r.ProblemText = b.Problem.Code, b.Problem.Message
		if r.ProblemCode == "" && r.ProblemText == "" {
			r.ProblemCode = "ERROR"
		}
	}
	return r
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// decodeSnapshot reads and validates every field: a snapshot is shown as
// "last good" money, so anything out of shape refuses the whole file.
func decodeSnapshot(raw []byte) (*model.Snapshot, error) {
	var d diskSnapshot
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		var head struct {
			Format  string `json:"format"`
			Version int    `json:"version"`
		}
		if json.Unmarshal(raw, &head) == nil && head.Format == "" {
			return nil, errors.New("it is in an older format without a version")
		}
		return nil, fmt.Errorf("it is not a snapshot (%s)", jsonProblem(err))
	}
	switch {
	case d.Format != lkgFormat:
		return nil, errors.New("it is not a cashpos snapshot")
	case d.Version != lkgVersion:
		return nil, fmt.Errorf("it is format version %d; this cashpos reads version %d", d.Version, lkgVersion)
	case len(d.Rows) > maxRows:
		return nil, fmt.Errorf("it has %d rows, more than %d", len(d.Rows), maxRows)
	}
	s := &model.Snapshot{Partial: d.Partial, Balances: make([]model.Balance, 0, len(d.Rows))}
	var err error
	if s.FetchedAt, err = parseStamp("fetched_at", d.FetchedAt); err != nil {
		return nil, err
	}
	for _, u := range d.Unread {
		if err := checkTexts(u.What, u.API, u.Reason); err != nil {
			return nil, fmt.Errorf("unread: %w", err)
		}
		s.Unread = append(s.Unread, model.Unread{What: u.What, API: model.API(u.API), Reason: u.Reason})
	}
	for i, r := range d.Rows {
		b, err := r.balance()
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", i+1, err)
		}
		s.Balances = append(s.Balances, b)
	}
	return s, nil
}

func (r diskRow) balance() (model.Balance, error) {
	if err := r.check(); err != nil {
		return model.Balance{}, err
	}
	b := model.Balance{
		Account: model.Account{ID: r.AccountID, Name: r.Name, Label: r.Label, Group: r.Group, BankID: r.BankID,
			BankName: r.BankName, Currency: model.Currency{Code: r.Currency, Decimals: r.Decimals, Description: r.CurrencyName},
			API: model.API(r.API), BIC: r.BIC, TimeZone: r.TimeZone},
		AsOfDate: r.AsOfDate, CurrentDay: r.CurrentDay, Offline: r.Offline, Note: r.Note,
	}
	var err error
	if b.RecordTime, err = parseStamp("record_time", r.RecordTime); err != nil {
		return b, err
	}
	if b.FetchedAt, err = parseStamp("fetched_at", r.FetchedAt); err != nil {
		return b, err
	}
	amounts := [4]*decimal.NullDecimal{&b.OpeningAvailable, &b.OpeningLedger, &b.EndingAvailable, &b.EndingLedger}
	for i, s := range r.Amounts {
		if s == nil {
			continue
		}
		d, err := parseAmount(*s)
		if err != nil {
			return b, err
		}
		*amounts[i] = decimal.NullDecimal{Decimal: d, Valid: true}
	}
	if r.ProblemCode != "" || r.ProblemText != "" {
		b.Problem = &model.AccountProblem{Code: r.ProblemCode, Message: r.ProblemText}
	}
	return b, nil
}

// check validates the row's plain fields.
func (r diskRow) check() error {
	if err := checkTexts(r.AccountID, r.Name, r.Label, r.Group, r.BankID, r.BankName, r.CurrencyName,
		r.BIC, r.TimeZone, r.ProblemCode, r.ProblemText, r.Note); err != nil {
		return err
	}
	switch {
	case r.AccountID == "":
		return errors.New("no account id")
	case r.API != string(model.APIAccessV1) && r.API != string(model.APIBDAV2):
		return fmt.Errorf("api %q is neither v1 nor bda", r.API)
	case r.Decimals < 0 || r.Decimals > model.MaxDecimals:
		return fmt.Errorf("minor units %d are outside 0-%d", r.Decimals, model.MaxDecimals)
	case !isCurrencyCode(r.Currency) && !(r.Currency == "" && r.ProblemCode != ""):
		return fmt.Errorf("currency %q is not a 3-letter code", r.Currency)
	case r.AsOfDate != "" && !isDate(r.AsOfDate):
		return fmt.Errorf("as-of date %q is not YYYY-MM-DD", r.AsOfDate)
	}
	return nil
}

func checkTexts(texts ...string) error {
	for _, s := range texts {
		if len(s) > maxText {
			return fmt.Errorf("a text field is longer than %d bytes", maxText)
		}
		if !utf8.ValidString(s) || strings.ContainsFunc(s, unicode.IsControl) {
			return errors.New("a text field holds control characters")
		}
	}
	return nil
}

func parseStamp(name, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || t.Year() < 2000 || t.Year() > 9999 {
		return time.Time{}, fmt.Errorf("%s %q is not a time", name, truncate(s))
	}
	return t, nil
}

// parseAmount takes a plain signed decimal within the client's bounds.
func parseAmount(s string) (decimal.Decimal, error) {
	// The error is built only when needed: a 100,000-row snapshot has
	// 400,000 good amounts, and formatting an error for each was an eighth
	// of its load.
	bad := func() error { return fmt.Errorf("amount %q is not a plain decimal within bounds", truncate(s)) }
	if len(s) == 0 || len(s) > 64 {
		return decimal.Decimal{}, bad()
	}
	body := strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(body, ".")
	if intPart == "" || len(intPart) > maxIntDigits || len(frac) > maxFracDigits || !digits(intPart) || !digits(frac) ||
		strings.HasSuffix(body, ".") {
		return decimal.Decimal{}, bad()
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, bad()
	}
	return d, nil
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil && len(s) == 10
}

func isCurrencyCode(s string) bool {
	return len(s) == 3 && strings.IndexFunc(s, func(r rune) bool { return r < 'A' || r > 'Z' }) < 0
}

func truncate(s string) string {
	if len(s) > 24 {
		s = s[:24] + "…"
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return '?'
		}
		return r
	}, s)
}

// jsonProblem says what was wrong without quoting the file.
func jsonProblem(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("not valid JSON at byte %d", syn.Offset)
	case errors.As(err, &typ):
		return fmt.Sprintf("%s has the wrong type", typ.Field)
	}
	return truncate(err.Error())
}
