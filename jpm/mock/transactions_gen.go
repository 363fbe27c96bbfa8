package mock

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// The transaction history and the balance model are one book: the seeded
// items booked on a day add up exactly to that day's seeded move of the
// ledger, seededClose(d) − seededClose(d−1). Ordinary items are drawn from
// the account's profile; the last item of the day (an end-of-day sweep,
// funding or book transfer, posted at 22:30) carries the remainder. The
// intraday ledger is then the opening plus the items booked so far
// (ledger.go), never an independent number, so opening ledger + credits −
// debits = ending ledger holds at every cycle of the current day and on
// every closed day of every account — except the deliberately broken one
// (brokenDay), whose report leaves out an item the ledger did book.
// Payments add their own items on top (transactions_pay.go).
//
// Like the balances, every item is a pure function of (seed, account, day),
// so any day can be computed directly and the same inputs give the same
// bytes.

// BrokenAccount is the demo account with a broken reconciliation day: on
// every Wednesday (its own business day) the report leaves out the
// 1,250.00 USD account analysis fee that the ledger booked, so the
// closing ledger is 1,250.00 below what the listed items explain. Weekly,
// so one broken day is always among the last seven closed days.
const (
	BrokenAccount = "000000010962009"
	BrokenAmount  = "1250.00"
	brokenWeekday = time.Wednesday
)

// BrokenDay is the most recent broken day of BrokenAccount before its
// current business day at now (YYYY-MM-DD), for docs, demos and tests.
func (b *Bank) BrokenDay(now time.Time) string {
	a := b.v1ByID[BrokenAccount]
	for d := today(a, now) - 1; ; d-- {
		if isBrokenDay(a, d) {
			return d.String()
		}
	}
}

func isBrokenDay(a *account, d date) bool {
	return a.id == BrokenAccount && d.weekday() == brokenWeekday
}

func (d date) weekday() time.Weekday { return time.Weekday((int64(d)%7 + 7 + 4) % 7) } // 1970-01-01 was a Thursday

// narrLine is one narrativeText entry; the key is padded to 12 on the wire.
type narrLine struct{ key, text string }

// mockTxn is one posted item of the book.
type mockTxn struct {
	id          string
	k           *txnKind
	asOf, value date
	posted      time.Time
	amount      money // positive; the direction is k.credit
	bankRef     string
	customerRef string
	wireRef     string
	check       int
	narrative   []narrLine
	avail       [3]money // immediate, day 1, day 2
	unreported  bool     // booked by the ledger but left out of the report (brokenDay)
}

// txnGen draws the pseudo-random choices of one account-day.
type txnGen struct {
	h hasher
	n int64
	a *account
	d date
}

func (g *txnGen) next() uint64 {
	g.n++
	return g.h.i64(g.n).sum()
}

func (g *txnGen) below(n int64) int64 {
	if n <= 0 {
		return 0
	}
	return int64(g.next() % uint64(n))
}

func (g *txnGen) pick(list []string) string { return list[g.below(int64(len(list)))] }

func (g *txnGen) digits(n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(byte('0' + g.below(10)))
	}
	return b.String()
}

// dayMemo remembers generated days: a page request regenerates up to eight
// days, a client reads each window page by page, and every balance request
// sums the current day's items. The items are a pure
// function of (seed, account, day), so a memo can never be stale; it is
// dropped whole when it grows past memoDays (or twice the accounts of the
// book, if more), which bounds a long-running mock-server's memory.
type dayMemo struct {
	mu   sync.Mutex
	days map[memoKey]memoDay
}

// memoDay is one generated day: every item the ledger booked, and the
// report of them (the same slice unless the day is broken).
type memoDay struct{ booked, reported []mockTxn }

type memoKey struct {
	a *account
	d date
}

const memoDays = 4096

// dayItems is the seeded report of account a for day d: every item booked
// that day in posting order (the broken day without its missing item),
// without payments. The slice is shared: callers must not modify it.
func (b *Bank) dayItems(a *account, d date) []mockTxn { return b.memoDay(a, d).reported }

