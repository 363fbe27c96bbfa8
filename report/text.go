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
	fetched := "fetched " + r.Snapshot.FetchedAt.UTC().Format("2006-01-02 15:04:05 UTC")
	if r.Cached {
		fetched = "CACHED: last good data " + fetched + ", offline (the bank was not called)"
	}
	fmt.Fprintf(w, "cashpos balances · environment %s · %s\n", safe(r.Env), fetched)
	if r.Snapshot.Incomplete() {
		fmt.Fprintln(w, "INCOMPLETE: some accounts have no fresh data; they are listed below the table")
	}
	fmt.Fprintln(w)
	rows := r.rows()
	// tabwriter aligns every column one way; names read best left-aligned
	// and amounts right-aligned, so the text columns are padded here.
	nameW := len("ACCOUNT")
	for _, x := range rows {
		nameW = max(nameW, utf8.RuneCountInString(safe(x.b.Account.DisplayName())))
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
				left(safe(b.Account.DisplayName())), safe(b.Account.MaskedNumber()), safe(b.Account.Currency.Code))
			continue
		}
		d := b.Account.Currency.Decimals
		mark := ""
		if b.Note != "" {
			mark = " !"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s %s%s\t\n",
			left(safe(b.Account.DisplayName())), safe(b.Account.MaskedNumber()), safe(b.Account.Currency.Code),
			grouped(b.OpeningAvailable, d), grouped(b.OpeningLedger, d),
			grouped(b.EndingAvailable, d), grouped(b.EndingLedger, d),
			safe(b.AsOfDate), x.ageText(), x.freshness.Glyph(), x.freshness.Word(), mark)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	writeUnknownAge(w, rows)
	r.writeProblems(w, rows)
	r.writeNotes(w, rows)
	return r.writeTotals(w)
}

func (r Balances) writeTotals(w io.Writer) error {
	totals := model.TotalsByCurrency(r.balances())
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
			cells[i] = "—" // no account reported it: unknown, not zero
			if t.HasFigure(i) {
				cells[i] = model.FormatAmount(t.Amounts[i], t.Currency.Decimals)
			}
			if t.Incomplete(i) {
				cells[i] += "*"
				incomplete = true
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t\n", safe(t.Currency.Code), accountsCell(t), strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if incomplete {
		fmt.Fprintln(w, "* incomplete: some accounts did not report this amount, have no data (left out) or show last good figures (offline)")
	}
	if len(r.Snapshot.Unread) > 0 {
		fmt.Fprintln(w, "Every total may be incomplete: accounts the bank did not list are in none of them (see No data for)")
	} else if n := noCurrency(r.Snapshot.Balances); n > 0 {
		// Its currency is unknown, so no one total can be starred for it.
		fmt.Fprintf(w, "Every total may be incomplete: %s without data and without a known currency %s in none of them (see No data for)\n",
			plural(n, "account", "accounts"), map[bool]string{true: "is", false: "are"}[n == 1])
	}
	return nil
}

// noCurrency counts the rows without data whose currency is unknown: they
// join no total (model.TotalsByCurrency), so every total may lack them.
func noCurrency(rows []model.Balance) int {
	n := 0
	for _, b := range rows {
		if b.Problem != nil && b.Account.Currency.Code == "" {
			n++
		}
	}
	return n
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// accountsCell is the count of accounts in a total and what it mixes:
// "3 (1 prior-day, 1 offline, 2 without data)".
func accountsCell(t model.CurrencyTotal) string {
	var extra []string
	for _, p := range []struct {
		n    int
		what string
	}{{t.PriorDay, "prior-day"}, {t.Offline, "offline"}, {t.Problems, "without data"}} {
		if p.n > 0 {
			extra = append(extra, strconv.Itoa(p.n)+" "+p.what)
		}
	}
	s := strconv.Itoa(t.Accounts)
	if len(extra) > 0 {
		s += " (" + strings.Join(extra, ", ") + ")"
	}
	return s
}

func grouped(n decimal.NullDecimal, decimals int32) string {
	if !n.Valid {
		return "—"
	}
	return model.FormatAmount(n.Decimal, decimals)
}

// writeUnknownAge says, under the table, why an AGE reads "—": the bank
// sent no record time, so the status comes from what is known.
func writeUnknownAge(w io.Writer, rows []row) {
	for _, x := range rows {
		if x.b.Problem == nil && !x.knownAge {
			fmt.Fprintln(w, "\nAGE —: "+model.NoRecordTime+"; their status is judged from the as-of date and when they were fetched")
			return
		}
	}
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
		fmt.Fprintf(w, "  %s: %s\n", who(x.b.Account), safe(problemText(p)))
	}
	for _, u := range r.Snapshot.Unread {
		if first {
			fmt.Fprintln(w, "\nNo data for:")
			first = false
		}
		fmt.Fprintf(w, "  %s: %s\n", safe(u.What), safe(u.Reason))
	}
}

// writeNotes lists rows shown with a caveat: last good figures carried
// over (offline), or a note from the bank's answer.
func (r Balances) writeNotes(w io.Writer, rows []row) {
	first := true
	for _, x := range rows {
		if x.b.Note == "" || x.b.Problem != nil {
			continue
		}
		if first {
			fmt.Fprintln(w, "\nNotes (! on the row):")
			first = false
		}
		fmt.Fprintf(w, "  %s: %s\n", who(x.b.Account), safe(x.b.Note))
	}
}

func who(a model.Account) string {
	s := safe(a.ID)
	if name := safe(a.DisplayName()); name != s {
		s += " " + name
	}
	return s
}

func problemText(p *model.AccountProblem) string {
	msg := p.Message
	if p.Code != "" && !strings.Contains(msg, p.Code) {
		msg = p.Code + ": " + msg
	}
	return msg
}
