package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"cashpos/config"
	"cashpos/jpm"
	"cashpos/onboard"
)

func init() {
	registerCommand(command{
		name:    "doctor",
		summary: "doctor [--json]             check the bank connection step by step",
		flags:   func(fs *flag.FlagSet) { (&doctorFlags{}).declare(fs) },
		run:     runDoctor,
	})
}

type doctorFlags struct{ asJSON bool }

func (f *doctorFlags) declare(fs *flag.FlagSet) {
	fs.BoolVar(&f.asJSON, "json", false, "the report as JSON, for automation")
}

// runDoctor is `cashpos doctor`: every check a failed connection could be
// due to, one line each. Exit 0 when nothing the dashboard needs failed.
func runDoctor(ctx context.Context, args []string, std stdio, getenv func(string) string) error {
	var g globals
	var f doctorFlags
	if err := parseFlags("doctor", args, std, &g, f.declare); err != nil {
		return err
	}
	debug, err := openDebugLog(g.debug)
	if err != nil {
		return err
	}
	if debug != nil {
		defer debug.Close()
	}
	in, cleanup := doctorInput(ctx, &g, getenv, std.clock(), withDebug(debug))
	defer cleanup()
	// One deadline for the whole run, as every one-shot command has: a
	// bank that never answers shows as "no answer in time", not a hang.
	if d := in.Config.CommandTimeout; d > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, d, &jpm.DeadlineError{After: d})
		defer cancel()
	}
	in.DebugFile = g.debug
	report := onboard.Diagnose(ctx, in)
	if f.asJSON {
		if err := report.WriteJSON(std.out); err != nil {
			return err
		}
	} else {
		width := 0 // one line per check, for grep and scripts
		if isTerminal(std.out) && getenv("TERM") != "dumb" {
			width = 80 // the narrowest terminal cashpos supports
		}
		report.WriteText(std.out, width)
	}
	if !report.OK {
		return fmt.Errorf("doctor: %d %s failed", report.Failed, plural(report.Failed, "check", "checks"))
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// doctorInput loads the configuration leniently (the doctor reports file
// modes itself) and builds a client that does not retry, so a failing
// bank answers at once. In demo mode it starts the embedded bank.
func doctorInput(ctx context.Context, g *globals, getenv func(string) string, now func() time.Time, debug func(*jpm.Options)) (onboard.DoctorInput, func()) {
	home := getenv("HOME")
	if home == "" {
		home, _ = os.UserHomeDir()
	}
	in := onboard.DoctorInput{
		Now: now, DemoExplicit: g.demo,
		Setting:    func(err error) string { return settingNames[jpm.SettingOf(err)] },
		ConfigPath: config.FilePath(g.configPath, getenv, home),
	}
	cfg, err := config.Load(config.LoadOptions{Getenv: getenv, Flags: g.overrides(), HomeDir: home, DeferFileChecks: true})
	if err != nil {
		in.ConfigErr = err
		in.Config = cfg // only which environment it names, for the report
		return in, func() {}
	}
	in.Config = cfg
	s := &session{cfg: cfg, close: func() {}, now: now}
	var opts jpm.Options
	if cfg.Demo {
		opts, err = s.startDemoBank(ctx)
		demo := cfg
		demo.BaseURL = strings.TrimSuffix(opts.Endpoints.Balance, "/accessapi")
		in.Endpoints = demo.Endpoints()
	} else {
		opts, err = clientOptions(cfg)
		in.Endpoints = cfg.Endpoints()
		in.Secrets = []string{cfg.ClientSecret.Reveal(), cfg.ClientID + ":" + cfg.ClientSecret.Reveal()}
	}
	if err != nil {
		in.ClientErr = err
		return in, s.close
	}
	in.ClientCerts = opts.TLSCertificates
	opts.MaxRetries, opts.Timeout, opts.Now = -1, cfg.RequestTimeout, now
	debug(&opts)
	if in.Client, err = jpm.New(opts); err != nil {
		in.ClientErr = err
	}
	return in, s.close
}
