package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"cashpos/model"
)

// Payments is the payment journal as a report: the list (`cashpos
// payments`) or one payment with its timeline (`cashpos payments status`).
type Payments struct {
	Env      string // badge: DEMO, MOCK, CAT, PRODUCTION
	Payments []model.Payment
	Zone     *time.Location // times are shown in this zone (New York: where payment days run)
	// Problems are payments whose status could not be refreshed now, by
	// end-to-end id: the line says why; the row shows the journal's last.
	Problems map[string]string
}

func (r Payments) zone() *time.Location {
	if r.Zone == nil {
		return model.PaymentLocation()
	}
	return r.Zone
}

// statusText is "PROCESSING/PENDING_FUNDING_REVIEW", or the status alone
// when the sub-status only repeats it.
func statusText(p model.Payment) string {
	if p.SubStatus == "" || string(p.SubStatus) == string(p.Status) {
		return string(p.Status)
	}
	return string(p.Status) + "/" + string(p.SubStatus)
}

// WriteText is the journal as a table, newest first, with a line under it
// for each payment that needs the analyst's attention.
func (r Payments) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "Payments · %s · %d in the journal (times %s)\n", r.Env, len(r.Payments), r.zone())
	if len(r.Payments) == 0 {
		_, err := fmt.Fprintln(w, "No payments yet.")
		return err
	}
	// Text columns align left; amounts right, padded to the widest, so
	// the decimal points line up.
	amounts, width := make([]string, len(r.Payments)), len("AMOUNT USD")
	for i, p := range r.Payments {
		amounts[i] = model.FormatAmount(p.Intent.Amount, 2)
		width = max(width, len(amounts[i]))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "CREATED\tEND-TO-END ID\tRAIL\t%*s\tFROM\tTO\tSTATUS\n", width, "AMOUNT USD")
	for i, p := range r.Payments {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%*s\t%s\t%s\t%s\n", p.CreatedAt.In(r.zone()).Format("2006-01-02 15:04"),
			p.IDs.EndToEndID, p.Intent.Rail, width, amounts[i],
			model.Account{ID: p.Intent.Debtor.AccountID}.MaskedNumber(), safe(p.Intent.Creditor.Name), statusText(p))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, p := range r.Payments {
		for _, n := range r.notes(p) {
			fmt.Fprintf(w, "  %s: %s\n", p.IDs.EndToEndID, n)
		}
	}
	return nil
}

// notes are what to tell the analyst about a payment beyond its status.
func (r Payments) notes(p model.Payment) []string {
	var out []string
	if p.Duplicate {
		out = append(out, "the bank flagged it duplicateRequest: it already had this payment and made no second one")
	}
	if p.Status.Failed() && len(p.Exceptions) > 0 {
		k := model.ClassifyExceptions(p.Exceptions)
		out = append(out, fmt.Sprintf("%s — %s (%s); %s", p.Status, exceptionText(p.Exceptions[0]), k, k.Advice()))
	}
	if p.LastError != "" {
		out = append(out, safe(p.LastError))
	}
	if why, ok := r.Problems[p.IDs.EndToEndID]; ok {
		out = append(out, "not refreshed now: "+safe(why))
	}
	return out
}

func exceptionText(x model.PaymentException) string {
	parts := []string{}
	if x.Code != "" {
		parts = append(parts, x.Code)
	}
	if x.Message != "" {
		parts = append(parts, safe(x.Message))
	}
	if x.Field != "" {
		parts = append(parts, "("+safe(x.Field)+")")
	}
	for _, d := range x.Details {
		parts = append(parts, safe(d.Type+" "+d.Code))
	}
	return strings.Join(parts, " ")
}

