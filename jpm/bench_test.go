package jpm

import (
	"fmt"
	"strings"
	"testing"
)

// v1Answer200 is a realistic 200-account current-day answer: every field
// the doc lists, mixed currencies, negative and large amounts, and two
// balance entries per account (today and the prior day).
func v1Answer200() []byte {
	currencies := []struct {
		code string
		dl   int
		desc string
	}{{"USD", 2, "US DOLLAR"}, {"EUR", 2, "EURO"}, {"JPY", 0, "JAPANESE YEN"}, {"BHD", 3, "BAHRAINI DINAR"}}
	var b strings.Builder
	b.WriteString(`{"accountList":[`)
	for i := range 200 {
		if i > 0 {
			b.WriteByte(',')
		}
		c := currencies[i%len(currencies)]
		amt := func(k int) string {
			v := fmt.Sprintf("%d", (i+1)*7919*(k+3)*1000003)
			if c.dl > 0 {
				v += "." + strings.Repeat("7", c.dl)
			}
			if (i+k)%5 == 0 {
				v = "-" + v
			}
			return v
		}
		fmt.Fprintf(&b, `{"accountId":"%015d","accountName":"OPERATING ACCOUNT %d","branchId":"","bankId":"02100002","bankName":"JPMORGAN CHASE",`+
			`"currency":{"code":%q,"currencySequence":0,"decimalLocation":%d,"description":%q},"balanceList":[`+
			`{"asOfDate":"2024-10-07","recordTimestamp":"2024-10-07T14:44:20Z","currentDay":true,"openingAvailableAmount":%s,"openingLedgerAmount":%s,"endingAvailableAmount":%s,"endingLedgerAmount":%s},`+
			`{"asOfDate":"2024-10-04","recordTimestamp":"2024-10-05T02:10:00Z","currentDay":false,"openingAvailableAmount":%s,"openingLedgerAmount":%s,"endingAvailableAmount":%s,"endingLedgerAmount":%s}]}`,
			10900009+i, i, c.code, c.dl, c.desc, amt(0), amt(1), amt(2), amt(3), amt(4), amt(5), amt(6), amt(7))
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

func BenchmarkDecodeBalanceV1_200Accounts(b *testing.B) {
	data := v1Answer200()
	if _, err := decodeBalanceV1(data); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decodeBalanceV1(data); err != nil {
			b.Fatal(err)
		}
	}
}
