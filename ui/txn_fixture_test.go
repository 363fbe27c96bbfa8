package ui

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/shopspring/decimal"

	"cashpos/model"
)

// txnKind is one line of the demo book's transaction mix.
type txnKind struct {
	code, desc, baiDesc string
	dc                  model.DebitCredit
}

var txnKinds = []txnKind{
	{"195", "FEDWIRE CREDIT", "IND INCOMING MONEY TRANSFER", model.Credit},
	{"495", "CHIPS DEBIT", "IND OUTGOING MONEY TRANSFERS", model.Debit},
	{"142", "ACH CREDIT ACME PAYROLL", "ACH CREDIT RECEIVED", model.Credit},
	{"451", "ACH DEBIT IRS USATAXPYMT", "ACH DEBIT RECEIVED", model.Debit},
	{"206", "BOOK TRANSFER CREDIT", "BOOK TRANSFER CREDIT", model.Credit},
	{"475", "CHECK PAID", "CHECK PAID", model.Debit},
	{"698", "ACCOUNT ANALYSIS FEE", "MISCELLANEOUS FEES", model.Debit},
	{"575", "ZBA DEBIT TO CONCENTRATION", "ZBA DEBIT", model.Debit},
	{"999", "UNKNOWN ITEM", "NOT A CODE WE MAP", model.Credit},
}

// sampleTxns is n deterministic transactions booked on day (YYYY-MM-DD).
func sampleTxns(n int, day string, seed int) []model.Transaction {
	commons := kindCommons()
	out := make([]model.Transaction, n)
	for i := range out {
		ki := (i + seed) % len(txnKinds)
		k := txnKinds[ki]
		cents := int64((i+seed)*7919%250000000 + 1250)
		amount := decimal.New(cents, -2)
		t := model.Transaction{
			ID:          fmt.Sprintf("TXN-%s-%06d", day, i+seed*1000000),
			TxnCommon:   commons[ki],
			AsOfDate:    day,
			ValueDate:   day,
			AsOfTime:    time.Date(2026, 11, 20, 9+i%8, i%60, 0, 0, time.UTC),
			DebitCredit: k.dc,
			Amount:      amount,
			References: model.References{
				Customer: fmt.Sprintf("INV-%05d", 40000+i), Bank: fmt.Sprintf("2026%08d", i),
			},
			Narrative: []model.NarrativeLine{
				{Key: "YOUR REF", Text: fmt.Sprintf("INV-%05d", 40000+i)},
				{Key: "B/O CUSTOMER", Text: "ACME WIDGETS LLC 1 MAIN ST SPRINGFIELD"},
				{Key: "REMARK", Text: "PAYMENT FOR SERVICES RENDERED IN OCTOBER PER CONTRACT 2026-17"},
			},
			Availability: model.NewAvailability(decimal.NewNullDecimal(amount), none, none, none, none),
		}
		if i%5 == 0 {
			t.ValueDate = "2026-11-18" // back-valued
			t.References.Check = fmt.Sprint(1000 + i)
		}
		out[i] = t
	}
	return out
}

var none = decimal.NullDecimal{}

// kindCommons is the shared part of each kind's items, one per kind as the
// client's decoder keeps it (jpm txnShare).
func kindCommons() []*model.TxnCommon {
	cats := model.DefaultCategories()
	out := make([]*model.TxnCommon, len(txnKinds))
	for i, k := range txnKinds {
		out[i] = &model.TxnCommon{
			AccountID: "000000012342009", Currency: model.CurrencyOf("USD"),
			BAI:      model.BAIType{Code: k.code, Description: k.baiDesc, GroupCode: groupOf(k.code)},
			Category: cats.Of(k.code), Description: k.desc, FundsType: "SAME", Status: "O",
		}
	}
	return out
}

// withDescription is t with its own shared part, description replaced
// (the shared part is read-only).
func withDescription(t model.Transaction, d string) model.Transaction {
	c := *t.TxnCommon
	c.Description = d
	t.TxnCommon = &c
	return t
}

func groupOf(code string) string {
	switch code {
	case "195", "495":
		return "WIRE"
	case "142", "451":
		return "ACH"
	}
	return "MISC"
}

// txnBank answers TxnFetch from pages per query day range; it records the
// queries it was asked.
type txnBank struct {
	mu      sync.Mutex
	pages   map[string][][]model.Transaction // "from..to" → pages
	gaps    map[string]error                 // "from..to" → a failed window
	fail    error                            // the whole fetch fails
	queries []TxnQuery
	ledger  map[string]model.DayLedger
}

func rangeKey(from, to time.Time) string {
	return from.Format(time.DateOnly) + ".." + to.Format(time.DateOnly)
}

