package main

import (
	"io"
	"os"
	"runtime"

	"cashpos/jpm"
)

// openDebugLog opens the --debug file for appending, creating it 0600. An
// existing file that group or others can read is refused rather than
// chmodded behind the user's back: request ids and paths are not secrets,
// but the file sits beside things that are. "" means no debug log.
func openDebugLog(path string) (io.WriteCloser, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, usagef("--debug %s: %v", path, err)
	}
	fi, err := f.Stat()
	if err == nil && runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		f.Close()
		return nil, usagef("--debug %s has mode %04o; it must not be accessible by group or others (chmod 600 %s, or name a new file)",
			path, fi.Mode().Perm(), path)
	}
	return f, err
}

// withDebug is the session option that sends the client's request log to w.
func withDebug(w io.Writer) func(*jpm.Options) {
	return func(o *jpm.Options) {
		if w != nil {
			o.Debug = w
		}
	}
}
