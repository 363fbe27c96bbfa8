package config

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestPrecedence(t *testing.T) {
	type want struct {
		env      Env
		baseURL  string
		scope    string
		clientID string
		stateDir string // relative to home unless absolute
		refresh  time.Duration
		aging    time.Duration
	}
	fileLayer := `
env = "cat"
base_url = "https://file.example"
scope = "file-scope"
client_id = "file-id"
state_dir = "/file/state"
refresh_interval = "30s"
[staleness]
aging = "10m"
`
	tests := []struct {
		name  string
		file  string // keys besides client_secret_file; "" = minimal mock file
		env   fakeEnv
		flags Overrides
		want  want
	}{
		{
			name: "defaults",
			want: want{env: EnvMock, scope: DefaultMockScope, clientID: "cid",
				stateDir: ".local/state/cashpos", refresh: 60 * time.Second, aging: 30 * time.Minute},
		},
		{
			name: "XDG_STATE_HOME beats the home default",
			env:  fakeEnv{"XDG_STATE_HOME": "/xdg/state"},
			want: want{env: EnvMock, scope: DefaultMockScope, clientID: "cid",
				stateDir: "/xdg/state/cashpos", refresh: 60 * time.Second, aging: 30 * time.Minute},
		},
		{
			name: "file beats defaults",
			file: fileLayer,
			want: want{env: EnvCAT, baseURL: "https://file.example", scope: "file-scope", clientID: "file-id",
				stateDir: "/file/state", refresh: 30 * time.Second, aging: 10 * time.Minute},
		},
		{
			name: "env beats file",
			file: fileLayer,
			env: fakeEnv{
				"CASHPOS_ENV": "production", "CASHPOS_BASE_URL": "https://env.example",
				"CASHPOS_SCOPE": "env-scope", "CASHPOS_CLIENT_ID": "env-id", "CASHPOS_STATE_DIR": "/env/state",
			},
			want: want{env: EnvProduction, baseURL: "https://env.example", scope: "env-scope", clientID: "env-id",
				stateDir: "/env/state", refresh: 30 * time.Second, aging: 10 * time.Minute},
		},
		{
			name: "flags beat env",
			file: fileLayer,
			env: fakeEnv{
				"CASHPOS_ENV": "production", "CASHPOS_BASE_URL": "https://env.example",
				"CASHPOS_SCOPE": "env-scope", "CASHPOS_CLIENT_ID": "env-id", "CASHPOS_STATE_DIR": "/env/state",
			},
			flags: Overrides{
				Env: ptr(EnvMock), BaseURL: ptr("http://127.0.0.1:7070"), Scope: ptr("flag-scope"),
				ClientID: ptr("flag-id"), StateDir: ptr("/flag/state"), RefreshInterval: ptr(15 * time.Second),
			},
			want: want{env: EnvMock, baseURL: "http://127.0.0.1:7070", scope: "flag-scope", clientID: "flag-id",
				stateDir: "/flag/state", refresh: 15 * time.Second, aging: 10 * time.Minute},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			if tt.file == "" {
				f.config(f.validMock(""))
			} else {
				f.config(f.secretOnly(tt.file))
			}
			c := f.mustLoad(tt.env, tt.flags)
			stateDir := tt.want.stateDir
			if !filepath.IsAbs(stateDir) {
				stateDir = filepath.Join(f.home, stateDir)
			}
			got := want{c.Env, c.BaseURL, c.Scope, c.ClientID, c.StateDir, c.RefreshInterval, c.Thresholds.Aging}
			tt.want.stateDir = stateDir
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
			if c.Demo {
				t.Error("Demo = true with a config file")
			}
			if c.ClientSecret.Reveal() != testSecret {
				t.Error("client secret file not read (or newline not trimmed)")
			}
		})
	}
}

func TestEnvSecretBeatsSecretFile(t *testing.T) {
	f := newFixture(t)
	// The file's secret file is world-readable, but the variable wins, so
	// the file is neither read nor refused.
	bad := f.write("bad-secret", "file-secret\n", 0o644)
	f.config("client_id = \"cid\"\nclient_secret_file = " + quote(bad) + "\n")
	c := f.mustLoad(fakeEnv{"CASHPOS_CLIENT_SECRET": "env-secret"}, Overrides{})
	if c.ClientSecret.Reveal() != "env-secret" || c.ClientSecretFile != "" {
		t.Errorf("secret = %q from %q", c.ClientSecret.Reveal(), c.ClientSecretFile)
	}
}

