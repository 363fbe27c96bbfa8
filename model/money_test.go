package model

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestFormatAmount(t *testing.T) {
	cases := []struct {
		in   string
		dec  int32
		want string
	}{
		{"0", 2, "0.00"},
		{"-0.00", 2, "0.00"},
		{"1234.5", 2, "1,234.50"},
		{"-1234.5", 2, "-1,234.50"},
		{"-4681826093.93", 2, "-4,681,826,093.93"},
		{"48213900117254.31", 2, "48,213,900,117,254.31"},
		{"99999999999999.99", 2, "99,999,999,999,999.99"},
		{"1234567", 0, "1,234,567"},
		{"-1000", 0, "-1,000"},
		{"12.345", 3, "12.345"},
		{"-1234567.8", 3, "-1,234,567.800"},
		{"100", 2, "100.00"},
		{"999", 2, "999.00"},
		{"1000", 2, "1,000.00"},
		{"0.01", 2, "0.01"},
		{"-0.01", 2, "-0.01"},
		// More digits than the minor units: shown, never rounded away.
		{"1.005", 2, "1.005"},
		{"1.0050", 2, "1.005"},
		{"1.50", 0, "1.5"},
	}
	for _, c := range cases {
		got := FormatAmount(decimal.RequireFromString(c.in), c.dec)
		if got != c.want {
			t.Errorf("FormatAmount(%s, %d) = %q, want %q", c.in, c.dec, got, c.want)
		}
	}
}

func TestFormatPlain(t *testing.T) {
	cases := []struct {
		in   string
		dec  int32
		want string
	}{
		{"1234.5", 2, "1234.50"},
		{"-4681826093.93", 2, "-4681826093.93"},
		{"7", 0, "7"},
		{"12.3", 3, "12.300"},
		{"1.005", 2, "1.005"},
	}
	for _, c := range cases {
		if got := FormatPlain(decimal.RequireFromString(c.in), c.dec); got != c.want {
			t.Errorf("FormatPlain(%s, %d) = %q, want %q", c.in, c.dec, got, c.want)
		}
	}
}

// FuzzFormatAmount checks that formatting never loses or invents value:
// stripping the separators gives back exactly the input amount.
func FuzzFormatAmount(f *testing.F) {
	for _, s := range []string{"0", "-1234.5", "48213900117254.31", "12.345", "1.005", "-0.001"} {
		f.Add(s, int32(2))
	}
	f.Fuzz(func(t *testing.T, s string, dec int32) {
		d, err := decimal.NewFromString(s)
		if err != nil || dec < 0 || dec > 6 || len(s) > 40 {
			return
		}
		out := FormatAmount(d, dec)
		back, err := decimal.NewFromString(stripCommas(out))
		if err != nil {
			t.Fatalf("FormatAmount(%s) = %q does not parse: %v", s, out, err)
		}
		if !back.Equal(d) {
			t.Fatalf("FormatAmount(%s, %d) = %q, reads back as %s", s, dec, out, back)
		}
		if d.Sign() < 0 && out[0] != '-' {
			t.Fatalf("negative %s formatted without minus: %q", s, out)
		}
	})
}

func stripCommas(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != ',' {
			b = append(b, s[i])
		}
	}
	return string(b)
}

func BenchmarkFormatAmount(b *testing.B) {
	d := decimal.RequireFromString("-48213900117254.31")
	for b.Loop() {
		_ = FormatAmount(d, 2)
	}
}
