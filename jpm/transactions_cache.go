package jpm

import (
	"strings"
	"sync"
	"time"

	"cashpos/model"
)

// txnCache keeps closed days' transactions for the client's lifetime (a
// session): a closed day does not change, so going back to an account, or
// widening "last 5 days" to "last 31 days", re-reads only the days not yet
// seen. A day is stored only when the window covering it arrived complete,
// so a cached day is never a partial one. The current day is never cached.
//
// The cache holds pointers to the items it was given (the pages' own,
// which the caller also holds), not copies: one copy of each transaction
// per process. Items are read-only once fetched, so sharing is safe.
type txnCache struct {
	mu   sync.Mutex
	days map[txnDayKey][]*model.Transaction // present (even empty) = day complete
}

type txnDayKey struct {
	account string // without the bank's zero padding
	day     string // YYYY-MM-DD (asOfDate)
}

func newTxnCache() *txnCache { return &txnCache{days: map[txnDayKey][]*model.Transaction{}} }

func dayKey(account string, d time.Time) txnDayKey {
	return txnDayKey{account: strings.TrimLeft(account, "0"), day: ymd(d)}
}

// dayRun is a run of consecutive days that are all cached, or all not.
type dayRun struct {
	from, to time.Time
	cached   bool
}

// runs cuts from..to into runs of cached and uncached days. Days on or
// after closed count as uncached whatever the cache holds.
func (c *txnCache) runs(account string, from, to, closed time.Time) []dayRun {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []dayRun
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		_, have := c.days[dayKey(account, d)]
		have = have && d.Before(closed)
		if n := len(out); n > 0 && out[n-1].cached == have {
			out[n-1].to = d
			continue
		}
		out = append(out, dayRun{from: d, to: d, cached: have})
	}
	return out
}

// get returns the cached items booked from..to, day by day, as one new
// slice, and from then on the cache points into that slice: the caller's
// earlier copy (a screen since closed) can then be freed, so a re-read
// does not keep two copies alive.
func (c *txnCache) get(account string, from, to time.Time) []model.Transaction {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		n += len(c.days[dayKey(account, d)])
	}
	out := make([]model.Transaction, 0, n)
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		k := dayKey(account, d)
		list := c.days[k]
		if list == nil {
			continue
		}
		start := len(out)
		for _, t := range list {
			out = append(out, *t)
		}
		repointed := make([]*model.Transaction, len(list))
		for i := range repointed {
			repointed[i] = &out[start+i]
		}
		c.days[k] = repointed
	}
	return out
}

// put stores a complete window's items by booking day, for its days
// before closed; items must be every item the bank booked in from..to.
func (c *txnCache) put(account string, from, to, closed time.Time, items []*model.Transaction) {
	byDay := map[string][]*model.Transaction{}
	for _, t := range items {
		byDay[t.AsOfDate] = append(byDay[t.AsOfDate], t)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for d := from; !d.After(to) && d.Before(closed); d = d.AddDate(0, 0, 1) {
		list := byDay[ymd(d)]
		if list == nil {
			list = []*model.Transaction{}
		}
		c.days[dayKey(account, d)] = list
	}
}
