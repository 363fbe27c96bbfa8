package mock

import (
	"fmt"
	"time"

	_ "time/tzdata" // the book's time zones must resolve on minimal jump hosts and containers without /usr/share/zoneinfo
)

// API families an account is reported through.
const (
	APIv1  = "v1"  // Account Balances v1, POST /accessapi/balance
	APIBDA = "bda" // BDA Balances v2, /account/v2/accounts/balances
)

// Scenario tags on AccountInfo, so client tests and docs can find the
// account that exercises a given case without hard-coding ids.
const (
	ScenarioOverdrawn = "overdrawn"      // ledger and available always negative
	ScenarioZero      = "zero"           // zero-balance sweep account: every amount 0
	ScenarioLarge     = "large"          // tens of billions (11 integer digits), as large as real corporate balances get; exact to the cent
	ScenarioFloat     = "float"          // available well below ledger (uncollected funds / holds)
	ScenarioStale     = "stale"          // feed ~3h behind the clock, still currentDay with today's asOfDate
	ScenarioPriorDay  = "prior-day-only" // no intraday feed: CURRENT_DAY answers the prior day, currentDay false
	ScenarioSynthetic = "synthetic"      // Options.ExtraAccounts load-test accounts
)

// AccountInfo describes one account of the book, for docs, tests and the
// /_mock/accounts listing.
type AccountInfo struct {
	ID       string `json:"id"`       // v1 accountId (15 digits) or BDA account number (≤10 chars)
	Name     string `json:"name"`     // accountName / account.name
	Currency string `json:"currency"` // ISO 4217
	Decimals int    `json:"decimals"` // decimalLocation: the currency's minor units
	API      string `json:"api"`      // APIv1 or APIBDA
	BankID   string `json:"bankId"`   // v1 bankId ("02100002" for US, a BIC elsewhere); "" for BDA
	BIC      string `json:"bic"`      // branch BIC; for BDA the financialInstitutionId the inquiry must send
	TimeZone string `json:"timeZone"` // IANA zone defining the account's current business day
	Scenario string `json:"scenario,omitempty"`
}

type currency struct {
	code        string
	decimals    int
	description string
}

// Currency descriptions follow the upper-case style of the v1 example
// ("US DOLLAR"); the non-USD wording is UNCONFIRMED.
var (
	usd = currency{"USD", 2, "US DOLLAR"}
	eur = currency{"EUR", 2, "EURO"}
	gbp = currency{"GBP", 2, "POUND STERLING"}
	jpy = currency{"JPY", 0, "JAPANESE YEN"}
	bhd = currency{"BHD", 3, "BAHRAINI DINAR"}
)

type branch struct {
	bankID   string // v1 bankId
	bankName string
	bic      string
	tz       string
}

// v1 bankId is the ABA-style "02100002" for US accounts and a BIC for UK
// ("CHASGB2L", jpm-api §3.2). The other branches' ids and all bank names
// beyond "JPMORGAN CHASE" are UNCONFIRMED.
var (
	newYork   = branch{"02100002", "JPMORGAN CHASE", "CHASUS33", "America/New_York"}
	london    = branch{"CHASGB2L", "JPMORGAN CHASE BANK, N.A. LONDON", "CHASGB2L", "Europe/London"}
	frankfurt = branch{"CHASDEFX", "J.P. MORGAN SE FRANKFURT", "CHASDEFX", "Europe/Berlin"}
	tokyo     = branch{"CHASJPJT", "JPMORGAN CHASE BANK, N.A. TOKYO", "CHASJPJT", "Asia/Tokyo"}
	manama    = branch{"CHASBHBM", "JPMORGAN CHASE BANK, N.A. BAHRAIN", "CHASBHBM", "Asia/Bahrain"}
	bdaBranch = branch{"", "JPMORGAN CHASE", "CHASUS33MCY", "America/New_York"} // BIC from the S-BDA example
)

// account is one account of the book and the parameters of its simulated
// balance. Amounts are minor units of ccy.
type account struct {
	id, name string
	ccy      currency
	api      string
	br       branch
	loc      *time.Location
	scenario string

	base  money // level the day-end ledger balance wanders around
	drift money // max day-to-day move of the closing ledger balance
	move  money // max per-cycle intraday wiggle ("a few thousand units")
	hold  money // typical float/holds: available = ledger - holds (0: available == ledger)

	staleBy      time.Duration // feed lag behind the clock (ScenarioStale)
	priorDayOnly bool          // only prior-day reporting (ScenarioPriorDay)
}

func (a *account) info() AccountInfo {
	return AccountInfo{
		ID: a.id, Name: a.name, Currency: a.ccy.code, Decimals: a.ccy.decimals,
		API: a.api, BankID: a.br.bankID, BIC: a.br.bic, TimeZone: a.br.tz, Scenario: a.scenario,
	}
}

// spec is the human-readable form of an account in the demo book.
type spec struct {
	id, name                string
	ccy                     currency
	api                     string
	br                      branch
	scenario                string
	base, drift, move, hold string // major units with exactly ccy.decimals places
	staleBy                 time.Duration
	priorDayOnly            bool
}

