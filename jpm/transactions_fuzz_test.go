package jpm

import (
	"strings"
	"testing"
	"unicode"

	"cashpos/model"
)

// FuzzDecodeTransactions: on arbitrary bytes decoding never panics, and an
// accepted page never holds an item the screen would have to guess about:
// an id, a sign, a non-negative amount, a currency and a YYYY-MM-DD
// booking date, and no control character in any text shown.
//
//	go test ./jpm/ -run '^$' -fuzz FuzzDecodeTransactions -fuzztime 30s
func FuzzDecodeTransactions(f *testing.F) {
	f.Add([]byte(page(1, 1, item("T1", "DEBIT", "65239877.86", `,"narrativeText":{"YOUR REF    ":"PAY-1","REMARK      ":"X"}`))))
	f.Add([]byte(page(1, 2, item("T1", "CREDIT", `"0.10"`, `,"baiType":{"typeCode":"195"},"checkNumber":"00123"`), item("T2", "DEBIT", "1e3", ""))))
	f.Add([]byte(`{"pagination":null,"data":[{"transactionId":"x","narrativeText":{"A":{"b":[1,2]},"\u001b[2J":null}}]}`))
	f.Add([]byte(`{"errors":[{"errorCode":"GCA-099","errorMsg":"System is Unavailable"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := decodeTransactions(data)
		if err != nil {
			return
		}
		for i := range r.Data {
			m := r.Data[i].model(model.DefaultCategories(), newTxnShare(r.Data))
			if m.ID == "" || (m.DebitCredit != model.Debit && m.DebitCredit != model.Credit) || m.Amount.Sign() < 0 || m.Currency.Code == "" {
				t.Fatalf("accepted an item that needs a guess: %+v", m)
			}
			if _, ok := parseYMD(m.AsOfDate); !ok {
				t.Fatalf("accepted asOfDate %q", m.AsOfDate)
			}
			texts := []string{m.ID, m.Description, m.References.Bank, m.References.Customer, m.References.Wire, m.References.Check, string(m.Category), m.BAI.Code}
			for _, l := range m.Narrative {
				texts = append(texts, l.Key, l.Text)
			}
			for _, s := range texts {
				if strings.IndexFunc(s, unicode.IsControl) >= 0 {
					t.Fatalf("control character reaches the screen: %q", s)
				}
			}
			if m.Signed().Abs().Cmp(m.Amount) != 0 {
				t.Fatalf("signed %s of amount %s", m.Signed(), m.Amount)
			}
		}
	})
}
