package ui

import (
	"fmt"
	"testing"

	"github.com/shopspring/decimal"

	"cashpos/model"
)

// bigJournal is n payments, one in ten still in flight, all from the
// dashboard's first account.
func bigJournal(n int) *fakePay {
	pay := newFakePay()
	for i := range n {
		p := paymentAt(fmt.Sprintf("CPBENCH%08d", i), evSubmit, evReceived, evCompleted)
		if i%10 == 0 {
			p = paymentAt(fmt.Sprintf("CPBENCH%08d", i), evSubmit, evReceived)
		}
		p.Intent.Amount = decimal.New(int64(i+1), -2)
		pay.journal = append(pay.journal, p)
	}
	return pay
}

// A frame of the dashboard with a large journal: the pending outflow and
// the header's in-flight count read the book every frame.
func BenchmarkFrameDashboardWithJournal10k(b *testing.B) {
	m := payModel(&testing.T{}, bigJournal(10_000), 120, 40)
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// A frame of the payments list over 10,000 payments (only visible rows are drawn).
func BenchmarkFramePayList10k(b *testing.B) {
	m := keys(&testing.T{}, payModel(&testing.T{}, bigJournal(10_000), 120, 40), "P")
	if _, ok := m.top().(payList); !ok {
		b.Fatal("no list")
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// One follower's change landing with 10,000 payments in the book.
func BenchmarkPayChange10k(b *testing.B) {
	m := payModel(&testing.T{}, bigJournal(10_000), 120, 40)
	p := paymentAt("CPBENCH00000010", evSubmit, evReceived, evAccepted)
	b.ReportAllocs()
	for b.Loop() {
		next, _ := m.Update(payChangedMsg{p: p})
		m = next.(Model)
		_ = m.View()
	}
}

var _ = model.StatusCompleted
