package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"cashpos/config"
)

// Exit codes, as product.md §1 fixes them for scripts.
const (
	exitOK      = 0
	exitAPI     = 1 // the bank or the network failed
	exitConfig  = 2 // bad usage or configuration
	exitPartial = 3 // some data could not be read; the output names what and why
)

// usageError is a mistake on the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// exitCode maps an error to the documented exit code.
func exitCode(err error) int {
	var ue usageError
	var ce *config.Error
	var coded interface{ ExitCode() int }
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &coded): // an error that knows its code (partial data, a broken audit log)
		return coded.ExitCode()
	case errors.As(err, &ue), errors.As(err, &ce):
		return exitConfig
	default:
		return exitAPI
	}
}

// reportError prints an error as the one line product.md asks for: errors are
// built with context already, so only the first line is kept — a wrapped
// body or a stack never reaches the user.
func reportError(w io.Writer, err error) int {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	fmt.Fprintf(w, "cashpos: %s\n", msg)
	return exitCode(err)
}
