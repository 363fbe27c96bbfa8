package jpm

import (
	"encoding/json"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"cashpos/model"
)

// The fuzz targets check two things on arbitrary bytes: decoding never
// panics, and every amount it accepts is exactly the value of the text the
// bank wrote (checked against math/big, an independent parser), keeping
// its scale when written without an exponent ("12.50" stays 12.50).
//
// To check that, the same bytes are decoded a second time into mirror
// structs holding each amount's raw JSON text; encoding/json treats both
// the same way (field matching, duplicate keys), so the two line up.

type rawV1 struct {
	AccountList []rawV1Account `json:"accountList"`
}

type rawV1Account struct {
	AccountID   string `json:"accountId"`
	BalanceList []struct {
		OpeningAvailableAmount json.RawMessage `json:"openingAvailableAmount"`
		OpeningLedgerAmount    json.RawMessage `json:"openingLedgerAmount"`
		EndingAvailableAmount  json.RawMessage `json:"endingAvailableAmount"`
		EndingLedgerAmount     json.RawMessage `json:"endingLedgerAmount"`
	} `json:"balanceList"`
}

type rawBDA struct {
	AccountBalances []struct {
		Balances []struct {
			Amount json.RawMessage `json:"amount"`
		} `json:"balances"`
	} `json:"accountBalances"`
}

