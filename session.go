package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
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
	return openSession(ctx, cfg, now)
}

// openSession connects to the configured bank, or starts the mock bank for
// demo mode.
// now is the clock for the demo bank and the client (time.Now in real use).
func openSession(ctx context.Context, cfg config.Config, now func() time.Time) (*session, error) {
	s := &session{cfg: cfg, close: func() {}, watched: watchedAccounts(cfg), now: now}
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
	opts.Now = now
	if s.client, err = jpm.New(opts); err != nil {
		s.close()
		return nil, err
	}
	if cfg.StateDir != "" {
		if s.lastGood, err = store.NewLastGood(cfg.StateDir, s.envName); err != nil {
			s.close()
			return nil, err
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
			API: model.API(a.API), BIC: a.BIC, TimeZone: a.TimeZone})
	}
	return refs
}

// fetch is one refresh of every watched account's current-day balances.
func (s *session) fetch(ctx context.Context) (model.Snapshot, error) {
	return s.client.Balances(ctx, s.watched, jpm.CurrentDay)
}

// cached returns the last good snapshot, or nil. A broken cache is reported
// on stderr before the screen starts and otherwise ignored.
func (s *session) cached(stderr io.Writer) *model.Snapshot {
	if s.lastGood == nil {
		return nil
	}
	snap, err := s.lastGood.Load()
	if err != nil {
		fmt.Fprintf(stderr, "cashpos: %v\n", err)
		return nil
	}
	return snap
}

func (s *session) saveGood(snap model.Snapshot) error {
	if s.lastGood == nil {
		return nil
	}
	if err := config.EnsureStateDir(filepath.Dir(s.lastGood.Path())); err != nil {
		return err
	}
	return s.lastGood.Save(snap)
}

func (s *session) thresholds() model.Thresholds {
	return model.Thresholds{Aging: s.cfg.Thresholds.Aging, Stale: s.cfg.Thresholds.Stale}
}
