package jpm

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

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
// the order is how the lines read ("YOUR REF", then "REMARK"), so it is
// decoded token by token.
type narrative []model.NarrativeLine

func (n *narrative) UnmarshalJSON(b []byte) error {
	*n = nil
	if string(b) == "null" {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return errors.New("narrativeText is not an object")
	}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return err
		}
		var v any
		if err := dec.Decode(&v); err != nil {
			return err
		}
		key, _ := kt.(string)
		*n = append(*n, model.NarrativeLine{Key: strings.TrimSpace(cleanText(key, 40)), Text: narrativeValue(v)})
	}
	return nil
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
func cleanText(s string, max int) string {
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
// category.
func (t *txnWire) model(cats model.CategoryTable) model.Transaction {
	m := model.Transaction{
		ID:          cleanText(t.TransactionID, 80),
		AccountID:   cleanText(t.Account.AccountID, 40),
		AccountName: cleanText(t.Account.AccountName, 120),
		Currency:    t.currency(),
		AsOfDate:    t.AsOfDate,
		ValueDate:   t.ValueDate,
		AsOfTime:    parseRecordTime(t.AsOfDateTime),
		ValueTime:   parseRecordTime(t.ValueDateTime),
		RecordTime:  parseRecordTime(t.RecordTimestamp),
		DebitCredit: model.DebitCredit(t.DebitCreditCode),
		Amount:      t.Amount.Decimal,
		Description: cleanText(t.ShortDesc, 200),
		WireType:    cleanText(t.WireType, 20),
		FundsType:   cleanText(t.FundsTypeCode, 20),
		Status:      cleanText(t.Status, 20),
		Reversal:    t.Reversal != nil && *t.Reversal,
		Narrative:   []model.NarrativeLine(t.Narrative),
		References: model.References{
			Bank:     cleanText(t.BankRef.value(), 80),
			Customer: cleanText(t.CustomerRef.value(), 80),
			Wire:     cleanText(rawText(t.WireRef), 80),
			Check:    cleanText(rawText(t.CheckNumber), 40),
		},
		Availability: model.Availability{
			Immediate: t.ImmediateAvailable.NullDecimal,
			Day1:      t.Day1Available.NullDecimal,
			Day2:      t.Day2Available.NullDecimal,
			Day2Plus:  t.Day2PlusAvailable.NullDecimal,
			Day3Plus:  t.Day3PlusAvailable.NullDecimal,
		},
	}
	if t.EmptyWireType() {
		m.WireType = ""
	}
	if t.ProductGroup != nil {
		m.ProductGroup = cleanText(t.ProductGroup.GroupCode, 20)
	}
	if b := t.BAIType; b != nil {
		m.BAI = model.BAIType{
			Code: cleanText(b.TypeCode, 10), SummaryCode: cleanText(b.SummaryTypeCode, 10),
			Description: cleanText(b.Description, 120), GroupCode: cleanText(b.GroupCode, 20),
		}
	}
	m.Category = cats.Of(m.BAI.Code)
	return m
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