func FuzzDecodeBalanceV1(f *testing.F) {
	f.Add([]byte(`{"accountList":[` + v1AccountJSON("1", "2024-10-07", true, "USD", 2, [4]string{"12345678901234.56", "-4681826093.93", "0.1", "0.2"}) + `]}`))
	f.Add([]byte(`{"accountList":[` + v1AccountJSON("2", "2024-10-07", true, "BHD", 3, [4]string{"12.345", "1E+3", "null", `"12.50"`}) + `]}`))
	f.Add([]byte(`{"accountList":[{"accountId":"2","errorCode":"GCA-010","errorMsg":"Account not found"}]}`))
	f.Add([]byte(`{"errors":[{"errorCode":"GCA-022","errorMsg":"No eligible accounts"}]}`))
	f.Add([]byte(`{"accountList":[{"accountId":"1","balanceList":[{"asOfDate":"2024-10-07","openingAvailableAmount":-0.00e-2}]}]}`))
	// Edge cases kept as regression seeds: out-of-range exponents and
	// lengths (refused), duplicate keys and odd key case (encoding/json
	// rules, same in the mirror), a quoted amount with an escape.
	f.Add([]byte(`{"accountList":[{"accountId":"1","balanceList":[{"asOfDate":"2024-10-07","openingAvailableAmount":1e400,"endingLedgerAmount":1e-19}]}]}`))
	f.Add([]byte(`{"accountList":[{"accountId":"1","balanceList":[{"asOfDate":"2024-10-07","openingAvailableAmount":123456789012345678901234567890123456789012345678901234567890123456789}]}]}`))
	f.Add([]byte(`{"accountList":[{"accountId":"1","balanceList":[{"asOfDate":"2024-10-07","openingAvailableAmount":1}],"BALANCELIST":[{"asOfDate":"2024-10-08","OpeningAvailableAmount":null}]}]}`))
	f.Add([]byte(`{"accountList":[{"accountId":"1","balanceList":[{"asOfDate":"2024-10-07","endingLedgerAmount":"1\u002e5"}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := decodeBalanceV1(data)
		if err != nil {
			return
		}
		var raw rawV1
		if err := json.Unmarshal(data, &raw); err != nil {
			t.Fatalf("decoder accepted what the mirror refuses: %v", err)
		}
		for _, a := range r.AccountList {
			// Repeats of an account are collapsed onto its first copy.
			i := slices.IndexFunc(raw.AccountList, func(x rawV1Account) bool {
				return model.NormalID(x.AccountID) == model.NormalID(a.AccountID)
			})
			for j, b := range a.BalanceList {
				rb := raw.AccountList[i].BalanceList[j]
				checkAmount(t, b.OpeningAvailableAmount.NullDecimal, rb.OpeningAvailableAmount)
				checkAmount(t, b.OpeningLedgerAmount.NullDecimal, rb.OpeningLedgerAmount)
				checkAmount(t, b.EndingAvailableAmount.NullDecimal, rb.EndingAvailableAmount)
				checkAmount(t, b.EndingLedgerAmount.NullDecimal, rb.EndingLedgerAmount)
				// And mapping a decoded answer never panics either.
				_ = b.row(a.modelAccount(refFor(a.AccountID)), testNow)
			}
			_ = a.rowsFor(refFor(a.AccountID), testNow, true)
		}
	})
}

func FuzzDecodeBDA(f *testing.F) {
	f.Add([]byte(bdaPage("c2", bdaItem("1234567890", "USD", bal("INTERIM_AVAILABLE", "5000.00", "2024-10-06"), bal("CLOSING_BOOKED", "-123.45", "2024-10-05")))))
	f.Add([]byte(bdaPage("", bdaItem("1", "JPY", bal("INTERIM_BOOKED", "+1234567", "2024-10-07"), bal("CLOSING_AVAILABLE", "007.50", "2024-10-04")))))
	f.Add([]byte(`{"accountBalances":[],"metadata":{"cursor":{"first":"00000000-0000-0000-0000-000000000000","this":"00000000-0000-0000-0000-000000000000"}}}`))
	f.Add([]byte(`{"accountBalances":[{"account":{"number":"1"},"balances":[{"type":"X","amount":12.5,"bookDate":"2024-10-07"},{"amount":null,"bookDate":"2024-10-07"}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := decodeBDA(data)
		if err != nil {
			return
		}
		var raw rawBDA
		if err := json.Unmarshal(data, &raw); err != nil {
			t.Fatalf("decoder accepted what the mirror refuses: %v", err)
		}
		for i, ab := range r.AccountBalances {
			for j, b := range ab.Balances {
				checkAmount(t, b.Amount.NullDecimal, raw.AccountBalances[i].Balances[j].Amount)
			}
			_ = bdaRelativeRow(&ab, refFor(ab.Account.Number), CurrentDay, testNow, testNow)
			_ = bdaRelativeRow(&ab, refFor(ab.Account.Number), PriorDay, testNow, testNow)
		}
	})
}

func refFor(id string) model.AccountRef { return model.AccountRef{ID: id} }

// checkAmount: a decoded amount equals its wire text exactly.
func checkAmount(t *testing.T, got decimal.NullDecimal, raw json.RawMessage) {
	t.Helper()
	text := string(raw)
	if !got.Valid {
		if text != "" && text != "null" {
			t.Fatalf("amount %s decoded as missing", text)
		}
		return
	}
	text = strings.Trim(text, `"`)
	want, ok := new(big.Rat).SetString(strings.TrimPrefix(text, "+"))
	if !ok {
		t.Fatalf("accepted amount %q that math/big cannot read", text)
	}
	if got.Decimal.Rat().Cmp(want) != 0 {
		t.Fatalf("amount %q decoded as %s", text, got.Decimal)
	}
	if !strings.ContainsAny(text, "eE") {
		if s := exact(got); s != canonicalPlain(text) {
			t.Fatalf("amount %q printed back as %q: scale lost", text, s)
		}
	}
}

// canonicalPlain is plain decimal text as decimal prints it: no '+', no
// leading zeros, no minus on zero.
func canonicalPlain(s string) string {
	neg := false
	switch s[0] {
	case '+':
		s = s[1:]
	case '-':
		neg, s = true, s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	intPart = strings.TrimLeft(intPart, "0")
	if intPart == "" {
		intPart = "0"
	}
	out := intPart
	if hasFrac {
		out += "." + frac
	}
	if neg && strings.Trim(out, "0.") != "" {
		out = "-" + out
	}
	return out
}
