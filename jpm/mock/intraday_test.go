package mock

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// currentDayGap checks, for account a at now, that the current day's
// reported items explain the current ending ledger: opening + items =
// ending, less the broken day's unreported fee once the ledger has booked
// it. It returns the number of items.
func currentDayGap(t *testing.T, b *Bank, a *account, now time.Time) int {
	t.Helper()
	s := b.current(a, now)
	items := b.txnSelect(a, txnQuery{relative: "CURRENT_DAY"}, now)
	if a.priorDayOnly {
		if len(items) != 0 {
			t.Fatalf("%s at %s: a prior-day-only account reported %d intraday items", a.id, now, len(items))
		}
		return 0
	}
	var net money
	for _, it := range items {
		if it.asOf != s.asOf || it.posted.After(s.record) {
			t.Fatalf("%s at %s: item %s booked %s on %s, after the report of %s at %s", a.id, now, it.id, it.posted, it.asOf, s.asOf, s.record)
		}
		net += it.signed()
	}
	want := s.endLedger - s.openLedger
	if isBrokenDay(a, s.asOf) && !s.record.Before(s.asOf.midnight(a.loc).Add(20*time.Hour)) {
		want += mustMoney(BrokenAmount, a.ccy.decimals) // the fee the ledger booked and the report leaves out
	}
	if net != want {
		t.Fatalf("%s at %s (record %s): items net %s, ledger moved %s (opening %s, ending %s)", a.id, now, s.record,
			net.format(a.ccy.decimals), (s.endLedger - s.openLedger).format(a.ccy.decimals),
			s.openLedger.format(a.ccy.decimals), s.endLedger.format(a.ccy.decimals))
	}
	return len(items)
}

// TestCurrentDayItemsExplainTheLedger: at any clock time — just after
// midnight before anything is booked, overnight ACH, mid-day, after the
// broken day's fee, after the close — the current day's items add up to
// the ledger's move so far, for every account of the book and some
// synthetic ones, in every zone, across the US DST change.
func TestCurrentDayItemsExplainTheLedger(t *testing.T) {
	b := New(Options{Seed: 42, ExtraAccounts: 3})
	ny, _ := time.LoadLocation("America/New_York")
	wed := func(h, m int) time.Time { return time.Date(2025, 3, 12, h, m, 0, 0, ny) }
	named := []time.Time{wed(0, 10), wed(3, 40), wed(11, 7), wed(20, 45), wed(23, 50)}
	for _, now := range named {
		for _, a := range b.book {
			currentDayGap(t, b, a, now)
		}
	}
	ops := b.v1ByID[BrokenAccount]
	if n := currentDayGap(t, b, ops, wed(0, 10)); n != 0 {
		t.Errorf("%d items booked by 00:10", n)
	}
	if s := b.current(ops, wed(20, 45)); s.endLedger == s.openLedger {
		t.Error("the operating account did not move by 20:45")
	}
	// Every 7.5 minutes for two days, over the DST change of 9 March.
	start := time.Date(2025, 3, 8, 0, 0, 0, 0, time.UTC)
	for now := start; now.Before(start.Add(48 * time.Hour)); now = now.Add(450 * time.Second) {
		for _, a := range b.book {
			currentDayGap(t, b, a, now)
		}
	}
}

