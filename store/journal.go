package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"cashpos/model"
)

// Journal is the payment journal: every intent with its ids and exact body,
// every POST attempt and answer, every status seen. The payment engine
// talks to it only through this interface, so a shared team database can
// replace the local SQLite file without touching the engine or the screens.
//
// Every write is durable when it returns (SQLite in WAL mode with
// synchronous=FULL: the commit is fsynced).
type Journal interface {
	// Create records a new intent with status SUBMITTING, before anything
	// is sent. It fails with ErrIntentExists if the end-to-end id or the
	// idempotency key is already journalled.
	Create(ctx context.Context, p model.Payment, body []byte) error
	// Body returns the exact POST body journalled with the intent.
	Body(ctx context.Context, endToEndID string) ([]byte, error)
	// RecordAttempt appends one POST attempt and its answer.
	RecordAttempt(ctx context.Context, endToEndID string, a model.PaymentAttempt) error
	// RecordAck stores the bank's paymentId and duplicateRequest flag.
	RecordAck(ctx context.Context, endToEndID string, ack model.PaymentAck) error
	// RecordStatus sets the current status; a status or sub-status that
	// differs from the current one is appended to the timeline.
	RecordStatus(ctx context.Context, endToEndID string, ev model.StatusEvent) (changed bool, err error)
	// SetError keeps the last unresolved problem ("" clears it).
	SetError(ctx context.Context, endToEndID, msg string) error
	// Get returns one payment with its timeline; ErrNoPayment if unknown.
	Get(ctx context.Context, endToEndID string) (model.Payment, error)
	// List returns every payment, newest first, with timelines.
	List(ctx context.Context) ([]model.Payment, error)
	// ForDate returns the payments for one execution date (a civil
	// date), without timelines: what a daily limit is checked against.
	ForDate(ctx context.Context, day time.Time) ([]model.Payment, error)
	// Attempts returns the POST attempts of one payment, oldest first.
	Attempts(ctx context.Context, endToEndID string) ([]model.PaymentAttempt, error)
}

var (
	ErrIntentExists = errors.New("a payment with this end-to-end id or idempotency key is already in the journal")
	ErrNoPayment    = errors.New("no such payment in the journal")
)

func init() {
	RegisterMigration(Migration{Name: "journal/001", SQL: `
CREATE TABLE payments (
	e2e_id          TEXT PRIMARY KEY,
	idempotency_key TEXT NOT NULL UNIQUE,
	env             TEXT NOT NULL,
	rail            TEXT NOT NULL,
	debtor_account  TEXT NOT NULL,
	amount          TEXT NOT NULL,      -- decimal string, never a float
	execution_date  TEXT NOT NULL,      -- YYYY-MM-DD
	intent          TEXT NOT NULL,      -- JSON of the intent, for screens
	body            BLOB NOT NULL,      -- the exact POST body, sent byte for byte on every attempt
	created_at      TEXT NOT NULL,
	payment_id      TEXT NOT NULL DEFAULT '',
	duplicate       INTEGER NOT NULL DEFAULT 0,
	status          TEXT NOT NULL,
	sub_status      TEXT NOT NULL DEFAULT '',
	updated_at      TEXT NOT NULL,
	exceptions      TEXT NOT NULL DEFAULT '[]',
	last_error      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX payments_status ON payments(status);
CREATE TABLE payment_attempts (
	id          INTEGER PRIMARY KEY,
	e2e_id      TEXT NOT NULL REFERENCES payments(e2e_id),
	n           INTEGER NOT NULL,
	request_id  TEXT NOT NULL,
	sent_at     TEXT NOT NULL,
	duration_us INTEGER NOT NULL,
	http_status INTEGER NOT NULL,
	response    BLOB,
	error       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX payment_attempts_e2e ON payment_attempts(e2e_id);
CREATE TABLE payment_statuses (
	id          INTEGER PRIMARY KEY,
	e2e_id      TEXT NOT NULL REFERENCES payments(e2e_id),
	status      TEXT NOT NULL,
	sub_status  TEXT NOT NULL DEFAULT '',
	seen_at     TEXT NOT NULL,
	bank_time   TEXT NOT NULL DEFAULT '',
	exceptions  TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX payment_statuses_e2e ON payment_statuses(e2e_id);
`})
}

// SQLJournal is the Journal in the local state database.
type SQLJournal struct{ db *sql.DB }

// NewJournal returns the journal in an open state database.
func NewJournal(db *DB) *SQLJournal { return &SQLJournal{db: db.SQL} }

const tsLayout = time.RFC3339Nano

func ts(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(tsLayout)
}

func parseTS(s string) time.Time {
	t, _ := time.Parse(tsLayout, s)
	return t
}

