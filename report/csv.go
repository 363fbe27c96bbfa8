package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"time"
)

// WriteCSV writes one row per account with a header row, then one row per
// part of the position that could not be read at all (staleness "unread",
// the reason in error_message). Amounts are plain exact decimals without
// grouping; a missing amount is an empty cell. Every cell is made safe for
// a spreadsheet (see cell). Each row carries the environment and the fetch
// time, so a file read alone still says where and when it is from.
// age_seconds is empty when the bank sent no record time (BDA v2): the age
// is unknown, and staleness_reason says what the staleness was judged from.
func (r Balances) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	header := []string{"account_id", "name", "label", "group", "currency", "api", "as_of_date", "record_timestamp",
		"current_day", "opening_available", "opening_ledger", "ending_available", "ending_ledger",
		"age_seconds", "staleness", "error_code", "error_message", "note", "environment", "fetched_at",
		"staleness_reason"} // last, so the earlier columns keep their places
	if err := cw.Write(header); err != nil {
		return err
	}
	env, fetched := r.Env, stampOrEmpty(r.Snapshot.FetchedAt)
	for _, x := range r.rows() {
		b := x.b
		d := b.Account.Currency.Decimals
		code, msg := "", ""
		if b.Problem != nil {
			code, msg = b.Problem.Code, b.Problem.Message
		}
		line := []string{b.Account.ID, b.Account.Name, b.Account.Label, b.Account.Group,
			b.Account.Currency.Code, string(b.Account.API), b.AsOfDate, stampOrEmpty(b.RecordTime), strconv.FormatBool(b.CurrentDay),
			plain(b.OpeningAvailable, d), plain(b.OpeningLedger, d), plain(b.EndingAvailable, d), plain(b.EndingLedger, d),
			x.ageSeconds(), x.status(), code, msg, b.Note, env, fetched, x.reason}
		if err := writeCells(cw, line); err != nil {
			return err
		}
	}
	for _, u := range r.Snapshot.Unread {
		line := make([]string, len(header))
		line[1], line[5], line[14], line[16], line[18], line[19] = u.What, string(u.API), "unread", u.Reason, env, fetched
		if err := writeCells(cw, line); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func writeCells(cw *csv.Writer, line []string) error {
	for i := range line {
		line[i] = cell(line[i])
	}
	return cw.Write(line)
}

func stampOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
