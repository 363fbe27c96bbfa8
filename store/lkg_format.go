package store

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
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

	// A snapshot may hold as many accounts as the client reads (its limit
	// is 1,000,000: jpm/v1stream.go), so a saved book is never one the next
	// start refuses; the caps still bound what a forged file can cost.
	maxSnapshotBytes = 1 << 30 // 1,000,000 accounts is about 600 MB
	maxText          = 512     // bytes of any one text field
	maxIntDigits     = 30      // as the client's amount bounds (jpm/amount.go)
	maxFracDigits    = 18
)

// maxRows is the most rows a snapshot holds (a variable only so that a
// test can lower it instead of building a million rows).
var maxRows = 1_000_000

type diskSnapshot struct {
	Format    string       `json:"format"`
	Version   int          `json:"version"`
	FetchedAt string       `json:"fetched_at"`
	Partial   bool         `json:"partial,omitempty"`
	Unread    []diskUnread `json:"unread,omitempty"`
	Rows      []diskRow    `json:"rows"`
}

// diskIn is diskSnapshot as it is read: the rows are validated and turned
// into balances one at a time as they are decoded (loadedRows), never held
// as a []diskRow, nor the file as one decoder buffer (decodeDisk).
type diskIn struct {
	Format    string       `json:"format"`
	Version   int          `json:"version"`
	FetchedAt string       `json:"fetched_at"`
	Partial   bool         `json:"partial,omitempty"`
	Unread    []diskUnread `json:"unread,omitempty"`
	Rows      loadedRows   `json:"-"` // read by decodeDisk from the "rows" key
}

// loadedRows are the rows as balances. Checks keep their old order: a
// row's error is kept (the first one, by row number) and returned only
// after the format, version, row count and header checks, as when the
// rows were decoded whole and checked afterwards. Past maxRows rows are
// only counted.
type loadedRows struct {
	balances []model.Balance
	n        int
	err      error // the first row's problem, "row N: ..."
}

// decodeDisk reads the document as a token stream: the rows one at a time
// (unknown fields refused, as before), every other member gathered into a
// small object decoded at the end with unknown fields refused, so keys
// match, repeat and fail exactly as in a whole-document decode.
func decodeDisk(raw []byte) (*diskIn, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var d diskIn
	if tok, err := dec.Token(); err != nil {
		return nil, err
	} else if tok != json.Delim('{') { // not an object: answered as a whole decode answers it
		whole := json.NewDecoder(bytes.NewReader(raw))
		whole.DisallowUnknownFields()
		return &d, whole.Decode(&d)
	}
	head := []byte{'{'}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		if strings.EqualFold(key, "rows") { // encoding/json matches keys case-insensitively
			if err := d.Rows.decode(dec, len(raw)); err != nil {
				return nil, err
			}
			continue
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		k, _ := json.Marshal(key)
		if len(head) > 1 {
			head = append(head, ',')
		}
		head = append(append(append(head, k...), ':'), v...)
	}
	if _, err := dec.Token(); err != nil { // }
		return nil, err
	}
	hd := json.NewDecoder(bytes.NewReader(append(head, '}')))
	hd.DisallowUnknownFields()
	return &d, hd.Decode(&d)
}

// decode reads the value of a "rows" member: null (no rows) or an array.
// A later "rows" member replaces an earlier one.
// size is the document's, to guess the row count from the first row.
func (l *loadedRows) decode(dec *json.Decoder, size int) error {
	*l = loadedRows{}
	tok, err := dec.Token()
	switch {
	case err != nil:
		return err
	case tok == nil:
		return nil
	case tok != json.Delim('['):
		return &json.UnmarshalTypeError{Value: fmt.Sprint(tok), Type: reflect.TypeFor[[]diskRow](), Field: "rows"}
	}
	var r diskRow // one, reused: decoded into, then turned into a balance
	for dec.More() {
		r = diskRow{}
		start := dec.InputOffset()
		if err := dec.Decode(&r); err != nil {
			var typ *json.UnmarshalTypeError
			if errors.As(err, &typ) {
				typ.Field = "rows." + typ.Field // as a whole-document decode names it
			}
			return err
		}
		l.n++
		if l.err != nil || l.n > maxRows {
			continue
		}
		b, err := r.balance()
		if err != nil {
			l.err = fmt.Errorf("row %d: %w", l.n, err)
			continue
		}
		if l.n == 1 {
			l.balances = make([]model.Balance, 0, rowsEstimate(size-int(start), dec.InputOffset()-start))
		}
		l.balances = append(l.balances, b)
	}
	_, err = dec.Token() // ]
	return err
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
	var buf bytes.Buffer
	err := writeSnapshot(&buf, s)
	return buf.Bytes(), err
}

