package jpm

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"cashpos/model"
)

// BalanceHistory fetches one row per account per day with data over the
// calendar days from..to (inclusive; each taken in its own location). v1
// ranges are split into ≤31-day windows, BDA ones into ≤45-day windows
// (less the look-back for openings). Rows come in the watched order, each
// account's days ascending.
//
// Unlike Balances there is no partial result: a history with a silent hole
// reads as complete, so any failed call fails the whole history.
func (c *Client) BalanceHistory(ctx context.Context, watched []model.AccountRef, from, to time.Time) ([]model.Balance, error) {
	rows, err := c.balanceHistory(ctx, watched, from, to)
	for i := range rows {
		c.scrub.balance(&rows[i])
	}
	return rows, c.scrub.err(err)
}

func (c *Client) balanceHistory(ctx context.Context, watched []model.AccountRef, from, to time.Time) ([]model.Balance, error) {
	start, end, err := historyRange(from, to)
	if err != nil {
		return nil, err
	}
	refs, err := watchedRefs("balance history", watched)
	if err != nil {
		return nil, err
	}
	p := c.planHistory(refs, start, end)
	if err := c.runHistory(ctx, p); err != nil {
		return nil, err
	}
	noEligible, err := p.failure()
	if err != nil {
		return nil, err
	}
	out := p.rows(c.now())
	if len(out) == 0 && noEligible != nil {
		return nil, noEligible
	}
	return out, nil
}

// historyRange turns from..to into calendar days, refusing a missing end
// or an end before the start.
func historyRange(from, to time.Time) (start, end time.Time, err error) {
	if from.IsZero() || to.IsZero() {
		return time.Time{}, time.Time{}, refuse("balance history", "both a start and an end date are needed")
	}
	start, end = day(from), day(to)
	if end.Before(start) {
		return time.Time{}, time.Time{}, refuse("balance history", "the end date %s is before the start date %s; swap them", ymd(end), ymd(start))
	}
	return start, end, nil
}

// historyPlan is the calls one BalanceHistory makes, and after the run
// their outcomes.
type historyPlan struct {
	start, end      time.Time
	all             bool // no watched list: every entitled account
	v1Refs, bdaRefs []model.AccountRef
	v1Jobs          []*v1Job
	bdaJobs         []*bdaJob
	// disc lists the BDA accounts when there is no watched list; their
	// inquiries can only be planned once it has answered.
	disc *bdaJob
}

// planHistory plans the v1 calls per window and batch, and either the BDA
// inquiries for the watched BDA accounts or, with no watched list and
// DiscoverBDA, a discovery.
func (c *Client) planHistory(refs []model.AccountRef, start, end time.Time) *historyPlan {
	p := &historyPlan{start: start, end: end, all: len(refs) == 0}
	p.v1Refs, p.bdaRefs = partitionByAPI(refs)
	batches := chunk(p.v1Refs, v1MaxAccounts)
	if p.all {
		batches = [][]model.AccountRef{nil} // one call per window for every account
	}
	p.v1Jobs = planV1(historyQueries(start, end), batches)
	switch {
	case len(p.bdaRefs) > 0:
		p.bdaJobs = c.historyBDAJobs(p.bdaRefs, start, end)
	case p.all && c.discoverBDA:
		p.disc = &bdaJob{discover: true}
		p.bdaJobs = []*bdaJob{p.disc}
	}
	return p
}

// historyQueries is one v1 query per window of at most v1MaxDays.
func historyQueries(start, end time.Time) []v1Query {
	var qs []v1Query
	for _, s := range split(start, end, v1MaxDays) {
		qs = append(qs, v1Query{start: ymd(s.from), end: ymd(s.to)})
	}
	return qs
}

// historyBDAJobs plans the BDA inquiries for refs: one per window and
// batch, each window short enough to leave room for the look-back.
func (c *Client) historyBDAJobs(refs []model.AccountRef, start, end time.Time) []*bdaJob {
	var jobs []*bdaJob
	for _, s := range split(start, end, bdaMaxDays-bdaLookback) {
		for _, b := range chunk(refs, bdaMaxAccounts) {
			jobs = append(jobs, &bdaJob{refs: b, from: c.lookbackFrom(b, s), first: s.from, to: s.to})
		}
	}
	return jobs
}

// lookbackFrom is the first book date to ask for batch b's window s.
func (c *Client) lookbackFrom(b []model.AccountRef, s span) time.Time {
	// The look-back finds the previous closing for the first
	// day's opening, but must not reach past the bank's
	// history window, or a history the bank can answer fails
	// whole; at the edge the first opening is missing instead.
	from := s.from.AddDate(0, 0, -bdaLookback)
	// Only the look-back is clamped: a window the user asked
	// for beyond the history is left for the bank to refuse.
	if oldest := c.bdaOldest(b); from.Before(oldest) {
		from = oldest
		if s.from.Before(oldest) {
			from = s.from
		}
	}
	return from
}

// runHistory runs the plan. When it held a discovery, the inquiries for
// the accounts discovered are planned and run after it.
func (c *Client) runHistory(ctx context.Context, p *historyPlan) error {
	c.run(ctx, p.v1Jobs, p.bdaJobs)
	if err := ctxFailure(ctx); err != nil {
		return err
	}
	if p.disc == nil {
		return nil
	}
	if p.disc.err != nil {
		return p.disc.err
	}
	p.bdaRefs = discoveredRefs(p.disc.res)
	p.bdaJobs = c.historyBDAJobs(p.bdaRefs, p.start, p.end)
	c.run(ctx, nil, p.bdaJobs)
	return ctxFailure(ctx)
}