func (b *txnBank) Fetch(ctx context.Context, q TxnQuery) iter.Seq2[TxnBatch, error] {
	b.mu.Lock()
	b.queries = append(b.queries, q)
	pages := b.pages[rangeKey(q.From, q.To)]
	gap := b.gaps[rangeKey(q.From, q.To)]
	fail := b.fail
	b.mu.Unlock()
	return func(yield func(TxnBatch, error) bool) {
		if fail != nil {
			yield(TxnBatch{}, fail)
			return
		}
		prog := TxnProgress{Windows: 1, PagesKnown: len(pages)}
		for i, p := range pages {
			prog.PagesDone = i + 1
			if i == len(pages)-1 {
				prog.WindowsDone = 1
			}
			if !yield(TxnBatch{New: p, Progress: prog}, nil) {
				return
			}
		}
		if gap != nil {
			prog.Failed++
			yield(TxnBatch{Gap: "2026-11-16..2026-11-20", GapErr: gap, Progress: prog}, nil)
		}
	}
}

func (b *txnBank) DayLedger(_ context.Context, a model.Account, day time.Time) (model.DayLedger, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	l, ok := b.ledger[day.Format(time.DateOnly)]
	if !ok {
		return model.DayLedger{}, errors.New("no balance for that day")
	}
	return l, nil
}

var (
	dToday = time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	dPrior = time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC)
)

// split cuts txns into pages of n.
func split(txns []model.Transaction, n int) [][]model.Transaction {
	var out [][]model.Transaction
	for len(txns) > n {
		out = append(out, txns[:n])
		txns = txns[n:]
	}
	return append(out, txns)
}

// ledgerFor is a closed day's ledger that reconciles with txns, off by diff.
func ledgerFor(day string, txns []model.Transaction, diff string) model.DayLedger {
	open := decimal.RequireFromString("1000000.00")
	close := open
	for _, t := range txns {
		close = close.Add(t.Signed())
	}
	return model.DayLedger{AccountID: "000000012342009", Date: day, Currency: model.CurrencyOf("USD"),
		Opening: open, Closing: close.Add(decimal.RequireFromString(diff))}
}

// standardTxnBank has 60 items today in three pages, 12 on the prior day
// (which reconciles), and nothing else.
func standardTxnBank() *txnBank {
	today := sampleTxns(60, "2026-11-20", 0)
	prior := sampleTxns(12, "2026-11-19", 3)
	return &txnBank{
		pages: map[string][][]model.Transaction{
			rangeKey(dToday, dToday): split(today, 25),
			rangeKey(dPrior, dPrior): split(prior, 25),
		},
		ledger: map[string]model.DayLedger{"2026-11-19": ledgerFor("2026-11-19", prior, "0")},
	}
}

// txnTop is the transactions screen on top of the stack.
func txnTop(t *testing.T, m Model) txnScreen {
	t.Helper()
	s, ok := m.top().(txnScreen)
	if !ok {
		t.Fatalf("top screen is %T", m.top())
	}
	return s
}

// openTxns loads the dashboard with bank, selects the first row and opens
// its transactions, running every command (so every page lands).
func openTxns(t *testing.T, bank *txnBank, w, h int) Model {
	t.Helper()
	m, _ := started(t, Options{Fetch: newBank(ok(todayExplained(t, bank, w, h))).Fetch, Transactions: bank.Fetch, DayLedger: bank.DayLedger}, w, h)
	m, _ = press(t, m, "enter")
	txnTop(t, m)
	return m
}

// sendTxn hands msg to the model without running the commands it returns.
func sendOnly(t testing.TB, m Model, msg tea.Msg) Model {
	t.Helper()
	next, _ := m.Update(msg)
	return next.(Model)
}

// todayExplained is the typical snapshot with the first row's ending
// ledger set to its opening ledger plus bank's items for today, so the
// transactions screen's "today so far" line agrees, as it does against a
// consistent bank.
func todayExplained(t *testing.T, bank *txnBank, w, h int) model.Snapshot {
	t.Helper()
	m, _ := started(t, Options{Fetch: newBank(ok(typicalSnapshot())).Fetch}, w, h)
	id := dash(m).bk.bals[dash(m).grid.order[0]].Account.ID
	snap := typicalSnapshot()
	snap.Balances = append([]model.Balance(nil), snap.Balances...)
	for i, b := range snap.Balances {
		if b.Account.ID != id || !b.OpeningLedger.Valid {
			continue
		}
		net := b.OpeningLedger.Decimal
		for _, page := range bank.pages[rangeKey(dToday, dToday)] {
			for _, x := range page {
				net = net.Add(x.Signed())
			}
		}
		snap.Balances[i].EndingLedger = decimal.NullDecimal{Decimal: net, Valid: true}
	}
	return snap
}
