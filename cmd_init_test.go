package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cashpos/config"
)

// TestInitCommandFromEmptyHome is the user's first step: from an empty
// home, `cashpos init --env cat --org "Acme Corp"` leaves a 3072-bit key,
// a CSR and a config skeleton, says what to do next in order, and ends
// with the config path.
func TestInitCommandFromEmptyHome(t *testing.T) {
	getenv := env(t)
	code, out, errOut := runCmd(t, getenv, "init", "--env", "cat", "--org", "Acme Corp")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	cfgPath := filepath.Join(getenv("XDG_CONFIG_HOME"), "cashpos", "config.toml")
	keyPath := filepath.Join(getenv("XDG_CONFIG_HOME"), "cashpos", "keys", "cat", "client.key")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if lines[len(lines)-1] != cfgPath {
		t.Errorf("last line %q, want the config path", lines[len(lines)-1])
	}
	last := -1
	for _, step := range []string{"1. Upload the CSR", "2. Once the certificate is issued", "thumbprint", "3. Save the issued certificate", "client.crt", "4. Copy two values", "client_id", "resource", "5. Run `cashpos doctor`"} {
		i := strings.Index(out, step)
		if i < last {
			t.Errorf("%q missing or out of order:\n%s", step, out)
		}
		last = i
	}
	if !strings.Contains(out, "RSA 3072 bits") {
		t.Errorf("the key size is not said:\n%s", out)
	}
	key, err := config.ReadRSAKey("tls_key", "key", keyPath)
	if err != nil || key.N.BitLen() != 3072 {
		t.Fatalf("key: %v", err)
	}
	if fi, _ := os.Stat(keyPath); fi.Mode().Perm() != 0o600 {
		t.Errorf("key mode %04o", fi.Mode().Perm())
	}
	if code, _, errOut := runCmd(t, getenv, "init", "--org", "Acme Corp"); code != exitConfig || !strings.Contains(errOut, "never overwritten") {
		t.Errorf("second init: exit %d, %q", code, errOut)
	}
	if code, _, errOut := runCmd(t, env(t), "init"); code != exitConfig || !strings.Contains(errOut, "--org is required") {
		t.Errorf("init without --org: exit %d, %q", code, errOut)
	}
}

// After init and the ids, the usual state is "certificate not issued yet":
// doctor says exactly that on the certificate line, not a config error.
func TestDoctorAfterInitAsksForTheCertificate(t *testing.T) {
	getenv := env(t)
	if code, _, errOut := runCmd(t, getenv, "init", "--org", "Acme Corp"); code != exitOK {
		t.Fatal(errOut)
	}
	cfgPath := filepath.Join(getenv("XDG_CONFIG_HOME"), "cashpos", "config.toml")
	data, _ := os.ReadFile(cfgPath)
	filled := strings.Replace(string(data), `client_id = ""`, `client_id = "acme-cat"`, 1)
	filled = strings.Replace(filled, `resource = ""`, `resource = "JPMC:URI:RS-1-ACME"`, 1)
	// Loopback only in tests: a closed port stands in for the bank.
	filled = strings.Replace(filled, `env = "cat"`, "env = \"cat\"\nbase_url = \"http://127.0.0.1:9\"", 1)
	os.WriteFile(cfgPath, []byte(filled), 0o600)
	code, out, _ := runCmd(t, getenv, "doctor")
	if code != exitAPI || lineStarting(out, "✓ configuration: env cat, signed JWT assertion for client acme-cat") == "" ||
		lineStarting(out, "✗ certificate: no file at ") == "" || lineStarting(out, "✓ file permissions: 1 file private: tls_key") == "" {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

func TestInitRefusesGlobalsItWouldIgnore(t *testing.T) {
	code, _, errOut := runCmd(t, env(t), "init", "--org", "Acme", "--base-url", "http://127.0.0.1:1")
	if code != exitConfig || !strings.Contains(errOut, "--base-url does not apply to init") {
		t.Fatalf("exit %d, %q", code, errOut)
	}
}

// Right after init, before any request: the doctor names the environment
// the skeleton configures (not "unknown") and does not ask for a --debug
// recording of requests that were never sent.
func TestDoctorRightAfterInitNamesTheEnvironment(t *testing.T) {
	for _, envName := range []string{"cat", "production"} {
		getenv := env(t)
		if code, _, errOut := runCmd(t, getenv, "init", "--env", envName, "--org", "Acme Corp"); code != exitOK {
			t.Fatal(errOut)
		}
		_, out, _ := runCmd(t, getenv, "doctor")
		first, _, _ := strings.Cut(out, "\n")
		if !strings.Contains(first, "· "+envName+" ·") || strings.Contains(out, "--debug") {
			t.Errorf("%s:\n%s", envName, out)
		}
		if lineStarting(out, "✗ configuration: config: client_id") == "" {
			t.Errorf("%s: the configuration line must still say what is missing:\n%s", envName, out)
		}
	}
}
