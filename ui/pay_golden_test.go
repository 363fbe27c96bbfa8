package ui

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/shopspring/decimal"

	"cashpos/model"
)

// Golden frames of the payment screens, with the fixed clock (Friday
// 2026-11-20 15:04 New York: the wire cut-off 1h56m away, ACH's 56m) and a
// fake engine. Regenerate with `go test ./ui/ -run TestGoldenPay -update`.

func payGoldenStates() []goldenState {
	form := func(build func(t *testing.T, m Model) Model) func(t *testing.T, w, h int) Model {
		return func(t *testing.T, w, h int) Model {
			return build(t, openForm(t, payModel(t, newFakePay(), w, h)))
		}
	}
	review := func(typed ...string) func(t *testing.T, w, h int) Model {
		return func(t *testing.T, w, h int) Model {
			m := keys(t, filledWire(t, payModel(t, newFakePay(), w, h), "1250"), "ctrl+s")
			for _, s := range typed {
				if s == "enter" {
					m = keys(t, m, "enter")
					continue
				}
				m = typeKeys(t, m, s)
			}
			return m
		}
	}
	return []goldenState{
		{"form_empty", standardSizes, form(func(t *testing.T, m Model) Model { return m })},
		{"form_field_errors", standardSizes, form(func(t *testing.T, m Model) Model {
			m = fillFields(t, m, "12.345", "")
			for range 10 {
				m = keys(t, m, "backspace")
			}
			m = typeKeys(t, m, "2026-11-19")
			return fillFields(t, m, "", "12-34", "021000022")
		})},
		{"form_amount_over_rail_max", standardSizes, form(func(t *testing.T, m Model) Model {
			return fillFields(t, m, "10,000,000,000.00")
		})},
		{"form_limit_breach", standardSizes, form(func(t *testing.T, m Model) Model {
			m = fillFields(t, m, "2000000", "", "ACME SUPPLY CO", "123456789", "021000021", "INV 1234")
			return keys(t, m, "ctrl+s")
		})},
		{"form_holiday", standardSizes, form(func(t *testing.T, m Model) Model {
			m = keys(t, m, "tab", "tab")
			for range 10 {
				m = keys(t, m, "backspace")
			}
			return typeKeys(t, m, "2026-11-26")
		})},
		{"form_ach", standardSizes, form(func(t *testing.T, m Model) Model {
			m = keys(t, m, "right")
			m = fillFields(t, m, "980.10", "", "NORTHWIND LLC", "000123456789", "071000013")
			m = keys(t, m, "tab", "right", "right", "tab", "right")
			return fillFields(t, m, "PAYROLL NOV")
		})},
		{"form_ach_errors", standardSizes, form(func(t *testing.T, m Model) Model {
			m = keys(t, m, "right")
			m = fillFields(t, m, "980.10", "", "A NAME LONGER THAN 22 CHARS", "000123456789", "071000013")
			m = keys(t, m, "tab", "tab", "tab")
			m = typeKeys(t, m, "REMITTANCE TEXT THAT RUNS ON AND ON BEYOND THE ONE NACHA ADDENDA LINE OF EIGHTY CHARACTERS")
			return keys(t, m, "ctrl+s")
		})},
		{"form_quit_confirm", standardSizes, form(func(t *testing.T, m Model) Model {
			m = fillFields(t, m, "1250")
			return keys(t, m, "ctrl+c")
		})},
		{"form_discard_confirm", standardSizes, form(func(t *testing.T, m Model) Model {
			m = fillFields(t, m, "1250")
			return keys(t, m, "esc")
		})},
		{"review", standardSizes, review()},
		{"review_wrong_amount", standardSizes, review("125", "enter")},
		{"review_amount_matches", standardSizes, review("1,250.00")},
		{"submitting", standardSizes, func(t *testing.T, w, h int) Model {
			m := review("1250")(t, w, h)
			next, _ := m.Update(payKey("enter")) // Submit's command is not run: still sending
			return next.(Model)
		}},
		{"review_production", standardSizes, func(t *testing.T, w, h int) Model {
			m, _ := started(t, Options{Env: EnvProduction, Fetch: newBank(ok(typicalSnapshot())).Fetch, Payments: newFakePay()}, w, h)
			return keys(t, filledWire(t, m, "1250"), "ctrl+s")
		}},
		{"status_received", standardSizes, status(paymentAt("CPRECEIVED1", evSubmit, evReceived))},
		{"status_accepted", standardSizes, status(paymentAt("CPACCEPTED1", evSubmit, evReceived, evAccepted))},
		{"status_processing", standardSizes, status(paymentAt("CPPROCESS1", evSubmit, evReceived, evAccepted, evProcessing, evClearing))},
		{"status_compliance_review", standardSizes, status(paymentAt("CPREVIEW1", evSubmit, evReceived, evAccepted,
			ev(model.StatusProcessing, model.SubPendingComplianceReview, 15, 0, 5)))},
		{"status_completed", standardSizes, status(paymentAt("CPDONE1", evSubmit, evReceived, evAccepted, evProcessing, evClearing, evCompleted))},
		{"status_rejected", standardSizes, status(paymentAt("CPREJECT1", evSubmit, evReceived, evAccepted, evProcessing,
			ev(model.StatusRejected, model.SubRejectedByJPM, 15, 0, 8, excClosed())))},
		{"status_limit_breach", standardSizes, status(func() model.Payment {
			p := paymentAt("CPLIMIT1", evSubmit, ev(model.StatusRejected, "", 15, 0, 1, excLimit()))
			p.PaymentID = ""
			return p
		}())},
		{"status_insufficient_funds", standardSizes, status(paymentAt("CPFUNDS1", evSubmit, evReceived, evAccepted,
			ev(model.StatusProcessing, model.SubPendingFundingReview, 15, 0, 5),
			ev(model.StatusRejected, model.SubRejected, 15, 0, 20, excFunds())))},
		{"status_returned", standardSizes, status(paymentAt("CPRETURN1", evSubmit, evReceived, evCompleted,
			ev(model.StatusReturned, model.SubReturned, 15, 3, 0, model.PaymentException{Code: "R03", Message: "No account / unable to locate account",
				Details: []model.ExceptionCause{{Type: "CLEARING_NACHA", Code: "R03"}}})))},
		{"status_canceled", standardSizes, status(paymentAt("CPCANCEL1", evSubmit, evReceived, evAccepted,
			ev(model.StatusCanceled, model.SubCanceled, 15, 1, 0)))},
		{"review_production_no_color", standardSizes, func(t *testing.T, w, h int) Model {
			m, _ := started(t, Options{Env: EnvProduction, NoColor: true, Fetch: newBank(ok(typicalSnapshot())).Fetch, Payments: newFakePay()}, w, h)
			m = keys(t, filledWire(t, m, "1250"), "ctrl+s")
			return typeKeys(t, m, "1,250")
		}},
		{"status_duplicate", standardSizes, status(func() model.Payment {
			p := paymentAt("CPDUP1", evSubmit, evReceived, evAccepted)
			p.Duplicate = true
			return p
		}())},
		{"status_not_sent", standardSizes, status(func() model.Payment {
			p := paymentAt("CPNOTSENT1", evSubmit, ev(model.StatusNotSent, "", 15, 2, 0))
			p.PaymentID = ""
			p.LastError = "the bank has no record of it and its execution date has passed; not sent again automatically — create it again if still wanted"
			return p
		}())},
		{"status_lookup_failing", standardSizes, status(func() model.Payment {
			p := paymentAt("CPUNKNOWN1", evSubmit)
			p.PaymentID = ""
			p.LastError = "status lookup failed: GP2 503 Service Unavailable (12999); retrying"
			return p
		}())},
		{"list", standardSizes, func(t *testing.T, w, h int) Model {
			return keys(t, payModel(t, listJournal(), w, h), "P", "j")
		}},
		{"list_empty", standardSizes, func(t *testing.T, w, h int) Model {
			return keys(t, payModel(t, newFakePay(), w, h), "P")
		}},
		{"dashboard_pending_outflow", standardSizes, func(t *testing.T, w, h int) Model {
			return payModel(t, listJournal(), w, h)
		}},
		{"dashboard_pending_elsewhere", standardSizes, func(t *testing.T, w, h int) Model {
			return keys(t, payModel(t, listJournal(), w, h), "j")
		}},
	}
}

