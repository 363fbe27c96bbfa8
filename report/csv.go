package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"time"
)

// WriteCSV writes one row per account with a header row. Amounts are plain
// exact decimals without grouping; a missing amount is an empty cell. Spread-
// sheet formula injection is defused: a text cell starting with = + - @ gets
// a leading apostrophe (amounts are never touched).
func (r Balances) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	header := []string{"account_id", "name", "label", "group", "currency", "api", "as_of_date", "record_timestamp",
		"current_day", "opening_available", "opening_ledger", "ending_available", "ending_ledger",
		"age_seconds", "staleness", "error_code", "error_message"}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, x := range r.rows() {
		b := x.b
		d := b.Account.Currency.Decimals
		rec := ""
		if !b.RecordTime.IsZero() {
			rec = b.RecordTime.UTC().Format(time.RFC3339)
		}
		staleness, code, msg := x.freshness.Word(), "", ""
		if b.Problem != nil {
			staleness, code, msg = "error", b.Problem.Code, b.Problem.Message
		}
		line := []string{b.Account.ID, safeText(b.Account.Name), safeText(b.Account.Label), safeText(b.Account.Group),
			b.Account.Currency.Code, string(b.Account.API), b.AsOfDate, rec, strconv.FormatBool(b.CurrentDay),
			plain(b.OpeningAvailable, d), plain(b.OpeningLedger, d), plain(b.EndingAvailable, d), plain(b.EndingLedger, d),
			strconv.FormatInt(int64(x.age.Seconds()), 10), staleness, code, safeText(msg)}
		if err := cw.Write(line); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func safeText(s string) string {
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@') {
		return "'" + s
	}
	return s
}