func (j *SQLJournal) Create(ctx context.Context, p model.Payment, body []byte) error {
	intent, err := json.Marshal(p.Intent)
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	tx, err := j.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM payments WHERE e2e_id = ? OR idempotency_key = ?`,
		p.IDs.EndToEndID, p.IDs.IdempotencyKey).Scan(&n); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	if n > 0 {
		return ErrIntentExists
	}
	created := ts(p.CreatedAt)
	if _, err := tx.ExecContext(ctx, `INSERT INTO payments
		(e2e_id, idempotency_key, env, rail, debtor_account, amount, execution_date, intent, body, created_at, status, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
		p.IDs.EndToEndID, p.IDs.IdempotencyKey, p.Env, string(p.Intent.Rail), p.Intent.Debtor.AccountID,
		p.Intent.Amount.String(), p.Intent.ExecutionDate.Format(time.DateOnly), string(intent), body, created,
		string(model.StatusSubmitting), created); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	if err := insertStatus(ctx, tx, p.IDs.EndToEndID, model.StatusEvent{Status: model.StatusSubmitting, SeenAt: p.CreatedAt}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	return nil
}

func insertStatus(ctx context.Context, tx *sql.Tx, e2e string, ev model.StatusEvent) error {
	exc, _ := json.Marshal(nonNil(ev.Exceptions))
	_, err := tx.ExecContext(ctx, `INSERT INTO payment_statuses (e2e_id, status, sub_status, seen_at, bank_time, exceptions)
		VALUES (?,?,?,?,?,?)`, e2e, string(ev.Status), string(ev.SubStatus), ts(ev.SeenAt), ts(ev.BankTime), string(exc))
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	return nil
}

func nonNil(x []model.PaymentException) []model.PaymentException {
	if x == nil {
		return []model.PaymentException{}
	}
	return x
}

func (j *SQLJournal) Body(ctx context.Context, e2e string) ([]byte, error) {
	var body []byte
	err := j.db.QueryRowContext(ctx, `SELECT body FROM payments WHERE e2e_id = ?`, e2e).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoPayment
	}
	return body, err
}

func (j *SQLJournal) RecordAttempt(ctx context.Context, e2e string, a model.PaymentAttempt) error {
	_, err := j.db.ExecContext(ctx, `INSERT INTO payment_attempts
		(e2e_id, n, request_id, sent_at, duration_us, http_status, response, error) VALUES (?,?,?,?,?,?,?,?)`,
		e2e, a.N, a.RequestID, ts(a.Sent), a.Duration.Microseconds(), a.HTTPStatus, a.Response, a.Err)
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	return nil
}

func (j *SQLJournal) RecordAck(ctx context.Context, e2e string, ack model.PaymentAck) error {
	res, err := j.db.ExecContext(ctx, `UPDATE payments SET payment_id = ?, duplicate = duplicate OR ? WHERE e2e_id = ?`,
		ack.PaymentID, ack.Duplicate, e2e)
	return checkOne(res, err)
}

func checkOne(res sql.Result, err error) error {
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNoPayment
	}
	return nil
}

func (j *SQLJournal) RecordStatus(ctx context.Context, e2e string, ev model.StatusEvent) (bool, error) {
	tx, err := j.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("journal: %w", err)
	}
	defer tx.Rollback()
	var cur, curSub string
	err = tx.QueryRowContext(ctx, `SELECT status, sub_status FROM payments WHERE e2e_id = ?`, e2e).Scan(&cur, &curSub)
	if errors.Is(err, sql.ErrNoRows) {
		return false, ErrNoPayment
	} else if err != nil {
		return false, fmt.Errorf("journal: %w", err)
	}
	if cur == string(ev.Status) && curSub == string(ev.SubStatus) {
		return false, nil
	}
	exc, _ := json.Marshal(nonNil(ev.Exceptions))
	if _, err := tx.ExecContext(ctx, `UPDATE payments SET status = ?, sub_status = ?, updated_at = ?, exceptions = ? WHERE e2e_id = ?`,
		string(ev.Status), string(ev.SubStatus), ts(ev.SeenAt), string(exc), e2e); err != nil {
		return false, fmt.Errorf("journal: %w", err)
	}
	if err := insertStatus(ctx, tx, e2e, ev); err != nil {
		return false, err
	}
	return true, tx.Commit()
}

func (j *SQLJournal) SetError(ctx context.Context, e2e, msg string) error {
	res, err := j.db.ExecContext(ctx, `UPDATE payments SET last_error = ? WHERE e2e_id = ?`, msg, e2e)
	return checkOne(res, err)
}

const paymentCols = `e2e_id, idempotency_key, env, intent, created_at, payment_id, duplicate, status, sub_status, updated_at, exceptions, last_error,
	(SELECT COUNT(*) FROM payment_attempts a WHERE a.e2e_id = payments.e2e_id)`

