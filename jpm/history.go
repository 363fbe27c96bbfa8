package jpm

import (
	"context"
	"errors"
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
	if from.IsZero() || to.IsZero() {
		return nil, refuse("balance history", "both a start and an end date are needed")
	}
	start, end := day(from), day(to)
	if end.Before(start) {
		return nil, refuse("balance history", "the end date %s is before the start date %s; swap them", ymd(end), ymd(start))
	}
	refs := dedupe(watched)
	if len(refs) == 0 && len(watched) > 0 {
		return nil, refuse("balance history", "the watched accounts have no account ids")
	}
	var v1Refs, bdaRefs []model.AccountRef
	for _, r := range refs {
		if isBDA(r) {
			bdaRefs = append(bdaRefs, r)
		} else {
			v1Refs = append(v1Refs, r)
		}
	}
	v1Spans := split(start, end, v1MaxDays)
	bdaSpans := split(start, end, bdaMaxDays-bdaLookback)

	var v1Jobs []*v1Job
	if len(refs) == 0 || len(v1Refs) > 0 {
		batches := chunk(v1Refs, v1MaxAccounts)
		if len(refs) == 0 {
			batches = [][]model.AccountRef{nil}
		}
		for _, s := range v1Spans {
			for _, b := range batches {
				v1Jobs = append(v1Jobs, &v1Job{refs: b, q: v1Query{start: ymd(s.from), end: ymd(s.to)}})
			}
		}
	}
	bdaPlan := func(refs []model.AccountRef) []*bdaJob {
		var jobs []*bdaJob
		for _, s := range bdaSpans {
			for _, b := range chunk(refs, bdaMaxAccounts) {
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
				jobs = append(jobs, &bdaJob{refs: b, from: from, first: s.from, to: s.to})
			}
		}
		return jobs
	}
	var bdaJobs []*bdaJob
	var disc *bdaJob
	switch {
	case len(bdaRefs) > 0:
		bdaJobs = bdaPlan(bdaRefs)
	case len(refs) == 0 && c.discoverBDA:
		disc = &bdaJob{discover: true}
		bdaJobs = []*bdaJob{disc}
	}

	c.run(ctx, v1Jobs, bdaJobs)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if disc != nil {
		if disc.err != nil {
			return nil, disc.err
		}
		bdaRefs = discoveredRefs(disc.res)
		bdaJobs = bdaPlan(bdaRefs)
		c.run(ctx, nil, bdaJobs)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}

	var noEligible error
	for _, j := range v1Jobs {
		if j.err != nil {
			if len(refs) == 0 && errors.Is(j.err, model.ErrNoEligibleAccounts) {
				noEligible = j.err
				continue
			}
			return nil, j.err
		}
	}
	for _, j := range bdaJobs {
		if j.err != nil {
			return nil, j.err
		}
	}

	now := c.now()
	var out []model.Balance
	// v1: every account (watched, or all that answered) across windows.
	if len(refs) == 0 {
		v1Refs = nil
		seen := map[string]bool{}
		for _, j := range v1Jobs {
			if j.err != nil { // only GCA-022 gets this far
				continue
			}
			for _, a := range j.res.resp.AccountList {
				if !seen[a.AccountID] {
					seen[a.AccountID] = true
					v1Refs = append(v1Refs, model.AccountRef{ID: a.AccountID})
				}
			}
		}
	}
	for _, r := range v1Refs {
		var rows []model.Balance
		var problem *model.Balance
		for _, j := range v1Jobs {
			if j.err != nil || (j.refs != nil && !j.asks(r.ID)) {
				continue
			}
			a := j.res.find(r.ID)
			if a == nil {
				if problem == nil {
					p := missingRow(r, j.res.missing(), j.res.fetched)
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
		out = append(out, historyRows(rows, problem)...)
	}
	for _, r := range bdaRefs {
		var rows []model.Balance
		var problem *model.Balance
		for _, j := range bdaJobs {
			if !j.asks(r.ID) {
				continue
			}
			ab := j.res.find(r.ID)
			if ab == nil {
				if problem == nil {
					p := missingRow(r, nil, j.res.fetched)
					problem = &p
				}
				continue
			}
			// The window proper, without the look-back days.
			rows = append(rows, bdaRangeRows(ab, r, j.first, j.to, j.res.fetched, now)...)
		}
		out = append(out, historyRows(rows, problem)...)
	}
	if len(out) == 0 && noEligible != nil {
		return nil, noEligible
	}
	return out, nil
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
