package mock

// txnKind is one kind of item the demo book posts: its BAI type, direction,
// wording and references. Codes and descriptions follow BAI2 usage as US
// banks publish it; J.P. Morgan's exact wording is UNCONFIRMED beyond the
// three codes in its demo data (195, 495, 399; jpm-api §5.3).
type txnKind struct {
	name         string // for profiles and tests
	bai, summary string // typeCode, summaryTypeCode ("" when none)
	credit       bool
	desc         string // baiType.description
	short        string // shortDescription
	group        string // baiType.groupCode
	product      string // productGroup.groupCode
	wire         string // wireType; "" for non-wires ("EMPTY" on the wire)
	// scale is the item's size in tenths of the account's unit (drift/10,
	// see unit): an amount is drawn uniformly from [lo, hi] tenths.
	lo, hi int64
	// float: part of a credit is available only on later days (checks,
	// lockbox); otherwise all of it is available immediately.
	float bool
	// narrative builds the item's narrativeText lines.
	narrative func(g *txnGen) []narrLine
	// customerRef builds its customer reference ("" for none).
	customerRef func(g *txnGen) string
	check       bool // carries a check number
}

// The kinds. Amount ranges are in tenths of the account's unit, so the same
// kind is proportionate on a payroll account and a liquidity pool.
var (
	kWireIn = &txnKind{name: "wire-in", bai: "195", summary: "190", credit: true,
		desc: "IND INCOMING MONEY TRANSFER", short: "FEDWIRE CREDIT", group: "WIRE", product: "FED", wire: "FED",
		lo: 5, hi: 60, narrative: wireInNarrative, customerRef: invoiceRef}
	kWireOut = &txnKind{name: "wire-out", bai: "495", summary: "490",
		desc: "IND OUTGOING MONEY TRANSFERS", short: "FEDWIRE DEBIT", group: "WIRE", product: "FED", wire: "FED",
		lo: 5, hi: 60, narrative: wireOutNarrative, customerRef: paymentRef}
	kChipsOut = &txnKind{name: "chips-out", bai: "495", summary: "490",
		desc: "IND OUTGOING MONEY TRANSFERS", short: "CHIPS DEBIT", group: "WIRE", product: "CHIP", wire: "CHIP",
		lo: 5, hi: 40, narrative: chipsNarrative, customerRef: paymentRef}
	kACHCredit = &txnKind{name: "ach-credit", bai: "142", credit: true,
		desc: "ACH CREDIT RECEIVED", short: "ACH CREDIT", group: "ACH", product: "ACH",
		lo: 1, hi: 8, narrative: achNarrative, customerRef: invoiceRef}
	kACHDebit = &txnKind{name: "ach-debit", bai: "451",
		desc: "ACH DEBIT RECEIVED", short: "ACH DEBIT", group: "ACH", product: "ACH",
		lo: 1, hi: 6, narrative: achNarrative, customerRef: paymentRef}
	kACHSettle = &txnKind{name: "ach-settlement", bai: "466",
		desc: "ACH SETTLEMENT", short: "ACH PAYROLL SETTLEMENT", group: "ACH", product: "ACH",
		lo: 20, hi: 80, narrative: payrollNarrative, customerRef: batchRef}
	kBookIn = &txnKind{name: "book-in", bai: "206", credit: true,
		desc: "BOOK TRANSFER CREDIT", short: "BOOK TRANSFER CREDIT", group: "BOOK", product: "BOOK", wire: "BOOK",
		lo: 5, hi: 40, narrative: bookNarrative, customerRef: transferRef}
	kBookOut = &txnKind{name: "book-out", bai: "506",
		desc: "BOOK TRANSFER DEBIT", short: "BOOK TRANSFER DEBIT", group: "BOOK", product: "BOOK", wire: "BOOK",
		lo: 5, hi: 40, narrative: bookNarrative, customerRef: transferRef}
	kCheckDeposit = &txnKind{name: "check-deposit", bai: "175", credit: true,
		desc: "CHECK DEPOSIT PACKAGE", short: "DEPOSIT", group: "DEP", product: "D/R",
		lo: 1, hi: 10, float: true, narrative: depositNarrative}
	kCheckPaid = &txnKind{name: "check-paid", bai: "475",
		desc: "CHECK PAID", short: "CHECK PAID", group: "CHK", product: "D/R",
		lo: 1, hi: 6, check: true, narrative: checkNarrative}
	kLockbox = &txnKind{name: "lockbox", bai: "115", credit: true,
		desc: "LOCKBOX DEPOSIT", short: "LOCKBOX DEPOSIT", group: "LBX", product: "LBX",
		lo: 2, hi: 15, float: true, narrative: lockboxNarrative}
	kFee = &txnKind{name: "fee", bai: "698",
		desc: "MISCELLANEOUS FEES", short: "SERVICE FEE", group: "FEE", product: "MISC",
		lo: 0, hi: 1, narrative: feeNarrative}
	kInterest = &txnKind{name: "interest", bai: "354", credit: true,
		desc: "INTEREST CREDIT", short: "INTEREST", group: "INT", product: "MISC",
		lo: 0, hi: 1, narrative: interestNarrative}
	kReturnDeposit = &txnKind{name: "deposited-item-returned", bai: "555",
		desc: "DEPOSITED ITEM RETURNED", short: "RETURNED ITEM", group: "RTN", product: "D/R",
		lo: 0, hi: 3, narrative: returnNarrative}
	kACHReturn = &txnKind{name: "ach-return", bai: "258", credit: true,
		desc: "ACH RETURN ITEM OR ADJUSTMENT SETTLEMENT", short: "ACH RETURN", group: "ACH", product: "ACH",
		lo: 0, hi: 2, narrative: achReturnNarrative, customerRef: batchRef}
	kMiscCredit = &txnKind{name: "misc-credit", bai: "399", credit: true,
		desc: "MISCELLANEOUS CREDIT", short: "MISC CREDIT", group: "MISC", product: "MISC",
		lo: 0, hi: 2, narrative: remarkNarrative}
	// kAdjustment uses a code the default category table does not map, so
	// the demo shows the explicit "Uncategorised" category.
	kAdjustment = &txnKind{name: "adjustment", bai: "263", credit: true,
		desc: "INDIVIDUAL BACK VALUE CREDIT", short: "VALUE ADJUSTMENT", group: "MISC", product: "MISC",
		lo: 0, hi: 1, narrative: remarkNarrative}

	// Balancing items: the last item of a day makes the day's items add up
	// to the balance model's move (see dayItems).
	kZBACredit = &txnKind{name: "zba-credit", bai: "275", credit: true,
		desc: "ZBA CREDIT", short: "ZBA FUNDING", group: "ZBA", product: "BOOK", narrative: sweepNarrative}
	kZBADebit = &txnKind{name: "zba-debit", bai: "575",
		desc: "ZBA DEBIT", short: "ZBA SWEEP", group: "ZBA", product: "BOOK", narrative: sweepNarrative}
	kFunding = &txnKind{name: "cd-funding", bai: "277", credit: true,
		desc: "CONTROLLED DISBURSING FUNDING", short: "CD FUNDING", group: "ZBA", product: "BOOK", narrative: sweepNarrative}
	kSweepIn = &txnKind{name: "sweep-in", bai: "201", credit: true,
		desc: "INDIVIDUAL AUTOMATIC TRANSFER", short: "SWEEP CREDIT", group: "SWP", product: "BOOK", narrative: sweepNarrative}
	kSweepOut = &txnKind{name: "sweep-out", bai: "501",
		desc: "INDIVIDUAL AUTOMATIC TRANSFER", short: "SWEEP DEBIT", group: "SWP", product: "BOOK", narrative: sweepNarrative}
	// The zero-balance account sweeps each item as it posts, so its ledger
	// is zero at every cycle, not only at the day's end (sweepEach).
	kZBASweepItem = &txnKind{name: "zba-sweep-item", bai: "575",
		desc: "ZBA DEBIT", short: "ZBA SWEEP", group: "ZBA", product: "BOOK", narrative: zbaNarrative}
	kZBAFundItem = &txnKind{name: "zba-fund-item", bai: "275", credit: true,
		desc: "ZBA CREDIT", short: "ZBA FUNDING", group: "ZBA", product: "BOOK", narrative: zbaNarrative}
	// kAnalysisFee is the item the broken demo day leaves out (brokenDay).
	kAnalysisFee = &txnKind{name: "analysis-fee", bai: "661",
		desc: "ACCOUNT ANALYSIS FEE", short: "ANALYSIS FEE", group: "FEE", product: "MISC", narrative: feeNarrative}
)

