package report

import (
	"encoding/json"
	"io"
	"time"

	"cashpos/model"
)

// jsonReport is the stable shape scripts read. Amounts are strings holding
// the exact decimal in the currency's minor units ("-4681826093.93"), never
// JSON numbers, so no consumer parses them through a float; a missing amount
// is null.
type jsonReport struct {
	Environment string         `json:"environment"`
	FetchedAt   time.Time      `json:"fetchedAt"`
	Partial     bool           `json:"partial"`
	Accounts    []jsonAccount  `json:"accounts"`
	Totals      []jsonCurrency `json:"totals"`
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
	CurrentDay       bool    `json:"currentDay"`
	OpeningAvailable *string `json:"openingAvailable"`
	OpeningLedger    *string `json:"openingLedger"`
	EndingAvailable  *string `json:"endingAvailable"`
	EndingLedger     *string `json:"endingLedger"`
	AgeSeconds       int64   `json:"ageSeconds"`
	Staleness        string  `json:"staleness"`
	ErrorCode        string  `json:"errorCode,omitempty"`
	ErrorMessage     string  `json:"errorMessage,omitempty"`
}

type jsonCurrency struct {
	Currency         string `json:"currency"`
	Accounts         int    `json:"accounts"`
	PriorDayAccounts int    `json:"priorDayAccounts"` // of Accounts, closed prior-day figures
	OpeningAvailable string `json:"openingAvailable"`
	OpeningLedger    string `json:"openingLedger"`
	EndingAvailable  string `json:"endingAvailable"`
	EndingLedger     string `json:"endingLedger"`
	Incomplete       bool   `json:"incomplete"`
}

// WriteJSON writes the report as one indented JSON document.
func (r Balances) WriteJSON(w io.Writer) error {
	out := jsonReport{Environment: r.Env, FetchedAt: r.Snapshot.FetchedAt.UTC(), Partial: r.Snapshot.Partial,
		Accounts: []jsonAccount{}, Totals: []jsonCurrency{}}
	for _, x := range r.rows() {
		out.Accounts = append(out.Accounts, toJSONAccount(x))
	}
	for _, t := range model.TotalsByCurrency(r.Snapshot.Balances) {
		d := t.Currency.Decimals
		jc := jsonCurrency{Currency: t.Currency.Code, Accounts: t.Accounts, PriorDayAccounts: t.PriorDay,
			OpeningAvailable: model.FormatPlain(t.Amounts[model.OpeningAvailable], d),
			OpeningLedger:    model.FormatPlain(t.Amounts[model.OpeningLedger], d),
			EndingAvailable:  model.FormatPlain(t.Amounts[model.EndingAvailable], d),
			EndingLedger:     model.FormatPlain(t.Amounts[model.EndingLedger], d)}
		for _, m := range t.Missing {
			jc.Incomplete = jc.Incomplete || m > 0
		}
		out.Totals = append(out.Totals, jc)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func toJSONAccount(x row) jsonAccount {
	b := x.b
	d := b.Account.Currency.Decimals
	ja := jsonAccount{AccountID: b.Account.ID, Name: b.Account.Name, Label: b.Account.Label, Group: b.Account.Group,
		Currency: b.Account.Currency.Code, API: string(b.Account.API), AsOfDate: b.AsOfDate, CurrentDay: b.CurrentDay,
		AgeSeconds: int64(x.age.Seconds()), Staleness: x.freshness.Word()}
	if !b.RecordTime.IsZero() {
		s := b.RecordTime.UTC().Format(time.RFC3339)
		ja.RecordTimestamp = &s
	}
	if b.Problem != nil {
		ja.ErrorCode, ja.ErrorMessage, ja.Staleness = b.Problem.Code, b.Problem.Message, "error"
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
