package jpm

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"golang.org/x/sync/errgroup"

	"cashpos/model"
)

// v1Job is one Account Balances v1 call; bdaJob one BDA call (an inquiry,
// or discovery when refs is nil). Jobs run concurrently and each keeps its
// own outcome, so one failed batch does not hide the others.
type v1Job struct {
	refs []model.AccountRef // nil: every entitled account
	q    v1Query
	res  *v1Result
	err  error
	set  map[string]bool
}

type bdaJob struct {
	refs     []model.AccountRef
	discover bool
	from, to time.Time
	// first is the first wanted book date of a history window; from is
	// earlier by the look-back (clamped to the bank's history).
	first time.Time
	res   *bdaResult
	err   error
	set   map[string]bool
}

func (j *v1Job) asks(id string) bool  { return asks(&j.set, j.refs, id) }
func (j *bdaJob) asks(id string) bool { return asks(&j.set, j.refs, id) }

// asks says whether a batch asked for id (built once, used after the run).
func asks(set *map[string]bool, refs []model.AccountRef, id string) bool {
	if *set == nil {
		*set = make(map[string]bool, len(refs))
		for _, r := range refs {
			(*set)[r.ID] = true
		}
	}
	return (*set)[id]
}

// run executes the jobs, at most Concurrency at a time, interleaving the
// two APIs so neither waits behind the other's batches.
func (c *Client) run(ctx context.Context, v1 []*v1Job, bda []*bdaJob) {
	ctx = withTripwire(ctx)
	var g errgroup.Group
	g.SetLimit(c.concurrency)
	for i := range max(len(v1), len(bda)) {
		if i < len(v1) {
			j := v1[i]
			g.Go(func() error {
				j.res, j.err = c.fetchV1(ctx, j.q, j.refs)
				return nil
			})
		}
		if i < len(bda) {
			j := bda[i]
			g.Go(func() error {
				if j.discover {
					j.res, j.err = c.discoverBDAAccounts(ctx)
				} else {
					j.res, j.err = c.inquireBDA(ctx, j.refs, j.from, j.to)
				}
				return nil
			})
		}
	}
	_ = g.Wait() // jobs report through their own err
}

// Balances fetches one row per watched account for the current or the
// prior day, in the watched order. With no watched list it fetches every
// account the credentials are entitled to: v1 accounts in answer order,
// then (with DiscoverBDA) BDA accounts.
//
// Batches that fail while others succeed give Problem rows and
// Snapshot.Partial, with a nil error; the error is non-nil only when
// nothing at all could be read, or the context ended.
//
// When ctx's deadline passes (see DeadlineError) the batches that finished
// are kept and the others become Problem rows or Unread parts saying so;
// when ctx is cancelled otherwise, the error is model.ErrInterrupted.
func (c *Client) Balances(ctx context.Context, watched []model.AccountRef, day RelativeDay) (model.Snapshot, error) {
	snap, err := c.balances(ctx, watched, day)
	c.scrub.snapshot(&snap)
	return snap, c.scrub.err(err)
}

func (c *Client) balances(ctx context.Context, watched []model.AccountRef, day RelativeDay) (model.Snapshot, error) {
	if err := day.valid(); err != nil {
		return model.Snapshot{}, err
	}
	refs, err := watchedRefs("balances", watched)
	if err != nil {
		return model.Snapshot{}, err
	}
	if len(refs) == 0 {
		return c.balancesAll(ctx, day)
	}
	now := c.now()
	v1Jobs, bdaJobs := planBalances(refs, day, now)
	c.run(ctx, v1Jobs, bdaJobs)
	if err := interrupted(ctx); err != nil {
		return model.Snapshot{}, err
	}
	rows := balanceRows(refs, jobByRef(v1Jobs, bdaJobs), day, now)
	failed := jobErrors(v1Jobs, bdaJobs)
	if len(failed) == len(v1Jobs)+len(bdaJobs) {
		return model.Snapshot{}, mostTelling(failed)
	}
	return model.Snapshot{Balances: rows, Partial: len(failed) > 0, FetchedAt: c.now()}, nil
}

// watchedRefs dedupes the watched list; what names the call for the
// refusal. An empty result means "every account", so a list that held only
// blank entries is refused instead.
func watchedRefs(what string, watched []model.AccountRef) ([]model.AccountRef, error) {
	refs := dedupe(watched)
	if len(refs) == 0 && len(watched) > 0 {
		// Never widen a list of blank entries to "every account".
		return nil, refuse(what, "the watched accounts have no account ids")
	}
	return refs, nil
}

