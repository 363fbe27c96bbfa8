package store

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

func newTestAudit(t *testing.T, n int) (*DB, *SQLAudit) {
	t.Helper()
	db, _ := openTest(t)
	a := NewAudit(db, func() time.Time { return t0 })
	for i := 1; i <= n; i++ {
		if _, err := a.Append(context.Background(), AuditEntry{User: "analyst", Host: "jump1", Env: "demo",
			Action: "payment.attempt", EndToEndID: fmt.Sprintf("CP%d", i), Amount: "100.00", Rail: "WIRE", Detail: "HTTP 201"}); err != nil {
			t.Fatal(err)
		}
	}
	return db, a
}

func TestAuditChainVerifies(t *testing.T) {
	_, a := newTestAudit(t, 5)
	rep, err := a.Verify(context.Background())
	if err != nil || !rep.OK() || rep.Rows != 5 {
		t.Fatalf("%+v %v", rep, err)
	}
	rows, _ := a.Entries(context.Background(), "")
	if rows[0].PrevHash != "" || rows[1].PrevHash != rows[0].Hash || rows[4].Seq != 5 || rows[2].User != "analyst" || !rows[2].Time.Equal(t0) {
		t.Errorf("chain %+v", rows[:2])
	}
	if one, _ := a.Entries(context.Background(), "CP3"); len(one) != 1 || one[0].Seq != 3 {
		t.Errorf("entries of CP3: %+v", one)
	}
}

// The table refuses UPDATE and DELETE; an editor who drops the triggers
// (sqlite3 on the file) is caught by Verify, which names the row.
func TestAuditTamperDetection(t *testing.T) {
	for _, tc := range []struct {
		name   string
		sql    string
		broken int64
		reason string
	}{
		{"amount edited", `UPDATE audit_log SET amount = '1.00' WHERE seq = 3`, 3, "edited after it was written"},
		{"user edited", `UPDATE audit_log SET os_user = 'someone' WHERE seq = 1`, 1, "edited"},
		{"row deleted", `DELETE FROM audit_log WHERE seq = 2`, 2, "rows are missing"},
		{"row rehashed but not the chain", `UPDATE audit_log SET detail = 'x', hash = 'ab' WHERE seq = 4`, 4, "edited"},
		{"row replaced wholesale", `UPDATE audit_log SET prev_hash = 'forged' WHERE seq = 5`, 5, "does not chain"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, a := newTestAudit(t, 5)
			if _, err := db.SQL.Exec(`UPDATE audit_log SET amount = '1.00' WHERE seq = 3`); err == nil ||
				!strings.Contains(err.Error(), "append-only") {
				t.Fatalf("the trigger let an UPDATE through: %v", err)
			}
			if _, err := db.SQL.Exec(`DELETE FROM audit_log WHERE seq = 3`); err == nil {
				t.Fatal("the trigger let a DELETE through")
			}
			if _, err := db.SQL.Exec(`DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; ` + tc.sql); err != nil {
				t.Fatal(err)
			}
			rep, err := a.Verify(context.Background())
			if err != nil || rep.OK() || rep.Broken != tc.broken || !strings.Contains(rep.Reason, tc.reason) {
				t.Fatalf("%+v %v; want row %d (%s)", rep, err, tc.broken, tc.reason)
			}
		})
	}
}

// Concurrent appends (two screens, two processes) still form one chain.
func TestAuditConcurrentAppends(t *testing.T) {
	db, a := newTestAudit(t, 0)
	b := NewAudit(db, nil)
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func(l *SQLAudit) {
			defer wg.Done()
			if _, err := l.Append(context.Background(), AuditEntry{Action: "payment.status", User: "u", Host: "h", Env: "demo"}); err != nil {
				t.Error(err)
			}
		}([]*SQLAudit{a, b}[i%2])
	}
	wg.Wait()
	if rep, err := a.Verify(context.Background()); err != nil || !rep.OK() || rep.Rows != 20 {
		t.Fatalf("%+v %v", rep, err)
	}
}
