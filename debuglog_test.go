package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDebugFlagWritesRequestLog: `--debug FILE` on a command appends one
// JSON line per bank request to a 0600 file, and holds no credential.
func TestDebugFlagWritesRequestLog(t *testing.T) {
	file := filepath.Join(t.TempDir(), "debug.jsonl")
	for run := 1; run <= 2; run++ {
		if code, _, errOut := runCmd(t, env(t), "--debug", file, "balances"); code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
	}
	fi, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %04o, want 0600", fi.Mode().Perm())
	}
	data, _ := os.ReadFile(file)
	tokenCalls := 0
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for sc.Scan() {
		var rec map[string]any
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("line is not JSON: %q", sc.Text())
		}
		for _, k := range []string{"method", "path", "status", "duration_ms"} {
			if _, ok := rec[k]; !ok {
				t.Errorf("line lacks %s: %s", k, sc.Text())
			}
		}
		if strings.HasSuffix(rec["path"].(string), "access_token") {
			tokenCalls++
		}
	}
	if tokenCalls != 2 {
		t.Errorf("two runs appended %d token lines, want 2 (appending, not truncating)", tokenCalls)
	}
	if strings.Contains(string(data), demoClientSecret) {
		t.Error("the debug log holds the client secret")
	}
}

func TestDebugFlagRefusesReadableFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "debug.jsonl")
	os.WriteFile(file, nil, 0o644)
	os.Chmod(file, 0o644)
	code, _, errOut := runCmd(t, env(t), "balances", "--debug", file)
	if code != exitConfig || !strings.Contains(errOut, "chmod 600") {
		t.Fatalf("exit %d, %q", code, errOut)
	}
}