// status is the status screen of p, opened from the list.
func status(p model.Payment) func(t *testing.T, w, h int) Model {
	return func(t *testing.T, w, h int) Model {
		pay := newFakePay()
		pay.journal = []model.Payment{p}
		return keys(t, payModel(t, pay, w, h), "P", "enter")
	}
}

// listJournal is a journal with a payment at several stages.
func listJournal() *fakePay {
	pay := newFakePay()
	a := paymentAt("CPINFLIGHT1", evSubmit, evReceived, evAccepted)
	b := paymentAt("CPDONE1", evSubmit, evReceived, evCompleted)
	b.CreatedAt = at(14, 40)
	b.Intent.Creditor.Name = "NORTHWIND LLC"
	b.Intent.Rail = model.RailACH
	c := paymentAt("CPFUNDS1", evSubmit, ev(model.StatusRejected, "", 15, 0, 1, excFunds()))
	c.CreatedAt = at(14, 30)
	d := paymentAt("CPDUP1", evSubmit, evReceived)
	d.Duplicate = true
	d.CreatedAt = at(15, 2)
	d.Intent.Amount = decimal.RequireFromString("12500")
	pay.journal = []model.Payment{d, a, b, c}
	return pay
}

func TestGoldenPay(t *testing.T) {
	for _, st := range payGoldenStates() {
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
