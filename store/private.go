package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// readPrivate reads a state file only if it deserves trust: opened without
// following a symlink and without blocking on a FIFO, then checked on the
// open descriptor (no race with a swap) to be a regular file, owned by us,
// writable by no one else, and at most limit bytes.
func readPrivate(path string, limit int64) ([]byte, error) {
	if err := checkDir(dirOf(path)); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if errors.Is(err, syscall.ELOOP) || errors.Is(err, syscall.EMLINK) {
		return nil, fmt.Errorf("%s is a symbolic link; remove it (cashpos writes a regular file there)", path)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := checkPrivateFile(path, fi); err != nil {
		return nil, err
	}
	if fi.Size() > limit {
		return nil, fmt.Errorf("%s is %d bytes, more than a snapshot can be (%d); remove it", path, fi.Size(), limit)
	}
	// Sized from the stat: one allocation, not ReadAll's doubling series
	// (a 100,000-account snapshot is about 40 MB).
	buf := bytes.NewBuffer(make([]byte, 0, fi.Size()+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	raw := buf.Bytes()
	if int64(len(raw)) > limit {
		return nil, fmt.Errorf("%s grew past %d bytes while being read; remove it", path, limit)
	}
	return raw, nil
}

func checkPrivateFile(path string, fi fs.FileInfo) error {
	switch {
	case !fi.Mode().IsRegular():
		return fmt.Errorf("%s is not a regular file (%s); remove it", path, fi.Mode().Type())
	case !ownedByUs(fi):
		return fmt.Errorf("%s belongs to another user; remove it, or check who else uses this state directory", path)
	case fi.Mode().Perm()&0o022 != 0:
		return fmt.Errorf("%s can be written by group or others (mode %04o), so its figures cannot be trusted; remove it, or chmod 600 %s if you wrote it yourself", path, fi.Mode().Perm(), path)
	}
	return nil
}

// checkDir refuses a state directory others could plant files in: not a
// directory, not ours (root's is fine, as for ssh), or writable by group
// or others.
func checkDir(dir string) error {
	fi, err := os.Stat(dir)
	if err != nil {
		return err
	}
	switch {
	case !fi.IsDir():
		return fmt.Errorf("state directory %s is not a directory; set CASHPOS_STATE_DIR to a directory of your own", dir)
	case !ownedByUs(fi) && !ownedByRoot(fi):
		return fmt.Errorf("state directory %s belongs to another user; set CASHPOS_STATE_DIR to a directory of your own", dir)
	case fi.Mode().Perm()&0o022 != 0 && fi.Mode()&os.ModeSticky == 0:
		return fmt.Errorf("state directory %s can be written by group or others (mode %04o); chmod 700 %s", dir, fi.Mode().Perm(), dir)
	case fi.Mode().Perm()&0o022 != 0:
		return fmt.Errorf("state directory %s is shared (mode %04o, sticky); use a private one: chmod 700 it, or set CASHPOS_STATE_DIR", dir, fi.Mode().Perm())
	}
	return nil
}

func dirOf(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if os.IsPathSeparator(path[i]) {
			if i == 0 {
				return string(path[0])
			}
			return path[:i]
		}
	}
	return "."
}

func ownedByUs(fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return !ok || int(st.Uid) == os.Geteuid()
}

func ownedByRoot(fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && st.Uid == 0
}

// EnsureStateDir makes dir (0700) if it is missing, creating at most
// maxCreate directories: the state directory and the XDG base it lives in
// (~/.local/state), never a tree the user did not ask for; a missing
// grandparent is a typo in CASHPOS_STATE_DIR or XDG_STATE_HOME, and is
// reported as such. An existing dir must pass checkDir.
func EnsureStateDir(dir string, maxCreate int) error {
	if dir == "" {
		return errors.New("no state directory; set CASHPOS_STATE_DIR")
	}
	var missing []string
	for d := dir; ; d = dirOf(d) {
		if _, err := os.Stat(d); err == nil {
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("state directory %s: %w", dir, err)
		}
		missing = append(missing, d)
		if len(missing) > maxCreate || dirOf(d) == d {
			return fmt.Errorf("state directory %s: %s does not exist; create it, or set CASHPOS_STATE_DIR to a directory that does", dir, dirOf(d))
		}
	}
	for i := len(missing) - 1; i >= 0; i-- {
		if err := os.Mkdir(missing[i], 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("state directory %s: %w", dir, err)
		}
	}
	return checkDir(dir)
}

// CheckStateDir reports a problem with an existing state directory (nil if
// it is fine or not there yet), so every command can say so up front.
func CheckStateDir(dir string) error {
	if err := checkDir(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
