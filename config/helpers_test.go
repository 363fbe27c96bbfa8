package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The test secret is distinctive so that a leak is easy to grep for.
const testSecret = "s3cr3t-Zq9-do-not-print"

// fakeEnv is an injected environment; tests never read the real one.
type fakeEnv map[string]string

func (e fakeEnv) get(k string) string { return e[k] }

// fixture is a throwaway home directory with helpers to populate it.
type fixture struct {
	t    *testing.T
	home string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	return &fixture{t: t, home: t.TempDir()}
}

// write creates path (relative to home unless absolute) with mode.
func (f *fixture) write(path, content string, mode os.FileMode) string {
	f.t.Helper()
	if !filepath.IsAbs(path) {
		path = filepath.Join(f.home, path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		f.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		f.t.Fatal(err)
	}
	// WriteFile's mode is filtered by umask and ignored for existing files.
	if err := os.Chmod(path, mode); err != nil {
		f.t.Fatal(err)
	}
	return path
}

// config writes the default-path config file.
func (f *fixture) config(content string) string {
	f.t.Helper()
	return f.write(".config/cashpos/config.toml", content, 0o600)
}

// secretFile writes a 0600 client secret file and returns its path.
func (f *fixture) secretFile() string {
	f.t.Helper()
	return f.write("secret", testSecret+"\n", 0o600)
}

func (f *fixture) load(env fakeEnv, flags Overrides) (Config, error) {
	f.t.Helper()
	if env == nil {
		env = fakeEnv{}
	}
	return Load(LoadOptions{Getenv: env.get, HomeDir: f.home, Flags: flags})
}

func (f *fixture) mustLoad(env fakeEnv, flags Overrides) Config {
	f.t.Helper()
	c, err := f.load(env, flags)
	if err != nil {
		f.t.Fatalf("Load: %v", err)
	}
	return c
}

// validMock is a complete mock-env config file body.
func (f *fixture) validMock(extra string) string {
	return "client_id = \"cid\"\n" + f.secretOnly(extra)
}

// secretOnly is a file body with just the client secret file plus extra.
func (f *fixture) secretOnly(extra string) string {
	return "client_secret_file = " + quote(f.secretFile()) + "\n" + extra
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `\`, `\\`) + `"` }

func ptr[T any](v T) *T { return &v }
