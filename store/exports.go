package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"cashpos/model"
)

// The exported-transactions record behind `cashpos transactions --new`:
// which transactions an earlier --new run has printed, per environment and
// account, so a daily reconciliation import never receives one twice. A
// transaction is recorded only after the whole output was written (see
// cmd_transactions.go), so a run that dies half-way prints those rows again
// next time instead of losing them.
func init() {
	RegisterMigration(Migration{Name: "exports/001", SQL: `
CREATE TABLE exported_transactions (
	env            TEXT NOT NULL,           -- demo, mock, cat, production: never mixed
	account        TEXT NOT NULL,           -- account id without the bank's zero padding
	transaction_id TEXT NOT NULL,           -- the bank's transactionId
	as_of_date     TEXT NOT NULL,           -- YYYY-MM-DD, booking date
	debit_credit   TEXT NOT NULL,           -- CREDIT or DEBIT
	amount         TEXT NOT NULL,           -- exact decimal as printed, positive
	currency       TEXT NOT NULL,
	exported_at    TEXT NOT NULL,           -- RFC 3339 UTC
	PRIMARY KEY (env, account, transaction_id)
) WITHOUT ROWID;
CREATE INDEX exported_transactions_day ON exported_transactions (env, account, as_of_date);
`})
}

// Exports is the exported-transactions record in the state database.
type Exports struct{ db *DB }

// NewExports uses db (opened with OpenDB, which applied "exports/001").
func NewExports(db *DB) *Exports { return &Exports{db: db} }

// Exported is what the record holds about one transaction printed before.
type Exported struct {
	ID          string
	AsOfDate    string
	DebitCredit model.DebitCredit
	Amount      string
	Currency    string
	At          time.Time
}

// Changed reports whether t differs in sign, amount or currency from what
// was printed: the bank corrected an item under the same id, which an
// import must hear about rather than silently keep the old figure.
func (e Exported) Changed(t model.Transaction) bool {
	return e.DebitCredit != t.DebitCredit || e.Amount != t.Amount.String() || e.Currency != t.Currency.Code
}

// normAccount drops the bank's zero padding, so "10962009" and
// "000000010962009" share one record.
func normAccount(id string) string {
	if s := strings.TrimLeft(id, "0"); s != "" {
		return s
	}
	return id
}

// Seen returns which of ids env and account have already exported, by id.
// It looks the ids up themselves, not a date range: a transaction whose
// booking date the bank later changed is still recognised.
func (x *Exports) Seen(ctx context.Context, env, account string, ids []string) (map[string]Exported, error) {
	out := map[string]Exported{}
	const chunk = 500 // well under SQLite's limit on bound parameters
	for len(ids) > 0 {
		n := min(chunk, len(ids))
		if err := x.seen(ctx, env, normAccount(account), ids[:n], out); err != nil {
			return nil, fmt.Errorf("exported-transactions record: %w", err)
		}
		ids = ids[n:]
	}
	return out, nil
}

func (x *Exports) seen(ctx context.Context, env, account string, ids []string, out map[string]Exported) error {
	args := make([]any, 0, len(ids)+2)
	args = append(args, env, account)
	for _, id := range ids {
		args = append(args, id)
	}
	rows, err := x.db.SQL.QueryContext(ctx, `SELECT transaction_id, as_of_date, debit_credit, amount, currency, exported_at
		FROM exported_transactions WHERE env = ? AND account = ? AND transaction_id IN (?`+strings.Repeat(",?", len(ids)-1)+`)`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var e Exported
		var dc, at string
		if err := rows.Scan(&e.ID, &e.AsOfDate, &dc, &e.Amount, &e.Currency, &at); err != nil {
			return err
		}
		e.DebitCredit = model.DebitCredit(dc)
		e.At, _ = time.Parse(time.RFC3339Nano, at)
		out[e.ID] = e
	}
	return rows.Err()
}

// Record marks txns as exported for env, in one transaction: all or none.
// An id already recorded keeps its first record.
func (x *Exports) Record(ctx context.Context, env string, txns []model.Transaction, at time.Time) error {
	tx, err := x.db.SQL.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("exported-transactions record: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO exported_transactions
		(env, account, transaction_id, as_of_date, debit_credit, amount, currency, exported_at) VALUES (?,?,?,?,?,?,?,?)`)
	if err != nil {
		return fmt.Errorf("exported-transactions record: %w", err)
	}
	defer stmt.Close()
	stamp := at.UTC().Format(time.RFC3339Nano)
	for _, t := range txns {
		if _, err := stmt.ExecContext(ctx, env, normAccount(t.AccountID), t.ID, t.AsOfDate,
			string(t.DebitCredit), t.Amount.String(), t.Currency.Code, stamp); err != nil {
			return fmt.Errorf("exported-transactions record: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("exported-transactions record: %w", err)
	}
	return nil
}

// Count is how many transactions of env and account are recorded (tests,
// doctor).
func (x *Exports) Count(ctx context.Context, env, account string) (int, error) {
	var n int
	err := x.db.SQL.QueryRowContext(ctx, `SELECT COUNT(*) FROM exported_transactions WHERE env = ? AND account = ?`,
		env, normAccount(account)).Scan(&n)
	if err != nil && err != sql.ErrNoRows {
		return 0, fmt.Errorf("exported-transactions record: %w", err)
	}
	return n, nil
}
