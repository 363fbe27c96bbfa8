// Package store keeps cashpos's local state under the state directory: the
// last-known-good balance snapshot now, the payment journal and audit log
// later. Every file is 0600 in a 0700 directory, written atomically.
package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"time"

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
//
// It is read as carefully as ssh reads its keys, since what it holds is
// shown as money: the directory and the file must be ours and writable by
// no one else, the file a regular file (not a symlink, FIFO or device:
// opened without following links and without blocking), at most
// maxSnapshotBytes, in our versioned format with every field in bounds.
// Any refusal is an error naming the file and what to do; the caller shows
// it and carries on without a cache.
func (l *LastGood) Load() (*model.Snapshot, error) {
	raw, err := readPrivate(l.path, maxSnapshotBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("last good balances not used: %w", err)
	}
	snap, err := decodeSnapshot(raw)
	if err != nil {
		return nil, fmt.Errorf("last good balances %s not used: %v; it will be replaced at the next good refresh", l.path, err)
	}
	return snap, nil
}

// Save writes the snapshot atomically: to a temporary file in the same
// directory, synced, then renamed over the old one, so a crash mid-write
// leaves the previous good copy, never half a file.
func (l *LastGood) Save(snap model.Snapshot) error {
	if err := checkDir(filepath.Dir(l.path)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("last good balances not saved: %w", err)
	}
	if n := len(snap.Balances); n > maxRows {
		return fmt.Errorf("last good balances not saved: %d accounts, more than the %d a snapshot holds", n, maxRows)
	}
	// Streamed into the temporary file: a 100,000-account snapshot is
	// never one 40 MB text in memory.
	err := writeAtomic(l.path, func(w io.Writer) error {
		if err := writeSnapshot(w, snap); err != nil {
			return &encodeError{err}
		}
		return nil
	})
	var ee *encodeError
	if errors.As(err, &ee) {
		return fmt.Errorf("encode last good balances: %w", ee.err)
	}
	return err
}

// staleTemp is how old a temporary file of ours must be before it is taken
// for the remains of a save that was killed: a save takes milliseconds, and
// another cashpos may be saving right now.
const staleTemp = 30 * time.Second

// CleanTemp removes temporary files a killed save left behind (never
// another program's: only ".balances-<env>.json.tmp-*" beside the
// snapshot, older than staleTemp). Call it at start; it reports what it
// could not remove.
func (l *LastGood) CleanTemp(now time.Time) error {
	pattern := filepath.Join(filepath.Dir(l.path), "."+filepath.Base(l.path)+".tmp-*")
	matches, err := filepath.Glob(pattern)
	if err != nil {
		return err
	}
	var errs []error
	for _, m := range matches {
		fi, err := os.Lstat(m)
		if err != nil || !fi.Mode().IsRegular() || now.Sub(fi.ModTime()) < staleTemp {
			continue
		}
		if err := os.Remove(m); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// WriteFileAtomic replaces path with data, mode 0600, creating the directory
// 0700 if needed.
func WriteFileAtomic(path string, data []byte) error {
	return writeAtomic(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// encodeError is a failure to encode what was being written, not to
// write it: reported as such, not as "write <path>".
type encodeError struct{ err error }

func (e *encodeError) Error() string { return e.err.Error() }
func (e *encodeError) Unwrap() error { return e.err }

// writeAtomic is WriteFileAtomic with the content written by write, so a
// large file is streamed into the temporary file, not built in memory.
func writeAtomic(path string, write func(io.Writer) error) error {
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
	if err := write(tmp); err != nil {
		tmp.Close()
		var ee *encodeError
		if errors.As(err, &ee) {
			return err
		}
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
