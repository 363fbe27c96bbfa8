package ui

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/shopspring/decimal"

	"cashpos/model"
)

func TestAmountWidthMatchesFormat(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	units := []int64{0, 1, -1, 9, 10, 99999, 100000, -100000, 1234567, 10000000, math.MaxInt64, math.MinInt64, math.MinInt64 + 1}
	for range 5000 {
		u := r.Int64N(1 << uint(r.IntN(62)+1))
		if r.IntN(2) == 0 {
			u = -u
		}
		units = append(units, u, u/10*10, u/10000*10000)
	}
	for _, u := range units {
		for dec := int32(0); dec <= 6; dec++ {
			want := len(model.FormatAmount(decimal.New(u, -unitScale), dec))
			if got := amountWidth(u, dec); got != want {
				t.Fatalf("amountWidth(%d, %d) = %d, FormatAmount gives %q", u, dec, got, model.FormatAmount(decimal.New(u, -unitScale), dec))
			}
		}
	}
}

func TestToAmount(t *testing.T) {
	for _, tc := range []struct {
		in    string
		state amountState
		units int64
	}{
		{"", amountMissing, 0},
		{"12.34", amountUnits, 123400},
		{"-0.0001", amountUnits, -1},
		{"1.500000", amountUnits, 15000}, // trailing zeros beyond the scale fit
		{"0.00001", amountBig, 0},        // a fifth decimal does not
		{"922337203685477.5807", amountUnits, math.MaxInt64},
		{"922337203685477.5808", amountBig, 0},
		{"99999999999999999999", amountBig, 0},
	} {
		got := toAmount(amt(tc.in))
		if got.state != tc.state || got.units != tc.units {
			t.Errorf("toAmount(%q) = %+v, want state %d units %d", tc.in, got, tc.state, tc.units)
		}
	}
}

func TestAccIsExact(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var a acc
	want := new(big.Int)
	var added []int64
	for range 20000 {
		u := int64(r.Uint64())
		if r.IntN(3) == 0 && len(added) > 0 {
			k := r.IntN(len(added))
			u = added[k]
			added = slices.Delete(added, k, k+1)
			a.sub(u)
			want.Sub(want, big.NewInt(u))
		} else {
			added = append(added, u)
			a.add(u)
			want.Add(want, big.NewInt(u))
		}
	}
	if got := a.decimal(); !got.Equal(decimal.NewFromBigInt(want, -unitScale)) {
		t.Fatalf("sum %s, want %s", got, decimal.NewFromBigInt(want, -unitScale))
	}
}

// scaleSnapshot is n accounts in groups and currencies, with amounts that
// do and do not fit in units, missing amounts and problem rows.
func scaleSnapshot(n int, seed uint64) model.Snapshot {
	r := rand.New(rand.NewPCG(seed, seed))
	ccys := []string{"USD", "EUR", "JPY", "BHD", "GBP"}
	bs := make([]model.Balance, n)
	for i := range bs {
		group := fmt.Sprintf("Region %d", r.IntN(4))
		if r.IntN(5) == 0 {
			group = ""
		}
		a := acct{fmt.Sprintf("%015d", 1000+i), fmt.Sprintf("Acct %s %d", []string{"alpha", "beta", "gamma"}[r.IntN(3)], r.IntN(1000)), "", group, ccys[r.IntN(len(ccys))]}
		v := func() string {
			switch r.IntN(20) {
			case 0:
				return ""
			case 1:
				return "12345678901234567890.123456" // does not fit in units
			}
			return fmt.Sprintf("%d.%02d", r.IntN(2000000)-1000000, r.IntN(100))
		}
		bs[i] = bal(a, v(), v(), v(), v(), today, testNow, r.IntN(8) != 0)
		if r.IntN(30) == 0 {
			bs[i].Problem = &model.AccountProblem{Code: "GCA-010", Message: "account not found"}
		}
		if r.IntN(40) == 0 {
			bs[i].Offline = true // last good figures carried over
		}
		if r.IntN(200) == 0 { // no currency: joins no total
			bs[i].Account.Currency = model.Currency{}
			bs[i].Problem = &model.AccountProblem{Code: "NO_CURRENCY", Message: "no currency"}
		}
	}
	return model.Snapshot{Balances: bs, FetchedAt: testNow}
}

