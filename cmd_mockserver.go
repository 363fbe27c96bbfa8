package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"cashpos/jpm/mock"
)

// runMockServer is `cashpos mock-server --listen ADDR`: the mock bank alone,
// for curl, other tools and tests, until interrupted.
func runMockServer(ctx context.Context, args []string, io stdio) error {
	var g globals
	var listen string
	var seed int64
	var extra int
	var latency time.Duration
	err := parseFlags("mock-server", args, io, &g, func(fs *flag.FlagSet) {
		fs.StringVar(&listen, "listen", "127.0.0.1:7070", "address to listen on (loopback)")
		fs.Int64Var(&seed, "seed", demoSeed, "seed for the demo book's intraday moves")
		fs.IntVar(&extra, "extra-accounts", 0, "add N synthetic USD accounts (load tests)")
		fs.DurationVar(&latency, "latency", 0, "add this delay to every call, e.g. 300ms (a slow link)")
	})
	if err != nil {
		return err
	}
	bank := mock.New(mock.Options{Seed: seed, ClientID: demoClientID, ClientSecret: demoClientSecret, ExtraAccounts: extra, Now: io.clock()})
	bank.Faults().SetLatency(latency)
	base, shutdown, err := mock.Serve(ctx, listen, bank)
	if err != nil {
		return usagef("mock-server: cannot listen on %s: %v", listen, err)
	}
	// The demo credentials are the mock's published fixed pair, not a secret.
	fmt.Fprintf(io.out, "mock bank listening on %s\n\n", base)
	fmt.Fprintf(io.out, "  CASHPOS_ENV=mock CASHPOS_BASE_URL=%s \\\n", base)
	fmt.Fprintf(io.out, "  CASHPOS_TOKEN_URL=%s/am/oauth2/alpha/access_token \\\n", base)
	fmt.Fprintf(io.out, "  CASHPOS_CLIENT_ID=%s CASHPOS_CLIENT_SECRET=%s cashpos balances\n\n", demoClientID, demoClientSecret)
	fmt.Fprintf(io.out, "faults: curl -XPOST %s/_mock/faults -d '{\"down\":true}'   (ctrl+c stops)\n", base)
	<-ctx.Done()
	return shutdown(context.Background())
}
