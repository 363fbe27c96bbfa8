package mock

// Narrative text and references of the demo items. Keys follow the JPM
// sample ("YOUR REF", "REMARK", "B/O CUSTOMER", "PAID TO", "FED REF",
// "CHIP SEQ"; jpm-api §5.3); the ACH and lockbox keys are the mock's own
// choice in the same style (UNCONFIRMED).

var (
	customers = []string{
		"ACME INDUSTRIAL SUPPLY CO", "NORTHWIND TRADERS LLC", "CONTOSO RETAIL GROUP", "FABRIKAM INC",
		"BLUE RIVER LOGISTICS", "SUMMIT HEALTH PARTNERS", "GREENFIELD FOODS INC", "HARBOR MARINE SERVICES",
		"PINNACLE ENGINEERING", "REDWOOD ANALYTICS LLC", "LAKESIDE PROPERTIES LP", "O'BRIEN & SONS MFG",
	}
	vendors = []string{
		"GLOBAL FREIGHT LINES", "METRO UTILITIES", "DATACENTER HOLDINGS", "OFFICE 123 INC",
		"MORRIS ELECTRIC CONTRACTING LLC", "RAPID AUDIO LLC", "ATLAS STEEL CORP", "CITY OF NEW YORK DOF",
		"IRS USATAXPYMT", "UNITED HEALTH BENEFITS", "PRIME LEASING CORP", "R&D LABS INC",
	}
	banks = []string{
		"BANK OF AMERICA NA", "WELLS FARGO BANK NA", "CITIBANK NA", "US BANK NA", "PNC BANK NA", "TRUIST BANK",
	}
	remarks = []string{
		"INVOICE PAYMENT", "SETTLEMENT OF ACCOUNT", "INTERCOMPANY FUNDING", "QUARTERLY DISTRIBUTION",
		"RENT NOVEMBER", "FREIGHT CHARGES", "PAYROLL FUNDING", "TAX PAYMENT",
	}
)

func invoiceRef(g *txnGen) string  { return "INV-" + g.digits(7) }
func paymentRef(g *txnGen) string  { return "PAY-" + g.digits(8) }
func batchRef(g *txnGen) string    { return "BATCH" + g.digits(6) }
func transferRef(g *txnGen) string { return "TRF" + g.digits(9) }

func wireInNarrative(g *txnGen) []narrLine {
	return []narrLine{
		{"B/O CUSTOMER", g.pick(customers)},
		{"ORG BANK", g.pick(banks)},
		{"FED REF", g.digits(6)},
		{"YOUR REF", "INV-" + g.digits(7)},
		{"REMARK", g.pick(remarks)},
	}
}

func wireOutNarrative(g *txnGen) []narrLine {
	return []narrLine{
		{"PAID TO", g.pick(vendors)},
		{"BNF BANK", g.pick(banks)},
		{"FED REF", g.digits(6)},
		{"YOUR REF", "PAY-" + g.digits(8)},
	}
}

func chipsNarrative(g *txnGen) []narrLine {
	return []narrLine{
		{"PAID TO", g.pick(vendors)},
		{"CHIP SEQ", g.digits(4)},
		{"YOUR REF", "PAY-" + g.digits(8)},
		{"REMARK", g.pick(remarks)},
	}
}

func achNarrative(g *txnGen) []narrLine {
	return []narrLine{
		{"CO NAME", g.pick(append(customers[:6:6], vendors[:6]...))},
		{"CO ID", "1" + g.digits(9)},
		{"ENTRY DESC", g.pick([]string{"PAYMENT", "VENDOR PMT", "CORP PMT", "AUTOPAY", "REMIT"})},
		{"IND ID", g.digits(10)},
	}
}

func payrollNarrative(g *txnGen) []narrLine {
	return []narrLine{
		{"CO NAME", "CASHPOS DEMO CORP PAYROLL"},
		{"ENTRY DESC", "PAYROLL"},
		{"ITEM COUNT", g.digits(3)},
	}
}

func achReturnNarrative(g *txnGen) []narrLine {
	return []narrLine{
		{"RETURN CODE", g.pick([]string{"R01", "R02", "R03", "R04", "R10"})},
		{"ORIG TRACE", g.digits(15)},
		{"REMARK", "ACH RETURN - ENTRY NOT POSTED"},
	}
}

func bookNarrative(g *txnGen) []narrLine {
	return []narrLine{
		{"REMARK", g.pick([]string{"INTERCOMPANY FUNDING", "CONCENTRATION TRANSFER", "LIQUIDITY TRANSFER"})},
		{"YOUR REF", "TRF" + g.digits(9)},
	}
}

func depositNarrative(g *txnGen) []narrLine {
	return []narrLine{{"REMARK", "CHECK DEPOSIT " + g.digits(2) + " ITEMS"}, {"DEPOSIT ID", g.digits(10)}}
}

func checkNarrative(g *txnGen) []narrLine {
	return []narrLine{{"PAID TO", g.pick(vendors)}}
}

func lockboxNarrative(g *txnGen) []narrLine {
	return []narrLine{
		{"LOCKBOX NO", "LBX" + g.digits(5)},
		{"BATCH", g.digits(4)},
		{"ITEM COUNT", g.digits(2)},
	}
}

func feeNarrative(g *txnGen) []narrLine {
	return []narrLine{{"REMARK", g.pick([]string{"WIRE TRANSFER FEE", "ACH ORIGINATION FEE", "ACCOUNT SERVICE FEE", "STOP PAYMENT FEE"})}}
}

func interestNarrative(*txnGen) []narrLine {
	return []narrLine{{"REMARK", "INTEREST EARNED ON COLLECTED BALANCE"}}
}

func returnNarrative(g *txnGen) []narrLine {
	return []narrLine{{"REMARK", "DEPOSITED ITEM RETURNED NSF"}, {"CHECK NO", g.digits(6)}}
}

func remarkNarrative(g *txnGen) []narrLine {
	return []narrLine{{"REMARK", g.pick(remarks)}}
}

func sweepNarrative(*txnGen) []narrLine {
	return []narrLine{{"REMARK", "END OF DAY TARGET BALANCE TRANSFER"}}
}

func zbaNarrative(*txnGen) []narrLine {
	return []narrLine{{"REMARK", "ZERO BALANCE TRANSFER TO CONCENTRATION"}}
}
