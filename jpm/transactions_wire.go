package jpm

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"cashpos/model"
)

// Wire format of Transaction Details v3 (jpm-api.md §5.3). The published
// OpenAPI was not retrieved; fields come from J.P. Morgan's demo data, so
// every field beyond transactionId, debitCreditCode, amount and asOfDate is
// optional here: a missing one stays empty, it never fails the page.

type txnResponse struct {
	Pagination *txnPagination  `json:"pagination"`
	Data       []txnWire       `json:"data"`
	Errors     json.RawMessage `json:"errors"` // an error body with a 2xx status
}

type txnPagination struct {
	PageSize     int `json:"pageSize"`
	TotalPages   int `json:"totalPages"`
	PageNumber   int `json:"pageNumber"`
	TotalRecords int `json:"totalRecords"`
}

type txnWire struct {
	TransactionID   string          `json:"transactionId"`
	Account         txnAccount      `json:"account"`
	DebitCreditCode string          `json:"debitCreditCode"`
	Amount          numberAmount    `json:"amount"`
	Currency        *txnCurrency    `json:"currency"`
	AsOfDate        string          `json:"asOfDate"`
	AsOfDateTime    string          `json:"asOfDateTime"`
	ValueDate       string          `json:"valueDate"`
	ValueDateTime   string          `json:"valueDateTime"`
	RecordTimestamp string          `json:"recordTimestamp"`
	BAIType         *txnBAI         `json:"baiType"`
	ProductGroup    *txnGroup       `json:"productGroup"`
	WireType        string          `json:"wireType"`
	ShortDesc       string          `json:"shortDescription"`
	FundsTypeCode   string          `json:"fundsTypeCode"`
	Status          string          `json:"transactionStatus"`
	Reversal        *bool           `json:"reversal"`
	CheckNumber     json.RawMessage `json:"checkNumber"` // int in the sample; a string is taken too

	ImmediateAvailable numberAmount `json:"immediateAvailable"`
	Day1Available      numberAmount `json:"day1Available"`
	Day2Available      numberAmount `json:"day2Available"`
	Day2PlusAvailable  numberAmount `json:"day2PlusAvailable"`
	Day3PlusAvailable  numberAmount `json:"day3PlusAvailable"`

	BankRef     *txnSearchable  `json:"bankReferenceSearchable"`
	CustomerRef *txnSearchable  `json:"customerReferenceSearchable"`
	WireRef     json.RawMessage `json:"wireReferenceSearchable"` // null or a string in the sample; an object is taken too
	Narrative   narrative       `json:"narrativeText"`
}

type txnAccount struct {
	AccountID   string       `json:"accountId"`
	AccountName string       `json:"accountName"`
	Currency    *txnCurrency `json:"currency"`
}

type txnCurrency struct {
	Code            string `json:"code"`
	Description     string `json:"description"`
	DecimalLocation *int   `json:"decimalLocation"`
}

type txnBAI struct {
	TypeCode        string `json:"typeCode"`
	SummaryTypeCode string `json:"summaryTypeCode"`
	Description     string `json:"description"`
	GroupCode       string `json:"groupCode"`
}

type txnGroup struct {
	GroupCode string `json:"groupCode"`
}

type txnSearchable struct {
	StandardValue string `json:"standardValue"`
	SearchValue   string `json:"searchValue"`
}

func (s *txnSearchable) value() string {
	if s == nil {
		return ""
	}
	if s.StandardValue != "" {
		return s.StandardValue
	}
	return s.SearchValue
}

// narrative is narrativeText: an object whose keys are padded to 12
// characters. encoding/json would lose the bank's key order in a map, and
// the order is how the lines read ("YOUR REF", then "REMARK"), so the
// object is walked member by member. encoding/json has already checked
// that b is one valid JSON value, so the walk only has to find where each
// key and value ends; each is then read by encoding/json itself. (A
// json.Decoder per item did the same at twice the allocations: a page of
// 1,000 items is 100,000 transactions' worth of narrative at scale.)
type narrative []model.NarrativeLine

var errNarrative = errors.New("narrativeText is not an object")

func (n *narrative) UnmarshalJSON(b []byte) error {
	*n = nil
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		return nil
	}
	if len(b) < 2 || b[0] != '{' {
		return errNarrative
	}
	for i := skipSpace(b, 1); i < len(b) && b[i] != '}'; {
		kEnd := jsonValueEnd(b, i)
		if b[i] != '"' || kEnd < 0 {
			return errNarrative
		}
		key, err := jsonString(b[i:kEnd])
		if err != nil {
			return err
		}
		i = skipSpace(b, kEnd)
		if i >= len(b) || b[i] != ':' {
			return errNarrative
		}
		i = skipSpace(b, i+1)
		vEnd := jsonValueEnd(b, i)
		if vEnd < 0 {
			return errNarrative
		}
		text, err := narrativeRaw(b[i:vEnd])
		if err != nil {
			return err
		}
		*n = append(*n, model.NarrativeLine{Key: strings.TrimSpace(cleanText(key, 40)), Text: text})
		if i = skipSpace(b, vEnd); i < len(b) && b[i] == ',' {
			i = skipSpace(b, i+1)
		}
	}
	return nil
}

