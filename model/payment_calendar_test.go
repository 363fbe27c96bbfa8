package model

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func ny(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, PaymentLocation())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func day(s string) time.Time { v, _ := time.Parse(time.DateOnly, s); return v }

func TestBankingDays(t *testing.T) {
	for _, tc := range []struct{ date, want string }{
		{"2026-12-02", ""},             // a Wednesday
		{"2026-12-05", "Saturday"},     // weekend
		{"2026-12-06", "Sunday"},       //
		{"2026-11-26", "Thanksgiving"}, // Thursday holiday
		{"2026-06-19", "Juneteenth"},   // Friday holiday
		{"2026-10-12", "Columbus"},     // the Fed closes; many markets do not
		{"2026-11-11", "Veterans"},     //
		{"2026-12-25", "Christmas"},    //
		{"2026-07-03", ""},             // July 4th on a Saturday: the Fed stays OPEN on the Friday
		{"2027-12-24", ""},             // Christmas 2027 on a Saturday: Friday open
		{"2029-11-12", "Veterans"},     // Veterans Day on a Sunday: observed Monday
		{"2022-12-26", "Christmas"},    // Christmas on a Sunday: observed Monday
		{"2026-11-27", ""},             // the day after Thanksgiving is a banking day
	} {
		got := BankingDayNote(day(tc.date))
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("BankingDayNote(%s) = %q, want %q", tc.date, got, tc.want)
		}
	}
	if got := NextBankingDay(day("2026-11-26")); !got.Equal(day("2026-11-27")) {
		t.Errorf("next banking day after Thanksgiving 2026 = %s", got)
	}
	if got := NextBankingDay(day("2026-12-25")); !got.Equal(day("2026-12-28")) {
		t.Errorf("next banking day after Christmas 2026 (Fri) = %s, want Mon 28th", got)
	}
}

func TestCheckExecutionDate(t *testing.T) {
	now := ny(t, "2026-12-02 10:00")
	for _, tc := range []struct {
		in, err, note string
	}{
		{"2026-12-02", "", ""},
		{"2026-12-03", "", ""},
		{"2026-12-01", "in the past; today is 2026-12-02", ""},
		{"2026-12-05", "", "not a banking day (Saturday); it will execute on Mon 2026-12-07"},
		{"2026-12-25", "", "Christmas Day (Federal Reserve holiday)"},
		{"2026-13-01", "YYYY-MM-DD", ""},
		{"02/12/2026", "YYYY-MM-DD", ""},
		{"2028-01-01", "more than a year ahead", ""},
	} {
		dc := CheckExecutionDate(tc.in, now)
		var err error
		if dc.Error != nil {
			err = dc.Error
		}
		checkReason(t, "date "+tc.in, err, tc.err)
		notes := strings.Join(dc.Notes, "; ")
		if (tc.note == "") != (notes == "") || !strings.Contains(notes, tc.note) {
			t.Errorf("date %s notes %q, want %q", tc.in, notes, tc.note)
		}
	}
	// Late evening UTC is still the same day in New York.
	late := time.Date(2026, 12, 3, 3, 0, 0, 0, time.UTC) // 22:00 ET on the 2nd
	if dc := CheckExecutionDate("2026-12-02", late); dc.Error != nil {
		t.Errorf("22:00 New York, today's date refused: %v", dc.Error)
	}
}

func TestCheckCutoff(t *testing.T) {
	wire := Cutoff{Hour: 17}
	for _, tc := range []struct {
		now, exec string
		passed    bool
		left      time.Duration
		note      string
	}{
		{"2026-12-02 10:00", "2026-12-02", false, 7 * time.Hour, ""},
		{"2026-12-02 16:15", "2026-12-02", false, 45 * time.Minute, "45m0s left before the 17:00 ET cut-off"},
		{"2026-12-02 17:00", "2026-12-02", true, 0, "has passed; the bank will execute it on Thu 2026-12-03"},
		{"2026-12-04 18:30", "2026-12-04", true, -90 * time.Minute, "on Mon 2026-12-07"}, // Friday evening
		{"2026-12-02 18:00", "2026-12-03", false, 23 * time.Hour, ""},                    // tomorrow's is far away
	} {
		cc := CheckCutoff(day(tc.exec), ny(t, tc.now), wire)
		if cc.Passed != tc.passed || cc.Left != tc.left {
			t.Errorf("%s for %s: passed %v left %v, want %v %v", tc.now, tc.exec, cc.Passed, cc.Left, tc.passed, tc.left)
		}
		if (tc.note == "") != (cc.Note == "") || !strings.Contains(cc.Note, tc.note) {
			t.Errorf("%s for %s: note %q, want %q", tc.now, tc.exec, cc.Note, tc.note)
		}
	}
	// Across the DST change the cut-off is still 17:00 New York time.
	cc := CheckCutoff(day("2026-11-02"), ny(t, "2026-11-02 12:00"), wire)
	if cc.At.UTC().Hour() != 22 || cc.Left != 5*time.Hour {
		t.Errorf("cut-off after DST ends at %s (%s left)", cc.At.UTC(), cc.Left)
	}
}

