package store

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"cashpos/model"
)

func goodSnapshot() model.Snapshot {
	at := time.Date(2026, 11, 20, 14, 2, 11, 0, time.UTC)
	return model.Snapshot{FetchedAt: at, Balances: []model.Balance{{
		Account:  model.Account{ID: "000000010962009", Name: "Ops", BankID: "02100002", Currency: model.CurrencyOf("USD"), API: model.APIAccessV1},
		AsOfDate: "2026-11-20", RecordTime: at, CurrentDay: true, FetchedAt: at,
		EndingAvailable: decimal.NullDecimal{Decimal: decimal.RequireFromString("12.34"), Valid: true},
	}}}
}

// privateCache is a cache in a fresh 0700 directory holding a good snapshot.
func privateCache(t *testing.T) *LastGood {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "state")
	lg, err := NewLastGood(dir, "production")
	if err != nil {
		t.Fatal(err)
	}
	if err := lg.Save(goodSnapshot()); err != nil {
		t.Fatal(err)
	}
	return lg
}

func mustRefuse(t *testing.T, lg *LastGood, want string) {
	t.Helper()
	done := make(chan struct{})
	var snap *model.Snapshot
	var err error
	go func() { snap, err = lg.Load(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Load hung")
	}
	if err == nil || snap != nil {
		t.Fatalf("Load = %v, %v; want a refusal", snap, err)
	}
	if !strings.Contains(err.Error(), want) {
		t.Fatalf("refusal %q lacks %q", err, want)
	}
	if strings.Contains(err.Error(), "\n") {
		t.Fatalf("refusal is not one line: %q", err)
	}
}

// Issue 6 item 10: a forged snapshot in a directory others can write is
// not shown as last good data.
func TestLoadRefusesWorldWritableDir(t *testing.T) {
	lg := privateCache(t)
	dir := filepath.Dir(lg.Path())
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	mustRefuse(t, lg, "chmod 700")
}

func TestLoadRefusesFileOthersCanWrite(t *testing.T) {
	lg := privateCache(t)
	if err := os.Chmod(lg.Path(), 0o666); err != nil {
		t.Fatal(err)
	}
	mustRefuse(t, lg, "written by group or others")
}

func TestLoadRefusesSymlinkToDevZero(t *testing.T) {
	lg := privateCache(t)
	os.Remove(lg.Path())
	if err := os.Symlink("/dev/zero", lg.Path()); err != nil {
		t.Fatal(err)
	}
	mustRefuse(t, lg, "symbolic link")
}

func TestLoadRefusesFIFOWithoutHanging(t *testing.T) {
	lg := privateCache(t)
	os.Remove(lg.Path())
	if err := syscall.Mkfifo(lg.Path(), 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	mustRefuse(t, lg, "not a regular file")
}

func TestReadPrivateCapsSize(t *testing.T) {
	lg := privateCache(t)
	if _, err := readPrivate(lg.Path(), 10); err == nil || !strings.Contains(err.Error(), "more than") {
		t.Fatalf("a file over the cap must be refused, got %v", err)
	}
}

func writeRaw(t *testing.T, lg *LastGood, raw string) {
	t.Helper()
	if err := os.WriteFile(lg.Path(), []byte(raw), 0o600); err != nil {
		t.Fatal(err)
	}
}

// Every field is validated: a huge decimals field, an amount beyond any
// balance, an unknown api, control characters, the old unversioned format.
func TestLoadValidatesEveryField(t *testing.T) {
	good, err := encodeSnapshot(goodSnapshot())
	if err != nil {
		t.Fatal(err)
	}
	mutate := func(f func(d map[string]any, row map[string]any)) string {
		var d map[string]any
		if err := json.Unmarshal(good, &d); err != nil {
			t.Fatal(err)
		}
		f(d, d["rows"].([]any)[0].(map[string]any))
		out, _ := json.Marshal(d)
		return string(out)
	}
	cases := map[string]struct{ raw, want string }{
		"huge decimals":     {mutate(func(_, r map[string]any) { r["decimals"] = 2147483647 }), "minor units"},
		"decimals 5":        {mutate(func(_, r map[string]any) { r["decimals"] = 5 }), "minor units"},
		"amount too big":    {mutate(func(_, r map[string]any) { r["amounts"] = []any{strings.Repeat("9", 40), nil, nil, nil} }), "amount"},
		"amount exponent":   {mutate(func(_, r map[string]any) { r["amounts"] = []any{"1e9999999", nil, nil, nil} }), "amount"},
		"unknown api":       {mutate(func(_, r map[string]any) { r["api"] = "v9" }), "api"},
		"escape in name":    {mutate(func(_, r map[string]any) { r["name"] = "\x1b]52;c;evil\x07" }), "control"},
		"lower-case ccy":    {mutate(func(_, r map[string]any) { r["currency"] = "usd" }), "currency"},
		"bad date":          {mutate(func(_, r map[string]any) { r["as_of_date"] = "20-11-2026" }), "as-of"},
		"future version":    {mutate(func(d, _ map[string]any) { d["version"] = 3 }), "version 3"},
		"unknown field":     {mutate(func(d, _ map[string]any) { d["extra"] = 1 }), "not a snapshot"},
		"old model format":  {`{"balances":[{"account":{"id":"1","currency":{"code":"USD","decimals":2},"api":"v1"}}],"fetchedAt":"2026-11-20T14:00:00Z"}`, "older format"},
		"not json":          {"{not json", "not valid JSON"},
		"other tool's file": {`{"format":"something-else","version":2,"rows":[]}`, "not a cashpos snapshot"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			lg := privateCache(t)
			writeRaw(t, lg, c.raw)
			mustRefuse(t, lg, c.want)
		})
	}
}

func TestSnapshotFormatRoundTripsEveryField(t *testing.T) {
	in := goodSnapshot()
	in.Partial = true
	in.Unread = []model.Unread{{What: "BDA v2 accounts", API: model.APIBDAV2, Reason: "HTTP 503"}}
	in.Balances = append(in.Balances, model.Balance{
		Account: model.Account{ID: "1234567890", API: model.APIBDAV2, BIC: "CHASUS33MCY", Currency: model.CurrencyOf("JPY")},
		Offline: true, Note: "a note", FetchedAt: in.FetchedAt.Add(-time.Hour),
		OpeningLedger: decimal.NullDecimal{Decimal: decimal.RequireFromString("-0.000000000000000001"), Valid: true},
	}, model.Balance{Account: model.Account{ID: "9", API: model.APIAccessV1}, Problem: &model.AccountProblem{Code: "NO_CURRENCY", Message: "none"}})
	raw, err := encodeSnapshot(in)
	if err != nil {
		t.Fatal(err)
	}
	out, err := decodeSnapshot(raw)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := encodeSnapshot(*out)
	if string(again) != string(raw) {
		t.Fatalf("round trip changed the snapshot:\n%s\n%s", raw, again)
	}
}

// Issue 6 item 11: temp files of a killed save are removed at start; a
// save in progress (fresh) and other files are left alone.
func TestCleanTempRemovesOnlyStaleTempFilesOfOurs(t *testing.T) {
	lg := privateCache(t)
	dir := filepath.Dir(lg.Path())
	old := filepath.Join(dir, ".balances-production.json.tmp-123")
	fresh := filepath.Join(dir, ".balances-production.json.tmp-456")
	other := filepath.Join(dir, ".balances-demo.json.tmp-789")
	for _, p := range []string{old, fresh, other} {
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Now()
	past := now.Add(-time.Hour)
	os.Chtimes(old, past, past)
	os.Chtimes(other, past, past)
	if err := lg.CleanTemp(now); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Error("stale temp file was not removed")
	}
	for _, p := range []string{fresh, other, lg.Path()} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s removed: %v", filepath.Base(p), err)
		}
	}
}

