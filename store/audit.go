package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// AuditEntry is one row of the audit log: who did what, where and when, to
// which payment. It never holds a secret: the engine fills it from the
// intent's ids, amount and rail and from one-line outcomes, never from
// headers, tokens or configuration.
type AuditEntry struct {
	Seq        int64     // 1, 2, 3 … assigned on append
	Time       time.Time // assigned on append if zero
	User       string    // OS user
	Host       string
	Env        string // demo, mock, cat, production
	Action     string // payment.create, payment.attempt, payment.status …
	EndToEndID string
	PaymentID  string
	Rail       string
	Amount     string // decimal string, USD
	Detail     string // one line: the outcome, a status, a code
	PrevHash   string // the previous row's Hash ("" for the first)
	Hash       string // sha256 over this row's fields and PrevHash
}

// AuditLog is the append-only, hash-chained audit log. Like Journal it is
// an interface so a shared store can replace the local file.
type AuditLog interface {
	// Append adds a row chained to the last one and returns it complete.
	Append(ctx context.Context, e AuditEntry) (AuditEntry, error)
	// Verify walks the chain from the first row.
	Verify(ctx context.Context) (AuditReport, error)
	// Entries returns the rows of one payment ("" for all), oldest first.
	Entries(ctx context.Context, endToEndID string) ([]AuditEntry, error)
}

// AuditReport is the outcome of Verify.
type AuditReport struct {
	Rows   int   // rows checked
	Broken int64 // seq of the first broken row, 0 when the chain is whole
	Reason string
}

// OK reports whether the chain is whole.
func (r AuditReport) OK() bool { return r.Broken == 0 }

func init() {
	// The triggers make the table append-only for every client of this
	// database file; whoever bypasses them (or edits the file) breaks the
	// hash chain, which Verify detects.
	RegisterMigration(Migration{Name: "audit/001", SQL: `
CREATE TABLE audit_log (
	seq       INTEGER PRIMARY KEY,
	time      TEXT NOT NULL,
	os_user   TEXT NOT NULL,
	host      TEXT NOT NULL,
	env       TEXT NOT NULL,
	action    TEXT NOT NULL,
	e2e_id    TEXT NOT NULL DEFAULT '',
	payment_id TEXT NOT NULL DEFAULT '',
	rail      TEXT NOT NULL DEFAULT '',
	amount    TEXT NOT NULL DEFAULT '',
	detail    TEXT NOT NULL DEFAULT '',
	prev_hash TEXT NOT NULL,
	hash      TEXT NOT NULL
);
CREATE INDEX audit_log_e2e ON audit_log(e2e_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
	BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
	BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`})
}

// SQLAudit is the AuditLog in the local state database.
type SQLAudit struct {
	db  *sql.DB
	now func() time.Time
}

// NewAudit returns the audit log in an open state database; now stamps
// rows (nil means time.Now).
func NewAudit(db *DB, now func() time.Time) *SQLAudit {
	if now == nil {
		now = time.Now
	}
	return &SQLAudit{db: db.SQL, now: now}
}

// hashOf is the row's chain hash: sha256 of a fixed-order JSON array of
// every field but Hash itself, PrevHash included.
func hashOf(e AuditEntry) string {
	b, _ := json.Marshal([]any{e.Seq, e.Time.UTC().Format(tsLayout), e.User, e.Host, e.Env, e.Action,
		e.EndToEndID, e.PaymentID, e.Rail, e.Amount, e.Detail, e.PrevHash})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func (a *SQLAudit) Append(ctx context.Context, e AuditEntry) (AuditEntry, error) {
	tx, err := a.db.BeginTx(ctx, nil) // immediate: the tail cannot move under us
	if err != nil {
		return e, fmt.Errorf("audit log: %w", err)
	}
	defer tx.Rollback()
	var prev sql.NullString
	var seq sql.NullInt64
	err = tx.QueryRowContext(ctx, `SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`).Scan(&seq, &prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("audit log: %w", err)
	}
	e.Seq, e.PrevHash = seq.Int64+1, prev.String
	if e.Time.IsZero() {
		e.Time = a.now()
	}
	e.Time = e.Time.UTC()
	e.Hash = hashOf(e)
	if _, err := tx.ExecContext(ctx, `INSERT INTO audit_log
		(seq, time, os_user, host, env, action, e2e_id, payment_id, rail, amount, detail, prev_hash, hash)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		e.Seq, e.Time.Format(tsLayout), e.User, e.Host, e.Env, e.Action, e.EndToEndID, e.PaymentID, e.Rail,
		e.Amount, e.Detail, e.PrevHash, e.Hash); err != nil {
		return e, fmt.Errorf("audit log: %w", err)
	}
	return e, tx.Commit()
}

const auditCols = `seq, time, os_user, host, env, action, e2e_id, payment_id, rail, amount, detail, prev_hash, hash`

func scanAudit(rows *sql.Rows) (AuditEntry, error) {
	var e AuditEntry
	var t string
	err := rows.Scan(&e.Seq, &t, &e.User, &e.Host, &e.Env, &e.Action, &e.EndToEndID, &e.PaymentID, &e.Rail,
		&e.Amount, &e.Detail, &e.PrevHash, &e.Hash)
	e.Time, _ = time.Parse(tsLayout, t)
	return e, err
}

// Verify checks, row by row in seq order, that seq counts up from 1 with no
// gap (a deleted row), that each row's prev_hash is the previous row's hash
// (a row inserted or re-ordered), and that each row's hash matches its
// fields (a row edited). It names the first row that fails. Removing rows
// from the very end is beyond what a chain alone can see; the journal's
// attempts still show them.
func (a *SQLAudit) Verify(ctx context.Context) (AuditReport, error) {
	rows, err := a.db.QueryContext(ctx, `SELECT `+auditCols+` FROM audit_log ORDER BY seq`)
	if err != nil {
		return AuditReport{}, fmt.Errorf("audit log: %w", err)
	}
	defer rows.Close()
	var r AuditReport
	prev := ""
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			// A hand edit can leave a value SQLite cannot hand back as
			// the column's type: that row is broken too.
			return AuditReport{Rows: r.Rows, Broken: int64(r.Rows + 1), Reason: "unreadable row: " + err.Error()}, nil
		}
		r.Rows++
		switch {
		case e.Seq != int64(r.Rows):
			r.Broken, r.Reason = int64(r.Rows), fmt.Sprintf("expected row %d, found row %d: rows are missing", r.Rows, e.Seq)
		case e.PrevHash != prev:
			r.Broken, r.Reason = e.Seq, "does not chain to the row before it (inserted, re-ordered or the previous row was replaced)"
		case hashOf(e) != e.Hash:
			r.Broken, r.Reason = e.Seq, fmt.Sprintf("its contents do not match its hash: edited after it was written (%s %s %s)",
				e.Time.Format(time.RFC3339), e.Action, e.EndToEndID)
		}
		if r.Broken != 0 {
			return r, nil
		}
		prev = e.Hash
	}
	return r, rows.Err()
}

func (a *SQLAudit) Entries(ctx context.Context, e2e string) ([]AuditEntry, error) {
	q := `SELECT ` + auditCols + ` FROM audit_log`
	args := []any{}
	if e2e != "" {
		q += ` WHERE e2e_id = ?`
		args = append(args, e2e)
	}
	rows, err := a.db.QueryContext(ctx, q+` ORDER BY seq`, args...)
	if err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, fmt.Errorf("audit log: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
