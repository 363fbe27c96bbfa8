package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"cashpos/config"
	"cashpos/onboard"
)

func init() {
	registerCommand(command{
		name: "init",
		summary: "init --org NAME             key pair and CSR for the J.P. Morgan portal, config skeleton,\n" +
			"                              next steps; --env cat|production --unit NAME --country CC --force",
		flags: func(fs *flag.FlagSet) { (&initFlags{}).declare(fs) },
		run:   runInit,
	})
}

// initFlags are init's own flags; --env and --config are the globals.
type initFlags struct {
	org, unit, country, cn string
	force                  bool
}

func (f *initFlags) declare(fs *flag.FlagSet) {
	fs.StringVar(&f.org, "org", "", "organisation name for the certificate subject (required)")
	fs.StringVar(&f.unit, "unit", "", "organisational unit (optional)")
	fs.StringVar(&f.country, "country", "", "two-letter country code (optional)")
	fs.StringVar(&f.cn, "cn", "", `common name (default "<org> cashpos <env>")`)
	fs.BoolVar(&f.force, "force", false, "make a new key even if one exists (the old files are kept, renamed)")
}

// runInit is `cashpos init`: a key pair and CSR for the portal, a config
// skeleton, and the next steps.
func runInit(_ context.Context, args []string, io stdio, getenv func(string) string) error {
	var g globals
	var f initFlags
	if err := parseFlags("init", args, io, &g, f.declare); err != nil {
		return err
	}
	env := config.EnvCAT
	if g.set["env"] {
		env = config.Env(g.env)
	}
	home := getenv("HOME")
	if home == "" {
		home, _ = os.UserHomeDir()
	}
	res, err := onboard.Init(onboard.InitOptions{
		Env: env, Org: f.org, Unit: f.unit, Country: f.country, CommonName: f.cn, Force: f.force,
		ConfigPath: config.FilePath(g.configPath, getenv, home),
		Now:        io.clock(),
	})
	var refused *onboard.InitError
	if errors.As(err, &refused) {
		return usageError{refused.Error()}
	}
	if err != nil {
		return err
	}
	res.WriteNextSteps(io.out)
	fmt.Fprintln(io.out)
	fmt.Fprintln(io.out, res.ConfigPath)
	return nil
}
