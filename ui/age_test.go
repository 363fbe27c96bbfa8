package ui

import (
	"regexp"
	"testing"
	"time"

	"cashpos/model"
)

// BDA v2 sends no record time: the dashboard shows the row's age as
// unknown ("—"), not "now" (the time since we fetched it), while a v1 row
// beside it keeps its age from the record time.
func TestBDARowAgeUnknown(t *testing.T) {
	v1 := bal(acct{id: "000000010962009", name: "Operating", ccy: "USD"}, "1.00", "1.00", "1.00", "1.00", today, testNow.Add(-4*time.Minute), true)
	bda := bal(acct{id: "1234567890", name: "Kinexys Settlement", ccy: "USD"}, "2.00", "2.00", "2.00", "2.00", today, time.Time{}, true)
	bda.Account.API = model.APIBDAV2
	m := loaded(t, model.Snapshot{Balances: []model.Balance{v1, bda}, FetchedAt: testNow}, 120, 40)
	screen := screenText(m)
	if !regexp.MustCompile(`Kinexys Settlement .*` + today + ` +— `).MatchString(screen) {
		t.Errorf("the BDA row's age is not —:\n%s", screen)
	}
	if !regexp.MustCompile(`Operating .*` + today + ` +4m `).MatchString(screen) {
		t.Errorf("the v1 row's age is not 4m:\n%s", screen)
	}
}