// writeSnapshot writes json.Marshal of the snapshot's diskSnapshot, row by
// row: 100,000 rows are never held as one []diskRow nor as one 40 MB text
// (TestWriteSnapshotStreamsTheSameBytes holds it to the whole encoding).
func writeSnapshot(w io.Writer, s model.Snapshot) error {
	d := diskSnapshot{Format: lkgFormat, Version: lkgVersion, FetchedAt: stamp(s.FetchedAt), Partial: s.Partial,
		Rows: []diskRow{}}
	for _, u := range s.Unread {
		d.Unread = append(d.Unread, diskUnread{What: storable(u.What), API: storable(string(u.API)), Reason: storable(u.Reason)})
	}
	// A row whose id the loader would refuse is left out and named in
	// unread, which the document holds before the rows: found first.
	for _, b := range s.Balances {
		if checkTexts(b.Account.ID) != nil {
			// An id is never altered (see tidy); one the loader would refuse
			// is left out and named instead, so the rest still loads.
			d.Unread = append(d.Unread, diskUnread{What: "account " + storable(b.Account.ID),
				Reason: "not kept in the saved last good data: the bank's account id holds control characters or is too long"})
		}
	}
	head, err := json.Marshal(d)
	if err != nil {
		return err
	}
	// Rows is the last field and never omitted: the document ends "[]}".
	head, ok := bytes.CutSuffix(head, []byte("[]}"))
	if !ok {
		return errors.New("the snapshot's head does not end with its rows") // cannot happen
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(head)
	bw.WriteByte('[')
	var one bytes.Buffer
	enc := json.NewEncoder(&one) // as json.Marshal, plus a newline
	first := true
	for _, b := range s.Balances {
		if checkTexts(b.Account.ID) != nil {
			continue // named in unread above
		}
		r := toDisk(b).tidy()
		if checkTexts(r.BankID) != nil {
			r.BankID = "" // optional: the next answer gives it again
		}
		one.Reset()
		if err := enc.Encode(r); err != nil {
			return err
		}
		if !first {
			bw.WriteByte(',')
		}
		first = false
		bw.Write(bytes.TrimSuffix(one.Bytes(), []byte("\n")))
	}
	bw.WriteString("]}")
	return bw.Flush()
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
	d, err := decodeDisk(raw)
	if err != nil {
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
	case d.Rows.n > maxRows:
		return nil, fmt.Errorf("it has %d rows, more than %d", d.Rows.n, maxRows)
	}
	s := &model.Snapshot{Partial: d.Partial}
	if s.FetchedAt, err = parseStamp("fetched_at", d.FetchedAt); err != nil {
		return nil, err
	}
	for _, u := range d.Unread {
		if err := checkTexts(u.What, u.API, u.Reason); err != nil {
			return nil, fmt.Errorf("unread: %w", err)
		}
		s.Unread = append(s.Unread, model.Unread{What: u.What, API: model.API(u.API), Reason: u.Reason})
	}
	if d.Rows.err != nil {
		return nil, d.Rows.err
	}
	s.Balances = slices.Clip(d.Rows.balances)
	if s.Balances == nil {
		s.Balances = []model.Balance{}
	}
	return s, nil
}

// rowsEstimate guesses the row count from the array's size and the first
// row's, so the balances are allocated about once, not grown by doubling
// (each doubling of 100,000 balances is tens of MB of garbage). Only a
// capacity: a wrong guess costs a regrowth, never a row.
func rowsEstimate(restBytes int, rowBytes int64) int {
	if rowBytes <= 1 {
		return 16
	}
	return min(maxRows, restBytes/int(rowBytes)*11/10+16)
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
