package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

func TestSecretNeverPrints(t *testing.T) {
	s := Secret(testSecret)
	if s.Reveal() != testSecret {
		t.Fatalf("Reveal = %q", s.Reveal())
	}
	js, _ := json.Marshal(struct{ S Secret }{s})
	txt, _ := s.MarshalText()
	var logbuf bytes.Buffer
	slog.New(slog.NewTextHandler(&logbuf, nil)).Info("x", "secret", s)
	slog.New(slog.NewJSONHandler(&logbuf, nil)).Info("x", "secret", s)

	outputs := map[string]string{
		"String":   s.String(),
		"GoString": s.GoString(),
		"%v":       fmt.Sprintf("%v", s),
		"%s":       fmt.Sprintf("%s", s),
		"%q":       fmt.Sprintf("%q", s),
		"%x":       fmt.Sprintf("%x", s),
		"%#v":      fmt.Sprintf("%#v", s),
		"%+v ptr":  fmt.Sprintf("%+v", &s),
		"json":     string(js),
		"text":     string(txt),
		"slog":     logbuf.String(),
	}
	for name, out := range outputs {
		if strings.Contains(out, testSecret) || !strings.Contains(out, redacted) {
			t.Errorf("%s: %q", name, out)
		}
	}
}