// dayBooked is every seeded item the ledger booked on d, the broken day's
// unreported one included, in posting order. Shared, like dayItems.
func (b *Bank) dayBooked(a *account, d date) []mockTxn { return b.memoDay(a, d).booked }

// reportedItems is what Transaction Details reports for a's day d: the
// seeded items and the payment items, in posting order. Shared when the
// day has no payment items; callers must not modify it.
func (b *Bank) reportedItems(a *account, d date) []mockTxn {
	seeded, paid := b.dayItems(a, d), b.paymentItemsOn(a, d)
	if len(paid) == 0 {
		return seeded
	}
	all := append(append(make([]mockTxn, 0, len(seeded)+len(paid)), seeded...), paid...)
	sortByPosting(all)
	return all
}

func (b *Bank) memoDay(a *account, d date) memoDay {
	m := &b.txnMemo
	m.mu.Lock()
	day, ok := m.days[memoKey{a, d}]
	m.mu.Unlock()
	if ok {
		return day
	}
	day.booked = b.generateDay(a, d)
	day.reported = day.booked
	if i := slices.IndexFunc(day.booked, func(t mockTxn) bool { return t.unreported }); i >= 0 {
		day.reported = slices.Delete(slices.Clone(day.booked), i, i+1)
	}
	m.mu.Lock()
	if m.days == nil || len(m.days) >= max(memoDays, 2*len(b.book)) { // a balance call over every account's current day must not thrash
		m.days = map[memoKey]memoDay{}
	}
	m.days[memoKey{a, d}] = day
	m.mu.Unlock()
	return day
}

// sortByPosting orders items by posting time, keeping the drawn order of
// items posted at the same instant (a ZBA sweep follows its receipt).
func sortByPosting(items []mockTxn) {
	slices.SortStableFunc(items, func(x, y mockTxn) int { return x.posted.Compare(y.posted) })
}

// generateDay draws every item account a's ledger booked on day d, in
// posting order; the broken day's missing item is marked unreported.
func (b *Bank) generateDay(a *account, d date) []mockTxn {
	p := profileOf(a)
	g := &txnGen{h: newHasher(b.seed).str(a.id).str("txn").i64(int64(d)), a: a, d: d}
	n := p.perDay*3/4 + int(g.below(int64(p.perDay/2+1)))
	items := make([]mockTxn, 0, n+3)
	for range n {
		k := g.choose(p.mix)
		items = append(items, g.item(len(items), k, postingSecs(k, g.below(14*3600))))
		if p.sweepEach {
			items = append(items, g.sweep(len(items), &items[len(items)-1]))
		}
	}
	if p.interest && a.base > 0 {
		it := g.item(len(items), kInterest, 6*3600)
		it.amount = a.base * money(80+g.below(41)) / 1_000_000 // about 3.6% a year
		it.avail = [3]money{it.amount}
		items = append(items, it)
	}
	if isBrokenDay(a, d) {
		it := g.item(len(items), kAnalysisFee, 20*3600)
		it.amount = mustMoney(BrokenAmount, a.ccy.decimals)
		it.avail = [3]money{it.amount}
		it.unreported = true
		items = append(items, it)
	}
	if bal := g.balancing(p, len(items), b.dayMove(a, d)-netOf(items)); bal != nil {
		items = append(items, *bal)
	}
	sortByPosting(items)
	return items
}

// dayMove is the ledger's seeded move over d: what the seeded items of d
// add up to (payments come on top, transactions_pay.go).
func (b *Bank) dayMove(a *account, d date) money {
	return b.seededClose(a, d) - b.seededClose(a, d-1)
}

func netOf(items []mockTxn) money {
	var s money
	for _, t := range items {
		if t.k.credit {
			s += t.amount
		} else {
			s -= t.amount
		}
	}
	return s
}

// sweep is the ZBA item that takes it straight back out (sweepEach),
// posted at the same instant.
func (g *txnGen) sweep(i int, it *mockTxn) mockTxn {
	k := kZBASweepItem
	if !it.k.credit {
		k = kZBAFundItem
	}
	sw := g.item(i, k, 0)
	sw.posted, sw.amount, sw.avail = it.posted, it.amount, [3]money{it.amount}
	return sw
}

