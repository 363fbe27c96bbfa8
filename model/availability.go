package model

import (
	"math"

	"github.com/shopspring/decimal"
)

// Availability is the float of an item: the bank's immediateAvailable,
// day1Available, day2Available, day2PlusAvailable and day3PlusAvailable,
// each missing (invalid) when the bank sent null.
//
// It is held compactly because every one of 100,000 items carries it
// (issue 9): each bucket is its exact decimal as coefficient × 10^exponent
// in an int64 and an int8 — the same number, same places ("12.50" stays
// 1250 × 10^-2), never a float — so five buckets cost 56 bytes and no
// allocation instead of five *big.Int. A bucket whose coefficient does not
// fit (more than 18 digits; no real float has that) is kept as decimals in
// wide, so nothing is ever rounded. Read it through the methods; build it
// with NewAvailability.
type Availability struct {
	coef  [numBuckets]int64
	exp   [numBuckets]int8
	valid uint8                            // bit i: the bank sent bucket i
	wide  *[numBuckets]decimal.NullDecimal // all buckets, when one does not fit coef/exp
}

const (
	bucketImmediate = iota
	bucketDay1
	bucketDay2
	bucketDay2Plus
	bucketDay3Plus
	numBuckets
)

// NewAvailability holds the five buckets as the bank sent them.
func NewAvailability(immediate, day1, day2, day2Plus, day3Plus decimal.NullDecimal) Availability {
	var a Availability
	all := [numBuckets]decimal.NullDecimal{immediate, day1, day2, day2Plus, day3Plus}
	for i, v := range all {
		if v.Valid {
			a.valid |= 1 << i
		}
	}
	for i, v := range all {
		if !v.Valid {
			continue
		}
		c := v.Decimal.Coefficient()
		e := v.Decimal.Exponent()
		if !c.IsInt64() || e < math.MinInt8 || e > math.MaxInt8 {
			return Availability{valid: a.valid, wide: &all}
		}
		a.coef[i], a.exp[i] = c.Int64(), int8(e)
	}
	return a
}

func (a Availability) bucket(i int) decimal.NullDecimal {
	if a.valid&(1<<i) == 0 {
		return decimal.NullDecimal{}
	}
	if a.wide != nil {
		return a.wide[i]
	}
	return decimal.NewNullDecimal(decimal.New(a.coef[i], int32(a.exp[i])))
}

// Immediate is immediateAvailable; invalid when the bank sent null.
func (a Availability) Immediate() decimal.NullDecimal { return a.bucket(bucketImmediate) }

// Day1 is day1Available; invalid when the bank sent null.
func (a Availability) Day1() decimal.NullDecimal { return a.bucket(bucketDay1) }

// Day2 is day2Available; invalid when the bank sent null.
func (a Availability) Day2() decimal.NullDecimal { return a.bucket(bucketDay2) }

// Day2Plus is day2PlusAvailable; invalid when the bank sent null.
func (a Availability) Day2Plus() decimal.NullDecimal { return a.bucket(bucketDay2Plus) }

// Day3Plus is day3PlusAvailable; invalid when the bank sent null.
func (a Availability) Day3Plus() decimal.NullDecimal { return a.bucket(bucketDay3Plus) }

// Any says the bank sent at least one bucket.
func (a Availability) Any() bool { return a.valid != 0 }

// Deferred is the part of the item not immediately available (the sum of
// the day-1 and later buckets the bank sent). Zero when nothing is held.
func (a Availability) Deferred() decimal.Decimal {
	sum := decimal.Zero
	for i := bucketDay1; i < numBuckets; i++ {
		if v := a.bucket(i); v.Valid {
			sum = sum.Add(v.Decimal)
		}
	}
	return sum
}
