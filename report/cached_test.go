package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"cashpos/model"
)

// balances --cached: every row is last good data, so the totals count them
// offline and are starred, each row says offline, and no row claims that
// "this refresh could not read the account" — there was no refresh.
func TestCachedReportMarksTotalsOffline(t *testing.T) {
	r := fixture()
	r.Cached = true
	var buf bytes.Buffer
	if err := r.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Accounts []map[string]any
		Totals   []map[string]any
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	usd := got.Totals[2]
	if usd["currency"] != "USD" || usd["offlineAccounts"] != float64(2) || usd["incomplete"] != true {
		t.Errorf("cached USD total must count its 2 rows offline and be incomplete: %v", usd)
	}
	for _, a := range got.Accounts[:3] {
		reason, _ := a["stalenessReason"].(string)
		if a["offline"] != true || a["staleness"] != "offline" || strings.Contains(reason, "refresh") ||
			!strings.Contains(reason, "not called") {
			t.Errorf("cached row: %v", a)
		}
	}
	buf.Reset()
	if err := r.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); !strings.Contains(out, "2 (2 offline)") || !strings.Contains(out, "-4,681,826,093.83*") {
		t.Errorf("cached text totals must say offline and be starred:\n%s", out)
	}
	// The report itself is unchanged without --cached.
	r.Cached = false
	buf.Reset()
	if err := r.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "✕ offline") {
		t.Errorf("a fresh report has no offline rows:\n%s", buf.String())
	}
}

// A row without data whose currency is unknown joins no total, so no total
// can carry its "*"; the text report says every total may lack it.
func TestTextReportNamesAccountsOfUnknownCurrency(t *testing.T) {
	r := fixture()
	r.Snapshot.Balances[3].Account.Currency = model.Currency{}
	var buf bytes.Buffer
	if err := r.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "Every total may be incomplete: 1 account without data and without a known currency is in none of them") {
		t.Errorf("text report:\n%s", buf.String())
	}
	buf.Reset()
	if err := fixture().WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "Every total may be incomplete") {
		t.Errorf("a problem row with a currency is starred on its own total:\n%s", buf.String())
	}
}
