// Package store keeps cashpos's local state under the state directory: the
// last-known-good balance snapshot now, the payment journal and audit log
// later. Every file is 0600 in a 0700 directory, written atomically.
package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"

	"cashpos/model"
)

// LastGood is the last snapshot that came back whole from the bank, kept so
// that a restart during an outage still shows numbers (marked offline)
// instead of a blank screen.
//
// One file per environment: a demo book must never be shown as production's
// last good data, nor the other way round.
type LastGood struct {
	path string
}

var envName = regexp.MustCompile(`^[a-z0-9-]+$`)

// NewLastGood returns the cache for one environment ("demo", "mock", "cat",
// "production") under dir.
func NewLastGood(dir, env string) (*LastGood, error) {
	if !envName.MatchString(env) {
		return nil, fmt.Errorf("last-good cache: bad environment name %q", env)
	}
	return &LastGood{path: filepath.Join(dir, "balances-"+env+".json")}, nil
}

// Path is where the snapshot lives, for messages.
func (l *LastGood) Path() string { return l.path }

// Load returns the saved snapshot, or (nil, nil) when there is none yet.
// A corrupt file is an error, not silently ignored: the caller shows it and
// carries on without a cache.
func (l *LastGood) Load() (*model.Snapshot, error) {
	raw, err := os.ReadFile(l.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read last good balances: %w", err)
	}
	var snap model.Snapshot
	if err := json.Unmarshal(raw, &snap); err != nil {
		return nil, fmt.Errorf("last good balances %s is unreadable (%v); it will be replaced at the next good refresh", l.path, err)
	}
	return &snap, nil
}

// Save writes the snapshot atomically: to a temporary file in the same
// directory, synced, then renamed over the old one, so a crash mid-write
// leaves the previous good copy, never half a file.
func (l *LastGood) Save(snap model.Snapshot) error {
	raw, err := json.Marshal(snap)
	if err != nil {
		return fmt.Errorf("encode last good balances: %w", err)
	}
	return WriteFileAtomic(l.path, raw)
}

// WriteFileAtomic replaces path with data, mode 0600, creating the directory
// 0700 if needed.
func WriteFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create state dir %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