func TestCheckLimits(t *testing.T) {
	l := Limits{PerPayment: dec("1000000"), Daily: dec("2500000"), Source: "config.toml"}
	for _, tc := range []struct {
		amount, day string
		limit       string
	}{
		{"1000000.00", "0", ""},
		{"1000000.01", "0", LimitPerPayment},
		{"900000", "1600000", ""},
		{"900000", "1600000.01", LimitDaily},
		{"5", "0", ""},
	} {
		err := CheckLimits(dec(tc.amount), dec(tc.day), l)
		var le *LimitError
		switch {
		case tc.limit == "" && err != nil:
			t.Errorf("%s with %s: %v", tc.amount, tc.day, err)
		case tc.limit != "" && (!errors.As(err, &le) || le.Limit != tc.limit):
			t.Errorf("%s with %s: %v, want the %s", tc.amount, tc.day, err, tc.limit)
		case tc.limit != "" && !strings.Contains(err.Error(), tc.limit) || err != nil && !strings.Contains(err.Error(), "config.toml"):
			t.Errorf("message %q names neither the limit nor where it is set", err)
		}
	}
	if err := CheckLimits(dec("1e12"), dec("0"), Limits{}); err != nil {
		t.Errorf("no limits configured, yet: %v", err)
	}
}

func TestStatusMachine(t *testing.T) {
	terminal := map[PaymentStatus]bool{
		StatusCompleted: true, StatusRejected: true, StatusCanceled: true, StatusReturned: true, StatusNotSent: true,
		StatusSubmitting: false, StatusReceived: false, StatusAccepted: false, StatusProcessing: false,
		"SOMETHING_NEW": false,
	}
	for s, want := range terminal {
		if s.Terminal() != want {
			t.Errorf("%s terminal = %v", s, !want)
		}
	}
	if PaymentStatus("SOMETHING_NEW").Known() || !strings.Contains(PaymentStatus("SOMETHING_NEW").Phrase(), "still following") {
		t.Error("an unknown status must read as unknown and still followed")
	}
	if PaymentSubStatus("PENDING_CLIENT_REVIEW").Phrase() != "" {
		t.Error("unknown sub-status got an invented phrase")
	}
}

func TestClassifyExceptions(t *testing.T) {
	for _, tc := range []struct {
		ex   []PaymentException
		want FailureKind
	}{
		{[]PaymentException{{Code: CodeLimitBreach}}, FailureLimit},
		{[]PaymentException{{Code: CodeInsufficientFunds, Details: []ExceptionCause{{Type: "ISO20022", Code: "AM04"}}}}, FailureFunds},
		{[]PaymentException{{Code: "11999", Details: []ExceptionCause{{Type: "ISO20022", Code: "AM04"}}}}, FailureFunds},
		{[]PaymentException{{Code: "11002", Details: []ExceptionCause{{Type: "ISO20022", Code: "AC03"}}}}, FailureBeneficiary},
		{[]PaymentException{{Code: "11010"}}, FailureAccount},
		{[]PaymentException{{Code: "10001", Field: "$.creditor.name"}}, FailureRequest},
		{[]PaymentException{{Code: "14000"}}, FailureUnauthorized},
		{[]PaymentException{{Code: "13000"}}, FailureOther},
		{nil, FailureOther},
	} {
		if got := ClassifyExceptions(tc.ex); got != tc.want {
			t.Errorf("%+v: %s, want %s", tc.ex, got, tc.want)
		}
	}
	if FailureLimit.Advice() == FailureFunds.Advice() {
		t.Error("limit breach and insufficient funds must be told apart")
	}
}

