package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"cashpos/model"
)

// decodeSnapshotWhole is decodeSnapshot as it was before it streamed: the
// whole document decoded into a []diskRow, then checked. The streamed
// loader must accept exactly what it accepted, with the same result, and
// refuse what it refused.
func decodeSnapshotWhole(raw []byte) (*model.Snapshot, error) {
	var d diskSnapshot
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		var head struct {
			Format  string `json:"format"`
			Version int    `json:"version"`
		}
		if json.Unmarshal(raw, &head) == nil && head.Format == "" {
			return nil, errors.New("it is in an older format without a version")
		}
		return nil, fmt.Errorf("it is not a snapshot (%s)", jsonProblem(err))
	}
	switch {
	case d.Format != lkgFormat:
		return nil, errors.New("it is not a cashpos snapshot")
	case d.Version != lkgVersion:
		return nil, fmt.Errorf("it is format version %d; this cashpos reads version %d", d.Version, lkgVersion)
	case len(d.Rows) > maxRows:
		return nil, fmt.Errorf("it has %d rows, more than %d", len(d.Rows), maxRows)
	}
	s := &model.Snapshot{Partial: d.Partial, Balances: make([]model.Balance, 0, len(d.Rows))}
	var err error
	if s.FetchedAt, err = parseStamp("fetched_at", d.FetchedAt); err != nil {
		return nil, err
	}
	for _, u := range d.Unread {
		if err := checkTexts(u.What, u.API, u.Reason); err != nil {
			return nil, fmt.Errorf("unread: %w", err)
		}
		s.Unread = append(s.Unread, model.Unread{What: u.What, API: model.API(u.API), Reason: u.Reason})
	}
	for i, r := range d.Rows {
		b, err := r.balance()
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", i+1, err)
		}
		s.Balances = append(s.Balances, b)
	}
	return s, nil
}

// FuzzDecodeSnapshotMatchesWhole: same answer as the whole decode.
// Refusals may differ in detail only within "not a snapshot (...)" (which
// JSON problem is met first); every other message is the same.
func FuzzDecodeSnapshotMatchesWhole(f *testing.F) {
	good, _ := encodeSnapshot(goodSnapshot())
	for _, seed := range []string{string(good), `{"format":"cashpos-last-good","version":2,"fetched_at":"","rows":[]}`,
		`{"balances":[]}`, `null`, `[]`, `"x"`, `{"rows":5}`, `{"ROWS":[],"Format":"cashpos-last-good","version":2}`,
		strings.Replace(string(good), `"rows":[`, `"rows":null,"rows":[`, 1), strings.Replace(string(good), `"rows":[`, `"rows":[null,`, 1),
		strings.Replace(string(good), `"currency":"USD"`, `"currency":"usd"`, 1), `{"format":"cashpos-last-good","version":2,"rows":[{}]} trailing`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		got, gerr := decodeSnapshot(raw)
		want, werr := decodeSnapshotWhole(raw)
		switch {
		case (gerr == nil) != (werr == nil):
			t.Fatalf("streamed %v, whole %v", gerr, werr)
		case gerr != nil:
			g, w := gerr.Error(), werr.Error()
			if g != w && !(strings.HasPrefix(g, "it is not a snapshot (") && strings.HasPrefix(w, "it is not a snapshot (")) {
				t.Fatalf("streamed %q, whole %q", g, w)
			}
		default:
			a, _ := encodeSnapshot(*got)
			b, _ := encodeSnapshot(*want)
			if !bytes.Equal(a, b) || (got.Balances == nil) != (want.Balances == nil) {
				t.Fatalf("streamed\n%s\nwhole\n%s", a, b)
			}
		}
	})
}
