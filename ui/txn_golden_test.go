package ui

import (
	"errors"
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"cashpos/model"
)

// Golden frames of the transactions screen at 80x24 and 120x40, with the
// fixed clock (Friday 2026-11-20 15:04 New York).
func txnGoldenStates() []goldenState {
	return []goldenState{
		{"txn_loading", standardSizes, func(t *testing.T, w, h int) Model {
			bank := standardTxnBank()
			m, _ := started(t, Options{Fetch: newBank(ok(typicalSnapshot())).Fetch, Transactions: bank.Fetch}, w, h)
			// Open without running the fetch, then land one page of many.
			m = sendOnly(t, m, pushMsg{from: dash(m).id, s: newTxnScreen(m.common, dash(m).bk.bals[0].Account, nil)})
			s := txnTop(t, m)
			page := sampleTxns(25, "2026-11-16", 0)
			return sendOnly(t, m, txnPageMsg{t: s.slot.ticket(), rows: prepareRows(page),
				batch: TxnBatch{Progress: TxnProgress{Windows: 7, WindowsDone: 1, PagesDone: 3, PagesKnown: 12, Cached: 1}}})
		}},
		{"txn_loaded", standardSizes, func(t *testing.T, w, h int) Model {
			return openTxns(t, standardTxnBank(), w, h)
		}},
		{"txn_today_so_far_differs", standardSizes, func(t *testing.T, w, h int) Model {
			// The dashboard's ledger and today's items disagree: stated,
			// with the difference, not flagged as a failed reconciliation.
			m, _ := started(t, Options{Fetch: newBank(ok(typicalSnapshot())).Fetch, Transactions: standardTxnBank().Fetch}, w, h)
			m, _ = press(t, m, "enter")
			return m
		}},
		{"txn_filtered", standardSizes, func(t *testing.T, w, h int) Model {
			m, _ := press(t, openTxns(t, standardTxnBank(), w, h), "/", "d", "r", " ", ">", "1", "0", "0", "0", "enter")
			return m
		}},
		{"txn_filter_typing", standardSizes, func(t *testing.T, w, h int) Model {
			m, _ := press(t, openTxns(t, standardTxnBank(), w, h), "/", "w", "i", "r", "e")
			return m
		}},
		{"txn_detail", standardSizes, func(t *testing.T, w, h int) Model {
			m, _ := press(t, openTxns(t, standardTxnBank(), w, h), "j", "j", "enter")
			return m
		}},
		{"txn_empty_day", standardSizes, func(t *testing.T, w, h int) Model {
			return openTxns(t, &txnBank{}, w, h)
		}},
		{"txn_recon_pass", standardSizes, func(t *testing.T, w, h int) Model {
			m, _ := press(t, openTxns(t, standardTxnBank(), w, h), "2")
			return m
		}},
		{"txn_recon_fail", standardSizes, func(t *testing.T, w, h int) Model {
			bank := standardTxnBank()
			bank.ledger["2026-11-19"] = ledgerFor("2026-11-19", sampleTxns(12, "2026-11-19", 3), "-12.50")
			m, _ := press(t, openTxns(t, bank, w, h), "2")
			return m
		}},
		{"txn_error", standardSizes, func(t *testing.T, w, h int) Model {
			bank := &txnBank{fail: fmt.Errorf("transactions v3: %w: 503 Service Unavailable (after 3 attempts)", model.ErrUnavailable)}
			return openTxns(t, bank, w, h)
		}},
		{"txn_partial", standardSizes, func(t *testing.T, w, h int) Model {
			bank := standardTxnBank()
			bank.gaps = map[string]error{rangeKey(dToday, dToday): errors.New("504 Gateway Timeout")}
			return openTxns(t, bank, w, h)
		}},
		{"txn_partial_full_error", standardSizes, func(t *testing.T, w, h int) Model {
			bank := standardTxnBank()
			bank.gaps = map[string]error{rangeKey(dToday, dToday): errors.New("transactions v3: bank unavailable: 504 Gateway Timeout after 3 attempts; the bank's status page may say more (Request-Id 6f1c2a9e-8d1b-4c55-9a0e-1f2e3d4c5b6a)")}
			m, _ := press(t, openTxns(t, bank, w, h), "e")
			return m
		}},
		{"txn_dates_typing", standardSizes, func(t *testing.T, w, h int) Model {
			m, _ := press(t, openTxns(t, standardTxnBank(), w, h), "d", "2", "0", "2", "6", "-", "1", "1", "-", "2", "5")
			m, _ = press(t, m, "enter")
			return m
		}},
		{"txn_help", standardSizes, func(t *testing.T, w, h int) Model {
			m, _ := press(t, openTxns(t, standardTxnBank(), w, h), "?")
			return m
		}},
		{"txn_too_small", [][2]int{{79, 24}}, func(t *testing.T, w, h int) Model {
			m, _ := send(t, openTxns(t, standardTxnBank(), 80, 24), tea.WindowSizeMsg{Width: w, Height: h})
			return m
		}},
	}
}

func TestGoldenTxn(t *testing.T) {
	for _, st := range txnGoldenStates() {
		t.Run(st.name, func(t *testing.T) {
			for _, sz := range st.sizes {
				t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
					m := st.build(t, sz[0], sz[1])
					frame := m.View().Content
					requireFits(t, frame, sz[0], sz[1])
					golden.RequireEqual(t, []byte(frame))
				})
			}
		})
	}
}
