package ui

import (
	"encoding/base64"
	"testing"
	"time"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// Through the real event loop: y puts the selected account's number on the
// terminal's clipboard as an OSC 52 sequence (which works over SSH), →
// then y copies a balance, c folds the groups, q quits.
func TestFlowCopyAndFold(t *testing.T) {
	tm, l := startProgram(t, Options{Env: EnvDemo, Fetch: newBank(ok(typicalSnapshot())).Fetch},
		colorprofile.ANSI, []string{"TERM=xterm-256color", "LANG=en_US.UTF-8"})
	l.wait(t)
	waitText(t, tm, "Operating — Ch", "Total · 5 accounts")

	tm.Send(keyMsg("y"))
	waitText(t, tm, "\x1b]52;c;"+base64.StdEncoding.EncodeToString([]byte("000000012342009")))
	tm.Send(keyMsg("right"))
	tm.Send(keyMsg("y")) // opening available
	waitText(t, tm, "\x1b]52;c;"+base64.StdEncoding.EncodeToString([]byte("4210332.17")))
	tm.Send(keyMsg("c"))
	waitText(t, tm, "subtotals by group")
	tm.Send(keyMsg("q"))

	fm, ok := tm.FinalModel(t, teatest.WithFinalTimeout(30*time.Second)).(Model)
	if !ok || !dash(fm).collapsed || dash(fm).focus != fieldOpenAvail {
		t.Fatalf("final: collapsed %v focus %v", dash(fm).collapsed, dash(fm).focus)
	}
}
