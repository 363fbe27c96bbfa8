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
		summary: "init --org NAME             key, CSR and config skeleton for J.P. Morgan;\n" +
			"                              --env cat|production --force",
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
	fs.StringVar(&f.org, "org", "", "`NAME` your organisation, for the certificate subject (required)")
	fs.StringVar(&f.unit, "unit", "", "`NAME` organisational unit (optional)")
	fs.StringVar(&f.country, "country", "", "`CC` two-letter country code (optional)")
	fs.StringVar(&f.cn, "cn", "", "`NAME` common name (default \"<org> cashpos <env>\")")
	fs.BoolVar(&f.force, "force", false, "make a new key even if one exists (the old files are kept, renamed)")
}

// runInit is `cashpos init`: a key pair and CSR for the portal, a config
// skeleton, and the next steps.
func runInit(_ context.Context, args []string, std stdio, getenv func(string) string) error {
	var g globals
	var f initFlags
	if err := parseFlags("init", args, std, &g, f.declare); err != nil {
		return err
	}
	// init uses --env and --config; the other globals would be silently
	// ignored, so they are refused.
	for _, name := range []string{"demo", "base-url", "accounts", "state-dir", "refresh", "debug"} {
		if g.set[name] {
			return usagef("init: --%s does not apply to init (it only writes files); see cashpos init --help", name)
		}
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
		Now:        std.clock(),
	})
	var refused *onboard.InitError
	if errors.As(err, &refused) {
		return usageError{refused.Error()}
	}
	if err != nil {
		return err
	}
	res.WriteNextSteps(std.out)
	fmt.Fprintln(std.out)
	fmt.Fprintln(std.out, res.ConfigPath)
	return nil
}
