package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"cashpos/model"
)

// A BDA row has no record time: every format shows its age as unknown
// (never 0 or "now", which would be the fetch time presented as the
// figures' age) and says why its staleness is what it is. The v1 row
// beside it keeps its age from the record time.
func TestBDARowAgeUnknown(t *testing.T) {
	r := fixture()

	var text bytes.Buffer
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	// AS OF, then AGE, then STATUS.
	if !regexp.MustCompile(`(?m)^  BDA .* 2026-11-20 +— +● fresh`).MatchString(text.String()) {
		t.Errorf("text: the BDA row's AGE is not —:\n%s", text.String())
	}
	if !regexp.MustCompile(`(?m)^  Operating .* 2026-11-20 +5m +● fresh`).MatchString(text.String()) {
		t.Errorf("text: the v1 row's AGE is not 5m:\n%s", text.String())
	}
	if !strings.Contains(text.String(), "AGE —: "+model.NoRecordTime) {
		t.Errorf("text: no note saying why AGE is —:\n%s", text.String())
	}

	var c bytes.Buffer
	if err := r.WriteCSV(&c); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&c).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	byID := map[string][]string{}
	for _, rec := range recs[1:] {
		byID[rec[col["account_id"]]] = rec
	}
	bda, v1 := byID["1234567890"], byID["000000010962009"]
	if got := bda[col["age_seconds"]]; got != "" {
		t.Errorf("CSV: BDA age_seconds = %q, want empty (unknown)", got)
	}
	if got := bda[col["staleness_reason"]]; !strings.Contains(got, model.NoRecordTime) {
		t.Errorf("CSV: BDA staleness_reason = %q, want it to say %q", got, model.NoRecordTime)
	}
	if got := v1[col["age_seconds"]]; got != "300" {
		t.Errorf("CSV: v1 age_seconds = %q, want 300", got)
	}
	if got := v1[col["staleness_reason"]]; got != "record 5m old" {
		t.Errorf("CSV: v1 staleness_reason = %q", got)
	}

	var j bytes.Buffer
	if err := r.WriteJSON(&j); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Accounts []map[string]any `json:"accounts"`
	}
	if err := json.Unmarshal(j.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, a := range doc.Accounts {
		age, present := a["ageSeconds"]
		switch a["accountId"] {
		case "1234567890":
			if !present || age != nil {
				t.Errorf("JSON: BDA ageSeconds = %v (present %v), want null", age, present)
			}
			if reason, _ := a["stalenessReason"].(string); !strings.Contains(reason, model.NoRecordTime) {
				t.Errorf("JSON: BDA stalenessReason = %q", reason)
			}
		case "000000010962009":
			if age != float64(300) {
				t.Errorf("JSON: v1 ageSeconds = %v, want 300", age)
			}
		}
	}
}
