package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"cashpos/model"
)

// TestWriteSnapshotStreamsTheSameBytes: the streamed snapshot is exactly
// json.Marshal of the whole diskSnapshot, for an empty, a one-row and a
// many-row snapshot with unread parts and awkward text.
func TestWriteSnapshotStreamsTheSameBytes(t *testing.T) {
	many := goodSnapshot()
	for i := range 7 {
		b := many.Balances[0]
		b.Account.Name = []string{"a <b> & \"c\"", "\u2028ω", "", "x", "]}", "\x1b[2Jevil", "y"}[i]
		b.Problem = []*model.AccountProblem{nil, {Code: "GCA-010", Message: "not found"}, nil, {}, nil, nil, nil}[i]
		b.Account.ID = []string{"1", "2", "3\x1b]52", "4", "5", "6", "7"}[i]
		b.Account.BankID = []string{"", "", "", "", "\x07bad", "", ""}[i]
		many.Balances = append(many.Balances, b)
	}
	lastBad := many
	lastBad.Balances = append(many.Balances[:1:1], model.Balance{Account: model.Account{ID: "\x00"}})
	many.Partial = true
	many.Unread = []model.Unread{{What: "BDA v2 accounts", API: model.APIBDAV2, Reason: "HTTP 503 <x>"}}
	empty := goodSnapshot()
	empty.Balances = nil
	for name, s := range map[string]model.Snapshot{"one": goodSnapshot(), "many": many, "empty": empty, "last bad": lastBad} {
		d := diskSnapshot{Format: lkgFormat, Version: lkgVersion, FetchedAt: stamp(s.FetchedAt), Partial: s.Partial,
			Rows: make([]diskRow, 0, len(s.Balances))}
		for _, u := range s.Unread {
			d.Unread = append(d.Unread, diskUnread{What: storable(u.What), API: storable(string(u.API)), Reason: storable(u.Reason)})
		}
		for _, b := range s.Balances { // as encodeSnapshot did before it streamed
			r := toDisk(b).tidy()
			if checkTexts(r.AccountID) != nil {
				d.Unread = append(d.Unread, diskUnread{What: "account " + storable(r.AccountID),
					Reason: "not kept in the saved last good data: the bank's account id holds control characters or is too long"})
				continue
			}
			if checkTexts(r.BankID) != nil {
				r.BankID = ""
			}
			d.Rows = append(d.Rows, r)
		}
		want, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		got, err := encodeSnapshot(s)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: streamed snapshot differs:\n got %s\nwant %s", name, got, want)
		}
	}
}

// The rows are decoded one at a time, but the loader answers as the whole
// decode did: too many rows counted exactly, a later "rows" key replacing
// an earlier one (null empties it), a bad row reported after a bad version.
func TestDecodeSnapshotRowsAsWholeDecode(t *testing.T) {
	defer func(n int) { maxRows = n }(maxRows)
	maxRows = 1000
	good, _ := encodeSnapshot(goodSnapshot())
	head, rows, _ := bytes.Cut(good, []byte(`"rows":`))
	row := bytes.TrimSuffix(bytes.TrimPrefix(rows, []byte("[")), []byte("]}"))
	many := bytes.Repeat(append(append([]byte{}, row...), ','), maxRows+1)
	tooMany := append(append(append([]byte{}, head...), `"rows":[`...), append(many[:len(many)-1], "]}"...)...)
	if _, err := decodeSnapshot(tooMany); err == nil || err.Error() != "it has 1001 rows, more than 1000" {
		t.Errorf("too many rows: %v", err)
	}
	replaced := append(append([]byte{}, good[:len(good)-1]...), `,"rows":null}`...)
	if s, err := decodeSnapshot(replaced); err != nil || len(s.Balances) != 0 || s.Balances == nil {
		t.Errorf("rows then rows:null: %+v, %v", s, err)
	}
	badRow := bytes.Replace(good, []byte(`"currency":"USD"`), []byte(`"currency":"usd"`), 1)
	badBoth := bytes.Replace(badRow, []byte(`"version":2`), []byte(`"version":3`), 1)
	if _, err := decodeSnapshot(badBoth); err == nil || !strings.Contains(err.Error(), "version 3") {
		t.Errorf("bad version and bad row: %v, want the version first", err)
	}
	if _, err := decodeSnapshot(badRow); err == nil || !strings.HasPrefix(err.Error(), "row 1: currency") {
		t.Errorf("bad row: %v", err)
	}
	unknown := bytes.Replace(good, []byte(`"currency":"USD"`), []byte(`"currency":"USD","extra":1`), 1)
	if _, err := decodeSnapshot(unknown); err == nil || !strings.Contains(err.Error(), "not a snapshot") {
		t.Errorf("unknown field in a row: %v", err)
	}
}

// A snapshot of more accounts than the mock's 100,000 extra ones (100,017
// in all) saves and loads: the save and load caps agree, so a big book is
// never written and then refused at every start.
func TestSaveLoadBeyondHundredThousandRows(t *testing.T) {
	if testing.Short() {
		t.Skip("100,017 rows")
	}
	snap := goodSnapshot()
	one := snap.Balances[0]
	snap.Balances = make([]model.Balance, 100_017)
	for i := range snap.Balances {
		b := one
		b.Account.ID = fmt.Sprintf("%015d", i+1)
		snap.Balances[i] = b
	}
	l, err := NewLastGood(filepath.Join(t.TempDir(), "state"), "demo")
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Save(snap); err != nil {
		t.Fatal(err)
	}
	got, err := l.Load()
	if err != nil || got == nil || len(got.Balances) != 100_017 {
		t.Fatalf("loaded %v rows, %v", got, err)
	}
}
