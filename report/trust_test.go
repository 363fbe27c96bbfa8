package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"cashpos/model"
)

func hostileFixture() Balances {
	r := fixture()
	bal := r.Snapshot.Balances
	bal[0].Account.Name = "Ops\x1b]52;c;ZXZpbA==\x07\x1b[2J\u202eevil"
	bal[0].Account.ID = "=cmd|' /C calc'!A0"
	bal[1].Account.Name = "\t=1+1"
	bal[2].Account.Label = "\r@SUM(A1)"
	bal[2].Offline = true
	bal[2].Note = "not read at 20:00 UTC (HTTP 503); last good figures"
	r.Snapshot.Unread = []model.Unread{{What: "BDA v2 accounts (the list of them could not be read)", API: model.APIBDAV2, Reason: "HTTP 503\x1b[31m"}}
	return r
}

// Issue 6 item 9: no escape sequence from the bank reaches a text report.
func TestTextReportStripsControlCharacters(t *testing.T) {
	var buf bytes.Buffer
	if err := hostileFixture().WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"\x1b", "\x07", "\u202e", "\r"} {
		if strings.Contains(out, bad) {
			t.Errorf("text report holds %q:\n%q", bad, out)
		}
	}
	if !strings.Contains(out, "Ops]52;c;ZXZpbA==[2Jevil") {
		t.Errorf("the printable rest of the name must stay:\n%s", out)
	}
}

// Issue 6 item 9: every CSV cell is defused, ids included, and cells that
// start with a tab or CR; amounts stay plain numbers.
func TestCSVDefusesEveryColumn(t *testing.T) {
	var buf bytes.Buffer
	if err := hostileFixture().WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	if bytes.ContainsAny(buf.Bytes(), "\x1b\x07") {
		t.Fatalf("CSV holds escape characters: %q", buf.String())
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, rec := range recs[1:] {
		for j, c := range rec {
			if c != "" && strings.ContainsRune("=+@\t\r", rune(c[0])) {
				t.Errorf("row %d column %s: %q starts a formula", i+1, recs[0][j], c)
			}
			if c != "" && c[0] == '-' && !isPlainNumber(c) {
				t.Errorf("row %d column %s: %q starts a formula", i+1, recs[0][j], c)
			}
		}
	}
	if recs[1][0] != "'=cmd|' /C calc'!A0" || recs[2][1] != "'=1+1" || recs[3][2] != "'@SUM(A1)" {
		t.Errorf("id/name/label not defused: %q %q %q", recs[1][0], recs[2][1], recs[3][2])
	}
	if recs[1][11] != "-4681826093.93" {
		t.Errorf("a negative amount is data, not a formula: %q", recs[1][11])
	}
}

// Issue 6 items 2 and 6, issue 11 item 17: every format names what has no
// fresh data and why; CSV rows carry environment and fetch time.
func TestReportsNameWhatIsMissing(t *testing.T) {
	r := hostileFixture()
	var text, js, cs bytes.Buffer
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"INCOMPLETE", "No data for:", "BDA v2 accounts (the list of them could not be read): HTTP 503",
		"000000099999999: GCA-010: Account not found", "Notes (! on the row):", "last good figures", "✕ offline !", "environment DEMO"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, text.String())
		}
	}
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Complete bool
		Missing  []map[string]string
	}
	if err := json.Unmarshal(js.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Complete || len(got.Missing) != 3 {
		t.Fatalf("json complete=%v missing=%v", got.Complete, got.Missing)
	}
	if got.Missing[0]["status"] != "offline" || got.Missing[1]["accountId"] != "000000099999999" || got.Missing[2]["status"] != "unread" {
		t.Errorf("json missing = %v", got.Missing)
	}
	if err := r.WriteCSV(&cs); err != nil {
		t.Fatal(err)
	}
	recs, _ := csv.NewReader(&cs).ReadAll()
	last := recs[len(recs)-1]
	if last[14] != "unread" || !strings.HasPrefix(last[16], "HTTP 503") {
		t.Errorf("CSV lacks the unread part: %q", last)
	}
	for _, rec := range recs[1:] {
		if rec[18] != "DEMO" || rec[19] != now.UTC().Format(time.RFC3339) {
			t.Errorf("CSV row lacks environment/fetched_at: %q", rec)
		}
	}
}

func TestCompleteReportSaysSo(t *testing.T) {
	r := fixture()
	r.Snapshot.Balances = r.Snapshot.Balances[:3]
	var js bytes.Buffer
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `"complete": true`) || !strings.Contains(js.String(), `"missing": []`) {
		t.Errorf("complete report: %s", js.String())
	}
}
