package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"time"

	"cashpos/model"
)

// jsonReport is the stable shape scripts read. Amounts are strings holding
// the exact decimal in the currency's minor units ("-4681826093.93"), never
// JSON numbers, so no consumer parses them through a float; a missing amount
// is null.
//
// complete is false whenever anything is missing; missing then lists each
// account (or part of the position) without fresh data, and why.
type jsonReport struct {
	Environment string         `json:"environment"`
	FetchedAt   time.Time      `json:"fetchedAt"`
	Cached      bool           `json:"cached,omitempty"`
	Partial     bool           `json:"partial"`
	Complete    bool           `json:"complete"`
	Missing     []jsonMissing  `json:"missing"`
	Notices     []string       `json:"notices,omitempty"`
	Accounts    []jsonAccount  `json:"accounts"`
	Totals      []jsonCurrency `json:"totals"`
}

type jsonMissing struct {
	AccountID string `json:"accountId,omitempty"`
	What      string `json:"what,omitempty"` // a part with no account ids, e.g. "BDA v2 accounts"
	Status    string `json:"status"`         // "error" (no data), "offline" (last good figures), "unread"
	Reason    string `json:"reason"`
}

type jsonAccount struct {
	AccountID        string  `json:"accountId"`
	Name             string  `json:"name"`
	Label            string  `json:"label,omitempty"`
	Group            string  `json:"group,omitempty"`
	Currency         string  `json:"currency"`
	API              string  `json:"api"`
	AsOfDate         string  `json:"asOfDate,omitempty"`
	RecordTimestamp  *string `json:"recordTimestamp"`
	FetchedAt        *string `json:"fetchedAt,omitempty"`
	CurrentDay       bool    `json:"currentDay"`
	OpeningAvailable *string `json:"openingAvailable"`
	OpeningLedger    *string `json:"openingLedger"`
	EndingAvailable  *string `json:"endingAvailable"`
	EndingLedger     *string `json:"endingLedger"`
	AgeSeconds       *int64  `json:"ageSeconds"` // null: the bank sent no record time (BDA v2)
	Staleness        string  `json:"staleness"`
	StalenessReason  string  `json:"stalenessReason,omitempty"`
	Offline          bool    `json:"offline,omitempty"`
	Note             string  `json:"note,omitempty"`
	ErrorCode        string  `json:"errorCode,omitempty"`
	ErrorMessage     string  `json:"errorMessage,omitempty"`
}

// jsonCurrency is one currency's total. An amount is null when no account
// reported it (unknown, not zero); incompleteColumns names the columns that
// leave an account out.
type jsonCurrency struct {
	Currency          string   `json:"currency"`
	Accounts          int      `json:"accounts"`
	PriorDayAccounts  int      `json:"priorDayAccounts"` // of Accounts, closed prior-day figures
	OfflineAccounts   int      `json:"offlineAccounts"`  // of Accounts, last good figures
	AccountsNoData    int      `json:"accountsWithoutData"`
	OpeningAvailable  *string  `json:"openingAvailable"`
	OpeningLedger     *string  `json:"openingLedger"`
	EndingAvailable   *string  `json:"endingAvailable"`
	EndingLedger      *string  `json:"endingLedger"`
	Incomplete        bool     `json:"incomplete"`
	IncompleteColumns []string `json:"incompleteColumns"`
}