// partitionByAPI splits refs into those read through Account Balances v1
// and those read through BDA v2, each keeping the watched order.
func partitionByAPI(refs []model.AccountRef) (v1, bda []model.AccountRef) {
	v1 = make([]model.AccountRef, 0, len(refs)) // nearly all are v1: one allocation, not a doubling series
	for _, r := range refs {
		if isBDA(r) {
			bda = append(bda, r)
		} else {
			v1 = append(v1, r)
		}
	}
	return v1, bda
}

// planV1 makes one v1 job per query and batch, all batches of the first
// query before the next.
func planV1(queries []v1Query, batches [][]model.AccountRef) []*v1Job {
	var jobs []*v1Job
	for _, q := range queries {
		for _, b := range batches {
			jobs = append(jobs, &v1Job{refs: b, q: q})
		}
	}
	return jobs
}

// currentDayBDAJobs batches BDA accounts whose current day is today into
// inquiries for a relative day.
func currentDayBDAJobs(refs []model.AccountRef, today time.Time) []*bdaJob {
	var jobs []*bdaJob
	for _, b := range chunk(refs, bdaMaxAccounts) {
		// From a prior day back, so the opening can come from the
		// previous closing (see bdaDays.row).
		jobs = append(jobs, &bdaJob{refs: b, from: today.AddDate(0, 0, -(bdaLookback + 1)), to: today})
	}
	return jobs
}

// planBalances plans the calls for a watched list: v1 accounts in batches
// of 200; BDA accounts grouped by their own current day (zones differ) in
// batches of 25.
func planBalances(refs []model.AccountRef, day RelativeDay, now time.Time) ([]*v1Job, []*bdaJob) {
	v1Refs, bdaRefs := partitionByAPI(refs)
	v1Jobs := planV1([]v1Query{{relative: day}}, chunk(v1Refs, v1MaxAccounts))
	var bdaJobs []*bdaJob
	for _, g := range groupByToday(bdaRefs, now) {
		bdaJobs = append(bdaJobs, currentDayBDAJobs(g.refs, g.today)...)
	}
	return v1Jobs, bdaJobs
}

// bdaDayGroup is the BDA accounts whose current day is today.
type bdaDayGroup struct {
	today time.Time
	refs  []model.AccountRef
}

// groupByToday groups accounts by their current day in their own zone, in
// the order each day is first seen: one inquiry has one date range, so
// accounts on different days cannot share it.
func groupByToday(refs []model.AccountRef, now time.Time) []bdaDayGroup {
	var groups []bdaDayGroup
	at := map[time.Time]int{}
	for _, r := range refs {
		today := todayIn(now, refAccount(r).Location())
		i, ok := at[today]
		if !ok {
			i = len(groups)
			at[today] = i
			groups = append(groups, bdaDayGroup{today: today})
		}
		groups[i].refs = append(groups[i].refs, r)
	}
	return groups
}

// dayJob is a planned call that answers a relative day: a *v1Job or a
// *bdaJob.
type dayJob interface {
	// asked lists the accounts the job asked for.
	asked() []model.AccountRef
	// appendDayRows appends r's rows for the relative day, or its
	// Problem row (no slice per account: 100,000 of them at scale).
	appendDayRows(dst []model.Balance, r model.AccountRef, day RelativeDay, now time.Time) []model.Balance
}

func (j *v1Job) asked() []model.AccountRef  { return j.refs }
func (j *bdaJob) asked() []model.AccountRef { return j.refs }

// jobByRef maps each watched account to the job that asked for it.
// Deduped refs are distinct values, so none collide.
func jobByRef(v1 []*v1Job, bda []*bdaJob) map[model.AccountRef]dayJob {
	n := 0
	for _, j := range v1 {
		n += len(j.refs)
	}
	for _, j := range bda {
		n += len(j.refs)
	}
	by := make(map[model.AccountRef]dayJob, n) // sized once: no rehashing at 100,000
	add := func(j dayJob) {
		for _, r := range j.asked() {
			by[r] = j
		}
	}
	for _, j := range v1 {
		add(j)
	}
	for _, j := range bda {
		add(j)
	}
	return by
}

// balanceRows lays out a relative day's rows in the watched order, each
// from the job that asked for the account.
func balanceRows(refs []model.AccountRef, answeredBy map[model.AccountRef]dayJob, day RelativeDay, now time.Time) []model.Balance {
	rows := make([]model.Balance, 0, len(refs))
	for _, r := range refs {
		if j, ok := answeredBy[r]; ok {
			rows = j.appendDayRows(rows, r, day, now)
		}
	}
	return rows
}

// appendDayRows appends r's answer from a relative-day v1 call, or its
// Problem row. The day is the one the call asked for, so it needs no other.
func (j *v1Job) appendDayRows(dst []model.Balance, r model.AccountRef, _ RelativeDay, now time.Time) []model.Balance {
	switch {
	case j.err != nil:
		return append(dst, problemRow(r, j.err, now))
	case j.res.find(r.ID) == nil:
		return append(dst, j.missingRow(r))
	default:
		return j.res.find(r.ID).appendRows(dst, r, j.res.fetched, true)
	}
}

