package main

import "cashpos/model"

// demoGroups is the demo's sample grouping, as an analyst's configuration
// would give it ([[accounts]] group = "…"): the demo has no configuration,
// but groups (headings, c for subtotals, a filter on "europe") are how
// analysts read a book. Keyed by the demo book's stable account ids.
var demoGroups = map[string]string{
	"000000010962009": "US Operating", "000000010900009": "US Operating", "000000010975001": "US Operating",
	"000000010975514": "US Operating", "000000004045701": "US Operating",
	"000000011008182": "US Liquidity", "000000010013324": "US Liquidity",
	"000000020450017": "Europe", "000000020450025": "Europe", "000000030780012": "Europe", "000000030780020": "Europe",
	"000000040112006": "Asia & Middle East", "000000050330019": "Asia & Middle East", "000000050330027": "Asia & Middle East",
	"1234567890": "Blockchain deposits", "2000318274": "Blockchain deposits", "2000318290": "Blockchain deposits",
}

// withDemoGroups sets the sample groups on a demo snapshot's accounts.
// Accounts outside the book (the mock's extra load-test accounts) stay
// ungrouped and appear under "Other".
func withDemoGroups(snap model.Snapshot) model.Snapshot {
	for i := range snap.Balances {
		a := &snap.Balances[i].Account
		if g, ok := demoGroups[a.ID]; ok && a.Group == "" {
			a.Group = g
		}
	}
	return snap
}
