package model

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func nyBalance(asOf string, record time.Time, current bool) Balance {
	return Balance{
		Account:    Account{ID: "000000010962009", TimeZone: "America/New_York", Currency: CurrencyOf("USD")},
		AsOfDate:   asOf,
		RecordTime: record,
		CurrentDay: current,
	}
}

func TestClassify(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	now := time.Date(2026, 11, 20, 15, 0, 0, 0, ny)
	th := DefaultThresholds
	cases := []struct {
		name    string
		b       Balance
		offline bool
		want    Freshness
	}{
		{"just updated", nyBalance("2026-11-20", now.Add(-5*time.Minute), true), false, Fresh},
		{"one second under aging", nyBalance("2026-11-20", now.Add(-30*time.Minute+time.Second), true), false, Fresh},
		{"exactly aging", nyBalance("2026-11-20", now.Add(-30*time.Minute), true), false, Aging},
		{"under stale", nyBalance("2026-11-20", now.Add(-119*time.Minute), true), false, Aging},
		{"exactly stale", nyBalance("2026-11-20", now.Add(-2*time.Hour), true), false, Stale},
		{"bank clock ahead", nyBalance("2026-11-20", now.Add(time.Minute), true), false, Fresh},
		{"yesterday's current-day row", nyBalance("2026-11-19", now.Add(-time.Minute), true), false, Stale},
		{"prior day is final, not stale", nyBalance("2026-11-19", now.Add(-20*time.Hour), false), false, PriorDay},
		{"offline trumps fresh", nyBalance("2026-11-20", now, true), true, Offline},
		{"offline trumps prior-day", nyBalance("2026-11-19", now, false), true, Offline},
	}
	for _, c := range cases {
		if got := Classify(c.b, now, th, c.offline); got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}

// The current day is the account's, not ours: at 01:00 in Tokyo it is already
// the next day while New York is still on the previous one.
func TestClassifyUsesAccountTimeZone(t *testing.T) {
	// A Wednesday: the 19th is a business day in Tokyo (the 21st, a
	// Saturday, would make the 20th's figures final instead).
	now := time.Date(2026, 11, 18, 16, 30, 0, 0, time.UTC) // 01:30 on the 19th in Tokyo
	b := nyBalance("2026-11-18", now.Add(-10*time.Minute), true)
	if got := Classify(b, now, DefaultThresholds, false); got != Fresh {
		t.Fatalf("New York row dated the 18th at 11:30 NY: got %v, want fresh", got)
	}
	b.Account.TimeZone = "Asia/Tokyo"
	if got := Classify(b, now, DefaultThresholds, false); got != Stale {
		t.Fatalf("Tokyo row dated the 18th when Tokyo is on the 19th: got %v, want stale", got)
	}
}

func TestAgeFallsBackToFetchTime(t *testing.T) {
	now := time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)
	b := Balance{FetchedAt: now.Add(-3 * time.Minute)}
	if got := Age(b, now); got != 3*time.Minute {
		t.Fatalf("age without record time = %v, want 3m", got)
	}
}

