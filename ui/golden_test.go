package ui

import (
	"errors"
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"cashpos/model"
)

// Golden frames of m.View().Content. The clock is fixed; colours are the
// theme's 16 basic ANSI colours, which lipgloss writes as fixed SGR codes
// whatever the terminal, so the frames are deterministic (the program's
// colour profile only downsamples at output, which these frames never
// reach). One state is drawn with NoColor.
//
// Regenerate with `go test ./ui/ -update` and read the diff.

type goldenState struct {
	name  string
	sizes [][2]int
	build func(t *testing.T, w, h int) Model
}

var standardSizes = [][2]int{{80, 24}, {120, 40}}

func goldenStates() []goldenState {
	return []goldenState{
		{"loading", standardSizes, func(t *testing.T, w, h int) Model {
			m := testModel(Options{Fetch: newBank(ok(bookSnapshot())).Fetch})
			m, _ = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
			return m
		}},
		{"loaded", standardSizes, func(t *testing.T, w, h int) Model {
			return loaded(t, bookSnapshot(), w, h)
		}},
		{"loaded_typical", standardSizes, func(t *testing.T, w, h int) Model {
			return loaded(t, typicalSnapshot(), w, h)
		}},
		{"aged_three_hours", standardSizes, func(t *testing.T, w, h int) Model {
			now := testNow
			m, _ := started(t, Options{Fetch: newBank(ok(typicalSnapshot())).Fetch, Now: func() time.Time { return now }}, w, h)
			now = testNow.Add(3 * time.Hour)
			m, _ = send(t, m, minuteTickMsg{})
			return m
		}},
		{"offline_banner", standardSizes, func(t *testing.T, w, h int) Model {
			err := fmt.Errorf("balances: %w: POST /accessapi/balance: 503 Service Unavailable", model.ErrUnavailable)
			m, _ := started(t, Options{Fetch: newBank(ok(typicalSnapshot()), fail(err)).Fetch}, w, h)
			m, _ = press(t, m, "r")
			return m
		}},
		{"cached_start", standardSizes, func(t *testing.T, w, h int) Model {
			cached := typicalSnapshot()
			cached.FetchedAt = time.Date(2026, 11, 20, 14, 2, 11, 0, nyc)
			m := testModel(Options{Fetch: newBank(ok(typicalSnapshot())).Fetch, Cached: &cached})
			m, _ = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
			return m
		}},
		{"failed_no_data", standardSizes, func(t *testing.T, w, h int) Model {
			err := fmt.Errorf("balances: %w: dial tcp 10.1.2.3:443: i/o timeout", model.ErrUnavailable)
			m, _ := started(t, Options{Fetch: newBank(fail(err)).Fetch}, w, h)
			return m
		}},
		{"no_accounts", standardSizes, func(t *testing.T, w, h int) Model {
			m, _ := started(t, Options{Fetch: newBank(fail(fmt.Errorf("GCA-022 no eligible accounts: %w", model.ErrNoEligibleAccounts))).Fetch}, w, h)
			return m
		}},
		{"bad_credentials", standardSizes, func(t *testing.T, w, h int) Model {
			m, _ := started(t, Options{Fetch: newBank(fail(fmt.Errorf("token endpoint: %w: invalid_client", model.ErrUnauthorized))).Fetch}, w, h)
			return m
		}},
		{"help", standardSizes, func(t *testing.T, w, h int) Model {
			m, _ := press(t, loaded(t, typicalSnapshot(), w, h), "?")
			return m
		}},
		{"filter_typing", standardSizes, func(t *testing.T, w, h int) Model {
			m, _ := press(t, loaded(t, typicalSnapshot(), w, h), "/", "l", "o", "n")
			return m
		}},
		{"sorted_end_avail_desc", standardSizes, func(t *testing.T, w, h int) Model {
			m, _ := press(t, sortTo(t, loaded(t, ungroupedSnapshot(typicalSnapshot()), w, h), sortEndAvail), "S")
			return m
		}},
		{"production", standardSizes, func(t *testing.T, w, h int) Model {
			m, _ := started(t, Options{Env: EnvProduction, Fetch: newBank(ok(typicalSnapshot())).Fetch}, w, h)
			return m
		}},
		{"paused", standardSizes, func(t *testing.T, w, h int) Model {
			m, _ := press(t, loaded(t, typicalSnapshot(), w, h), "R")
			return m
		}},
		{"partial", standardSizes, func(t *testing.T, w, h int) Model {
			s := typicalSnapshot()
			s.Partial = true
			return loaded(t, s, w, h)
		}},
		{"save_failed", standardSizes, func(t *testing.T, w, h int) Model {
			m, _ := started(t, Options{Fetch: newBank(ok(typicalSnapshot())).Fetch,
				SaveGood: func(model.Snapshot) error { return errors.New("write last-good.json: no space left on device") }}, w, h)
			return m
		}},
		{"scrolled", standardSizes, func(t *testing.T, w, h int) Model {
			m, _ := press(t, loaded(t, manyAccounts(200), w, h), "pgdown", "pgdown", "j")
			return m
		}},
		{"no_color", standardSizes, func(t *testing.T, w, h int) Model {
			m, _ := started(t, Options{Env: EnvProduction, NoColor: true, Fetch: newBank(ok(bookSnapshot())).Fetch}, w, h)
			m, _ = press(t, m, "j")
			return m
		}},
		{"realistic_book", standardSizes, func(t *testing.T, w, h int) Model {
			return loaded(t, realisticSnapshot(), w, h)
		}},
		{"ascii_locale", standardSizes, func(t *testing.T, w, h int) Model {
			m, _ := started(t, Options{ASCII: true, Fetch: newBank(ok(typicalSnapshot())).Fetch}, w, h)
			return m
		}},
		{"refresh_progress", standardSizes, func(t *testing.T, w, h int) Model {
			now := testNow
			m, _ := started(t, Options{Fetch: newBank(ok(typicalSnapshot())).Fetch, Now: func() time.Time { return now }}, w, h)
			next, _ := m.Update(keyMsg("r"))
			m = next.(Model)
			now = now.Add(3 * time.Second)
			p := model.FetchProgress{API: "balances v1", Reason: "rate limited", Attempt: 3, Of: 5, Wait: 2 * time.Second, At: now}
			next, _ = m.Update(progressMsg{t: dash(m).slot.ticket(), p: p, ch: make(chan model.FetchProgress)})
			return next.(Model)
		}},
		{"offline_full_error", standardSizes, func(t *testing.T, w, h int) Model {
			err := fmt.Errorf("balances: %w: POST /accessapi/balance: 503 Service Unavailable after 5 attempts; the bank's status page may say more (Request-Id 6f1c2a9e-8d1b-4c55-9a0e-1f2e3d4c5b6a)", model.ErrUnavailable)
			m, _ := started(t, Options{Fetch: newBank(ok(typicalSnapshot()), fail(err)).Fetch}, w, h)
			m, _ = press(t, m, "r", "e")
			return m
		}},
		{"strip_problem_row_full_number", standardSizes, func(t *testing.T, w, h int) Model {
			m, _ := press(t, loaded(t, typicalSnapshot(), w, h), "j", "j", "j", "j", "n")
			return m
		}},
		{"copied_amount", standardSizes, func(t *testing.T, w, h int) Model {
			m, _ := press(t, loaded(t, typicalSnapshot(), w, h), "right", "right", "right", "y")
			return m
		}},
		{"saturday", standardSizes, func(t *testing.T, w, h int) Model {
			saturday := time.Date(2026, 11, 21, 10, 0, 0, 0, nyc)
			m, _ := started(t, Options{Fetch: newBank(ok(typicalSnapshot())).Fetch, Now: func() time.Time { return saturday }}, w, h)
			return m
		}},
		{"group_subtotals", standardSizes, func(t *testing.T, w, h int) Model {
			m, _ := press(t, loaded(t, typicalSnapshot(), w, h), "c")
			return m
		}},
		{"filter_status_word", standardSizes, func(t *testing.T, w, h int) Model {
			m, _ := press(t, loaded(t, typicalSnapshot(), w, h), "/", "s", "t", "a", "l", "e", "enter")
			return m
		}},
		{"too_small", [][2]int{{70, 20}, {79, 24}}, func(t *testing.T, w, h int) Model {
			m, _ := started(t, Options{Env: EnvProduction, Fetch: newBank(ok(bookSnapshot())).Fetch}, w, h)
			return m
		}},
	}
}

func TestGolden(t *testing.T) {
	for _, st := range goldenStates() {
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