// checkAgainstModel holds the dashboard's running totals to
// model.TotalsByCurrency over the rows shown: the same lines, counts,
// incomplete marks and figures.
func checkAgainstModel(t *testing.T, d dashboard) {
	t.Helper()
	var shown []model.Balance
	for _, i := range d.grid.order {
		shown = append(shown, d.bk.bals[i])
	}
	want := model.TotalsByCurrency(shown)
	got := d.grid.totals.lines
	if len(got) != len(want) {
		t.Fatalf("filter %q: %d total lines, model has %d", d.grid.filter, len(got), len(want))
	}
	for k, w := range want {
		g := got[k]
		if g.ccy != w.Currency.Code || g.accounts != w.Accounts || g.priorDay != w.PriorDay || g.problems != w.Problems {
			t.Fatalf("filter %q: line %+v, model %+v", d.grid.filter, g, w)
		}
		for c := range 4 {
			fig := missing
			if w.HasFigure(c) {
				fig = model.FormatAmount(w.Amounts[c], w.Currency.Decimals)
			}
			if g.amt[c] != fig || g.incomplete[c] != w.Incomplete(c) {
				t.Fatalf("filter %q %s column %d: %q incomplete %v, model %q incomplete %v",
					d.grid.filter, g.ccy, c, g.amt[c], g.incomplete[c], fig, w.Incomplete(c))
			}
		}
	}
}

// independentTotals sums the rows shown with decimals, the slow obvious
// way, and formats them as the totals block does.
func independentTotals(bk *book, order []int) map[string][4]string {
	sums := map[string]*[4]decimal.Decimal{}
	have := map[string]*[4]int{}
	for _, i := range order {
		b := bk.bals[i]
		code := b.Account.Currency.Code
		if code == "" {
			continue
		}
		if sums[code] == nil {
			sums[code], have[code] = new([4]decimal.Decimal), new([4]int)
		}
		if b.Problem != nil {
			continue
		}
		for c, col := range model.AmountColumns {
			if a := b.Amount(col); a.Valid {
				sums[code][c] = sums[code][c].Add(a.Decimal)
				have[code][c]++
			}
		}
	}
	out := map[string][4]string{}
	for code, s := range sums {
		var line [4]string
		for c := range line {
			line[c] = missing
			if have[code][c] > 0 {
				line[c] = model.FormatAmount(s[c], model.CurrencyOf(code).Decimals)
			}
		}
		out[code] = line
	}
	return out
}

// scratchOrder is the display order computed the obvious way: sort every
// row, group, then keep the matches.
func scratchOrder(bk *book, g gridState, cc classifyCtx) []int {
	perm := computePerm(bk, keyFor(g.sortBy, g.desc, cc), cc)
	needle := needleOf(g.filter)
	var out []int
	for _, i := range perm {
		if needle == "" || strings.Contains(bk.rows[i].search, needle) {
			out = append(out, i)
		}
	}
	return out
}

// TestFilterStepsMatchScratch types, erases, pastes, clears and sorts at
// random and checks after every key that the incremental order and totals
// equal a from-scratch computation.
func TestFilterStepsMatchScratch(t *testing.T) {
	snap := scaleSnapshot(600, 7)
	m := loaded(t, snap, 120, 40)
	m, _ = press(t, m, "/")
	r := rand.New(rand.NewPCG(5, 6))
	alphabet := []string{"a", "l", "p", "h", "b", "e", "t", "g", "m", "1", "2", " ", "0", "x"}
	for step := range 400 {
		var k string
		switch n := r.IntN(20); {
		case n < 11:
			k = alphabet[r.IntN(len(alphabet))]
		case n < 17:
			k = "backspace"
		case n < 18:
			k = "esc"
		default:
			k = "down"
		}
		m, _ = press(t, m, k)
		if k == "esc" {
			m, _ = press(t, m, "s", "/") // sort and type again
		}
		d := dash(m)
		want := scratchOrder(d.bk, d.grid, d.classifyCtx())
		if !slices.Equal(d.grid.order, want) {
			t.Fatalf("step %d (%q, filter %q): order differs from scratch", step, k, d.grid.filter)
		}
		checkAgainstModel(t, d)
		wantTotals := independentTotals(d.bk, d.grid.order)
		if len(wantTotals) != len(d.grid.totals.lines) {
			t.Fatalf("step %d: %d total lines, want %d", step, len(d.grid.totals.lines), len(wantTotals))
		}
		for _, line := range d.grid.totals.lines {
			if line.amt != wantTotals[line.ccy] {
				t.Fatalf("step %d filter %q: %s totals %v, want %v", step, d.grid.filter, line.ccy, line.amt, wantTotals[line.ccy])
			}
		}
	}
}

// TestLargeSortKeepsOrderUntilItLands takes the asynchronous path: the key
// returns at once with the old order on screen; the order lands later; an
// older sort's answer is ignored.
func TestLargeSortKeepsOrderUntilItLands(t *testing.T) {
	defer func(n int) { syncSortMax = n }(syncSortMax)
	syncSortMax = 10
	m := loaded(t, ungroupedSnapshot(typicalSnapshot()), 120, 40)
	before := shownNames(m)

	next, first := m.Update(keyMsg("s")) // name
	m = next.(Model)
	if first == nil || !dash(m).grid.sorting {
		t.Fatal("a large sort must run in a command")
	}
	if !slices.Equal(shownNames(m), before) {
		t.Fatal("the old order must stay until the sort lands")
	}
	requireContains(t, screenText(m), "sorting…")
	next, second := m.Update(keyMsg("S")) // name, reversed: supersedes
	m = next.(Model)

	m, _ = send(t, m, first())
	if !slices.Equal(shownNames(m), before) {
		t.Fatal("a superseded sort's answer was shown")
	}
	m, _ = send(t, m, second())
	got := shownNames(m)
	want := slices.Clone(got)
	slices.SortFunc(want, func(a, b string) int { return strings.Compare(strings.ToLower(b), strings.ToLower(a)) })
	if !slices.Equal(got, want) || dash(m).grid.sorting {
		t.Fatalf("after the sort landed: %v", got)
	}
}