// weighted is a kind and its relative frequency in a profile.
type weighted struct {
	k *txnKind
	w int
}

// txnProfile is how busy an account is and what it sees.
type txnProfile struct {
	perDay   int // items on an ordinary day (±25%), before the balancing item
	mix      []weighted
	balUp    *txnKind // balancing item when the day needs more credit
	balDown  *txnKind // ... more debit
	interest bool     // one interest credit per day
	// sweepEach: every item is followed at once by a ZBA item that takes
	// the account back to zero (a target-balance account swept as items
	// post; the day then needs no balancing item).
	sweepEach bool
}

var (
	operatingProfile = txnProfile{perDay: 110, balUp: kZBACredit, balDown: kZBADebit, mix: []weighted{
		{kWireIn, 12}, {kWireOut, 8}, {kChipsOut, 3}, {kACHCredit, 22}, {kACHDebit, 14}, {kBookIn, 4}, {kBookOut, 4},
		{kCheckDeposit, 6}, {kCheckPaid, 12}, {kFee, 4}, {kReturnDeposit, 1}, {kACHReturn, 1}, {kMiscCredit, 1}, {kAdjustment, 1},
	}}
	payrollProfile = txnProfile{perDay: 45, balUp: kBookIn, balDown: kBookOut, mix: []weighted{
		{kACHSettle, 2}, {kACHDebit, 6}, {kCheckPaid, 20}, {kWireOut, 1}, {kFee, 2}, {kACHReturn, 3},
	}}
	disbursementProfile = txnProfile{perDay: 60, balUp: kFunding, balDown: kBookOut, mix: []weighted{
		{kCheckPaid, 40}, {kACHDebit, 10}, {kWireOut, 3}, {kFee, 2}, {kReturnDeposit, 1},
	}}
	reserveProfile = txnProfile{perDay: 2, interest: true, balUp: kBookIn, balDown: kBookOut, mix: []weighted{
		{kACHDebit, 1}, {kFee, 1},
	}}
	sweepProfile = txnProfile{perDay: 40, sweepEach: true, balUp: kZBACredit, balDown: kZBADebit, mix: []weighted{
		{kACHCredit, 20}, {kLockbox, 6}, {kWireIn, 5}, {kCheckDeposit, 6}, {kReturnDeposit, 1},
	}}
	lockboxProfile = txnProfile{perDay: 70, balUp: kBookIn, balDown: kBookOut, mix: []weighted{
		{kLockbox, 30}, {kCheckDeposit, 10}, {kACHCredit, 8}, {kReturnDeposit, 2}, {kFee, 2},
	}}
	poolProfile = txnProfile{perDay: 25, interest: true, balUp: kSweepIn, balDown: kSweepOut, mix: []weighted{
		{kBookIn, 10}, {kBookOut, 10}, {kWireIn, 2}, {kWireOut, 2},
	}}
	foreignProfile = txnProfile{perDay: 35, balUp: kBookIn, balDown: kBookOut, mix: []weighted{
		{kWireIn, 10}, {kWireOut, 8}, {kBookIn, 4}, {kBookOut, 4}, {kACHCredit, 6}, {kACHDebit, 4}, {kFee, 2},
	}}
	quietProfile = txnProfile{perDay: 8, interest: true, balUp: kBookIn, balDown: kBookOut, mix: []weighted{
		{kWireIn, 2}, {kWireOut, 2}, {kFee, 1},
	}}
	bdaProfile = txnProfile{perDay: 20, balUp: kBookIn, balDown: kBookOut, mix: []weighted{
		{kBookIn, 8}, {kBookOut, 8}, {kWireIn, 2}, {kWireOut, 2},
	}}
	syntheticProfile = txnProfile{perDay: 6, balUp: kBookIn, balDown: kBookOut, mix: []weighted{
		{kWireIn, 2}, {kWireOut, 2}, {kACHCredit, 2}, {kACHDebit, 2}, {kFee, 1},
	}}
)

