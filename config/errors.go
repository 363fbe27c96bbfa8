package config

import "fmt"

// Error is a configuration problem. Its message is one line that starts with
// "config: " and names the file key, environment variable or flag at fault,
// so the user knows exactly what to change. It never holds a secret.
type Error struct {
	Key string // "staleness.aging", "CASHPOS_BASE_URL", "--env", "accounts[1].api"
	msg string // full text after "config: ", starting with Key
}

func (e *Error) Error() string { return "config: " + e.msg }

// valueErr reports a bad value: `key "value": problem`.
// Never pass a secret as value.
func valueErr(key, value, problem string, args ...any) *Error {
	return &Error{Key: key, msg: fmt.Sprintf("%s %q: %s", key, value, fmt.Sprintf(problem, args...))}
}

// keyErr reports a problem with a key as a whole: `key: problem`.
func keyErr(key, problem string, args ...any) *Error {
	return &Error{Key: key, msg: key + ": " + fmt.Sprintf(problem, args...)}
}

// rawErr is for messages that read better without the colon, such as the
// ssh-style permission message; text must start with key.
func rawErr(key, text string, args ...any) *Error {
	return &Error{Key: key, msg: fmt.Sprintf(text, args...)}
}
