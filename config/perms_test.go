package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestPrivateFilePermissions(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	tests := []struct {
		name    string
		mode    os.FileMode
		setup   func(f *fixture, path string) (body string, env fakeEnv)
		wantKey string // "" means accepted
	}{
		{
			name: "secret file 0644", mode: 0o644, wantKey: "client_secret_file",
			setup: func(f *fixture, p string) (string, fakeEnv) {
				return "client_id = \"c\"\nclient_secret_file = " + quote(p), nil
			},
		},
		{
			name: "secret file 0600", mode: 0o600,
			setup: func(f *fixture, p string) (string, fakeEnv) {
				return "client_id = \"c\"\nclient_secret_file = " + quote(p), nil
			},
		},
		{
			name: "secret file 0620 (group write)", mode: 0o620, wantKey: "client_secret_file",
			setup: func(f *fixture, p string) (string, fakeEnv) {
				return "client_id = \"c\"\nclient_secret_file = " + quote(p), nil
			},
		},
		{
			name: "tls key 0644", mode: 0o644, wantKey: "tls_key",
			setup: func(f *fixture, p string) (string, fakeEnv) {
				return f.validMock("tls_cert = \"cert.pem\"\ntls_key = " + quote(p)), nil
			},
		},
		{
			name: "tls key 0600", mode: 0o600,
			setup: func(f *fixture, p string) (string, fakeEnv) {
				return f.validMock("tls_cert = \"cert.pem\"\ntls_key = " + quote(p)), nil
			},
		},
		{
			name: "tls key 0644 from variable", mode: 0o644, wantKey: "CASHPOS_TLS_KEY",
			setup: func(f *fixture, p string) (string, fakeEnv) {
				return f.validMock("tls_cert = \"cert.pem\""), fakeEnv{"CASHPOS_TLS_KEY": p}
			},
		},
		{
			name: "signing key 0640", mode: 0o640, wantKey: "signing_key",
			setup: func(f *fixture, p string) (string, fakeEnv) {
				return f.validMock("signing_cert = \"cert.pem\"\nsigning_key = " + quote(p)), nil
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.write(".config/cashpos/cert.pem", "cert", 0o644)
			p := f.write("private", testSecret+"\n", tt.mode)
			body, env := tt.setup(f, p)
			f.config(body + "\n")
			c, err := f.load(env, Overrides{})
			if tt.wantKey == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if c.Demo {
					t.Fatal("demo")
				}
				return
			}
			var ce *Error
			if !errors.As(err, &ce) || ce.Key != tt.wantKey {
				t.Fatalf("err = %v, want key %s", err, tt.wantKey)
			}
			want := fmt.Sprintf("%s %s has mode %04o", tt.wantKey, p, tt.mode) +
				"; it must not be accessible by group or others (chmod 600 " + p + ")"
			if err.Error() != "config: "+want {
				t.Errorf("got  %q\nwant %q", err.Error(), "config: "+want)
			}
			if strings.Contains(err.Error(), testSecret) {
				t.Error("error leaks the secret")
			}
		})
	}
}

func TestSecretInConfigFileNeedsPrivateFile(t *testing.T) {
	f := newFixture(t)
	path := f.write(".config/cashpos/config.toml", "client_id = \"c\"\nclient_secret = \""+testSecret+"\"\n", 0o644)
	_, err := f.load(nil, Overrides{})
	want := "config: client_secret is set in " + path + ", which has mode 0644; the file must not be accessible by group or others (chmod 600 " + path + ")"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), testSecret) {
		t.Error("error leaks the secret")
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	c := f.mustLoad(nil, Overrides{})
	if c.ClientSecret.Reveal() != testSecret {
		t.Error("client_secret not loaded")
	}
}

func TestSecretFileContents(t *testing.T) {
	tests := []struct {
		name, content string
		want          string // "" means an error
	}{
		{"trailing newline", "abc\n", "abc"},
		{"CRLF", "abc\r\n", "abc"},
		{"inner spaces kept", " a b ", " a b "},
		{"empty", "\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "s")
			if err := os.WriteFile(p, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			s, err := readSecretFile("client_secret_file", p)
			if tt.want == "" {
				if err == nil || !strings.Contains(err.Error(), "empty") {
					t.Fatalf("err = %v", err)
				}
				return
			}
			if err != nil || s.Reveal() != tt.want {
				t.Fatalf("got %q, %v", s.Reveal(), err)
			}
		})
	}
}

func TestEnsureStateDir(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	root := t.TempDir()
	t.Run("creates 0700 with parents", func(t *testing.T) {
		dir := filepath.Join(root, "a", "b", "cashpos")
		if err := EnsureStateDir(dir); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(dir)
		if err != nil || fi.Mode().Perm() != 0o700 {
			t.Fatalf("stat = %v, %v", fi.Mode(), err)
		}
		if err := EnsureStateDir(dir); err != nil {
			t.Fatalf("second call: %v", err)
		}
	})
	t.Run("reports an open existing dir without changing it", func(t *testing.T) {
		dir := filepath.Join(root, "open")
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		err := EnsureStateDir(dir)
		if err == nil || !strings.Contains(err.Error(), "mode 0755") || !strings.Contains(err.Error(), "chmod 700 "+dir) {
			t.Fatalf("err = %v", err)
		}
		if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o755 {
			t.Errorf("mode changed to %v", fi.Mode().Perm())
		}
	})
	t.Run("a file in the way", func(t *testing.T) {
		p := filepath.Join(root, "file")
		if err := os.WriteFile(p, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := EnsureStateDir(p); err == nil {
			t.Fatal("no error")
		}
	})
}