// profiles by demo account id; others get foreignProfile (non-USD),
// bdaProfile or syntheticProfile.
var profiles = map[string]*txnProfile{
	"000000010962009": &operatingProfile,
	"000000010900009": &payrollProfile,
	"000000010975001": &disbursementProfile,
	"000000011008182": &reserveProfile,
	"000000010975514": &sweepProfile,
	"000000004045701": &lockboxProfile,
	"000000010013324": &poolProfile,
	"000000050330019": &quietProfile,
	"000000050330027": &quietProfile,
}

func profileOf(a *account) *txnProfile {
	if p, ok := profiles[a.id]; ok {
		return p
	}
	switch {
	case a.scenario == ScenarioSynthetic:
		return &syntheticProfile
	case a.api == APIBDA:
		return &bdaProfile
	default:
		return &foreignProfile
	}
}

// postingSecs is when, in seconds after midnight, an ordinary item of kind k
// posts, from r drawn in [0, 14h). ACH files are posted overnight, between
// 01:00 and 06:00, as banks post the ACH operator's early deliveries before
// the business day (the window is the mock's choice, UNCONFIRMED); everything
// else posts between 07:00 and 21:00.
func postingSecs(k *txnKind, r int64) int64 {
	if k.group == "ACH" {
		return 3600 + r*5/14
	}
	return 7*3600 + r
}
