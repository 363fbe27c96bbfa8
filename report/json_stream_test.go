package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"cashpos/model"
)

// wholeDocument is WriteJSON as it was before it streamed: the whole report
// built, then encoded at once. The streamed writer must give the same bytes.
func wholeDocument(t *testing.T, r Balances) []byte {
	t.Helper()
	out := jsonReport{Environment: r.Env, FetchedAt: r.Snapshot.FetchedAt.UTC(), Cached: r.Cached, Partial: r.Snapshot.Partial,
		Complete: !r.Snapshot.Incomplete(), Missing: r.missing(), Notices: r.Snapshot.Notices,
		Accounts: []jsonAccount{}, Totals: []jsonCurrency{}}
	for _, x := range r.rows() {
		out.Accounts = append(out.Accounts, toJSONAccount(x))
	}
	for _, tot := range model.TotalsByCurrency(r.balances()) {
		out.Totals = append(out.Totals, toJSONTotal(tot))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWriteJSONStreamsTheSameBytes(t *testing.T) {
	empty := fixture()
	empty.Snapshot.Balances = nil
	notices := hostileFixture()
	notices.Snapshot.Notices = []string{"a <notice> & \"quotes\"\n", "\u2028"}
	notices.Snapshot.Balances[1].Account.Name = "\"accounts\": []\n  \"accounts\": [] <&>"
	notices.Cached = true
	one := fixture()
	one.Snapshot.Balances = one.Snapshot.Balances[:1]
	cached := hostileFixture()
	cached.Cached = true
	for name, r := range map[string]Balances{"fixture": fixture(), "hostile": hostileFixture(), "empty": empty,
		"notices": notices, "one": one, "cached": cached} {
		var got bytes.Buffer
		if err := r.WriteJSON(&got); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if want := wholeDocument(t, r); !bytes.Equal(got.Bytes(), want) {
			t.Errorf("%s: streamed JSON differs from the whole document:\n got %s\nwant %s", name, got.Bytes(), want)
		}
		if !json.Valid(got.Bytes()) {
			t.Errorf("%s: not valid JSON", name)
		}
	}
}
