package mock

import (
	"fmt"
	"strconv"
	"strings"
)

// money is an amount in a currency's minor units (cents, fils, yen).
//
// int64 holds ±9.2e18 minor units: 16 integer digits at 3 decimals, which
// covers the book's 14-integer-digit balance with room for daily drift. The
// amount never passes through float64, so it reaches the wire exactly.
type money int64

// mustMoney parses a literal such as "-1284516.42" with exactly decimals
// fraction digits. It panics because it is only used on the static book.
func mustMoney(s string, decimals int) money {
	m, err := parseMoney(s, decimals)
	if err != nil {
		panic(err)
	}
	return m
}

func parseMoney(s string, decimals int) (money, error) {
	neg := strings.HasPrefix(s, "-")
	digits := strings.TrimPrefix(s, "-")
	intPart, frac, hasPoint := strings.Cut(digits, ".")
	if hasPoint != (decimals > 0) || len(frac) != decimals || intPart == "" {
		return 0, fmt.Errorf("mock: amount %q does not have exactly %d decimals", s, decimals)
	}
	v, err := strconv.ParseInt(intPart+frac, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("mock: amount %q: %w", s, err)
	}
	if neg {
		v = -v
	}
	return money(v), nil
}

// format writes m with exactly decimals digits after the point (none for
// JPY), a leading '-' for negatives and no thousands separators: valid as a
// JSON number literal and as the v2 SignedDecimal pattern ^[+-]?\d+(\.\d+)?$.
func (m money) format(decimals int) string {
	neg := m < 0
	u := uint64(m)
	if neg {
		u = -u // two's complement magnitude; also correct for MinInt64
	}
	s := strconv.FormatUint(u, 10)
	if decimals > 0 {
		if len(s) <= decimals {
			s = strings.Repeat("0", decimals-len(s)+1) + s
		}
		s = s[:len(s)-decimals] + "." + s[len(s)-decimals:]
	}
	if neg {
		s = "-" + s
	}
	return s
}