// FuzzDecodeSnapshot: the loader never panics, and whatever it accepts is
// within bounds and survives a round trip unchanged.
func FuzzDecodeSnapshot(f *testing.F) {
	good, _ := encodeSnapshot(goodSnapshot())
	f.Add(good)
	f.Add([]byte(`{"format":"cashpos-last-good","version":2,"fetched_at":"","rows":[]}`))
	f.Add([]byte(`{"balances":[]}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		s, err := decodeSnapshot(raw)
		if err != nil {
			return
		}
		for _, b := range s.Balances {
			if d := b.Account.Currency.Decimals; d < 0 || d > model.MaxDecimals {
				t.Fatalf("decimals %d accepted", d)
			}
		}
		enc, err := encodeSnapshot(*s)
		if err != nil {
			t.Fatal(err)
		}
		s2, err := decodeSnapshot(enc)
		if err != nil {
			t.Fatalf("re-encoded snapshot refused: %v", err)
		}
		if len(s2.Balances) != len(s.Balances) {
			t.Fatal("rows lost on round trip")
		}
	})
}

// Issue 11 item 15: the state directory and its XDG base may be created,
// nothing above them.
func TestEnsureStateDirCreatesNoTreeAboveTheBase(t *testing.T) {
	root := t.TempDir()
	if err := EnsureStateDir(filepath.Join(root, "state", "cashpos"), 2); err != nil {
		t.Fatalf("base + dir: %v", err)
	}
	assertMode(t, filepath.Join(root, "state", "cashpos"), 0o700|os.ModeDir)
	typo := filepath.Join(root, "no", "such", "base", "cashpos")
	if err := EnsureStateDir(typo, 2); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("a missing tree must be refused, got %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "no")); !os.IsNotExist(err) {
		t.Fatal("directories above the XDG base were created")
	}
	open := filepath.Join(root, "open")
	os.Mkdir(open, 0o777)
	os.Chmod(open, 0o777)
	if err := CheckStateDir(open); err == nil {
		t.Fatal("a world-writable state dir must be reported")
	}
}