func TestAccountsMerge(t *testing.T) {
	file := `
[[accounts]]
id = "000000010962009"
label = "Operating"
group = "US Operating"
time_zone = "Europe/London"
[[accounts]]
id = "1234567890"
label = "BDA"
api = "bda"
bic = "CHASGB2L"
[[accounts]]
id = "999999999999"
label = "Payroll"
`
	operating := Account{ID: "000000010962009", Label: "Operating", Group: "US Operating", API: APIv1, TimeZone: "Europe/London"}
	bda := Account{ID: "1234567890", Label: "BDA", API: APIBDA, BIC: "CHASGB2L"}
	payroll := Account{ID: "999999999999", Label: "Payroll", API: APIv1}
	tests := []struct {
		name  string
		env   fakeEnv
		flags Overrides
		want  []Account
	}{
		{name: "file list as is, api inferred", want: []Account{operating, bda, payroll}},
		{
			name: "env replaces the list in its order, keeping known details",
			env:  fakeEnv{"CASHPOS_ACCOUNTS": " 1234567890, 55555,000000010962009 ,"},
			want: []Account{
				bda,
				{ID: "55555", API: APIv1}, // the id's length never picks BDA
				operating,
			},
		},
		{
			name: "repeated ids collapse",
			env:  fakeEnv{"CASHPOS_ACCOUNTS": "999999999999,999999999999"},
			want: []Account{payroll},
		},
		{
			name:  "flag beats env",
			env:   fakeEnv{"CASHPOS_ACCOUNTS": "1234567890"},
			flags: Overrides{Accounts: []string{"123456789012345"}},
			want:  []Account{{ID: "123456789012345", API: APIv1}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.config(f.validMock(file))
			c := f.mustLoad(tt.env, tt.flags)
			if !reflect.DeepEqual(c.Accounts, tt.want) {
				t.Errorf("got  %+v\nwant %+v", c.Accounts, tt.want)
			}
		})
	}
}

func TestDemoDetection(t *testing.T) {
	tests := []struct {
		name     string
		file     bool
		env      fakeEnv
		flags    Overrides
		wantDemo bool
	}{
		{name: "nothing at all", wantDemo: true},
		{name: "unrelated variables only", env: fakeEnv{"CASHPOS_SCOPE": "x", "CASHPOS_ACCOUNTS": "1234567890"}, wantDemo: true},
		{name: "config file", file: true},
		{name: "CASHPOS_ENV", env: fakeEnv{"CASHPOS_ENV": "mock", "CASHPOS_CLIENT_ID": "i", "CASHPOS_CLIENT_SECRET": "s"}},
		{name: "CASHPOS_BASE_URL", env: fakeEnv{"CASHPOS_BASE_URL": "http://localhost:7070", "CASHPOS_CLIENT_ID": "i", "CASHPOS_CLIENT_SECRET": "s"}},
		{name: "CASHPOS_TOKEN_URL", env: fakeEnv{"CASHPOS_TOKEN_URL": "https://t.example/token", "CASHPOS_CLIENT_ID": "i", "CASHPOS_CLIENT_SECRET": "s"}},
		{name: "CASHPOS_CLIENT_ID", env: fakeEnv{"CASHPOS_CLIENT_ID": "i", "CASHPOS_CLIENT_SECRET": "s"}},
		{name: "--env flag", flags: Overrides{Env: ptr(EnvMock), ClientID: ptr("i")}, env: fakeEnv{"CASHPOS_CLIENT_SECRET": "s"}},
		{name: "--demo beats a file", file: true, flags: Overrides{Demo: true}, wantDemo: true},
		{name: "--demo beats variables", env: fakeEnv{"CASHPOS_ENV": "production"}, flags: Overrides{Demo: true}, wantDemo: true},
		{name: "--demo keeps --accounts", file: true, flags: Overrides{Demo: true, Accounts: []string{"123456789012", "42"}}, wantDemo: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			if tt.file {
				f.config(f.validMock("base_url = \"https://real.example\"\n[[accounts]]\nid = \"123456789012\"\n"))
			}
			c := f.mustLoad(tt.env, tt.flags)
			if c.Demo != tt.wantDemo {
				t.Fatalf("Demo = %v, want %v (source %q)", c.Demo, tt.wantDemo, c.Source)
			}
			if !c.Demo {
				return
			}
			// Demo never carries real bank settings, and keeps its state apart.
			if c.Env != EnvMock || c.BaseURL != "" || c.ClientID != "" || c.ClientSecret.IsSet() || c.ClientSecretFile != "" {
				t.Errorf("demo kept bank settings: %+v", c)
			}
			if len(c.Accounts) != len(tt.flags.Accounts) {
				t.Errorf("demo accounts = %+v, want only those from --accounts", c.Accounts)
			}
			if want := filepath.Join(f.home, ".local/state/cashpos/demo"); c.StateDir != want {
				t.Errorf("StateDir = %q, want %q", c.StateDir, want)
			}
			if !strings.HasPrefix(c.Source, "demo") {
				t.Errorf("Source = %q", c.Source)
			}
		})
	}
}

