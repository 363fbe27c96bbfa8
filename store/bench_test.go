package store

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkJournalCreate: one durable intent (a SQLite commit with
// synchronous=FULL: an fsync) — the first half of what each payment pays
// before its first byte is sent.
func BenchmarkJournalCreate(b *testing.B) {
	db, err := OpenDB(context.Background(), b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	j := NewJournal(db)
	body := []byte(`{"paymentIdentifiers":{"endToEndId":"x"}}`)
	n := 0
	for b.Loop() {
		n++
		if err := j.Create(context.Background(), testPayment(fmt.Sprint("CP", n), fmt.Sprint("k", n)), body); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAuditAppend: one hash-chained audit row (read the tail, hash,
// insert, fsync) — the other half.
func BenchmarkAuditAppend(b *testing.B) {
	db, err := OpenDB(context.Background(), b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	a := NewAudit(db, nil)
	for b.Loop() {
		if _, err := a.Append(context.Background(), AuditEntry{Action: "payment.create", User: "u", Host: "h", Env: "bench",
			EndToEndID: "CP1", Amount: "1234.50", Rail: "WIRE"}); err != nil {
			b.Fatal(err)
		}
	}
}