// narrativeRaw is one member's value as text (see narrativeValue).
func narrativeRaw(raw []byte) (string, error) {
	switch c := raw[0]; {
	case c == '"':
		s, err := jsonString(raw)
		return cleanText(s, maxNarrative), err
	case c == 'n':
		return "", nil
	case c == '-' || (c >= '0' && c <= '9'):
		return string(raw), nil // a number as written, as json.Number keeps it
	}
	dec := json.NewDecoder(bytes.NewReader(raw)) // an object, array or bool: rare
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return "", err
	}
	return narrativeValue(v), nil
}

// jsonString reads a JSON string literal: as is when it has no escapes
// and is valid UTF-8 (the usual case), else through encoding/json.
func jsonString(raw []byte) (string, error) {
	body := raw[1 : len(raw)-1]
	if bytes.IndexByte(body, '\\') < 0 && utf8.Valid(body) {
		return string(body), nil
	}
	var s string
	err := json.Unmarshal(raw, &s)
	return s, err
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// jsonValueEnd is the index just past the JSON value starting at b[i], in
// input already known to be valid JSON; -1 if it runs off the end.
func jsonValueEnd(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return jsonStringEnd(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				if j = jsonStringEnd(b, j); j < 0 {
					return -1
				}
				j--
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	j := i
	for j < len(b) && !strings.ContainsRune(",}] \t\r\n", rune(b[j])) {
		j++
	}
	return j
}

// jsonStringEnd is the index just past the string literal at b[i].
func jsonStringEnd(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// narrativeValue is a narrative entry as text: strings as sent, numbers
// as written, null as empty, anything else compacted JSON.
func narrativeValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return cleanText(x, maxNarrative)
	case json.Number:
		return x.String()
	default:
		b, _ := json.Marshal(x)
		return cleanText(string(b), maxNarrative)
	}
}

// maxNarrative bounds one narrative line: real ones are a few dozen
// characters (BAI2 text); this keeps a hostile answer off the screen.
const maxNarrative = 1000

// cleanText replaces control characters (escape sequences would drive the
// terminal) with spaces, trims trailing padding and bounds the length.
//
// Text that needs none of that is returned as it is, not copied: the
// decoder's strings are its own (encoding/json copies every string out of
// the page's bytes, so none pins a page).
func cleanText(s string, max int) string {
	if isClean(s, max) {
		return s
	}
	var b strings.Builder
	n := 0
	for _, r := range s {
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
	return strings.TrimRight(b.String(), " ")
}

// isClean says cleanText would return s unchanged: printable ASCII, no
// trailing space, within max. (Other text takes the careful path.)
func isClean(s string, max int) bool {
	if len(s) > max || (s != "" && s[len(s)-1] == ' ') {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

// decodeTransactions reads a 2xx body. It refuses, rather than skips, an
// item it cannot read without guessing: no transactionId, a
// debitCreditCode that is neither CREDIT nor DEBIT (the sign would be a
// guess), a missing or negative amount, a bad asOfDate.
func decodeTransactions(data []byte) (*txnResponse, error) {
	var r txnResponse
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, err
	}
	for i := range r.Data {
		if err := r.Data[i].check(); err != nil {
			return nil, fmt.Errorf("item %d: %w", i+1, err)
		}
	}
	return &r, nil
}

func (t *txnWire) check() error {
	switch {
	case strings.TrimSpace(t.TransactionID) == "":
		return errors.New("no transactionId")
	case t.DebitCreditCode != string(model.Credit) && t.DebitCreditCode != string(model.Debit):
		return fmt.Errorf("transaction %s has debitCreditCode %q, neither CREDIT nor DEBIT", cleanText(t.TransactionID, 40), cleanText(t.DebitCreditCode, 20))
	case !t.Amount.Valid:
		return fmt.Errorf("transaction %s has no amount", cleanText(t.TransactionID, 40))
	case t.Amount.Decimal.Sign() < 0:
		return fmt.Errorf("transaction %s has a negative amount; the sign must come from debitCreditCode", cleanText(t.TransactionID, 40))
	}
	if t.currency().Code == "" {
		// Without a currency the minor units, and so the amount, are a guess.
		return fmt.Errorf("transaction %s has no currency", cleanText(t.TransactionID, 40))
	}
	if _, ok := parseYMD(t.AsOfDate); !ok {
		return fmt.Errorf("transaction %s has an asOfDate that is not YYYY-MM-DD", cleanText(t.TransactionID, 40))
	}
	if _, ok := parseYMD(t.ValueDate); t.ValueDate != "" && !ok {
		return fmt.Errorf("transaction %s has a valueDate that is not YYYY-MM-DD", cleanText(t.TransactionID, 40))
	}
	return nil
}

// model maps a checked wire item onto model.Transaction; cats sets the
// category, in shares what items have in common (see txnShare).
func (t *txnWire) model(cats model.CategoryTable, in *txnShare) model.Transaction {
	return model.Transaction{
		ID:          cleanText(t.TransactionID, 80),
		TxnCommon:   in.common(t.common(cats)),
		AsOfDate:    in.str(t.AsOfDate),
		ValueDate:   in.str(t.ValueDate),
		AsOfTime:    utcTime(t.AsOfDateTime),
		ValueTime:   utcTime(t.ValueDateTime),
		RecordTime:  utcTime(t.RecordTimestamp),
		DebitCredit: model.DebitCredit(in.str(t.DebitCreditCode)),
		Amount:      t.Amount.Decimal,
		Reversal:    t.Reversal != nil && *t.Reversal,
		Narrative:   in.narrative(t.Narrative),
		References: model.References{
			Bank:     cleanText(t.BankRef.value(), 80),
			Customer: cleanText(t.CustomerRef.value(), 80),
			Wire:     cleanText(rawText(t.WireRef), 80),
			Check:    cleanText(rawText(t.CheckNumber), 40),
		},
		Availability: model.NewAvailability(t.ImmediateAvailable.NullDecimal, t.Day1Available.NullDecimal,
			t.Day2Available.NullDecimal, t.Day2PlusAvailable.NullDecimal, t.Day3PlusAvailable.NullDecimal),
	}
}

// common is what the item shares with others of its account and kind.
func (t *txnWire) common(cats model.CategoryTable) model.TxnCommon {
	c := model.TxnCommon{
		AccountID:   cleanText(t.Account.AccountID, 40),
		AccountName: cleanText(t.Account.AccountName, 120),
		Currency:    t.currency(),
		Description: cleanText(t.ShortDesc, 200),
		WireType:    cleanText(t.WireType, 20),
		FundsType:   cleanText(t.FundsTypeCode, 20),
		Status:      cleanText(t.Status, 20),
	}
	if t.EmptyWireType() {
		c.WireType = ""
	}
	if t.ProductGroup != nil {
		c.ProductGroup = cleanText(t.ProductGroup.GroupCode, 20)
	}
	if b := t.BAIType; b != nil {
		c.BAI = model.BAIType{
			Code: cleanText(b.TypeCode, 10), SummaryCode: cleanText(b.SummaryTypeCode, 10),
			Description: cleanText(b.Description, 120), GroupCode: cleanText(b.GroupCode, 20),
		}
	}
	c.Category = cats.Of(c.BAI.Code)
	return c
}

// utcTime is parseRecordTime in UTC: the same instant, without the
// *time.Location a "+01:00" offset would allocate for every item (the
// screen shows times in the account's zone anyway).
func utcTime(s string) time.Time {
	t := parseRecordTime(s)
	if t.IsZero() {
		return t
	}
	return t.UTC()
}

// EmptyWireType: the sample uses the literal "EMPTY" for "no wire".
func (t *txnWire) EmptyWireType() bool { return t.WireType == "EMPTY" }

// currency is the item's own currency, else its account's; minor units
// from decimalLocation when sent, else the ISO default for the code.
func (t *txnWire) currency() model.Currency {
	c := t.Currency
	if c == nil || c.Code == "" {
		c = t.Account.Currency
	}
	if c == nil || c.Code == "" {
		return model.Currency{}
	}
	cur := model.CurrencyOf(cleanText(c.Code, 8))
	if c.DecimalLocation != nil && *c.DecimalLocation >= 0 && *c.DecimalLocation <= 6 {
		cur.Decimals = int32(*c.DecimalLocation)
	}
	cur.Description = cleanText(c.Description, 60)
	return cur
}

// rawText reads a reference that may be null, a string, a number or an
// object with standardValue.
func rawText(raw json.RawMessage) string {
	s := strings.TrimSpace(string(raw))
	switch {
	case s == "" || s == "null":
		return ""
	case s[0] == '"':
		var v string
		_ = json.Unmarshal(raw, &v)
		return v
	case s[0] == '{':
		var v txnSearchable
		_ = json.Unmarshal(raw, &v)
		return v.value()
	case s[0] == '-' || (s[0] >= '0' && s[0] <= '9'):
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return s // the digits as written: a check number is an identifier
		}
	}
	return ""
}
