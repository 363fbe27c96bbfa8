package config

import (
	"strings"
	"testing"
)

func TestPaymentsConfig(t *testing.T) {
	for _, tc := range []struct {
		name, toml, err string
		check           func(Payments) bool
	}{
		{"defaults", ``, "", func(p Payments) bool {
			return p.PerPaymentLimit.Equal(DefaultPerPaymentLimit) && p.DailyLimit.Equal(DefaultDailyLimit) &&
				p.WireCutoff == DefaultWireCutoff && p.ACHCutoff == DefaultACHCutoff
		}},
		{"set", "[payments]\nper_payment_limit = \"250000.00\"\ndaily_limit = \"0\"\nwire_cutoff = \"16:30\"\nach_cutoff = \"14:45\"\nach_company_id = \"4192662001\"\n", "",
			func(p Payments) bool {
				return p.PerPaymentLimit.String() == "250000" && p.DailyLimit.IsZero() && p.ACHCompanyID == "4192662001" &&
					p.WireCutoff == ClockTime{16, 30} && p.ACHCutoff == ClockTime{14, 45}
			}},
		{"bad limit", "[payments]\nper_payment_limit = \"1e6x\"\n", `payments.per_payment_limit "1e6x": not a USD amount`, nil},
		{"negative limit", "[payments]\ndaily_limit = \"-5\"\n", `payments.daily_limit "-5"`, nil},
		{"three decimals", "[payments]\ndaily_limit = \"5.001\"\n", `payments.daily_limit`, nil},
		{"bad cutoff", "[payments]\nwire_cutoff = \"5pm\"\n", `payments.wire_cutoff "5pm": not a New York time`, nil},
		{"unknown key", "[payments]\nwire_cutof = \"17:00\"\n", `payments.wire_cutof: unknown key`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.config("env = \"mock\"\nclient_id = \"x\"\n" + tc.toml)
			cfg, err := f.load(fakeEnv{"CASHPOS_CLIENT_SECRET": testSecret}, Overrides{})
			switch {
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Fatalf("error %v, want %q", err, tc.err)
			case tc.err == "" && err != nil:
				t.Fatal(err)
			case tc.err == "" && !tc.check(cfg.Payments):
				t.Errorf("payments %+v", cfg.Payments)
			}
		})
	}
}
