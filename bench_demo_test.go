package main

import (
	"bytes"
	"context"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"cashpos/config"
	"cashpos/ui"
)

// watchWriter is a terminal stand-in that signals once a text has been
// written: here, the per-currency totals, which only render with data.
type watchWriter struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	want []byte
	seen chan struct{}
	once sync.Once
}

func (w *watchWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if bytes.Contains(w.buf.Bytes(), w.want) {
		w.once.Do(func() { close(w.seen) })
	}
	return len(p), nil
}

// BenchmarkDemoStartToFirstData measures what a user waits for after
// `go run .` has compiled: config load, starting the embedded mock bank on a
// loopback port, the OAuth token call, the v1 and BDA balance calls, and the
// first frame that shows the balances.
func BenchmarkDemoStartToFirstData(b *testing.B) {
	getenv := env(b)
	for b.Loop() {
		cfg, err := config.Load(config.LoadOptions{Getenv: getenv, Flags: config.Overrides{Demo: true}})
		if err != nil {
			b.Fatal(err)
		}
		cfg.StateDir = ""
		s, err := openSession(context.Background(), cfg, time.Now)
		if err != nil {
			b.Fatal(err)
		}
		w := &watchWriter{want: []byte("Totals by currency"), seen: make(chan struct{})}
		p := tea.NewProgram(ui.New(ui.Options{Env: uiEnv(s), Fetch: s.fetch, Thresholds: s.thresholds()}),
			tea.WithOutput(w), tea.WithInput(nil), tea.WithWindowSize(120, 40),
			tea.WithColorProfile(colorprofile.ANSI), tea.WithEnvironment([]string{"TERM=xterm-256color"}),
			tea.WithoutSignalHandler())
		done := make(chan struct{})
		go func() { _, _ = p.Run(); close(done) }()
		<-w.seen
		b.StopTimer()
		p.Quit()
		<-done
		s.close()
		b.StartTimer()
	}
}
