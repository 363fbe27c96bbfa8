package model

import "time"

// FetchProgress says what a slow fetch is waiting on, so the screen can show
// more than "refreshing…": the bank asked it to slow down, or an attempt
// failed and the next one is due after a pause.
type FetchProgress struct {
	API     string        // which bank API: "balances v1", "BDA balances v2"
	Reason  string        // why it waits: "rate limited", "HTTP 503", "connection refused"
	Attempt int           // the attempt about to be made (2 is the first retry)
	Of      int           // attempts allowed in all
	Wait    time.Duration // the pause before that attempt
	At      time.Time     // when the pause began
}
