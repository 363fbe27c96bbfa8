package jpm

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"cashpos/model"
)

// txnPageJSON is one page of n items shaped as the mock bank writes them
// (jpm/mock transactions_wire.go): every field it sends, the four
// availability buckets it fills and the one it leaves null, a
// space-padded three-line narrative, nine kinds of item.
func txnPageJSON(start, n int) []byte {
	return txnPageJSONFor(start, n, "2026-11-20", 1, 1, n)
}

// txnPageJSONFor is page of pages (records items in all), its items
// booked on day.
func txnPageJSONFor(start, n int, day string, page, pages, records int) []byte {
	kinds := []struct{ code, desc, short, group, product, dc string }{
		{"195", "IND INCOMING MONEY TRANSFER", "FEDWIRE CREDIT", "WIRE", "FED", "CREDIT"},
		{"495", "IND OUTGOING MONEY TRANSFERS", "CHIPS DEBIT", "WIRE", "CHIP", "DEBIT"},
		{"142", "ACH CREDIT RECEIVED", "ACH CREDIT ACME PAYROLL", "ACH", "ACH", "CREDIT"},
		{"451", "ACH DEBIT RECEIVED", "ACH DEBIT IRS USATAXPYMT", "ACH", "ACH", "DEBIT"},
		{"206", "BOOK TRANSFER CREDIT", "BOOK TRANSFER CREDIT", "MISC", "BOOK", "CREDIT"},
		{"475", "CHECK PAID", "CHECK PAID", "MISC", "D/R", "DEBIT"},
		{"698", "MISCELLANEOUS FEES", "ACCOUNT ANALYSIS FEE", "MISC", "MISC", "DEBIT"},
		{"575", "ZBA DEBIT", "ZBA DEBIT TO CONCENTRATION", "MISC", "BOOK", "DEBIT"},
		{"999", "NOT A CODE WE MAP", "UNKNOWN ITEM", "MISC", "MISC", "CREDIT"},
	}
	var b strings.Builder
	fmt.Fprintf(&b, `{"pagination":{"pageSize":%d,"totalPages":%d,"pageNumber":%d,"totalRecords":%d},"data":[`, n, pages, page, records)
	for j := range n {
		i := start + j
		k := kinds[i%len(kinds)]
		cents := i*7919%250000000 + 1250
		amt := fmt.Sprintf("%d.%02d", cents/100, cents%100)
		imm := fmt.Sprintf("%d.%02d", cents/200, cents/2%100)
		rest := fmt.Sprintf("%d.%02d", (cents-cents/2)/100, (cents-cents/2)%100)
		if j > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"transactionId":"TXN-C-12342009-20261120-%06d","account":{"accountId":"000000012342009","accountName":"ACME CORP OPERATING","bankId":"802","branchId":"CHASUS33","bankName":"JPMORGAN CHASE BANK, N.A. - NEW YORK","currency":{"code":"USD","currencySequence":1,"decimalLocation":2,"description":"US DOLLAR"},"aba":"021000021"},`, i)
		fmt.Fprintf(&b, `"debitCreditCode":%q,"amount":%s,"currency":{"code":"USD","currencySequence":1,"decimalLocation":2,"description":"US DOLLAR"},`, k.dc, amt)
		fmt.Fprintf(&b, `"asOfDate":%[1]q,"asOfDateTime":"%[1]sT14:02:11Z","valueDate":%[1]q,"valueDateTime":"%[1]sT05:00:00Z","recordTimestamp":"%[1]sT14:02:11Z","receivedTimestamp":"%[1]sT14:02:11Z","lastUpdate":null,`, day)
		fmt.Fprintf(&b, `"baiType":{"typeCode":%q,"summaryTypeCode":"190","description":%q,"shortDescription":%q,"groupCode":%q,"productGroupCode":%q,"btrsTypeCode":%q},`, k.code, k.desc, k.short, k.group, k.product, k.code)
		fmt.Fprintf(&b, `"productGroup":{"groupCode":%q,"groupDescription":"FEDWIRE TRANSFERS","wire":true},"ddaTxnCode":%q,"fundsTypeCode":"SAME",`, k.product, k.code)
		fmt.Fprintf(&b, `"immediateAvailable":%s,"day1Available":%s,"day2Available":0.00,"day2PlusAvailable":null,"day3PlusAvailable":0.00,`, imm, rest)
		fmt.Fprintf(&b, `"bankReferenceSearchable":{"standardValue":"FT2611%08d","searchValue":"FT2611%08d"},"customerReferenceSearchable":{"standardValue":"INV-%07d","searchValue":"INV%07d"},"wireReferenceSearchable":null,"wireType":"EMPTY",`, i, i, i, i)
		fmt.Fprintf(&b, `"shortDescription":%q,"narrativeText":{"YOUR REF    ":"INV-%07d","B/O CUSTOMER":"CUSTOMER %06d LLC 1 MAIN ST SPRINGFIELD","REMARK      ":"PAYMENT FOR SERVICES RENDERED PER CONTRACT %d"},`, k.short, i, i%50000, i%997)
		b.WriteString(`"transactionStatus":"O","postCode":"I","narrativeTypeCode":"T","floatSpreadCode":"3","reversal":false,"override":false,"checkNumber":null,"originalTransactionCode":null,"thirdPartyBank":null}`)
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

// decodePage is what fetchTxnPage does with a page's body.
func decodePage(tb testing.TB, body []byte) []model.Transaction {
	r, err := decodeTransactions(body)
	if err != nil {
		tb.Fatal(err)
	}
	share := newTxnShare(r.Data)
	out := make([]model.Transaction, len(r.Data))
	for i := range r.Data {
		out[i] = r.Data[i].model(model.DefaultCategories(), share)
	}
	return out
}

// BenchmarkTransactionsDecodePage decodes one page of 1,000 items (the
// bank's largest) into model.Transaction, as fetchTxnPage does. Beyond
// B/op and allocs/op it reports retained-B/item: the live heap the items
// keep once the page's bytes and wire structs are garbage, which is what
// 100,000 loaded transactions cost (issue 9).
//
//	go test ./jpm -run '^$' -bench TransactionsDecode -benchmem -benchtime 20x
func BenchmarkTransactionsDecodePage(b *testing.B) {
	body := txnPageJSON(0, 1000)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		_ = decodePage(b, body)
	}
	b.StopTimer()
	b.ReportMetric(retainedPerItem(b, body), "retained-B/item")
}

// retainedPerItem is the live heap per item of ten decoded pages still held.
func retainedPerItem(tb testing.TB, body []byte) float64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	pages := make([][]model.Transaction, 10)
	for i := range pages {
		pages[i] = decodePage(tb, body)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(pages)
	return float64(after.HeapAlloc-before.HeapAlloc) / 10_000
}

// TestDecodedPageDoesNotPinItsBytes: what a decoded page retains is far
// less than its JSON (no string of an item points into the body, and the
// wire structs are garbage), so 100,000 items do not keep 100 pages of
// JSON alive.
func TestDecodedPageDoesNotPinItsBytes(t *testing.T) {
	body := txnPageJSON(0, 1000)
	per := retainedPerItem(t, body)
	if jsonPer := float64(len(body)) / 1000; per > jsonPer/2 {
		t.Fatalf("a decoded item retains %.0f bytes, its JSON is %.0f", per, jsonPer)
	}
	items := decodePage(t, body)
	if items[0].TxnCommon != items[9].TxnCommon || items[0].AsOfDate != items[1].AsOfDate {
		t.Fatal("items of one kind must share their common part")
	}
	if cap(items[0].Narrative) != len(items[0].Narrative) {
		t.Fatal("a narrative window must be capacity-limited, so appending cannot overwrite the next item's")
	}
	if items[0].Availability.Day2Plus().Valid || !items[0].Availability.Day2().Valid {
		t.Fatal("null availability must stay missing, 0 must stay 0")
	}
}
