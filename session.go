package main

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"cashpos/config"
	"cashpos/jpm"
	"cashpos/jpm/mock"
	"cashpos/model"
	"cashpos/store"
)

// session is a connection to one bank environment: the real one from the
// configuration, or the embedded mock bank in demo mode. Both go through the
// same client code over real HTTP.
type session struct {
	cfg      config.Config
	badge    string // header badge: DEMO, MOCK, CAT, PRODUCTION
	envName  string // demo, mock, cat, production: names the last-good cache
	client   *jpm.Client
	watched  []model.AccountRef
	lastGood *store.LastGood
	now      func() time.Time
	close    func()

	// deadline bounds one fetch as a whole (retries and pages included):
	// the refresh deadline for the dashboard, the command's for one-shot
	// commands (which bound the whole command with it as well).
	deadline time.Duration

	// stateProblem is what is wrong with the state directory, found at
	// start; every command reports it (the data is still shown).
	stateProblem error

	mu         sync.Mutex
	last       *model.Snapshot // the last good data: from disk, then each merged refresh
	lastLoaded bool
	cacheErr   error // why the snapshot on disk was not used

	// narrowed: --accounts picked some accounts for this run only. Its
	// saves keep the other accounts' last good rows (onDisk), so a quick
	// look at one account never wipes the position the dashboard falls
	// back on in an outage.
	narrowed bool
	onDisk   *model.Snapshot // the last good data as last read or written
}

// Demo credentials of the embedded mock bank. They open nothing but the
// mock, which only listens on loopback.
const (
	demoClientID     = "demo-client"
	demoClientSecret = "demo-secret"
	demoSeed         = 20261122
)

// connect loads the configuration the flags and environment describe and
// opens a session on it.
func connect(ctx context.Context, g *globals, getenv func(string) string, now func() time.Time) (*session, error) {
	cfg, err := config.Load(config.LoadOptions{Getenv: getenv, Flags: g.overrides()})
	if err != nil {
		return nil, err
	}
	debug, err := openDebugLog(g.debug)
	if err != nil {
		return nil, err
	}
	s, err := openSession(ctx, cfg, now, withDebug(debug))
	if err == nil {
		s.narrowed = g.set["accounts"]
	}
	if debug != nil {
		if err != nil {
			debug.Close()
			return nil, err
		}
		closeSession := s.close
		s.close = func() { closeSession(); debug.Close() }
	}
	return s, err
}

// openSession connects to the configured bank, or starts the mock bank for
// demo mode.
// now is the clock for the demo bank and the client (time.Now in real use);
// extra adjust the client's options last (withDebug).
func openSession(ctx context.Context, cfg config.Config, now func() time.Time, extra ...func(*jpm.Options)) (*session, error) {
	s := &session{cfg: cfg, close: func() {}, watched: watchedAccounts(cfg), now: now, deadline: cfg.CommandTimeout}
	var opts jpm.Options
	var err error
	if cfg.Demo {
		opts, err = s.startDemoBank(ctx)
	} else {
		opts, err = clientOptions(cfg)
		s.badge, s.envName = strings.ToUpper(string(cfg.Env)), string(cfg.Env)
	}
	if err != nil {
		s.close()
		return nil, err
	}
	opts.Timeout = cfg.RequestTimeout
	opts.Categories = cfg.Categories
	opts.Now = now
	for _, f := range extra {
		f(&opts)
	}
	if s.client, err = jpm.New(opts); err != nil {
		s.close()
		return nil, err
	}
	if cfg.StateDir != "" {
		if s.lastGood, err = store.NewLastGood(cfg.StateDir, s.envName); err != nil {
			s.close()
			return nil, err
		}
		s.stateProblem = store.CheckStateDir(cfg.StateDir)
		if s.stateProblem == nil {
			if err := s.lastGood.CleanTemp(now()); err != nil {
				s.stateProblem = fmt.Errorf("cannot remove a stale temporary file in %s: %w", cfg.StateDir, err)
			}
		}
	}
	return s, nil
}

// startDemoBank runs the mock bank in-process on a loopback ephemeral port
// and points the client at it, exactly as CASHPOS_BASE_URL would.
func (s *session) startDemoBank(ctx context.Context) (jpm.Options, error) {
	bank := mock.New(mock.Options{Seed: demoSeed, ClientID: demoClientID, ClientSecret: demoClientSecret, Now: s.now,
		PaymentsFile: demoPaymentsFile(s.cfg)})
	base, shutdown, err := mock.Serve(ctx, "127.0.0.1:0", bank)
	if err != nil {
		return jpm.Options{}, fmt.Errorf("start the demo bank: %w", err)
	}
	s.close = func() {
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = shutdown(sctx)
	}
	s.badge, s.envName = "DEMO", "demo"
	return jpm.Options{
		Endpoints: jpm.Endpoints{
			Balance:      base + "/accessapi",
			BDA:          base + "/account/v2",
			Transactions: base + "/tsapi/v3",
			Token:        base + "/am/oauth2/alpha/access_token",
			Payments:     base + "/payment/v2",
		},
		ClientID:     demoClientID,
		ClientSecret: demoClientSecret,
		Scope:        config.DefaultMockScope,
		DiscoverBDA:  true,
	}, nil
}

