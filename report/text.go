package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"cashpos/model"
)

// WriteText prints the report for a person reading a pipe or a log: aligned
// columns, grouped amounts, a staleness word on every row, and totals per
// currency (never across currencies).
func (r Balances) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "cashpos balances · %s · fetched %s\n\n", r.Env, r.Snapshot.FetchedAt.UTC().Format("2006-01-02 15:04:05 UTC"))
	rows := r.rows()
	// tabwriter aligns every column one way; names read best left-aligned
	// and amounts right-aligned, so the text columns are padded here.
	nameW := len("ACCOUNT")
	for _, x := range rows {
		nameW = max(nameW, utf8.RuneCountInString(x.b.Account.DisplayName()))
	}
	left := func(s string) string { return s + strings.Repeat(" ", nameW-utf8.RuneCountInString(s)) }
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s\tNUMBER\tCCY\tOPENING AVAIL\tOPENING LEDGER\tENDING AVAIL\tENDING LEDGER\tAS OF\tAGE\tSTATUS\t\n", left("ACCOUNT"))
	for _, x := range rows {
		b := x.b
		if b.Problem != nil {
			// The bank's message can be long; it goes under the table so
			// the columns stay readable.
			fmt.Fprintf(tw, "%s\t%s\t%s\t—\t—\t—\t—\t\t\t! no data\t\n",
				left(b.Account.DisplayName()), b.Account.MaskedNumber(), b.Account.Currency.Code)
			continue
		}
		d := b.Account.Currency.Decimals
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s %s\t\n",
			left(b.Account.DisplayName()), b.Account.MaskedNumber(), b.Account.Currency.Code,
			grouped(b.OpeningAvailable, d), grouped(b.OpeningLedger, d),
			grouped(b.EndingAvailable, d), grouped(b.EndingLedger, d),
			b.AsOfDate, model.FormatAge(x.age), x.freshness.Glyph(), x.freshness.Word())
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	r.writeProblems(w, rows)
	return r.writeTotals(w)
}

func (r Balances) writeTotals(w io.Writer) error {
	totals := model.TotalsByCurrency(r.Snapshot.Balances)
	if len(totals) == 0 {
		_, err := fmt.Fprintln(w, "\nno balances")
		return err
	}
	fmt.Fprintln(w, "\nTotals by currency (never summed across currencies)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "CCY\tACCOUNTS\tOPENING AVAIL\tOPENING LEDGER\tENDING AVAIL\tENDING LEDGER\t")
	incomplete := false
	for _, t := range totals {
		cells := make([]string, len(model.AmountColumns))
		for i := range model.AmountColumns {
			cells[i] = model.FormatAmount(t.Amounts[i], t.Currency.Decimals)
			if t.Missing[i] > 0 {
				cells[i] += "*"
				incomplete = true
			}
		}
		accounts := strconv.Itoa(t.Accounts)
		if t.PriorDay > 0 {
			accounts += " (" + strconv.Itoa(t.PriorDay) + " prior-day)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t\n", t.Currency.Code, accounts, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if incomplete {
		_, err := fmt.Fprintln(w, "* some accounts did not report this amount; the total leaves them out")
		return err
	}
	return nil
}

func grouped(n decimal.NullDecimal, decimals int32) string {
	if !n.Valid {
		return "—"
	}
	return model.FormatAmount(n.Decimal, decimals)
}

// writeProblems lists the accounts the bank answered with an error for,
// each with its full message, after the table.
func (r Balances) writeProblems(w io.Writer, rows []row) {
	first := true
	for _, x := range rows {
		p := x.b.Problem
		if p == nil {
			continue
		}
		if first {
			fmt.Fprintln(w, "\nNo data for:")
			first = false
		}
		msg := p.Message
		if p.Code != "" && !strings.Contains(msg, p.Code) {
			msg = p.Code + ": " + msg
		}
		who := x.b.Account.ID
		if name := x.b.Account.DisplayName(); name != who {
			who += " " + name
		}
		fmt.Fprintf(w, "  %s: %s\n", who, msg)
	}
}