func TestConfigPath(t *testing.T) {
	t.Run("CASHPOS_CONFIG names a missing file", func(t *testing.T) {
		f := newFixture(t)
		missing := filepath.Join(f.home, "nope.toml")
		_, err := f.load(fakeEnv{"CASHPOS_CONFIG": missing}, Overrides{})
		var ce *Error
		if !errors.As(err, &ce) || ce.Key != "CASHPOS_CONFIG" || !strings.Contains(err.Error(), missing) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("--config names a missing file", func(t *testing.T) {
		f := newFixture(t)
		_, err := f.load(nil, Overrides{ConfigPath: filepath.Join(f.home, "nope.toml")})
		if err == nil || !strings.HasPrefix(err.Error(), "config: --config ") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("CASHPOS_CONFIG is read, with relative paths beside it", func(t *testing.T) {
		f := newFixture(t)
		f.write("etc/secret", testSecret, 0o600)
		p := f.write("etc/cashpos.toml", "client_id = \"x\"\nclient_secret_file = \"secret\"\n", 0o600)
		c := f.mustLoad(fakeEnv{"CASHPOS_CONFIG": p}, Overrides{})
		if c.ClientSecretFile != filepath.Join(f.home, "etc", "secret") || c.Source != p {
			t.Errorf("ClientSecretFile = %q, Source = %q", c.ClientSecretFile, c.Source)
		}
	})
	t.Run("XDG_CONFIG_HOME", func(t *testing.T) {
		f := newFixture(t)
		xdg := filepath.Join(f.home, "xdg")
		f.write(filepath.Join(xdg, "cashpos", "config.toml"), f.validMock(""), 0o600)
		c := f.mustLoad(fakeEnv{"XDG_CONFIG_HOME": xdg}, Overrides{})
		if c.Demo || !strings.HasPrefix(c.Source, xdg) {
			t.Errorf("Demo = %v, Source = %q", c.Demo, c.Source)
		}
	})
	t.Run("a missing default file means demo", func(t *testing.T) {
		f := newFixture(t)
		if c := f.mustLoad(nil, Overrides{}); !c.Demo {
			t.Error("not demo")
		}
	})
}

func TestUnknownKey(t *testing.T) {
	tests := []struct{ name, body, key string }{
		{"top level", "colour = \"red\"\n", "colour"},
		{"table", "[staleness]\nagin = \"5m\"\n", "staleness.agin"},
		{"account", "[[accounts]]\nid = \"1\"\nlable = \"x\"\n", "accounts.lable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			path := f.config(f.validMock(tt.body))
			_, err := f.load(nil, Overrides{})
			var ce *Error
			if !errors.As(err, &ce) || ce.Key != tt.key {
				t.Fatalf("err = %v", err)
			}
			msg := err.Error()
			t.Log(msg)
			if !strings.Contains(msg, tt.key) || !strings.Contains(msg, "unknown key") || !strings.Contains(msg, path) {
				t.Errorf("message %q", msg)
			}
		})
	}
}

func TestExampleFile(t *testing.T) {
	// The documented example must stay loadable: strict decoding (no
	// unknown keys) and every value parses.
	path := filepath.Join("testdata", "example.toml")
	fc, found, err := readFile(path, "CASHPOS_CONFIG", true)
	if err != nil || !found {
		t.Fatalf("readFile: %v", err)
	}
	c := defaults()
	if err := c.applyFile(fc, path, ""); err != nil {
		t.Fatalf("applyFile: %v", err)
	}
	c.finish(fakeEnv{}.get, "/home/u")
	if c.Env != EnvProduction || c.Resource == "" || c.TLSKey != "/path/key.pem" || len(c.Accounts) != 2 {
		t.Errorf("unexpected %+v", c)
	}
	if a := c.Accounts[1]; a.API != APIBDA || a.BIC != "CHASUS33MCY" {
		t.Errorf("bda account %+v", a)
	}
	if err := c.checkAccounts(); err != nil {
		t.Error(err)
	}
}

func TestRedactedSummary(t *testing.T) {
	f := newFixture(t)
	f.config(f.validMock("[[accounts]]\nid = \"1234567890\"\napi = \"bda\"\nlabel = \"Ops\"\n"))
	c := f.mustLoad(nil, Overrides{})
	s := c.Redacted()
	for _, want := range []string{"[redacted]", "https://api-mock.payments.jpmorgan.com/payment/v2", "1234567890", "bic=CHASUS33MCY", "client id:"} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, testSecret) {
		t.Errorf("summary leaks the secret:\n%s", s)
	}
}

// Issue 6 item 1: a 10-digit DDA is an Account Balances v1 account; only
// api = "bda" sends an account to BDA v2.
func TestShortIDIsV1UnlessConfiguredBDA(t *testing.T) {
	f := newFixture(t)
	f.config(f.validMock("[[accounts]]\nid = \"0041034035\"\nbank_id = \"02100002\"\n[[accounts]]\nid = \"1234567890\"\napi = \"bda\"\n"))
	c := f.mustLoad(fakeEnv{}, Overrides{})
	if a := c.Accounts[0]; a.API != APIv1 || a.BankID != "02100002" || a.BIC != "" {
		t.Errorf("10-digit id: %+v, want v1 with its bank_id", a)
	}
	if a := c.Accounts[1]; a.API != APIBDA {
		t.Errorf("api = bda: %+v", a)
	}
}