// balancing is the end-of-day item that makes the day add up, nil when the
// items already do.
func (g *txnGen) balancing(p *txnProfile, i int, rest money) *mockTxn {
	if rest == 0 {
		return nil
	}
	k := p.balUp
	if rest < 0 {
		k, rest = p.balDown, -rest
	}
	it := g.item(i, k, 22*3600+30*60)
	it.amount, it.value = rest, g.d
	it.avail = [3]money{rest}
	return &it
}

func (g *txnGen) choose(mix []weighted) *txnKind {
	total := 0
	for _, w := range mix {
		total += w.w
	}
	r := int(g.below(int64(total)))
	for _, w := range mix {
		if r < w.w {
			return w.k
		}
		r -= w.w
	}
	return mix[len(mix)-1].k
}

// unit is the account's typical item size in minor units: a tenth of its
// daily drift, at least 1,000 major units (the zero-balance account has no
// drift but still moves money through the day).
func unit(a *account) money {
	floor := money(1000) * pow10(a.ccy.decimals)
	return max(a.drift/10, floor)
}

func pow10(n int) money {
	m := money(1)
	for range n {
		m *= 10
	}
	return m
}

// perUSD is roughly how many minor units one US dollar is, so fees read
// plausibly in every currency of the book.
func perUSD(a *account) money {
	switch a.ccy.code {
	case "JPY":
		return 150
	case "BHD":
		return 377
	case "GBP":
		return 79
	case "EUR":
		return 92
	default:
		return pow10(a.ccy.decimals)
	}
}

// item draws the i-th item of the day: kind k posted at secs after midnight.
func (g *txnGen) item(i int, k *txnKind, secs int64) mockTxn {
	dir := 'D'
	if k.credit {
		dir = 'C'
	}
	day := time.Unix(int64(g.d)*86400, 0).UTC().Format("20060102")
	t := mockTxn{
		id: fmt.Sprintf("TXN-%c-%s-%s-%04d", dir, strings.TrimLeft(g.a.id, "0"), day, i+1),
		k:  k, asOf: g.d, value: g.d,
		posted:  g.d.midnight(g.a.loc).Add(time.Duration(secs) * time.Second).UTC(),
		bankRef: "FT" + day[2:] + g.digits(6),
	}
	t.amount = g.amount(k)
	if k.wire == "FED" {
		t.wireRef = day + "QMGFT" + g.digits(3) + g.digits(6)
	}
	if k.check {
		t.check = 100000 + int(g.below(900000))
	}
	if k.customerRef != nil {
		t.customerRef = k.customerRef(g)
	}
	if k.narrative != nil {
		t.narrative = k.narrative(g)
		for i := range t.narrative {
			if t.narrative[i].key == "YOUR REF" && t.customerRef != "" {
				t.narrative[i].text = t.customerRef // the same reference twice, as banks show it
			}
		}
	}
	if (k == kWireIn || k == kACHReturn || k == kReturnDeposit) && g.below(12) == 0 {
		t.value = g.d - date(1+g.below(3)) // back-valued
	}
	t.avail = g.availability(k, t.amount)
	return t
}

func (g *txnGen) amount(k *txnKind) money {
	if k == kFee {
		return money(25+g.below(426)) * perUSD(g.a)
	}
	tenth := unit(g.a) / 10
	lo := tenth * money(k.lo)
	return max(lo+money(g.below(int64(tenth)*(k.hi-k.lo)+1)), pow10(g.a.ccy.decimals))
}

// availability splits a floated credit over today, day 1 and day 2.
func (g *txnGen) availability(k *txnKind, amt money) [3]money {
	if !k.float {
		return [3]money{amt}
	}
	now := amt * money(40+g.below(31)) / 100
	d1 := (amt - now) * money(50+g.below(31)) / 100
	return [3]money{now, d1, amt - now - d1}
}
