package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/shopspring/decimal"

	"cashpos/model"
)

// Transactions is the `cashpos transactions` report: one row per
// transaction, with the account and currency on every row so a file can be
// concatenated or imported without context. Gaps name the days that could
// not be read; the CLI exits 3 when there are any.
type Transactions struct {
	Env       string // DEMO, MOCK, CAT, PRODUCTION
	AccountID string
	Range     string // "2026-11-01..2026-11-20" or "CURRENT_DAY"
	Rows      []model.Transaction
	Gaps      []Gap
	Notes     []string // other things the reader must know (corrected items not re-sent)
	FetchedAt time.Time
	// Reconciliation is set for a single closed day whose transactions and
	// ledger balances were both read (text and JSON only; CSV keeps its
	// one-row-per-transaction columns).
	Reconciliation *model.Reconciliation
	// ReconcileError says why a single closed day could not be reconciled
	// (its balances could not be read); it does not make the report partial.
	ReconcileError string
}

// Gap is a window of days missing from the report, and why.
type Gap struct {
	Days   string `json:"days"`
	Reason string `json:"reason"`
}

// TransactionColumns are the CSV header, in order. The order and names are
// a contract with scripts: add columns only at the end.
var TransactionColumns = []string{
	"account_id", "currency", "transaction_id", "as_of_date", "value_date", "debit_credit",
	"amount", "debit", "credit", "bai_code", "category", "description", "reference",
	"bank_reference", "customer_reference", "wire_reference", "check_number",
	"immediate_available", "deferred_available", "narrative",
}

// txnRow is one transaction as text cells: amounts exact, in the currency's
// minor units ("-1234.50"), the signed amount negative for a debit.
func txnRow(t model.Transaction) []string {
	d := t.Currency.Decimals
	imm := ""
	if t.Availability.Immediate().Valid {
		imm = model.FormatPlain(t.Availability.Immediate().Decimal, d)
	}
	return []string{
		t.AccountID, t.Currency.Code, t.ID, t.AsOfDate, t.ValueDate, string(t.DebitCredit),
		model.FormatPlain(t.Signed(), d), plain(t.DebitAmount(), d), plain(t.CreditAmount(), d),
		t.BAI.Code, string(t.Category), t.Description, t.References.Primary(),
		t.References.Bank, t.References.Customer, t.References.Wire, t.References.Check,
		imm, model.FormatPlain(t.Availability.Deferred(), d), narrativeText(t.Narrative),
	}
}

// narrativeText joins the narrative as "KEY: text; KEY: text".
func narrativeText(lines []model.NarrativeLine) string {
	parts := make([]string, 0, len(lines))
	for _, l := range lines {
		parts = append(parts, strings.TrimSpace(l.Key+": "+l.Text))
	}
	return strings.Join(parts, "; ")
}

