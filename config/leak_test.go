package config

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// TestSecretNeverInConfigOutput loads the secret each supported way and
// prints the Config every way a developer might.
func TestSecretNeverInConfigOutput(t *testing.T) {
	tests := []struct {
		name string
		body func(f *fixture) string
		env  fakeEnv
	}{
		{"client_secret_file", func(f *fixture) string { return f.validMock("") }, nil},
		{"CASHPOS_CLIENT_SECRET", func(*fixture) string { return `client_id = "cid"` }, fakeEnv{"CASHPOS_CLIENT_SECRET": testSecret}},
		{"client_secret in file", func(*fixture) string { return "client_id = \"cid\"\nclient_secret = \"" + testSecret + "\"" }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.config(tt.body(f) + "\n")
			c := f.mustLoad(tt.env, Overrides{})
			if c.ClientSecret.Reveal() != testSecret {
				t.Fatalf("secret not loaded")
			}
			js, err := json.Marshal(c)
			if err != nil {
				t.Fatal(err)
			}
			outputs := map[string]string{
				"fmt":      fmt.Sprintf("%v %+v %#v", c, c, c),
				"fmt ptr":  fmt.Sprintf("%v %+v %#v", &c, &c, &c),
				"json":     string(js),
				"redacted": c.Redacted(),
			}
			for name, out := range outputs {
				if strings.Contains(out, testSecret) {
					t.Errorf("%s leaks the secret: %s", name, out)
				}
			}
		})
	}
}

// TestSecretNeverInErrors breaks configurations that hold a secret, in
// ways whose natural error text would quote it.
func TestSecretNeverInErrors(t *testing.T) {
	tests := []struct {
		name string
		body string
		env  fakeEnv
	}{
		{"unquoted secret", "client_id = \"cid\"\nclient_secret = " + testSecret, nil},
		{"unterminated secret", "client_id = \"cid\"\nclient_secret = \"" + testSecret, nil},
		{"bad escape in secret", "client_id = \"cid\"\nclient_secret = \"" + testSecret + `\q"`, nil},
		{"secret as a table", "client_id = \"cid\"\n[client_secret]\n" + testSecret + " = 1", nil},
		{"secret then a bad key", "client_id = \"cid\"\nclient_secret = \"" + testSecret + "\"\ncolour = 1", nil},
		{"secret in env, other error", "client_id = \"cid\"\nrefresh_interval = \"1s\"", fakeEnv{"CASHPOS_CLIENT_SECRET": testSecret}},
		{"secret in env, bad url", "client_id = \"cid\"", fakeEnv{"CASHPOS_CLIENT_SECRET": testSecret, "CASHPOS_BASE_URL": "https://id:" + testSecret + "@bank.example"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.config(tt.body + "\n")
			_, err := f.load(tt.env, Overrides{})
			if err == nil {
				t.Fatal("no error")
			}
			t.Log(err)
			if strings.Contains(err.Error(), testSecret) || strings.Contains(err.Error(), testSecret[:6]) {
				t.Errorf("error leaks the secret: %v", err)
			}
			if !strings.HasPrefix(err.Error(), "config: ") || strings.Contains(err.Error(), "\n") {
				t.Errorf("not a one-line config error: %q", err)
			}
		})
	}
}