// watchedAccounts turns the configured account list into the client's refs.
func watchedAccounts(cfg config.Config) []model.AccountRef {
	refs := make([]model.AccountRef, 0, len(cfg.Accounts))
	for _, a := range cfg.Accounts {
		refs = append(refs, model.AccountRef{ID: a.ID, Label: a.Label, Group: a.Group,
			API: model.API(a.API), BIC: a.BIC, TimeZone: a.TimeZone, BankID: a.BankID})
	}
	return refs
}

// refs is the watched list with each v1 account's bankId: the config's, or
// the one the bank reported for it in the last good data.
func (s *session) refs() []model.AccountRef {
	last := s.lastSnapshot()
	if last == nil || len(s.watched) == 0 {
		return s.watched
	}
	known := last.BankIDs()
	refs := slices.Clone(s.watched)
	for i := range refs {
		if refs[i].BankID == "" && refs[i].API != model.APIBDAV2 {
			refs[i].BankID = known[model.NormalID(refs[i].ID)]
		}
	}
	return refs
}

// fetch is one refresh of every watched account's current-day balances,
// within the session's deadline, merged into the last good data: accounts
// the bank could not answer for keep their last good figures, offline
// (model.CarryOver). The merged snapshot becomes the last good data.
func (s *session) fetch(ctx context.Context) (model.Snapshot, error) {
	ctx, cancel := context.WithTimeoutCause(ctx, s.deadline, &jpm.DeadlineError{After: s.deadline})
	defer cancel()
	s.lastSnapshot() // read the disk first: a later first read would replace this fetch's merge
	snap, err := s.client.Balances(ctx, s.refs(), jpm.CurrentDay)
	if err != nil {
		return snap, withSetting(err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	snap = model.CarryOver(snap, s.last)
	if s.cfg.Demo {
		snap = withDemoGroups(snap)
	}
	s.last = &snap
	return snap, nil
}

// lastSnapshot is the last good data, read from disk the first time.
func (s *session) lastSnapshot() *model.Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.lastLoaded && s.lastGood != nil && s.stateProblem == nil {
		s.last, s.cacheErr = s.lastGood.Load()
		s.onDisk = s.last
	}
	s.lastLoaded = true
	return s.last
}

// cached returns the last good snapshot from disk, or nil.
func (s *session) cached() *model.Snapshot { return s.lastSnapshot() }

// warnings are the problems with local state worth a line on stderr (or
// the dashboard banner): a state directory that cannot be trusted, a
// snapshot that was not used.
func (s *session) warnings() []string {
	s.lastSnapshot()
	var out []string
	for _, err := range []error{s.stateProblem, s.cacheErr} {
		if err != nil {
			out = append(out, err.Error())
		}
	}
	return out
}

func (s *session) saveGood(snap model.Snapshot) error {
	if s.lastGood == nil {
		return nil
	}
	if s.stateProblem != nil {
		return s.stateProblem
	}
	if err := store.EnsureStateDir(filepath.Dir(s.lastGood.Path()), stateDirDepth(s.cfg)); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.narrowed {
		snap = keepOthers(snap, s.onDisk)
	}
	if err := s.lastGood.Save(snap); err != nil {
		return err
	}
	s.onDisk = &snap
	return nil
}

// stateDirDepth is how many directories a command may create for the
// state: the state dir and the XDG base holding it; demo's sits one deeper.
// A missing grandparent is a typo, reported rather than created.
func stateDirDepth(cfg config.Config) int {
	if cfg.Demo {
		return 3
	}
	return 2
}

// ensureStateDir makes the state directory within that bound, then applies
// config's checks (mode 0700) to it. Every command that writes state (the
// journal, the export record, the demo bank's payments) goes through it.
func ensureStateDir(cfg config.Config) error {
	if cfg.StateDir == "" {
		return config.EnsureStateDir(cfg.StateDir) // its own "set state_dir" error
	}
	if err := store.EnsureStateDir(cfg.StateDir, stateDirDepth(cfg)); err != nil {
		return err
	}
	return config.EnsureStateDir(cfg.StateDir)
}

// keepOthers is snap plus the good rows of before for accounts snap does
// not have (by normalised id, whichever API read them), as they were.
func keepOthers(snap model.Snapshot, before *model.Snapshot) model.Snapshot {
	if before == nil {
		return snap
	}
	seen := make(map[string]bool, len(snap.Balances))
	for _, b := range snap.Balances {
		seen[model.NormalID(b.Account.ID)] = true
	}
	out := snap
	out.Balances = slices.Clone(snap.Balances)
	for _, b := range before.Balances {
		if b.Problem == nil && !seen[model.NormalID(b.Account.ID)] {
			out.Balances = append(out.Balances, b)
		}
	}
	return out
}

func (s *session) thresholds() model.Thresholds {
	return model.Thresholds{Aging: s.cfg.Thresholds.Aging, Stale: s.cfg.Thresholds.Stale}
}
