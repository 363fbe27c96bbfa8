package config

import (
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Payments are the company's own payment rules: limits checked before the
// review, and each rail's daily cut-off in New York time. File keys:
//
//	[payments]
//	per_payment_limit = "1000000.00"   # USD; "0" means no limit
//	daily_limit       = "5000000.00"   # USD, all payments for one execution date
//	wire_cutoff       = "17:00"        # HH:MM New York time
//	ach_cutoff        = "16:00"
//	ach_company_id    = "4192662001"   # the ACH originator (company) id J.P. Morgan assigned
type Payments struct {
	PerPaymentLimit decimal.Decimal
	DailyLimit      decimal.Decimal
	WireCutoff      ClockTime
	ACHCutoff       ClockTime
	// ACHCompanyID is sent as the debtor's organizationId with scheme
	// JPMCOID on ACH credits (jpm-api §6.4); empty sends none.
	ACHCompanyID string
}

// ClockTime is a time of day.
type ClockTime struct{ Hour, Minute int }

func (c ClockTime) String() string { return fmt.Sprintf("%02d:%02d", c.Hour, c.Minute) }

// Payment defaults. The limits are deliberately modest: a limit set too low
// costs an analyst a config edit, one set too high costs nothing until the
// day it matters. The cut-offs are typical J.P. Morgan client cut-offs for
// US wires (Fedwire closes to customer transfers at 18:00 ET) and next-day
// ACH; set yours from your service agreement.
var (
	DefaultPerPaymentLimit = decimal.RequireFromString("1000000.00")
	DefaultDailyLimit      = decimal.RequireFromString("5000000.00")
	DefaultWireCutoff      = ClockTime{17, 0}
	DefaultACHCutoff       = ClockTime{16, 0}
)

func defaultPayments() Payments {
	return Payments{
		PerPaymentLimit: DefaultPerPaymentLimit, DailyLimit: DefaultDailyLimit,
		WireCutoff: DefaultWireCutoff, ACHCutoff: DefaultACHCutoff,
	}
}

// filePayments is the [payments] table as written.
type filePayments struct {
	PerPaymentLimit string `toml:"per_payment_limit"`
	DailyLimit      string `toml:"daily_limit"`
	WireCutoff      string `toml:"wire_cutoff"`
	ACHCutoff       string `toml:"ach_cutoff"`
	ACHCompanyID    string `toml:"ach_company_id"`
}

// applyFilePayments lays the [payments] table over c.
func (c *Config) applyFilePayments(fp filePayments) error {
	for _, l := range []struct {
		key, raw string
		dst      *decimal.Decimal
	}{
		{"payments.per_payment_limit", fp.PerPaymentLimit, &c.Payments.PerPaymentLimit},
		{"payments.daily_limit", fp.DailyLimit, &c.Payments.DailyLimit},
	} {
		if raw := strings.TrimSpace(l.raw); raw != "" {
			d, err := decimal.NewFromString(raw)
			if err != nil || d.Sign() < 0 || d.Exponent() < -2 {
				return valueErr(l.key, raw, `not a USD amount like "1000000.00" ("0" for no limit)`)
			}
			*l.dst = d
			c.prov.set(l.key, l.key)
		}
	}
	if id := strings.TrimSpace(fp.ACHCompanyID); id != "" {
		if len(id) > 35 {
			return valueErr("payments.ach_company_id", id, "at most 35 characters")
		}
		c.Payments.ACHCompanyID = id
		c.prov.set("payments.ach_company_id", "payments.ach_company_id")
	}
	for _, t := range []struct {
		key, raw string
		dst      *ClockTime
	}{
		{"payments.wire_cutoff", fp.WireCutoff, &c.Payments.WireCutoff},
		{"payments.ach_cutoff", fp.ACHCutoff, &c.Payments.ACHCutoff},
	} {
		if raw := strings.TrimSpace(t.raw); raw != "" {
			v, err := time.Parse("15:04", raw)
			if err != nil {
				return valueErr(t.key, raw, "not a New York time of day like 17:00")
			}
			*t.dst = ClockTime{v.Hour(), v.Minute()}
			c.prov.set(t.key, t.key)
		}
	}
	return nil
}