// appendDayRows appends r's row from a relative-day BDA inquiry, or its
// Problem row.
func (j *bdaJob) appendDayRows(dst []model.Balance, r model.AccountRef, day RelativeDay, now time.Time) []model.Balance {
	if j.err != nil {
		return append(dst, problemRow(r, j.err, now))
	}
	ab := j.res.find(r.ID)
	if ab == nil {
		return append(dst, j.missingRow(r))
	}
	// The day planned for, even if midnight passed meanwhile.
	return append(dst, bdaRelativeRow(ab, r, day, j.res.fetched, now))
}

// missingRow is the Problem row for r when the v1 answer left it out,
// carrying the bank's note if the answer had one.
func (j *v1Job) missingRow(r model.AccountRef) model.Balance {
	return missingRow(r, j.res.missing(), j.res.fetched)
}

// missingRow is the Problem row for r when the BDA answer left it out.
func (j *bdaJob) missingRow(r model.AccountRef) model.Balance {
	return missingRow(r, nil, j.res.fetched)
}

// jobErrors lists the errors of the failed jobs, v1 first, each in plan
// order.
func jobErrors(v1 []*v1Job, bda []*bdaJob) []error {
	var errs []error
	for _, j := range v1 {
		if j.err != nil {
			errs = append(errs, j.err)
		}
	}
	for _, j := range bda {
		if j.err != nil {
			errs = append(errs, j.err)
		}
	}
	return errs
}

// balancesAll is Balances with no watched list.
func (c *Client) balancesAll(ctx context.Context, day RelativeDay) (model.Snapshot, error) {
	v1 := &v1Job{q: v1Query{relative: day}}
	var bda []*bdaJob
	if c.discoverBDA {
		bda = append(bda, &bdaJob{discover: true})
	}
	c.run(ctx, []*v1Job{v1}, bda)
	if err := interrupted(ctx); err != nil {
		return model.Snapshot{}, err
	}
	a := &allAnswer{}
	a.addV1(v1, c.maxV1Accounts)
	if len(bda) > 0 {
		if err := c.addDiscovered(ctx, a, bda[0], day); err != nil {
			return model.Snapshot{}, err
		}
	}
	if len(a.snap.Balances) == 0 {
		return model.Snapshot{}, a.nothing(v1)
	}
	a.snap.Partial = len(a.failed) > 0
	a.snap.FetchedAt = c.now()
	return a.snap, nil
}

// allAnswer collects the answer for "every account": rows, the parts that
// could not be read (named, never dropped) and the errors behind them.
type allAnswer struct {
	snap       model.Snapshot
	failed     []error
	noEligible bool
}

// addV1 takes the v1 listing's rows (and the LIMIT rows of any accounts past
// the limit), or names the v1 accounts as unread. "No eligible accounts"
// is not a failure while BDA may still have accounts.
func (a *allAnswer) addV1(v1 *v1Job, limit int) {
	a.noEligible = v1.err != nil && errors.Is(v1.err, model.ErrNoEligibleAccounts)
	switch {
	case v1.err == nil:
		list := v1.res.resp.AccountList
		// One row per account (latest=true), sized once: growing a
		// 100,000-row slice by doubling leaves twice its size as garbage.
		a.snap.Balances = slices.Grow(a.snap.Balances, len(list)+len(v1.res.overCap))
		for i := range list {
			a.snap.Balances = list[i].appendRows(a.snap.Balances, model.AccountRef{}, v1.res.fetched, true)
		}
		a.snap.Balances = append(a.snap.Balances, v1.res.overCapRows(limit)...)
	case !a.noEligible:
		a.failed = append(a.failed, v1.err)
		a.snap.Unread = append(a.snap.Unread, model.Unread{What: "Account Balances v1 accounts (the list of them could not be read)",
			API: model.APIAccessV1, Reason: v1.err.Error()})
	}
}

// addDiscovered takes the BDA listing's rows; a 401/403 listing is a
// notice (not entitled), a failure names the BDA accounts as unread. Only
// the user's interrupt is returned.
func (c *Client) addDiscovered(ctx context.Context, a *allAnswer, disc *bdaJob, day RelativeDay) error {
	if disc.err == nil && disc.res.notEntitled != 0 {
		a.snap.Notices = append(a.snap.Notices, fmt.Sprintf("BDA Balances v2 answered HTTP %d to the account listing: these credentials are not entitled to BDA, so there are no BDA accounts", disc.res.notEntitled))
	}
	rows, unread, err := c.bdaDiscovered(ctx, disc, day)
	if err != nil {
		if ierr := interrupted(ctx); ierr != nil {
			return ierr
		}
		a.failed = append(a.failed, err)
		a.snap.Unread = append(a.snap.Unread, unread)
	}
	a.snap.Balances = append(a.snap.Balances, rows...)
	return nil
}