// demoBook is the fixed demo book. Ids 000000010962009 ... 000000010013324
// are the JPM demo US accounts (jpm-api §8); the rest follow the same
// 15-digit shape. BDA 1234567890 is the S-BDA example number.
//
// The seed does not change which accounts exist, only how their balances
// move, so ids and names are stable references for docs and tests.
var demoBook = []spec{
	{id: "000000010962009", name: "Operating - Concentration", ccy: usd, api: APIv1, br: newYork,
		base: "18452310.77", drift: "750000.00", move: "4500.00", hold: "215000.00"},
	{id: "000000010900009", name: "Payroll Disbursement", ccy: usd, api: APIv1, br: newYork,
		base: "2150000.00", drift: "400000.00", move: "3000.00", hold: "0.00"},
	{id: "000000010975001", name: "AP Controlled Disbursement", ccy: usd, api: APIv1, br: newYork, scenario: ScenarioOverdrawn,
		base: "-1284516.42", drift: "150000.00", move: "2500.00", hold: "12500.00"},
	{id: "000000011008182", name: "Tax Reserve", ccy: usd, api: APIv1, br: newYork,
		base: "6400000.00", drift: "25000.00", move: "1000.00", hold: "0.00"},
	{id: "000000010975514", name: "Zero Balance Sweep - Receipts", ccy: usd, api: APIv1, br: newYork, scenario: ScenarioZero,
		base: "0.00", drift: "0.00", move: "0.00", hold: "0.00"},
	{id: "000000004045701", name: "Lockbox Collections", ccy: usd, api: APIv1, br: newYork, scenario: ScenarioFloat,
		base: "3912440.18", drift: "300000.00", move: "4000.00", hold: "1437220.55"},
	{id: "000000010013324", name: "Global Liquidity Pool - Header", ccy: usd, api: APIv1, br: newYork, scenario: ScenarioLarge,
		base: "38213900117.31", drift: "25000000.00", move: "5000.00", hold: "0.00"},
	{id: "000000020450017", name: "London Operating", ccy: gbp, api: APIv1, br: london,
		base: "7318204.66", drift: "350000.00", move: "3500.00", hold: "82000.00"},
	{id: "000000020450025", name: "UK Payroll", ccy: gbp, api: APIv1, br: london,
		base: "940112.30", drift: "120000.00", move: "1500.00", hold: "0.00"},
	{id: "000000030780012", name: "Frankfurt Collections", ccy: eur, api: APIv1, br: frankfurt, scenario: ScenarioStale,
		base: "5207719.04", drift: "280000.00", move: "3000.00", hold: "46500.00", staleBy: 3 * time.Hour},
	{id: "000000030780020", name: "EUR Treasury Pool", ccy: eur, api: APIv1, br: frankfurt,
		base: "21644008.91", drift: "900000.00", move: "4000.00", hold: "0.00"},
	// JPY has no minor unit; a few thousand yen would be invisible on a
	// ¥1.3bn account, so its moves are scaled to hundreds of thousands.
	{id: "000000040112006", name: "Tokyo Operations", ccy: jpy, api: APIv1, br: tokyo,
		base: "1284500000", drift: "45000000", move: "850000", hold: "3200000"},
	{id: "000000050330019", name: "Manama Treasury", ccy: bhd, api: APIv1, br: manama, scenario: ScenarioPriorDay,
		base: "742118.455", drift: "35000.000", move: "2500.000", hold: "0.000", priorDayOnly: true},
	{id: "000000050330027", name: "Manama Collections", ccy: bhd, api: APIv1, br: manama,
		base: "118604.207", drift: "9000.000", move: "1200.000", hold: "1750.500"},

	{id: "1234567890", name: "BDA Settlement - Kinexys", ccy: usd, api: APIBDA, br: bdaBranch,
		base: "25000000.00", drift: "2000000.00", move: "5000.00", hold: "0.00"},
	{id: "2000318274", name: "BDA Collateral", ccy: usd, api: APIBDA, br: bdaBranch,
		base: "7500000.00", drift: "500000.00", move: "2500.00", hold: "150000.00"},
	{id: "2000318290", name: "BDA Intercompany", ccy: usd, api: APIBDA, br: bdaBranch,
		base: "1250000.00", drift: "200000.00", move: "1500.00", hold: "0.00"},
}

// maxDrift bounds drift so that interpolating a day's move over the seconds
// of a 25-hour DST day (drift*2*90000) cannot overflow int64.
const maxDrift = money(10_000_000_000_000)

func (s spec) build() *account {
	loc, err := time.LoadLocation(s.br.tz)
	if err != nil {
		panic(fmt.Sprintf("mock: time zone %s: %v", s.br.tz, err)) // embedded tzdata: cannot happen
	}
	a := &account{
		id: s.id, name: s.name, ccy: s.ccy, api: s.api, br: s.br, loc: loc, scenario: s.scenario,
		base:    mustMoney(s.base, s.ccy.decimals),
		drift:   mustMoney(s.drift, s.ccy.decimals),
		move:    mustMoney(s.move, s.ccy.decimals),
		hold:    mustMoney(s.hold, s.ccy.decimals),
		staleBy: s.staleBy, priorDayOnly: s.priorDayOnly,
	}
	if a.drift > maxDrift {
		panic("mock: drift too large for " + s.id)
	}
	return a
}

// syntheticAccount is the n-th (1-based) Options.ExtraAccounts account: USD,
// v1, New York, id "9" + 14-digit counter, a seeded balance between 100,000
// and 10,000,000 so load tests see varied but plausible numbers.
func syntheticAccount(seed int64, n int) *account {
	id := fmt.Sprintf("9%014d", n)
	h := newHasher(seed).str("synthetic").str(id).sum()
	base := money(10_000_000 + h%990_000_000) // 100,000.00 .. 9,999,999.99
	return spec{
		id: id, name: fmt.Sprintf("Load Test %05d", n), ccy: usd, api: APIv1, br: newYork, scenario: ScenarioSynthetic,
		base: base.format(2), drift: "50000.00", move: "2500.00", hold: "0.00",
	}.build()
}
