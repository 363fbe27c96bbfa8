package main

import (
	"context"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/shopspring/decimal"

	"cashpos/jpm/mock"
	"cashpos/model"
	"cashpos/ui"
)

// brokenAndOrdinaryDays are the demo's broken reconciliation day (the last
// Wednesday before today in New York) and the closed day before it.
func brokenAndOrdinaryDays(now time.Time) (broken, ordinary time.Time) {
	y, m, d := now.In(model.Account{}.Location()).Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
	for day.Weekday() != time.Wednesday {
		day = day.AddDate(0, 0, -1)
	}
	return day, day.AddDate(0, 0, -1)
}

// The screen's two bank functions against the demo bank: every page of a
// closed day arrives through the adapter, and the day reconciles — except
// the demo's deliberately broken day, which is off by the missing fee.
func TestDemoTransactionsAdapterReconciles(t *testing.T) {
	s := demoSession(t)
	acct := model.Account{ID: mock.BrokenAccount, Currency: model.CurrencyOf("USD")}
	broken, ordinary := brokenAndOrdinaryDays(time.Now())
	for _, c := range []struct {
		day  time.Time
		diff string
	}{{ordinary, "0"}, {broken, "-" + mock.BrokenAmount}} {
		var txns []model.Transaction
		for b, err := range s.uiTransactions(context.Background(), ui.TxnQuery{Account: acct, From: c.day, To: c.day}) {
			if err != nil || b.Gap != "" {
				t.Fatalf("%s: %v %s", c.day.Format(time.DateOnly), err, b.Gap)
			}
			txns = append(txns, b.New...)
		}
		l, err := s.uiDayLedger(context.Background(), acct, c.day)
		if err != nil {
			t.Fatal(err)
		}
		r := model.Reconcile(l, txns)
		if len(txns) == 0 || r.Difference.StringFixed(2) != mustFixed(t, c.diff) {
			t.Fatalf("%s: %d items, %s", c.day.Format(time.DateOnly), len(txns), r)
		}
	}
}

func mustFixed(t *testing.T, s string) string {
	t.Helper()
	return decimal.RequireFromString(s).StringFixed(2)
}

// The drill-down through the real event loop against the demo bank: enter
// on the first account, type the broken day, see the difference.
func TestDemoTransactionsScreen(t *testing.T) {
	s := demoSession(t)
	tm := teatest.NewTestModel(t, ui.New(ui.Options{
		Env: uiEnv(s), Fetch: s.fetch, Thresholds: s.thresholds(), RefreshInterval: time.Hour,
		Transactions: s.uiTransactions, DayLedger: s.uiDayLedger,
	}),
		teatest.WithInitialTermSize(120, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii), tea.WithEnvironment([]string{"TERM=xterm-256color"})),
	)
	waitFor(t, tm, "Operating", "Totals")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor(t, tm, "transactions")
	broken, _ := brokenAndOrdinaryDays(time.Now())
	tm.Send(tea.KeyPressMsg{Code: 'd', Text: "d"})
	tm.Type(broken.Format(time.DateOnly))
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor(t, tm, "1,250.00")
	tm.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	tm.WaitFinished(t, teatest.WithFinalTimeout(30*time.Second))
}