func TestFormatAge(t *testing.T) {
	cases := map[time.Duration]string{
		0:                             "now",
		59 * time.Second:              "now",
		time.Minute:                   "1m",
		59 * time.Minute:              "59m",
		time.Hour:                     "1h00m",
		3*time.Hour + 7*time.Minute:   "3h07m",
		47*time.Hour + 59*time.Minute: "47h59m",
		72 * time.Hour:                "3d",
	}
	for d, want := range cases {
		if got := FormatAge(d); got != want {
			t.Errorf("FormatAge(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestFreshnessHasGlyphAndWord(t *testing.T) {
	seen := map[string]bool{}
	for f := Fresh; f <= Offline; f++ {
		if f.Glyph() == "" || f.Word() == "" {
			t.Fatalf("%d lacks a glyph or word", f)
		}
		if seen[f.Glyph()] {
			t.Fatalf("glyph %q used twice: states must differ without colour", f.Glyph())
		}
		seen[f.Glyph()] = true
	}
}

func TestTotalsByCurrencyNeverMixCurrencies(t *testing.T) {
	usd, jpy := CurrencyOf("USD"), CurrencyOf("JPY")
	row := func(c Currency, amt string, ok bool) Balance {
		d := decimal.NullDecimal{Decimal: decimal.RequireFromString(amt), Valid: ok}
		return Balance{Account: Account{Currency: c}, OpeningAvailable: d, OpeningLedger: d, EndingAvailable: d, EndingLedger: d}
	}
	rows := []Balance{
		row(usd, "0.10", true), row(usd, "0.20", true), row(usd, "-1000000.01", true),
		row(jpy, "1234567", true), row(usd, "5", false),
		{Account: Account{Currency: usd}, Problem: &AccountProblem{Code: "GCA-010"}},
	}
	got := TotalsByCurrency(rows)
	if len(got) != 2 || got[0].Currency.Code != "JPY" || got[1].Currency.Code != "USD" {
		t.Fatalf("want JPY and USD totals in code order, got %+v", got)
	}
	if s := got[1].Amounts[EndingLedger].String(); s != "-999999.71" {
		t.Fatalf("USD total = %s, want -999999.71 (exact decimal sum)", s)
	}
	if got[1].PriorDay != 4 || got[0].PriorDay != 1 {
		t.Fatalf("prior-day rows: USD %d, JPY %d; want 4 and 1 (the fixture rows are not current-day)", got[1].PriorDay, got[0].PriorDay)
	}
	if got[1].Accounts != 4 || got[1].Missing[EndingLedger] != 1 {
		t.Fatalf("USD accounts=%d missing=%d, want 4 and 1", got[1].Accounts, got[1].Missing[EndingLedger])
	}
	if s := got[0].Amounts[OpeningAvailable].String(); s != "1234567" {
		t.Fatalf("JPY total = %s", s)
	}
}

func TestAccountDisplay(t *testing.T) {
	a := Account{ID: "000000010962009", Name: "MORRIS ELECTRIC"}
	if a.MaskedNumber() != "••••2009" {
		t.Fatalf("masked = %q", a.MaskedNumber())
	}
	if a.DisplayName() != "MORRIS ELECTRIC" {
		t.Fatalf("display = %q", a.DisplayName())
	}
	a.Label = "Operating"
	if a.DisplayName() != "Operating" {
		t.Fatalf("label should win: %q", a.DisplayName())
	}
	if (Account{ID: "123"}).MaskedNumber() != "123" {
		t.Fatal("short ids are shown whole")
	}
	if (Account{TimeZone: "Not/AZone"}).Location().String() != DefaultTimeZone {
		t.Fatal("bad zone must fall back to the default")
	}
}

func TestTimeZoneForBank(t *testing.T) {
	cases := map[string]string{
		"CHASGB2L":    "Europe/London",
		"CHASDEFX":    "Europe/Berlin",
		"CHASJPJT":    "Asia/Tokyo",
		"CHASBHBM":    "Asia/Bahrain",
		"CHASUS33MCY": "America/New_York",
		"02100002":    "America/New_York",
		"021000021":   "America/New_York",
		"CHASZZ2L":    "",
		"":            "",
		"chasgb2l":    "",
	}
	for in, want := range cases {
		if got := TimeZoneForBank(in); got != want {
			t.Errorf("TimeZoneForBank(%q) = %q, want %q", in, got, want)
		}
	}
}

// A weekend and a Federal Reserve holiday are not business days: the last
// business day's current-day figures are final there, not stale.
func TestClassifyBusinessCalendar(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	th := DefaultThresholds
	saturday := time.Date(2026, 11, 28, 10, 0, 0, 0, ny)     // Sat after Thanksgiving
	thanksgiving := time.Date(2026, 11, 26, 10, 0, 0, 0, ny) // Thu, Fed holiday
	monday := time.Date(2026, 11, 30, 10, 0, 0, 0, ny)
	cases := []struct {
		name string
		b    Balance
		now  time.Time
		want Freshness
	}{
		{"Saturday: Friday's current-day row is final", nyBalance("2026-11-27", saturday.Add(-17*time.Hour), true), saturday, PriorDay},
		{"Saturday: Thursday's row is older than the last business day", nyBalance("2026-11-25", saturday.Add(-60*time.Hour), true), saturday, Stale},
		{"Thanksgiving: Wednesday's row is final", nyBalance("2026-11-25", thanksgiving.Add(-18*time.Hour), true), thanksgiving, PriorDay},
		{"Monday morning: Friday's row not rolled is stale", nyBalance("2026-11-27", monday.Add(-65*time.Hour), true), monday, Stale},
		{"Saturday, London: weekends count everywhere", func() Balance {
			b := nyBalance("2026-11-27", saturday.Add(-17*time.Hour), true)
			b.Account.TimeZone = "Europe/London"
			return b
		}(), saturday, PriorDay},
		{"Thanksgiving, London: no Fed holiday there, Wednesday's row is stale", func() Balance {
			b := nyBalance("2026-11-25", thanksgiving.Add(-18*time.Hour), true)
			b.Account.TimeZone = "Europe/London"
			return b
		}(), thanksgiving, Stale},
	}
	for _, c := range cases {
		if got := Classify(c.b, c.now, th, false); got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}

func TestBusinessDayAndFiguresDay(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	a := Account{ID: "1", TimeZone: "America/New_York"}
	// Independence Day 2026 is a Saturday: the Fed does not move it to Friday.
	if why := a.NonBusinessDay(time.Date(2026, 7, 3, 0, 0, 0, 0, time.UTC)); why != "" {
		t.Errorf("Fri 2026-07-03 is a Fed business day, got %q", why)
	}
	// Christmas 2022 was a Sunday: observed Monday the 26th.
	if why := a.NonBusinessDay(time.Date(2022, 12, 26, 0, 0, 0, 0, time.UTC)); why != "Christmas Day (Federal Reserve holiday)" {
		t.Errorf("Mon 2022-12-26: got %q", why)
	}
	sunday := time.Date(2026, 11, 29, 12, 0, 0, 0, ny)
	if got := a.BusinessDay(sunday).Format(time.DateOnly); got != "2026-11-27" {
		t.Errorf("business day on Sunday after Thanksgiving = %s, want Friday 2026-11-27", got)
	}
	b := nyBalance("2026-11-27", sunday.Add(-40*time.Hour), true)
	if got, want := FiguresDay(b, sunday), "Fri 2026-11-27, the last business day (today is Sunday)"; got != want {
		t.Errorf("FiguresDay = %q, want %q", got, want)
	}
	b.AsOfDate = "2026-11-29"
	if got := FiguresDay(b, sunday); got != "Sun 2026-11-29, today (sunday, not a business day)" {
		t.Errorf("FiguresDay today on a Sunday = %q", got)
	}
	wed := time.Date(2026, 12, 2, 12, 0, 0, 0, ny)
	b.AsOfDate = "2026-12-02"
	if got := FiguresDay(b, wed); got != "Wed 2026-12-02, today's business day" {
		t.Errorf("FiguresDay = %q", got)
	}
	if got := FiguresDayShort(b, wed); got != "today, Wed 12-02" {
		t.Errorf("FiguresDayShort = %q", got)
	}
	b.AsOfDate = "2026-11-27"
	if got := FiguresDayShort(b, sunday); got != "last bus. day Fri 11-27" {
		t.Errorf("FiguresDayShort on Sunday = %q", got)
	}
	b.AsOfDate = "2026-12-02"
	// Offline rows keep their own freshness under the offline marker.
	b.RecordTime = wed.Add(-3 * time.Hour)
	if got := ClassifyLive(b, wed, DefaultThresholds); got != Stale {
		t.Errorf("ClassifyLive = %v, want stale", got)
	}
}
