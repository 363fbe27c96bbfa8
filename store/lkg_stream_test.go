package store

import (
	"bytes"
	"encoding/json"
	"testing"

	"cashpos/model"
)

// TestWriteSnapshotStreamsTheSameBytes: the streamed snapshot is exactly
// json.Marshal of the whole diskSnapshot, for an empty, a one-row and a
// many-row snapshot with unread parts and awkward text.
func TestWriteSnapshotStreamsTheSameBytes(t *testing.T) {
	many := goodSnapshot()
	for i := range 5 {
		b := many.Balances[0]
		b.Account.Name = []string{"a <b> & \"c\"", "\u2028ω", "", "x", "]}"}[i]
		b.Problem = []*model.AccountProblem{nil, {Code: "GCA-010", Message: "not found"}, nil, {}, nil}[i]
		many.Balances = append(many.Balances, b)
	}
	many.Partial = true
	many.Unread = []model.Unread{{What: "BDA v2 accounts", API: model.APIBDAV2, Reason: "HTTP 503 <x>"}}
	empty := goodSnapshot()
	empty.Balances = nil
	for name, s := range map[string]model.Snapshot{"one": goodSnapshot(), "many": many, "empty": empty} {
		d := diskSnapshot{Format: lkgFormat, Version: lkgVersion, FetchedAt: stamp(s.FetchedAt), Partial: s.Partial,
			Rows: make([]diskRow, 0, len(s.Balances))}
		for _, u := range s.Unread {
			d.Unread = append(d.Unread, diskUnread{What: u.What, API: string(u.API), Reason: u.Reason})
		}
		for _, b := range s.Balances {
			d.Rows = append(d.Rows, toDisk(b))
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
