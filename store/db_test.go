package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func init() {
	RegisterMigration(Migration{Name: "zz-test/001", SQL: `CREATE TABLE IF NOT EXISTS zz_test (v INTEGER)`})
}

func TestOpenDBCreates0600AndMigratesOnce(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	for i := 0; i < 2; i++ { // the second open must not re-run the step
		db, err := OpenDB(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.SQL.Exec(`INSERT INTO zz_test(v) VALUES (1)`); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := db.SQL.QueryRow(`SELECT COUNT(*) FROM schema_migrations WHERE name='zz-test/001'`).Scan(&n); err != nil || n != 1 {
			t.Fatalf("migration rows = %d, %v", n, err)
		}
		db.Close()
	}
	fi, err := os.Stat(filepath.Join(dir, DBFile))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", fi.Mode().Perm())
	}
}