func (j *SQLJournal) Get(ctx context.Context, e2e string) (model.Payment, error) {
	rows, err := j.db.QueryContext(ctx, `SELECT `+paymentCols+` FROM payments WHERE e2e_id = ?`, e2e)
	if err != nil {
		return model.Payment{}, fmt.Errorf("journal: %w", err)
	}
	ps, err := j.scan(ctx, rows)
	if err != nil {
		return model.Payment{}, err
	}
	if len(ps) == 0 {
		return model.Payment{}, ErrNoPayment
	}
	return ps[0], nil
}

func (j *SQLJournal) List(ctx context.Context) ([]model.Payment, error) {
	rows, err := j.db.QueryContext(ctx, `SELECT `+paymentCols+` FROM payments ORDER BY created_at DESC, e2e_id`)
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	return j.scan(ctx, rows)
}

// scan reads payment rows, then (withTimeline) every timeline in one query.
func (j *SQLJournal) scan(ctx context.Context, rows *sql.Rows) ([]model.Payment, error) {
	return j.scanRows(ctx, rows, true)
}

func (j *SQLJournal) scanRows(ctx context.Context, rows *sql.Rows, withTimeline bool) ([]model.Payment, error) {
	var out []model.Payment
	for rows.Next() {
		var p model.Payment
		var intent, created, updated, exc, status, sub string
		if err := rows.Scan(&p.IDs.EndToEndID, &p.IDs.IdempotencyKey, &p.Env, &intent, &created, &p.PaymentID,
			&p.Duplicate, &status, &sub, &updated, &exc, &p.LastError, &p.Attempts); err != nil {
			rows.Close()
			return nil, fmt.Errorf("journal: %w", err)
		}
		if err := json.Unmarshal([]byte(intent), &p.Intent); err != nil {
			rows.Close()
			return nil, fmt.Errorf("journal: payment %s: unreadable intent: %w", p.IDs.EndToEndID, err)
		}
		_ = json.Unmarshal([]byte(exc), &p.Exceptions)
		p.Status, p.SubStatus = model.PaymentStatus(status), model.PaymentSubStatus(sub)
		p.CreatedAt, p.UpdatedAt = parseTS(created), parseTS(updated)
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	if !withTimeline || len(out) == 0 {
		return out, nil
	}
	return out, j.attachTimelines(ctx, out)
}

// attachTimelines loads the timelines of ps: one query for one payment,
// one for the whole journal otherwise.
func (j *SQLJournal) attachTimelines(ctx context.Context, ps []model.Payment) error {
	q, args := `SELECT e2e_id, status, sub_status, seen_at, bank_time, exceptions FROM payment_statuses`, []any{}
	if len(ps) == 1 {
		q, args = q+` WHERE e2e_id = ?`, []any{ps[0].IDs.EndToEndID}
	}
	rows, err := j.db.QueryContext(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	defer rows.Close()
	idx := make(map[string]int, len(ps))
	for i, p := range ps {
		idx[p.IDs.EndToEndID] = i
	}
	for rows.Next() {
		var e2e, st, sub, seen, bank, exc string
		if err := rows.Scan(&e2e, &st, &sub, &seen, &bank, &exc); err != nil {
			return fmt.Errorf("journal: %w", err)
		}
		i, ok := idx[e2e]
		if !ok {
			continue
		}
		ev := model.StatusEvent{Status: model.PaymentStatus(st), SubStatus: model.PaymentSubStatus(sub),
			SeenAt: parseTS(seen), BankTime: parseTS(bank)}
		_ = json.Unmarshal([]byte(exc), &ev.Exceptions)
		if len(ev.Exceptions) == 0 {
			ev.Exceptions = nil
		}
		ps[i].Timeline = append(ps[i].Timeline, ev)
	}
	return rows.Err()
}

func (j *SQLJournal) ForDate(ctx context.Context, day time.Time) ([]model.Payment, error) {
	rows, err := j.db.QueryContext(ctx, `SELECT `+paymentCols+` FROM payments WHERE execution_date = ?`, day.Format(time.DateOnly))
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	return j.scanRows(ctx, rows, false)
}

func (j *SQLJournal) Attempts(ctx context.Context, e2e string) ([]model.PaymentAttempt, error) {
	rows, err := j.db.QueryContext(ctx, `SELECT n, request_id, sent_at, duration_us, http_status, response, error
		FROM payment_attempts WHERE e2e_id = ? ORDER BY id`, e2e)
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	defer rows.Close()
	var out []model.PaymentAttempt
	for rows.Next() {
		var a model.PaymentAttempt
		var sent string
		var us int64
		if err := rows.Scan(&a.N, &a.RequestID, &sent, &us, &a.HTTPStatus, &a.Response, &a.Err); err != nil {
			return nil, fmt.Errorf("journal: %w", err)
		}
		a.Sent, a.Duration = parseTS(sent), time.Duration(us)*time.Microsecond
		out = append(out, a)
	}
	return out, rows.Err()
}