// WriteJSON writes the report as one indented JSON document, streamed:
// the accounts are encoded one at a time between the document's head and
// tail, so 100,000 accounts never sit in memory as one JSON text (or as
// one []jsonAccount). The bytes are exactly json.Encoder's with
// SetIndent("", "  ") on the whole document (TestWriteJSONStreamsTheSameBytes).
func (r Balances) WriteJSON(w io.Writer) error {
	out := jsonReport{Environment: r.Env, FetchedAt: r.Snapshot.FetchedAt.UTC(), Cached: r.Cached, Partial: r.Snapshot.Partial,
		Complete: !r.Snapshot.Incomplete(), Missing: r.missing(), Notices: r.Snapshot.Notices,
		Accounts: []jsonAccount{}, Totals: []jsonCurrency{}}
	for _, t := range model.TotalsByCurrency(r.balances()) {
		out.Totals = append(out.Totals, toJSONTotal(t))
	}
	rows := r.rows()
	if len(rows) == 0 {
		return encodeIndented(w, out)
	}
	var doc bytes.Buffer
	if err := encodeIndented(&doc, out); err != nil {
		return err
	}
	// The top-level key is the only line starting with exactly two spaces
	// and "accounts": nested keys are indented further, and strings hold
	// no raw newline.
	head, tail, ok := bytes.Cut(doc.Bytes(), []byte("\n  \"accounts\": []"))
	if !ok {
		return errors.New("report: the JSON document has no accounts list") // cannot happen: the field is always there
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(head)
	bw.WriteString("\n  \"accounts\": [")
	var one bytes.Buffer
	enc := json.NewEncoder(&one)
	enc.SetIndent("    ", "  ") // an element of a list in the top object
	for i, x := range rows {
		one.Reset()
		if err := enc.Encode(toJSONAccount(x)); err != nil {
			return err
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		bw.Write(bytes.TrimSuffix(one.Bytes(), []byte("\n")))
	}
	bw.WriteString("\n  ]")
	bw.Write(tail)
	return bw.Flush()
}

// encodeIndented is the document as json.Encoder writes it, two-space
// indented with a final newline.
func encodeIndented(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func (r Balances) missing() []jsonMissing {
	out := []jsonMissing{}
	for _, b := range r.Snapshot.Balances {
		switch {
		case b.Problem != nil:
			out = append(out, jsonMissing{AccountID: b.Account.ID, Status: "error", Reason: problemText(b.Problem)})
		case b.Offline:
			out = append(out, jsonMissing{AccountID: b.Account.ID, Status: "offline", Reason: b.Note})
		}
	}
	for _, u := range r.Snapshot.Unread {
		out = append(out, jsonMissing{What: u.What, Status: "unread", Reason: u.Reason})
	}
	return out
}

func toJSONTotal(t model.CurrencyTotal) jsonCurrency {
	jc := jsonCurrency{Currency: t.Currency.Code, Accounts: t.Accounts, PriorDayAccounts: t.PriorDay,
		OfflineAccounts: t.Offline, AccountsNoData: t.Problems, IncompleteColumns: []string{}}
	dst := [4]**string{&jc.OpeningAvailable, &jc.OpeningLedger, &jc.EndingAvailable, &jc.EndingLedger}
	for i := range model.AmountColumns {
		if t.HasFigure(i) {
			s := model.FormatPlain(t.Amounts[i], t.Currency.Decimals)
			*dst[i] = &s
		}
		if t.Incomplete(i) {
			jc.Incomplete = true
			jc.IncompleteColumns = append(jc.IncompleteColumns, columnNames[i])
		}
	}
	return jc
}

func toJSONAccount(x row) jsonAccount {
	b := x.b
	d := b.Account.Currency.Decimals
	ja := jsonAccount{AccountID: b.Account.ID, Name: b.Account.Name, Label: b.Account.Label, Group: b.Account.Group,
		Currency: b.Account.Currency.Code, API: string(b.Account.API), AsOfDate: b.AsOfDate, CurrentDay: b.CurrentDay,
		Staleness: x.status(), StalenessReason: x.reason, Offline: b.Offline, Note: b.Note}
	if x.knownAge {
		secs := int64(x.age.Seconds())
		ja.AgeSeconds = &secs
	}
	if !b.RecordTime.IsZero() {
		s := b.RecordTime.UTC().Format(time.RFC3339)
		ja.RecordTimestamp = &s
	}
	if !b.FetchedAt.IsZero() {
		s := b.FetchedAt.UTC().Format(time.RFC3339)
		ja.FetchedAt = &s
	}
	if b.Problem != nil {
		ja.ErrorCode, ja.ErrorMessage = b.Problem.Code, b.Problem.Message
		return ja
	}
	ja.OpeningAvailable = strPtr(plain(b.OpeningAvailable, d), b.OpeningAvailable.Valid)
	ja.OpeningLedger = strPtr(plain(b.OpeningLedger, d), b.OpeningLedger.Valid)
	ja.EndingAvailable = strPtr(plain(b.EndingAvailable, d), b.EndingAvailable.Valid)
	ja.EndingLedger = strPtr(plain(b.EndingLedger, d), b.EndingLedger.Valid)
	return ja
}

func strPtr(s string, ok bool) *string {
	if !ok {
		return nil
	}
	return &s
}