// failure is the error that fails the history: the first failed call, v1
// before BDA. With no watched list, a v1 window finding no eligible
// accounts is not a failure while other calls read rows; it comes back as
// noEligible, for the caller to return only if no rows at all were read.
func (p *historyPlan) failure() (noEligible, err error) {
	for _, j := range p.v1Jobs {
		if j.err == nil && j.res != nil && len(j.res.overCap) > 0 {
			// A history cannot be partial: accounts past the limit
			// fail it, named, rather than leave a silent hole.
			return nil, fmt.Errorf("%s: the answer held %d accounts more than the %d this client keeps (first not read: %s); watch fewer accounts",
				apiBalanceV1, len(j.res.overCap), len(j.res.resp.AccountList), j.res.overCap[0])
		}
	}
	for _, e := range jobErrors(p.v1Jobs, nil) {
		if p.all && errors.Is(e, model.ErrNoEligibleAccounts) {
			noEligible = e
			continue
		}
		return nil, e
	}
	if errs := jobErrors(nil, p.bdaJobs); len(errs) > 0 {
		return nil, errs[0]
	}
	return noEligible, nil
}

// rows lays out the history: v1 accounts, then BDA ones, each account's
// days ascending.
func (p *historyPlan) rows(now time.Time) []model.Balance {
	var out []model.Balance
	// v1: every account (watched, or all that answered) across windows.
	v1Refs := p.v1Refs
	if p.all {
		v1Refs = v1Answered(p.v1Jobs)
	}
	for _, r := range v1Refs {
		out = append(out, v1AccountHistory(r, p.v1Jobs, p.start, p.end)...)
	}
	for _, r := range p.bdaRefs {
		out = append(out, bdaAccountHistory(r, p.bdaJobs, now)...)
	}
	return out
}

// v1Answered lists the accounts the v1 answers hold, in first-seen order.
func v1Answered(jobs []*v1Job) []model.AccountRef {
	var refs []model.AccountRef
	seen := map[string]bool{}
	for _, j := range jobs {
		if j.err != nil { // only GCA-022 gets this far
			continue
		}
		for _, a := range j.res.resp.AccountList {
			if !seen[a.AccountID] {
				seen[a.AccountID] = true
				refs = append(refs, model.AccountRef{ID: a.AccountID})
			}
		}
	}
	return refs
}

// v1AccountHistory collects r's days in start..end across the v1 windows
// that asked for it (every window, when it was not batched by account).
func v1AccountHistory(r model.AccountRef, jobs []*v1Job, start, end time.Time) []model.Balance {
	var rows []model.Balance
	var problem *model.Balance
	for _, j := range jobs {
		if j.err != nil || (j.refs != nil && !j.asks(r.ID)) {
			continue
		}
		a := j.res.find(r.ID)
		if a == nil {
			if problem == nil {
				p := j.missingRow(r)
				problem = &p
			}
			continue
		}
		for _, b := range a.rowsFor(r, j.res.fetched, false) {
			switch {
			case b.Problem != nil:
				if problem == nil {
					problem = &b
				}
			case b.AsOfDate >= ymd(start) && b.AsOfDate <= ymd(end):
				rows = append(rows, b)
			}
		}
	}
	return historyRows(rows, problem)
}

// bdaAccountHistory collects r's days across the BDA windows that asked
// for it.
func bdaAccountHistory(r model.AccountRef, jobs []*bdaJob, now time.Time) []model.Balance {
	var rows []model.Balance
	var problem *model.Balance
	for _, j := range jobs {
		if !j.asks(r.ID) {
			continue
		}
		ab := j.res.find(r.ID)
		if ab == nil {
			if problem == nil {
				p := j.missingRow(r)
				problem = &p
			}
			continue
		}
		// The window proper, without the look-back days.
		rows = append(rows, bdaRangeRows(ab, r, j.first, j.to, j.res.fetched, now)...)
	}
	return historyRows(rows, problem)
}

// historyRows orders one account's rows by date, dropping repeats; a
// Problem row stands in only when there is no data at all.
func historyRows(rows []model.Balance, problem *model.Balance) []model.Balance {
	if len(rows) == 0 {
		if problem != nil {
			return []model.Balance{*problem}
		}
		return nil
	}
	slices.SortStableFunc(rows, func(a, b model.Balance) int {
		switch {
		case a.AsOfDate < b.AsOfDate:
			return -1
		case a.AsOfDate > b.AsOfDate:
			return 1
		}
		return 0
	})
	return slices.CompactFunc(rows, func(a, b model.Balance) bool { return a.AsOfDate == b.AsOfDate })
}

// bdaOldest is the oldest book date BDA v2 serves for every account in refs:
// bdaMaxDays before today in the account's zone, taking the latest such date
// across zones so that no account in the batch is asked for too much.
func (c *Client) bdaOldest(refs []model.AccountRef) time.Time {
	var oldest time.Time
	for _, r := range refs {
		o := todayIn(c.now(), refAccount(r).Location()).AddDate(0, 0, -bdaMaxDays)
		if o.After(oldest) {
			oldest = o
		}
	}
	return oldest
}
