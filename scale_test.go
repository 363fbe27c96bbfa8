//go:build scale

// The scale test of issue 9, out of the default run (it moves 100,000
// accounts through the mock bank, the client and the dashboard):
//
//	go test -tags scale -run Scale -v -timeout 20m .
//
// CASHPOS_SCALE_N sets the number of synthetic accounts (default 100000).
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/shopspring/decimal"

	"cashpos/jpm/mock"
	"cashpos/model"
	"cashpos/ui"
)

func scaleN(t *testing.T) int {
	n := 100000
	if s := os.Getenv("CASHPOS_SCALE_N"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil {
			t.Fatal(err)
		}
		n = v
	}
	return n
}

func TestScaleEveryAccount(t *testing.T) {
	n := scaleN(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	bank := mock.New(mock.Options{Seed: demoSeed, ClientID: demoClientID, ClientSecret: demoClientSecret, ExtraAccounts: n, Now: fixedClock})
	base, shutdown, err := mock.Serve(ctx, "127.0.0.1:0", bank)
	if err != nil {
		t.Fatal(err)
	}
	defer shutdown(context.Background())
	accounts := bank.Accounts()

	for _, watched := range []bool{true, false} {
		t.Run(fmt.Sprintf("watched=%v", watched), func(t *testing.T) {
			kv := []string{"CASHPOS_ENV", "mock", "CASHPOS_BASE_URL", base,
				"CASHPOS_TOKEN_URL", base + "/am/oauth2/alpha/access_token",
				"CASHPOS_CLIENT_ID", demoClientID, "CASHPOS_CLIENT_SECRET", demoClientSecret}
			if watched {
				kv = append(kv, "CASHPOS_CONFIG", writeWatchedConfig(t, accounts))
			}
			var g globals
			s, err := connect(ctx, &g, env(t, kv...), fixedClock)
			if err != nil {
				t.Fatal(err)
			}
			defer s.close()
			if watched && len(s.watched) != len(accounts) {
				t.Fatalf("config watches %d accounts, want %d", len(s.watched), len(accounts))
			}

			start := time.Now()
			snap, err := s.fetch(ctx)
			if err != nil {
				t.Fatalf("fetch: %v", err)
			}
			t.Logf("fetched %d rows in %v", len(snap.Balances), time.Since(start).Round(time.Millisecond))
			want := wantV1AndBDA(accounts, watched)
			checkEveryAccount(t, snap, want)
			sums := independentSums(snap)
			checkModelTotals(t, snap, sums)
			checkDashboardTotals(t, snap, sums, len(want))
		})
	}
}

// wantV1AndBDA is the set of ids a fetch must return: every account of
// the bank (without a watched list, BDA accounts come from discovery).
func wantV1AndBDA(accounts []mock.AccountInfo, _ bool) map[string]bool {
	out := make(map[string]bool, len(accounts))
	for _, a := range accounts {
		out[a.ID] = true
	}
	return out
}

func writeWatchedConfig(t *testing.T, accounts []mock.AccountInfo) string {
	var sb strings.Builder
	for _, a := range accounts {
		fmt.Fprintf(&sb, "[[accounts]]\nid = %q\n", a.ID)
		if a.API == mock.APIBDA {
			fmt.Fprintf(&sb, "api = \"bda\"\nbic = %q\n", a.BIC)
		}
		fmt.Fprintf(&sb, "time_zone = %q\n\n", a.TimeZone)
	}
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(sb.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func checkEveryAccount(t *testing.T, snap model.Snapshot, want map[string]bool) {
	t.Helper()
	got := make(map[string]int, len(snap.Balances))
	for _, b := range snap.Balances {
		got[b.Account.ID]++
		if b.Problem != nil {
			t.Errorf("account %s: %s %s", b.Account.ID, b.Problem.Code, b.Problem.Message)
		}
	}
	missingIDs := 0
	for id := range want {
		if got[id] == 0 {
			missingIDs++
		}
	}
	if missingIDs > 0 || len(got) != len(want) || snap.Partial {
		t.Fatalf("%d distinct accounts returned, %d of %d missing, partial %v", len(got), missingIDs, len(want), snap.Partial)
	}
}

// independentSums adds the rows up per currency with decimals, the plain
// way, and formats each column as the screens do.
func independentSums(snap model.Snapshot) map[string][4]string {
	sums := map[string]*[4]decimal.Decimal{}
	dec := map[string]int32{}
	for _, b := range snap.Balances {
		c := b.Account.Currency
		if sums[c.Code] == nil {
			sums[c.Code] = new([4]decimal.Decimal)
		}
		dec[c.Code] = max(dec[c.Code], c.Decimals)
		for i, col := range model.AmountColumns {
			if a := b.Amount(col); a.Valid {
				sums[c.Code][i] = sums[c.Code][i].Add(a.Decimal)
			}
		}
	}
	out := map[string][4]string{}
	for code, s := range sums {
		var f [4]string
		for i := range f {
			f[i] = model.FormatAmount(s[i], dec[code])
		}
		out[code] = f
	}
	return out
}

func checkModelTotals(t *testing.T, snap model.Snapshot, sums map[string][4]string) {
	t.Helper()
	for _, tot := range model.TotalsByCurrency(snap.Balances) {
		for i := range 4 {
			if got := model.FormatAmount(tot.Amounts[i], tot.Currency.Decimals); got != sums[tot.Currency.Code][i] {
				t.Errorf("%s column %d: model total %s, independent sum %s", tot.Currency.Code, i, got, sums[tot.Currency.Code][i])
			}
		}
	}
}

// checkDashboardTotals drives the dashboard (Update and View, no terminal)
// with the snapshot and reads its account count and totals off the screen.
func checkDashboardTotals(t *testing.T, snap model.Snapshot, sums map[string][4]string, accounts int) {
	t.Helper()
	m := tea.Model(ui.New(ui.Options{
		Fetch: func(context.Context) (model.Snapshot, error) { return snap, nil },
		Now:   fixedClock, RefreshInterval: time.Hour,
	}))
	m, _ = m.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
	m = firstAnswer(t, m, m.Init())
	screen := ansi.Strip(m.View().Content)
	if !strings.Contains(screen, strconv.Itoa(accounts)+" accounts") {
		t.Fatalf("the dashboard does not show %d accounts:\n%s", accounts, screen)
	}
	line := regexp.MustCompile(`(?m)^\s+Total[^\n]*?\s([A-Z]{3})\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*$`)
	seen := 0
	for _, f := range line.FindAllStringSubmatch(screen, -1) {
		want, ok := sums[f[1]]
		if !ok {
			t.Errorf("dashboard total for unknown currency %s", f[1])
			continue
		}
		seen++
		for i := range 4 {
			if strings.TrimSuffix(f[2+i], "*") != want[i] {
				t.Errorf("%s column %d: dashboard %s, independent sum %s", f[1], i, f[2+i], want[i])
			}
		}
	}
	if seen != len(sums) {
		t.Fatalf("dashboard shows %d currency totals, want %d:\n%s", seen, len(sums), screen)
	}
}

// firstAnswer runs the commands of Init concurrently (one of them is the
// minute clock) and feeds the first message back, then what follows from
// it, until the screen has data.
func firstAnswer(t *testing.T, m tea.Model, cmd tea.Cmd) tea.Model {
	t.Helper()
	msgs := make(chan tea.Msg, 16)
	var launch func(tea.Cmd)
	launch = func(c tea.Cmd) {
		if c == nil {
			return
		}
		go func() {
			msg := c()
			if batch, ok := msg.(tea.BatchMsg); ok {
				for _, c := range batch {
					launch(c)
				}
				return
			}
			msgs <- msg
		}()
	}
	launch(cmd)
	deadline := time.After(5 * time.Minute)
	for {
		select {
		case msg := <-msgs:
			var next tea.Cmd
			m, next = m.Update(msg)
			launch(next)
			if strings.Contains(ansi.Strip(m.View().Content), "Totals by currency") {
				return m
			}
		case <-deadline:
			t.Fatal("the dashboard never showed data")
		}
	}
}
