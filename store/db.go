package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"

	_ "modernc.org/sqlite" // pure Go: the binary stays static for jump hosts
)

// DBFile is the one SQLite database under the state directory. It holds the
// exported-transactions record, the payment journal and the audit log, each
// as its own set of tables with its own migrations.
const DBFile = "cashpos.db"

// Migration is one schema step. Steps are named per component
// ("exports/001", "journal/001", "audit/001") rather than numbered globally,
// so components add their schema independently; within a component they
// run in name order, each once, inside a transaction.
type Migration struct {
	Name string
	SQL  string
}

var (
	migrationsMu sync.Mutex
	migrations   []Migration
)

// RegisterMigration adds a schema step; components call it from init.
func RegisterMigration(m Migration) {
	migrationsMu.Lock()
	defer migrationsMu.Unlock()
	for _, old := range migrations {
		if old.Name == m.Name {
			panic("store: migration registered twice: " + m.Name)
		}
	}
	migrations = append(migrations, m)
}

// DB is the state database.
type DB struct {
	SQL  *sql.DB
	Path string
}

// OpenDB opens (creating when needed) the state database under dir: the
// directory must already pass the state-dir checks; the file is created 0600
// before SQLite touches it, WAL mode with full fsync on commit (a payment
// intent must be on disk before the first byte goes to the bank), and every
// registered migration not yet applied is applied.
func OpenDB(ctx context.Context, dir string) (*DB, error) {
	path := filepath.Join(dir, DBFile)
	if err := ensureFile0600(path); err != nil {
		return nil, err
	}
	// _txlock=immediate: writers take the lock at BEGIN, so two processes
	// never both read-then-write the same intent.
	dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("state database %s: %w", path, err)
	}
	db.SetMaxOpenConns(1) // one writer; SQLite serialises anyway
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("state database %s: %w", path, err)
	}
	// SQLite creates -wal and -shm beside the file with the umask: tighten.
	for _, side := range []string{path + "-wal", path + "-shm"} {
		if _, err := os.Stat(side); err == nil {
			_ = os.Chmod(side, 0o600)
		}
	}
	return &DB{SQL: db, Path: path}, nil
}

// Close closes the database.
func (d *DB) Close() error { return d.SQL.Close() }

func ensureFile0600(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("state database: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("state database: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("state database %s is not a regular file; move it away", path)
	}
	if fi.Mode().Perm() != 0o600 {
		if err := f.Chmod(0o600); err != nil {
			return fmt.Errorf("state database %s: %w", path, err)
		}
	}
	return nil
}

func migrate(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`); err != nil {
		return fmt.Errorf("migrations table: %w", err)
	}
	migrationsMu.Lock()
	steps := append([]Migration(nil), migrations...)
	migrationsMu.Unlock()
	sort.Slice(steps, func(i, j int) bool { return steps[i].Name < steps[j].Name })
	for _, m := range steps {
		if err := applyOnce(ctx, db, m); err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	return nil
}

func applyOnce(ctx context.Context, db *sql.DB, m Migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE name = ?`, m.Name).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(name) VALUES (?)`, m.Name); err != nil {
		return err
	}
	return tx.Commit()
}
