// Command cashpos is a terminal cash-position dashboard for corporate
// treasury analysts on J.P. Morgan's treasury APIs. main.go only parses the
// command line and hands over; wiring lives in the files beside it.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first signal cancels ctx and the program winds down with a clear
	// line; from then on the default action is back, so a second ctrl+c
	// ends the process at once whatever it is doing.
	go func() { <-ctx.Done(); stop() }()
	code := run(ctx, os.Args[1:], stdio{in: os.Stdin, out: os.Stdout, err: os.Stderr}, os.Getenv)
	stop()
	os.Exit(code)
}