// WriteCSV writes the header and one row per transaction. Text cells are
// defused against spreadsheet formulas; amounts never are (a leading minus
// is the sign).
func (r Transactions) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(TransactionColumns); err != nil {
		return err
	}
	amountCols := map[int]bool{6: true, 7: true, 8: true, 17: true, 18: true}
	for _, t := range r.Rows {
		row := txnRow(t)
		for i := range row {
			if !amountCols[i] {
				row[i] = cell(row[i])
			}
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// jsonTxn is the stable JSON shape of one transaction; amounts are strings
// holding exact decimals.
type jsonTxn struct {
	AccountID          string          `json:"accountId"`
	Currency           string          `json:"currency"`
	TransactionID      string          `json:"transactionId"`
	AsOfDate           string          `json:"asOfDate"`
	ValueDate          string          `json:"valueDate"`
	DebitCredit        string          `json:"debitCredit"`
	Amount             string          `json:"amount"` // signed: negative for a debit
	BAICode            string          `json:"baiCode"`
	Category           string          `json:"category"`
	Description        string          `json:"description"`
	BankReference      string          `json:"bankReference,omitempty"`
	CustomerReference  string          `json:"customerReference,omitempty"`
	WireReference      string          `json:"wireReference,omitempty"`
	CheckNumber        string          `json:"checkNumber,omitempty"`
	ImmediateAvailable *string         `json:"immediateAvailable"`
	DeferredAvailable  string          `json:"deferredAvailable"`
	Narrative          []jsonNarrative `json:"narrative"`
}

type jsonNarrative struct {
	Key  string `json:"key"`
	Text string `json:"text"`
}

type jsonTxnReport struct {
	Environment    string              `json:"environment"`
	AccountID      string              `json:"accountId"`
	Range          string              `json:"range"`
	FetchedAt      time.Time           `json:"fetchedAt"`
	Partial        bool                `json:"partial"`
	Gaps           []Gap               `json:"gaps"`
	Notes          []string            `json:"notes,omitempty"`
	Reconciliation *jsonReconciliation `json:"reconciliation,omitempty"`
	ReconcileError string              `json:"reconcileError,omitempty"`
	Transactions   []jsonTxn           `json:"transactions"`
}

// jsonReconciliation is one day's check; amounts exact strings.
type jsonReconciliation struct {
	Date       string `json:"date"`
	Pass       bool   `json:"pass"`
	Opening    string `json:"openingLedger"`
	Credits    string `json:"credits"`
	Debits     string `json:"debits"`
	Expected   string `json:"expectedClosingLedger"`
	Closing    string `json:"closingLedger"`
	Difference string `json:"difference"`
}

func reconciliationJSON(r *model.Reconciliation) *jsonReconciliation {
	if r == nil {
		return nil
	}
	d := r.Currency.Decimals
	return &jsonReconciliation{Date: r.Date, Pass: r.Pass(), Opening: model.FormatPlain(r.Opening, d),
		Credits: model.FormatPlain(r.Credits, d), Debits: model.FormatPlain(r.Debits, d), Expected: model.FormatPlain(r.Expected, d),
		Closing: model.FormatPlain(r.Closing, d), Difference: model.FormatPlain(r.Difference, d)}
}

// WriteJSON writes one JSON document.
func (r Transactions) WriteJSON(w io.Writer) error {
	out := jsonTxnReport{Environment: r.Env, AccountID: r.AccountID, Range: r.Range, FetchedAt: r.FetchedAt.UTC(),
		Partial: len(r.Gaps) > 0, Gaps: r.Gaps, Notes: r.Notes, Reconciliation: reconciliationJSON(r.Reconciliation), ReconcileError: r.ReconcileError,
		Transactions: make([]jsonTxn, 0, len(r.Rows))}
	if out.Gaps == nil {
		out.Gaps = []Gap{}
	}
	for _, t := range r.Rows {
		d := t.Currency.Decimals
		j := jsonTxn{
			AccountID: t.AccountID, Currency: t.Currency.Code, TransactionID: t.ID, AsOfDate: t.AsOfDate, ValueDate: t.ValueDate,
			DebitCredit: string(t.DebitCredit), Amount: model.FormatPlain(t.Signed(), d), BAICode: t.BAI.Code,
			Category: string(t.Category), Description: t.Description, BankReference: t.References.Bank,
			CustomerReference: t.References.Customer, WireReference: t.References.Wire, CheckNumber: t.References.Check,
			ImmediateAvailable: plainPtr(t.Availability.Immediate(), d), DeferredAvailable: model.FormatPlain(t.Availability.Deferred(), d),
			Narrative: make([]jsonNarrative, 0, len(t.Narrative)),
		}
		for _, l := range t.Narrative {
			j.Narrative = append(j.Narrative, jsonNarrative{Key: l.Key, Text: l.Text})
		}
		out.Transactions = append(out.Transactions, j)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func plainPtr(v decimal.NullDecimal, d int32) *string {
	if !v.Valid {
		return nil
	}
	s := model.FormatPlain(v.Decimal, d)
	return &s
}

// WriteText writes a table for a terminal (text columns left-aligned,
// amounts right-aligned), then totals per currency, the reconciliation of
// a single closed day, the gaps and notes.
func (r Transactions) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "%s  account %s  %s  %d transactions\n\n", r.Env, r.AccountID, r.Range, len(r.Rows))
	debits, credits := make([]string, len(r.Rows)), make([]string, len(r.Rows))
	dw, cw := len("DEBIT"), len("CREDIT")
	for i, t := range r.Rows {
		debits[i], credits[i] = amountCell(t.DebitAmount(), t.Currency.Decimals), amountCell(t.CreditAmount(), t.Currency.Decimals)
		dw, cw = max(dw, len(debits[i])), max(cw, len(credits[i]))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "AS OF\tVALUE\tBAI\tCATEGORY\tDESCRIPTION\tREFERENCE\t%*s\t%*s\tCCY\n", dw, "DEBIT", cw, "CREDIT")
	for i, t := range r.Rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%*s\t%*s\t%s\n", t.AsOfDate, t.ValueDate, t.BAI.Code, t.Category,
			clip(safe(t.Description), 28), clip(safe(t.References.Primary()), 22), dw, debits[i], cw, credits[i], t.Currency.Code)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, c := range currencies(r.Rows) {
		tot := model.TotalTransactions(c, r.Rows)
		fmt.Fprintf(w, "\n%s  %d items  debits %s  credits %s  net %s\n", c.Code, tot.Count,
			model.FormatAmount(tot.Debits, c.Decimals), model.FormatAmount(tot.Credits, c.Decimals), model.FormatAmount(tot.Net(), c.Decimals))
	}
	if r.Reconciliation != nil {
		fmt.Fprintf(w, "\n%s %s\n", r.Reconciliation.Date, r.Reconciliation)
	}
	if r.ReconcileError != "" {
		fmt.Fprintf(w, "\nnot reconciled: %s\n", r.ReconcileError)
	}
	for _, g := range r.Gaps {
		fmt.Fprintf(w, "\nMISSING %s: %s\n", g.Days, safe(g.Reason))
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "\nNOTE %s\n", n)
	}
	return nil
}

// amountCell is an amount column cell: blank when the item is on the other side.
func amountCell(v decimal.NullDecimal, d int32) string {
	if !v.Valid {
		return ""
	}
	return model.FormatAmount(v.Decimal, d)
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// currencies lists the rows' currencies in first-seen order.
func currencies(rows []model.Transaction) []model.Currency {
	var out []model.Currency
	seen := map[string]bool{}
	for _, t := range rows {
		if !seen[t.Currency.Code] {
			seen[t.Currency.Code] = true
			out = append(out, t.Currency)
		}
	}
	return out
}
