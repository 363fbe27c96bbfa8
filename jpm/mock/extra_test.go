package mock

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestExtraAccountsServeFiveBatchesOf200(t *testing.T) {
	f := newFixture(t, Options{ExtraAccounts: 1000})
	tok := f.token(t)
	var synthetic []string
	for _, a := range f.bank.Accounts() {
		if a.Scenario == ScenarioSynthetic {
			if a.API != APIv1 || a.Currency != "USD" {
				t.Fatalf("synthetic account %+v", a)
			}
			synthetic = append(synthetic, a.ID)
		}
	}
	if len(synthetic) != 1000 || synthetic[0] != "900000000000001" || synthetic[999] != "900000000001000" {
		t.Fatalf("synthetic ids: %d, first %s", len(synthetic), synthetic[0])
	}
	seen := map[string]bool{}
	for batch := range 5 {
		got := f.v1(t, tok, accountList(synthetic[batch*200:(batch+1)*200]...))
		if len(got) != 200 {
			t.Fatalf("batch %d: %d accounts", batch, len(got))
		}
		for id, a := range got {
			if a.ErrorCode != "" || len(a.BalanceList) != 1 || seen[id] {
				t.Errorf("batch %d account %s: %+v", batch, id, a)
			}
			seen[id] = true
		}
	}
	if f.bank.Requests() != 5 {
		t.Errorf("Requests() = %d, want 5", f.bank.Requests())
	}
	// Without accountList the whole book is returned (the 200 limit applies
	// to lists; UNCONFIRMED for entitlements this large).
	if got := f.v1(t, tok, `{}`); len(got) != 1000+len(v1IDs(New(Options{}).Accounts())) {
		t.Errorf("all accounts: %d", len(got))
	}
}

func BenchmarkV1Batch200(b *testing.B) {
	bank := New(Options{Seed: 1, ExtraAccounts: 200, Now: func() time.Time { return fixedNow }})
	ids := make([]string, 200)
	for i := range ids {
		ids[i] = fmt.Sprintf("9%014d", i+1)
	}
	body := accountList(ids...)
	tok := bank.tokens.issue(fixedNow, DefaultTokenTTL)
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, BalanceV1Path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tok)
		rec := httptest.NewRecorder()
		bank.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