// TestLargeRefreshWaitsForItsOrder: a refresh of a large book in another
// sort than the one it was prepared for keeps the old book on screen until
// the new order is computed off the UI goroutine.
func TestLargeRefreshWaitsForItsOrder(t *testing.T) {
	defer func(n int) { syncSortMax = n }(syncSortMax)
	m := loaded(t, ungroupedSnapshot(typicalSnapshot()), 120, 40)
	m, _ = press(t, m, "s")
	syncSortMax = 10
	oldRev := dash(m).bk.rev
	changed := ungroupedSnapshot(typicalSnapshot())
	changed.Balances[0].Account.Label = "Zeta"
	next, cmd := m.Update(snapshotMsg{t: dash(m).slot.ticket(), snap: changed})
	m = next.(Model)
	if dash(m).bk.rev != oldRev || dash(m).staged == nil {
		t.Fatal("the new book must wait for its order")
	}
	m, _ = run(t, m, cmd)
	if dash(m).staged != nil || dash(m).bk.rev == oldRev {
		t.Fatal("the new book was not installed once sorted")
	}
	names := shownNames(m)
	if names[len(names)-1] != "Zeta" {
		t.Fatalf("not sorted by name: %v", names)
	}
	var _ tea.Msg = sortedMsg{}
}

// TestFastAmountAgreesWithDecimal: the allocation-free conversion gives the
// same answer as shifting the decimal.
func TestFastAmountAgreesWithDecimal(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	for range 20000 {
		coef := r.Int64N(1 << uint(r.IntN(62)+1))
		if r.IntN(2) == 0 {
			coef = -coef
		}
		d := decimal.New(coef, int32(r.IntN(30)-15))
		fast, ok := fastAmount(d)
		if !ok {
			continue
		}
		s := d.Shift(unitScale)
		want := amount{state: amountBig}
		if s.IsInteger() && s.BigInt().IsInt64() {
			want = amount{units: s.BigInt().Int64(), state: amountUnits}
		}
		if fast != want {
			t.Fatalf("fastAmount(%s) = %+v, want %+v", d, fast, want)
		}
	}
}

// TestLateSortDoesNotHideALaterFailure: a large refresh waits for its
// order; a newer refresh fails meanwhile; when the order lands the data is
// shown, but the failure still stands (offline, error in the banner).
func TestLateSortDoesNotHideALaterFailure(t *testing.T) {
	defer func(n int) { syncSortMax = n }(syncSortMax)
	m := loaded(t, ungroupedSnapshot(typicalSnapshot()), 120, 40)
	m, _ = press(t, m, "s")
	syncSortMax = 10
	next, sortCmd := m.Update(snapshotMsg{t: dash(m).slot.ticket(), snap: ungroupedSnapshot(typicalSnapshot())})
	m = next.(Model)
	next, _ = m.Update(keyMsg("r")) // a newer refresh…
	m = next.(Model)
	m, _ = send(t, m, fetchFailedMsg{t: dash(m).slot.ticket(), err: fmt.Errorf("bank down")}) // …fails
	m, _ = run(t, m, sortCmd)
	d := dash(m)
	if d.staged != nil || !d.offline || d.fetchErr == nil {
		t.Fatalf("staged %v offline %v err %v: the later failure was hidden", d.staged != nil, d.offline, d.fetchErr)
	}
}

// TestRefreshStateKeepsItsSlot: every refresh state takes the same width,
// so "updated …" never moves when the state changes and a refresh rewrites
// only the state's cells (BenchmarkBytesPerRefresh measures the bytes).
func TestRefreshStateKeepsItsSlot(t *testing.T) {
	m := loaded(t, typicalSnapshot(), 120, 40)
	d := dash(m)
	var at []int
	for _, state := range []string{"refreshing…", "auto every 60s", "paused (R)", "stopped: r to retry"} {
		line := ansi.Strip(headerView{st: d.st, env: d.opts.Env, lastGood: testNow, refresh: state,
			refreshW: d.refreshSlotWidth(), now: testNow}.View(120))
		if ansi.StringWidth(line) != 120 {
			t.Fatalf("%q: header is %d wide", state, ansi.StringWidth(line))
		}
		at = append(at, strings.Index(line, "updated"))
	}
	for _, x := range at[1:] {
		if x != at[0] {
			t.Fatalf("'updated' moves with the refresh state: %v", at)
		}
	}
}
