package ui

import (
	"bytes"
	"context"
	"errors"
	"regexp"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// lockedBuffer is an output the program and the test share.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// colourSGR matches an SGR sequence that sets a foreground or background
// colour (30-37, 38;…, 39 is a reset and allowed, 40-48, 90-97, 100-107).
var colourSGR = regexp.MustCompile(`\x1b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m`)

func TestRunNoColorUntilCancelled(t *testing.T) {
	out := &lockedBuffer{}
	landed := make(chan struct{}, 1)
	filter := func(_ tea.Model, msg tea.Msg) tea.Msg {
		if _, ok := msg.(snapshotMsg); ok {
			landed <- struct{}{}
		}
		return msg
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errc := make(chan error, 1)
	go func() {
		errc <- Run(ctx, Options{Env: EnvProduction, NoColor: true, Now: fixedNow, Fetch: newBank(ok(bookSnapshot())).Fetch},
			tea.WithOutput(out), tea.WithInput(nil), tea.WithWindowSize(120, 40),
			tea.WithEnvironment([]string{"TERM=xterm-256color"}), tea.WithoutSignalHandler(), tea.WithFilter(filter))
	}()
	select {
	case <-landed:
	case <-time.After(30 * time.Second):
		t.Fatal("no data within 5s")
	}
	time.Sleep(100 * time.Millisecond) // let a frame flush
	cancel()
	select {
	case err := <-errc:
		if !errors.Is(err, context.Canceled) || !errors.Is(err, tea.ErrProgramKilled) {
			t.Fatalf("Run after cancel: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Run did not return after ctx cancel")
	}
	s := out.String()
	if !bytes.Contains([]byte(s), []byte("PRODUCTION")) || !bytes.Contains([]byte(s), []byte("\x1b[?1049h")) {
		t.Fatalf("expected the alt screen and the badge in the output")
	}
	if loc := colourSGR.FindStringIndex(s); loc != nil {
		t.Fatalf("NO_COLOR output carries colour: %q", s[max(loc[0]-20, 0):min(loc[1]+20, len(s))])
	}
}