// WriteDetail is one payment in full: parties, ids, status, timeline.
func (r Payments) WriteDetail(w io.Writer) error {
	for _, p := range r.Payments {
		in := p.Intent
		fmt.Fprintf(w, "Payment %s · %s %s USD · %s\n", p.IDs.EndToEndID, in.Rail, model.FormatAmount(in.Amount, 2), r.Env)
		fmt.Fprintf(w, "  from      %s %s\n", in.Debtor.AccountID, safe(in.Debtor.Name))
		fmt.Fprintf(w, "  to        %s, account %s, ABA %s", safe(in.Creditor.Name), in.Creditor.AccountNumber, in.Creditor.ABA)
		if in.Rail == model.RailACH {
			fmt.Fprintf(w, ", %s, %s", in.AccountType.Word(), in.SEC)
		}
		fmt.Fprintf(w, "\n  execution %s", in.ExecutionDate.Format("Mon 2006-01-02"))
		if in.Remittance != "" {
			fmt.Fprintf(w, " · remittance %q", safe(in.Remittance))
		}
		fmt.Fprintf(w, "\n  ids       paymentId %s · idempotency key %s · %d attempt(s)\n", orDash(p.PaymentID), p.IDs.IdempotencyKey, p.Attempts)
		fmt.Fprintf(w, "  status    %s — %s\n", statusText(p), p.Status.Phrase())
		for _, ev := range p.Timeline {
			line := string(ev.Status)
			if ev.SubStatus != "" && string(ev.SubStatus) != line {
				line += "/" + string(ev.SubStatus)
			}
			if ph := ev.SubStatus.Phrase(); ph != "" {
				line += " (" + ph + ")"
			}
			fmt.Fprintf(w, "    %s  %s\n", ev.SeenAt.In(r.zone()).Format("2006-01-02 15:04:05 MST"), line)
		}
		for _, n := range r.notes(p) {
			fmt.Fprintf(w, "  note      %s\n", n)
		}
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// jsonPayment is the stable shape scripts read; amounts are exact decimal
// strings.
type jsonPayment struct {
	EndToEndID     string                   `json:"endToEndId"`
	IdempotencyKey string                   `json:"idempotencyKey"`
	PaymentID      string                   `json:"paymentId,omitempty"`
	Environment    string                   `json:"environment"`
	Rail           string                   `json:"rail"`
	Amount         string                   `json:"amount"`
	Currency       string                   `json:"currency"`
	ExecutionDate  string                   `json:"executionDate"`
	DebtorAccount  string                   `json:"debtorAccount"`
	CreditorName   string                   `json:"creditorName"`
	CreditorAcct   string                   `json:"creditorAccount"`
	CreditorABA    string                   `json:"creditorAba"`
	AccountType    string                   `json:"accountType,omitempty"`
	SECCode        string                   `json:"secCode,omitempty"`
	Remittance     string                   `json:"remittance,omitempty"`
	CreatedAt      time.Time                `json:"createdAt"`
	UpdatedAt      time.Time                `json:"updatedAt"`
	Status         string                   `json:"status"`
	SubStatus      string                   `json:"subStatus,omitempty"`
	Terminal       bool                     `json:"terminal"`
	Duplicate      bool                     `json:"duplicateRequest"`
	Attempts       int                      `json:"attempts"`
	FailureKind    string                   `json:"failureKind,omitempty"`
	Advice         string                   `json:"advice,omitempty"`
	Exceptions     []model.PaymentException `json:"exceptions,omitempty"`
	LastError      string                   `json:"lastError,omitempty"`
	RefreshError   string                   `json:"refreshError,omitempty"`
	Timeline       []model.StatusEvent      `json:"timeline"`
}

func (r Payments) jsonRows() []jsonPayment {
	out := make([]jsonPayment, 0, len(r.Payments))
	for _, p := range r.Payments {
		in := p.Intent
		j := jsonPayment{
			EndToEndID: p.IDs.EndToEndID, IdempotencyKey: p.IDs.IdempotencyKey, PaymentID: p.PaymentID, Environment: p.Env,
			Rail: string(in.Rail), Amount: in.Amount.StringFixed(2), Currency: "USD", ExecutionDate: in.ExecutionDate.Format(time.DateOnly),
			DebtorAccount: in.Debtor.AccountID, CreditorName: in.Creditor.Name, CreditorAcct: in.Creditor.AccountNumber,
			CreditorABA: in.Creditor.ABA, AccountType: string(in.AccountType), SECCode: string(in.SEC), Remittance: in.Remittance,
			CreatedAt: p.CreatedAt.UTC(), UpdatedAt: p.UpdatedAt.UTC(), Status: string(p.Status), SubStatus: string(p.SubStatus),
			Terminal: p.Status.Terminal(), Duplicate: p.Duplicate, Attempts: p.Attempts, Exceptions: p.Exceptions,
			LastError: p.LastError, RefreshError: r.Problems[p.IDs.EndToEndID], Timeline: p.Timeline,
		}
		if p.Status.Failed() && len(p.Exceptions) > 0 {
			k := model.ClassifyExceptions(p.Exceptions)
			j.FailureKind, j.Advice = string(k), k.Advice()
		}
		out = append(out, j)
	}
	return out
}

// WriteJSON writes {"environment", "payments": [...]}.
func (r Payments) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Environment string        `json:"environment"`
		Partial     bool          `json:"partial"`
		Payments    []jsonPayment `json:"payments"`
	}{r.Env, len(r.Problems) > 0, r.jsonRows()})
}

// WriteCSV writes one row per payment with a header row.
func (r Payments) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"created_at", "end_to_end_id", "payment_id", "rail", "amount", "currency", "execution_date",
		"debtor_account", "creditor_name", "creditor_account", "creditor_aba", "status", "sub_status", "duplicate_request",
		"attempts", "failure_kind", "last_error"})
	for _, j := range r.jsonRows() {
		row := []string{j.CreatedAt.Format(time.RFC3339), j.EndToEndID, j.PaymentID, j.Rail, j.Amount, j.Currency,
			j.ExecutionDate, j.DebtorAccount, j.CreditorName, j.CreditorAcct, j.CreditorABA, j.Status, j.SubStatus,
			strconv.FormatBool(j.Duplicate), strconv.Itoa(j.Attempts), j.FailureKind, j.LastError}
		for i := range row {
			row[i] = cell(row[i]) // defused like every CSV cell (safe.go)
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}