func TestFormIntent(t *testing.T) {
	now := ny(t, "2026-12-02 10:00")
	debtor := Debtor{AccountID: "000000010962009", Name: "Operating", ABA: ChaseABA}
	f := PaymentForm{Rail: "ach", Amount: "1,234.50", ExecutionDate: "2026-12-02", CreditorName: "Kelly Thomas",
		CreditorAcct: "987654321", CreditorABA: "071000013", AccountType: "checking", SECCode: "ppd", Remittance: "INV 1"}
	in, errs := f.Intent(debtor, now)
	if len(errs) > 0 {
		t.Fatalf("valid form refused: %v", errs)
	}
	if in.Rail != RailACH || !in.Amount.Equal(dec("1234.5")) || in.SEC != SECPPD || in.AccountType != AccountChecking ||
		!in.ExecutionDate.Equal(day("2026-12-02")) || in.Currency != "USD" {
		t.Errorf("intent %+v", in)
	}
	if errs := in.Validate(now); len(errs) > 0 {
		t.Errorf("built intent fails Validate: %v", errs)
	}
	// Every bad field is reported at once, in tab order.
	bad := PaymentForm{Rail: "ACH", Amount: "0", ExecutionDate: "2026-12-01", CreditorName: strings.Repeat("N", 23),
		CreditorAcct: "12-3", CreditorABA: "021000022", AccountType: "", SECCode: "WEB", Remittance: strings.Repeat("r", 81)}
	_, errs = bad.Intent(Debtor{}, now)
	var fields []string
	for _, e := range errs {
		fields = append(fields, string(e.Field))
	}
	want := "amount,execution date,beneficiary name,beneficiary account,beneficiary ABA,account type,SEC code,remittance,debtor account"
	if got := strings.Join(fields, ","); got != want {
		t.Errorf("fields in error: %s", got)
	}
	// Wire hides the ACH fields.
	wire := f
	wire.Rail, wire.AccountType, wire.SECCode = "WIRE", "", ""
	if _, errs := wire.Intent(debtor, now); len(errs) > 0 {
		t.Errorf("wire form with no ACH fields refused: %v", errs)
	}
	if got := len(FormFields(RailWire)); got != 7 {
		t.Errorf("wire form has %d fields", got)
	}
	// Notes flag a weekend and a near cut-off without blocking.
	f.ExecutionDate = "2026-12-05"
	if n := f.Notes(now, map[Rail]Cutoff{RailACH: {Hour: 16}}); len(n) != 1 || !strings.Contains(n[0], "Saturday") {
		t.Errorf("notes %q", n)
	}
	f.ExecutionDate = "2026-12-02"
	if n := f.Notes(ny(t, "2026-12-02 15:30"), map[Rail]Cutoff{RailACH: {Hour: 16}}); len(n) != 1 || !strings.Contains(n[0], "30m0s left") {
		t.Errorf("notes %q", n)
	}
}

func TestDayTotal(t *testing.T) {
	mk := func(amount, date string, st PaymentStatus) Payment {
		return Payment{Intent: PaymentIntent{Amount: dec(amount), ExecutionDate: day(date), Debtor: Debtor{AccountID: "A"}}, Status: st}
	}
	ps := []Payment{
		mk("100", "2026-12-02", StatusCompleted), mk("50.25", "2026-12-02", StatusSubmitting),
		mk("1000", "2026-12-02", StatusRejected), mk("7", "2026-12-03", StatusAccepted),
	}
	if got := DayTotal(ps, day("2026-12-02"), ""); !got.Equal(dec("150.25")) {
		t.Errorf("day total %s", got)
	}
}

func TestNewPaymentForm(t *testing.T) {
	// 02:30 UTC on the 3rd is still the 2nd in New York.
	f := NewPaymentForm(time.Date(2026, 12, 3, 2, 30, 0, 0, time.UTC))
	if f.Rail != "WIRE" || f.ExecutionDate != "2026-12-02" || f.AccountType != "checking" || f.SECCode != "CCD" {
		t.Errorf("%+v", f)
	}
	if err := f.CheckField(FieldExecutionDate, time.Date(2026, 12, 3, 2, 30, 0, 0, time.UTC)); err != nil {
		t.Errorf("default date refused: %v", err)
	}
}
