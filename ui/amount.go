package ui

import (
	"math"
	"math/big"
	"math/bits"

	"github.com/shopspring/decimal"

	"cashpos/model"
)

// unitScale is the fixed-point scale of the dashboard's compact amounts:
// every amount is kept as an int64 count of 10^-unitScale, which is exact
// for every ISO 4217 currency (none has more than four minor units) and
// holds amounts up to ±922 trillion. An amount that does not fit (more
// fractional digits, or larger) keeps its decimal and is summed and sorted
// as a decimal: exact either way, only slower. No float ever touches money.
const unitScale = 4

// amount is one balance column in compact form.
type amount struct {
	units int64
	state amountState
}

type amountState uint8

const (
	amountMissing amountState = iota // the bank did not report it
	amountUnits                      // exact in units
	amountBig                        // exact only as the row's decimal
)

// toAmount converts a reported amount to its compact form.
func toAmount(d decimal.NullDecimal) amount {
	if !d.Valid {
		return amount{}
	}
	if a, ok := fastAmount(d.Decimal); ok {
		return a
	}
	s := d.Decimal.Shift(unitScale)
	if !s.IsInteger() {
		return amount{state: amountBig}
	}
	bi := s.BigInt()
	if !bi.IsInt64() {
		return amount{state: amountBig}
	}
	return amount{units: bi.Int64(), state: amountUnits}
}

// fastAmount converts without allocating when the coefficient fits in
// int64 (18 digits or fewer), as bank amounts do: preparing a refresh
// converts four amounts per account.
func fastAmount(d decimal.Decimal) (amount, bool) {
	if d.NumDigits() > 18 {
		return amount{}, false
	}
	coef, shift := d.CoefficientInt64(), int(d.Exponent())+unitScale
	switch {
	case shift >= 0 && shift <= 18:
		p := pow10[shift]
		if coef > math.MaxInt64/p || coef < math.MinInt64/p {
			return amount{state: amountBig}, true
		}
		return amount{units: coef * p, state: amountUnits}, true
	case shift < 0 && shift >= -18:
		p := pow10[-shift]
		if coef%p != 0 {
			return amount{state: amountBig}, true // finer than the scale
		}
		return amount{units: coef / p, state: amountUnits}, true
	}
	return amount{}, false
}

var pow10 = func() (p [19]int64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// amountWidth is the width model.FormatAmount gives an amount of units,
// computed without formatting it: column widths need every row's width, and
// formatting 400,000 amounts per refresh only to measure them would be most
// of the refresh's cost. TestAmountWidthMatchesFormat holds it to the
// formatter.
func amountWidth(units int64, decimals int32) int {
	u := uint64(units)
	w := 0
	if units < 0 {
		u = -u
		w = 1
	}
	intPart, frac := u/1e4, u%1e4
	digits := 1
	for v := intPart; v >= 10; v /= 10 {
		digits++
	}
	w += digits + (digits-1)/3
	sig := int32(0)
	if frac != 0 {
		sig = unitScale
		for f := frac; f%10 == 0; f /= 10 {
			sig--
		}
	}
	if places := max(decimals, sig); places > 0 {
		w += 1 + int(places)
	}
	return w
}

// acc is an exact running sum of one currency column: a 128-bit integer of
// units (100,000 rows of the largest int64 cannot overflow it) plus a
// decimal for the rare amounts that do not fit in units. Adding and
// removing a row cost a few instructions, so totals follow the filter.
type acc struct {
	hi  int64
	lo  uint64
	big decimal.Decimal
}

func (a *acc) add(u int64) {
	var carry uint64
	a.lo, carry = bits.Add64(a.lo, uint64(u), 0)
	a.hi += int64(carry) + (u >> 63) // u>>63 is -1 for a negative u: sign extension
}

func (a *acc) sub(u int64) {
	var borrow uint64
	a.lo, borrow = bits.Sub64(a.lo, uint64(u), 0)
	a.hi -= int64(borrow) + (u >> 63)
}

// decimal is the exact sum.
func (a acc) decimal() decimal.Decimal {
	v := new(big.Int).SetInt64(a.hi)
	v.Lsh(v, 64)
	v.Add(v, new(big.Int).SetUint64(a.lo))
	return decimal.NewFromBigInt(v, -unitScale).Add(a.big)
}

// formatUnits renders an amount that fits in units, as model.FormatAmount does.
func formatUnits(units int64, decimals int32) string {
	return model.FormatAmount(decimal.New(units, -unitScale), decimals)
}
