package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkLoad100kAccounts loads a configuration watching 100,000
// accounts (issue 9: it took 0.6-0.7 s of the dashboard's start).
//
//	go test ./config/ -run '^$' -bench Load100k -benchmem -benchtime 5x
func BenchmarkLoad100kAccounts(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("env = \"mock\"\nclient_id = \"c\"\nclient_secret_file = \"secret\"\nbase_url = \"http://127.0.0.1:1\"\n")
	for i := range 100000 {
		fmt.Fprintf(&sb, "[[accounts]]\nid = \"%015d\"\nlabel = \"Account %d\"\ngroup = \"Region %d\"\ntime_zone = \"America/New_York\"\n\n", 10000000+i, i, i%10)
	}
	home := b.TempDir()
	dir := filepath.Join(home, ".config", "cashpos")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(sb.String()), 0o600); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "secret"), []byte("s\n"), 0o600); err != nil {
		b.Fatal(err)
	}
	env := fakeEnv{}
	b.ResetTimer()
	for b.Loop() {
		c, err := Load(LoadOptions{Getenv: env.get, HomeDir: home})
		if err != nil {
			b.Fatal(err)
		}
		if len(c.Accounts) != 100000 {
			b.Fatalf("%d accounts", len(c.Accounts))
		}
	}
}