// TestCurrentDayOverTheWire: the same through the HTTP endpoints the
// client uses, for every v1 account at a mid-day time.
func TestCurrentDayOverTheWire(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	bal := f.v1(t, tok, `{}`)
	for id, r := range bal {
		a := f.bank.v1ByID[id]
		if a.priorDayOnly {
			continue
		}
		type item struct {
			TransactionID, DebitCreditCode, RecordTimestamp string
			Amount                                          json.RawMessage
		}
		var items []item
		for page := 1; ; page++ {
			q := map[string][]string{"accountIds": {id}, "relativeDateType": {"CURRENT_DAY"}, "pageNumber": {itoa(page)}, "pageSize": {"1000"}}
			resp, body := f.txns(t, tok, q)
			wantStatus(t, resp, body, http.StatusOK)
			var p struct {
				Pagination txnPagination
				Data       []item
			}
			mustUnmarshal(t, body, &p)
			items = append(items, p.Data...)
			if page >= p.Pagination.TotalPages {
				break
			}
		}
		l := r.BalanceList[0]
		sum := dec(t, l.OpenLedger)
		for _, it := range items {
			amt := dec(t, it.Amount)
			if it.DebitCreditCode == "DEBIT" {
				amt = amt.Neg()
			}
			sum = sum.Add(amt)
			if it.RecordTimestamp > l.RecordTimestamp {
				t.Fatalf("%s: item %s recorded %s, after the balance's %s", id, it.TransactionID, it.RecordTimestamp, l.RecordTimestamp)
			}
		}
		if !sum.Equal(dec(t, l.EndLedger)) {
			t.Errorf("%s: opening %s + %d items = %s, ending ledger %s", id, l.OpenLedger, len(items), sum, l.EndLedger)
		}
	}
}

// TestPaymentIsADebitItem: a completed payment is a current-day debit
// item booked at the instant it completed, the ledger moves with it, and it
// stays in the book: the day closes with it and the next day opens with
// it. A returned payment is credited back with a second item.
func TestPaymentIsADebitItem(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.token(t)
	a := f.bank.v1ByID[payOperating]
	for _, p := range []struct{ e2e, creditor string }{{"EPAID", "123456789"}, {"ERET", ScriptReturn}, {"ECLOSED", ScriptClosedAccount}} {
		r, body := f.post(t, tok, "", payBody(p.e2e, p.creditor))
		wantStatus(t, r, body, 201)
	}
	next := cycleStart(cycleIndex(fixedNow) + 1).Add(time.Second)
	currentDayGap(t, f.bank, a, next)
	var paid, returned []*mockTxn
	for _, it := range f.bank.txnSelect(a, txnQuery{relative: "CURRENT_DAY"}, next) {
		if it.customerRef == "EPAID" || it.customerRef == "ERET" {
			if it.k.credit {
				returned = append(returned, it)
			} else {
				paid = append(paid, it)
			}
		}
		if it.customerRef == "ECLOSED" {
			t.Errorf("a rejected payment was booked: %s", it.id)
		}
	}
	if len(paid) != 2 || len(returned) != 1 || returned[0].customerRef != "ERET" {
		t.Fatalf("want two payment debits and one return credit, got %d and %d", len(paid), len(returned))
	}
	for _, it := range paid {
		w := it.wire(a)
		if w.Amount != "1500.00" || w.DebitCreditCode != "DEBIT" || w.BAIType.TypeCode != "495" ||
			!strings.Contains(string(mustJSON(w.NarrativeText)), "ACME") || !it.posted.After(fixedNow) {
			t.Errorf("payment item %+v", w)
		}
	}
	// The payment stays booked after midnight: the closed day reconciles
	// with it and the next day opens below the seeded close by its amount.
	d := today(a, fixedNow)
	var net money
	for _, it := range f.bank.reportedItems(a, d) {
		net += it.signed()
	}
	moved := f.bank.closingLedger(a, d) - f.bank.closingLedger(a, d-1)
	if isBrokenDay(a, d) {
		moved += mustMoney(BrokenAmount, 2)
	}
	if net != moved {
		t.Errorf("the day with payments: items net %s, ledger moved %s", net.format(2), moved.format(2))
	}
	tomorrow := f.bank.current(a, (d + 1).midnight(a.loc).Add(time.Hour))
	if tomorrow.openLedger != f.bank.seededClose(a, d)-150000 {
		t.Errorf("the next day opens at %s, want the seeded close less the payment", tomorrow.openLedger.format(2))
	}
	currentDayGap(t, f.bank, a, (d + 1).midnight(a.loc).Add(time.Hour))
}