// nothing is the error when no row at all could be read.
func (a *allAnswer) nothing(v1 *v1Job) error {
	switch {
	case len(a.failed) > 0:
		return mostTelling(a.failed)
	case a.noEligible:
		return v1.err
	}
	return fmt.Errorf("%s: the bank returned no accounts for these credentials; ask J.P. Morgan to entitle the client to cash-reporting accounts: %w", apiBalanceV1, model.ErrNoEligibleAccounts)
}

// bdaDiscovered turns a finished discovery into rows. Discovery lists the
// accounts but reports only the current day (UNCONFIRMED which balance
// types it carries), so an inquiry follows for the opening balances and
// for PriorDay. If an inquiry batch fails, CurrentDay rows fall back to the
// discovery answer, openings missing, and the error is returned alongside.
func (c *Client) bdaDiscovered(ctx context.Context, disc *bdaJob, day RelativeDay) ([]model.Balance, model.Unread, error) {
	if disc.err != nil {
		return nil, model.Unread{What: "BDA v2 accounts (the list of them could not be read)", API: model.APIBDAV2, Reason: disc.err.Error()}, disc.err
	}
	refs := discoveredRefs(disc.res)
	if len(refs) == 0 {
		return nil, model.Unread{}, nil
	}
	now := c.now()
	today := todayIn(now, refAccount(refs[0]).Location()) // discovered accounts use the default zone
	jobs := currentDayBDAJobs(refs, today)
	c.run(ctx, nil, jobs)
	var rows []model.Balance
	var firstErr error
	short := 0
	for _, j := range jobs {
		for _, r := range j.refs {
			src, fetched := disc.res.find(r.ID), disc.res.fetched
			if j.err == nil {
				if ab := j.res.find(r.ID); ab != nil {
					src, fetched = ab, j.res.fetched
				}
			} else {
				firstErr = cmp.Or(firstErr, j.err)
				short++
			}
			if j.err != nil && day == PriorDay {
				rows = append(rows, problemRow(r, j.err, now))
				continue
			}
			rows = append(rows, bdaRelativeRow(src, r, day, fetched, c.now()))
		}
	}
	if firstErr == nil {
		return rows, model.Unread{}, nil
	}
	return rows, model.Unread{What: fmt.Sprintf("opening balances of %d BDA v2 accounts", short), Reason: firstErr.Error()}, firstErr
}

// interrupted is model.ErrInterrupted if the user stopped the work; nil if
// ctx is live or only its deadline passed (what finished is then kept).
func interrupted(ctx context.Context) error {
	if err := ctxFailure(ctx); err != nil && !isDeadline(err) {
		return err
	}
	return nil
}

func discoveredRefs(res *bdaResult) []model.AccountRef {
	refs := make([]model.AccountRef, 0, len(res.accounts))
	for _, ab := range res.accounts {
		r := model.AccountRef{ID: ab.Account.Number, API: model.APIBDAV2}
		if len(ab.Account.FIs) > 0 {
			r.BIC = ab.Account.FIs[0].ID
		}
		refs = append(refs, r)
	}
	return refs
}

// refAccount is what we know of a watched account before the bank answers.
func refAccount(r model.AccountRef) model.Account {
	api := model.APIAccessV1
	if isBDA(r) {
		api = model.APIBDAV2
	}
	return model.Account{ID: r.ID, Label: r.Label, Group: r.Group, API: api, BIC: r.BIC, TimeZone: r.TimeZone}
}

func problemRow(r model.AccountRef, err error, fetched time.Time) model.Balance {
	return model.Balance{Account: refAccount(r), FetchedAt: fetched, Problem: problemFor(err)}
}

func missingRow(r model.AccountRef, p *model.AccountProblem, fetched time.Time) model.Balance {
	if p == nil {
		p = &model.AccountProblem{Code: "MISSING", Message: "the bank returned no balance for this account"}
	}
	return model.Balance{Account: refAccount(r), FetchedAt: fetched, Problem: p}
}

// mostTelling picks the error to report when everything failed: one that
// fixing configuration would cure beats "unavailable", since retrying will
// not help it.
func mostTelling(errs []error) error {
	for _, kind := range []error{model.ErrUnauthorized, model.ErrBadRequest, model.ErrNoEligibleAccounts} {
		for _, e := range errs {
			if errors.Is(e, kind) {
				return e
			}
		}
	}
	return errs[0]
}
