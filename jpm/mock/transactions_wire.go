package mock

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Wire structs of Transaction Details v3 (jpm-api §5.3), deliberately local
// (see doc.go). Field names follow J.P. Morgan's demo data; fields the demo
// data leaves null (lockbox detail, addenda, SEPA, ...) are omitted.

type txnResponse struct {
	Pagination txnPagination `json:"pagination"`
	Data       []txnItem     `json:"data"`
	// Errors carries GCA-010 entries for requested accounts that were not
	// found while others were (UNCONFIRMED shape, as for balances v1).
	Errors []gcaError `json:"errors,omitempty"`
}

type txnPagination struct {
	PageSize     int `json:"pageSize"`
	TotalPages   int `json:"totalPages"`
	PageNumber   int `json:"pageNumber"`
	TotalRecords int `json:"totalRecords"`
}

type txnItem struct {
	TransactionID      string           `json:"transactionId"`
	Account            txnAccount       `json:"account"`
	DebitCreditCode    string           `json:"debitCreditCode"`
	Amount             json.Number      `json:"amount"`
	Currency           v1Currency       `json:"currency"`
	AsOfDate           string           `json:"asOfDate"`
	AsOfDateTime       string           `json:"asOfDateTime"`
	ValueDate          string           `json:"valueDate"`
	ValueDateTime      string           `json:"valueDateTime"`
	RecordTimestamp    string           `json:"recordTimestamp"`
	ReceivedTimestamp  string           `json:"receivedTimestamp"`
	LastUpdate         *string          `json:"lastUpdate"`
	BAIType            txnBAI           `json:"baiType"`
	ProductGroup       txnProductGroup  `json:"productGroup"`
	DDATxnCode         string           `json:"ddaTxnCode"`
	FundsTypeCode      string           `json:"fundsTypeCode"`
	ImmediateAvailable json.Number      `json:"immediateAvailable"`
	Day1Available      json.Number      `json:"day1Available"`
	Day2Available      json.Number      `json:"day2Available"`
	Day2PlusAvailable  *json.Number     `json:"day2PlusAvailable"` // null in the sample
	Day3PlusAvailable  json.Number      `json:"day3PlusAvailable"`
	BankReference      txnSearchable    `json:"bankReferenceSearchable"`
	CustomerReference  *txnSearchable   `json:"customerReferenceSearchable"`
	WireReference      *string          `json:"wireReferenceSearchable"`
	WireType           string           `json:"wireType"`
	ShortDescription   string           `json:"shortDescription"`
	NarrativeText      narrativeJSON    `json:"narrativeText"`
	TransactionStatus  string           `json:"transactionStatus"`
	PostCode           string           `json:"postCode"`
	NarrativeTypeCode  string           `json:"narrativeTypeCode"`
	FloatSpreadCode    string           `json:"floatSpreadCode"`
	Reversal           bool             `json:"reversal"`
	Override           bool             `json:"override"`
	CheckNumber        *int             `json:"checkNumber"`
	OriginalTxnCode    *string          `json:"originalTransactionCode"`
	ThirdPartyBank     *json.RawMessage `json:"thirdPartyBank"`
}

type txnAccount struct {
	AccountID   string     `json:"accountId"`
	AccountName string     `json:"accountName"`
	BankID      string     `json:"bankId"`
	BranchID    string     `json:"branchId"`
	BankName    string     `json:"bankName"`
	Currency    v1Currency `json:"currency"`
	ABA         string     `json:"aba,omitempty"`
}

type txnBAI struct {
	TypeCode         string `json:"typeCode"`
	SummaryTypeCode  string `json:"summaryTypeCode,omitempty"`
	Description      string `json:"description"`
	ShortDescription string `json:"shortDescription"`
	GroupCode        string `json:"groupCode"`
	ProductGroupCode string `json:"productGroupCode"`
	BTRSTypeCode     string `json:"btrsTypeCode"`
}

type txnProductGroup struct {
	GroupCode        string `json:"groupCode"`
	GroupDescription string `json:"groupDescription"`
	Wire             bool   `json:"wire"`
}

type txnSearchable struct {
	StandardValue string `json:"standardValue"`
	SearchValue   string `json:"searchValue"`
}

// narrativeJSON writes narrativeText as an object in the item's own order,
// keys space-padded to 12 characters as in the JPM sample ("YOUR REF    ").
type narrativeJSON []narrLine

func (n narrativeJSON) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, l := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(fmt.Sprintf("%-12s", l.key))
		v, _ := json.Marshal(l.text)
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

var groupDescriptions = map[string]string{
	"FED": "FEDWIRE TRANSFERS", "CHIP": "CHIPS TRANSFERS", "BOOK": "BOOK TRANSFERS",
	"ACH": "ACH TRANSACTIONS", "D/R": "DEPOSITS AND RETURNS", "LBX": "LOCKBOX", "MISC": "MISCELLANEOUS",
}

// wire is t as the bank reports it for account a.
func (t *mockTxn) wire(a *account) txnItem {
	dec := a.ccy.decimals
	cur := v1Currency{Code: a.ccy.code, CurrencySequence: 1, DecimalLocation: dec, Description: a.ccy.description}
	dc := "DEBIT"
	if t.k.credit {
		dc = "CREDIT"
	}
	wireType := t.k.wire
	if wireType == "" {
		wireType = "EMPTY"
	}
	posted := t.posted.Format(time.RFC3339)
	it := txnItem{
		TransactionID: t.id,
		Account: txnAccount{AccountID: a.id, AccountName: a.name, BankID: a.br.bankID, BranchID: a.br.bic,
			BankName: a.br.bankName, Currency: cur},
		DebitCreditCode: dc,
		Amount:          json.Number(t.amount.format(dec)),
		Currency:        cur,
		AsOfDate:        t.asOf.String(), AsOfDateTime: posted,
		ValueDate: t.value.String(), ValueDateTime: t.value.midnight(a.loc).UTC().Format(time.RFC3339),
		RecordTimestamp: posted, ReceivedTimestamp: posted,
		BAIType: txnBAI{TypeCode: t.k.bai, SummaryTypeCode: t.k.summary, Description: t.k.desc, ShortDescription: t.k.short,
			GroupCode: t.k.group, ProductGroupCode: t.k.product, BTRSTypeCode: t.k.bai},
		ProductGroup:       txnProductGroup{GroupCode: t.k.product, GroupDescription: groupDescriptions[t.k.product], Wire: t.k.wire != ""},
		DDATxnCode:         t.k.bai,
		FundsTypeCode:      "SAME",
		ImmediateAvailable: json.Number(t.avail[0].format(dec)),
		Day1Available:      json.Number(t.avail[1].format(dec)),
		Day2Available:      json.Number(t.avail[2].format(dec)),
		Day3PlusAvailable:  json.Number(money(0).format(dec)),
		BankReference:      txnSearchable{StandardValue: t.bankRef, SearchValue: t.bankRef},
		WireType:           wireType,
		ShortDescription:   t.k.short,
		NarrativeText:      narrativeJSON(t.narrative),
		TransactionStatus:  "O", PostCode: "I", NarrativeTypeCode: "T", FloatSpreadCode: "3",
	}
	if a.br.bankID == newYork.bankID {
		it.Account.ABA = "021000021"
	}
	if t.customerRef != "" {
		it.CustomerReference = &txnSearchable{StandardValue: t.customerRef, SearchValue: strings.ReplaceAll(t.customerRef, "-", "")}
	}
	if t.wireRef != "" {
		it.WireReference = &t.wireRef
	}
	if t.check != 0 {
		it.CheckNumber = &t.check
	}
	return it
}
