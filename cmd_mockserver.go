package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"cashpos/jpm/mock"
)

func init() {
	registerCommand(command{
		name: "mock-server",
		summary: "mock-server --listen ADDR   run the mock bank alone (default 127.0.0.1:7070);\n" +
			"                              --seed N --latency 300ms --extra-accounts N",
		flags:        func(fs *flag.FlagSet) { (&mockServerFlags{}).declare(fs) },
		ownFlagsOnly: true,
		run: func(ctx context.Context, args []string, std stdio, _ func(string) string) error {
			return runMockServer(ctx, args, std)
		},
	})
}

// mockServerFlags are the mock-server command's own flags.
type mockServerFlags struct {
	listen  string
	seed    int64
	extra   int
	latency time.Duration
}

func (f *mockServerFlags) declare(fs *flag.FlagSet) {
	fs.StringVar(&f.listen, "listen", "127.0.0.1:7070", "`ADDR` host:port to listen on; port 0 picks a free one")
	fs.Int64Var(&f.seed, "seed", demoSeed, "`N` seed for the demo book's intraday moves")
	fs.IntVar(&f.extra, "extra-accounts", 0, "`N` add N synthetic USD accounts (load tests)")
	fs.DurationVar(&f.latency, "latency", 0, "`DURATION` add this delay to every call, e.g. 300ms (a slow link)")
}

// runMockServer is `cashpos mock-server --listen ADDR`: the mock bank alone,
// for curl, other tools and tests, until interrupted.
func runMockServer(ctx context.Context, args []string, std stdio) error {
	var g globals
	var f mockServerFlags
	if err := parseFlags("mock-server", args, std, &g, f.declare); err != nil {
		return err
	}
	listen, seed, extra, latency := f.listen, f.seed, f.extra, f.latency
	bank := mock.New(mock.Options{Seed: seed, ClientID: demoClientID, ClientSecret: demoClientSecret, ExtraAccounts: extra, Now: std.clock()})
	bank.Faults().SetLatency(latency)
	base, shutdown, err := mock.Serve(ctx, listen, bank)
	if err != nil {
		return listenError(listen, err)
	}
	announce(std, boundAddr(listen, base))
	<-ctx.Done()
	return shutdown(context.Background())
}

// announce says where the mock bank really listens (the port the system
// picked for port 0), warns when other machines can reach it, and shows how
// to point the client at it.
func announce(std stdio, l listening) {
	if l.exposed {
		fmt.Fprint(std.err, exposureWarning(l))
	}
	scope := "loopback: this machine only"
	if l.exposed {
		scope = "reachable from the network"
	}
	fmt.Fprintf(std.out, "mock bank listening on %s (%s)\nfrom this machine: %s\n\n", l.addr, scope, l.local)
	// The demo credentials are the mock's published fixed pair, not a secret.
	fmt.Fprintf(std.out, "  CASHPOS_ENV=mock CASHPOS_BASE_URL=%s \\\n", l.local)
	fmt.Fprintf(std.out, "  CASHPOS_TOKEN_URL=%s/am/oauth2/alpha/access_token \\\n", l.local)
	fmt.Fprintf(std.out, "  CASHPOS_CLIENT_ID=%s CASHPOS_CLIENT_SECRET=%s cashpos balances\n\n", demoClientID, demoClientSecret)
	fmt.Fprintf(std.out, "faults: curl -XPOST %s/_mock/faults -d '{\"down\":true}'   (ctrl+c stops)\n", l.local)
}
