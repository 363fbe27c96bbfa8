package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"

	"cashpos/config"
	"cashpos/jpm"
	"cashpos/model"
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

// exitInterrupted is the shell's code for a program ended by SIGINT
// (128+2); SIGTERM ends the same way, with the same message.
const exitInterrupted = 130

// partialError is a report that was written but misses data: the output
// names what and why; this is the one stderr line and exit code 3.
type partialError struct{ missing []string }

func (e partialError) Error() string {
	n := len(e.missing)
	first := e.missing[0]
	more := ""
	if n > 1 {
		more = fmt.Sprintf(" (and %d more)", n-1)
	}
	return fmt.Sprintf("partial data: %d without fresh data; %s%s; the report lists each", n, first, more)
}

// exitCode maps an error to the documented exit code.
func exitCode(err error) int {
	var ue usageError
	var ce *config.Error
	var pe partialError
	var coded interface{ ExitCode() int } // an error that knows its code (a partial transactions run)
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &pe):
		return exitPartial
	case errors.As(err, &coded):
		return coded.ExitCode()
	case errors.Is(err, model.ErrInterrupted):
		return exitInterrupted
	case errors.As(err, &ue), errors.As(err, &ce):
		return exitConfig
	default:
		return exitAPI
	}
}

// settingNames turns the client's typed hint into the names the analyst
// sets (advice lives at the edge, jpm knows no environment variables).
var settingNames = map[jpm.Setting]string{
	jpm.SettingBaseURL:           "CASHPOS_BASE_URL",
	jpm.SettingTokenURL:          "CASHPOS_TOKEN_URL",
	jpm.SettingClientCredentials: "CASHPOS_CLIENT_ID and CASHPOS_CLIENT_SECRET (or client_secret_file)",
	jpm.SettingScope:             "CASHPOS_SCOPE",
	jpm.SettingResource:          "CASHPOS_CLIENT_ID, CASHPOS_RESOURCE and signing_cert",
	jpm.SettingAccounts:          "CASHPOS_ACCOUNTS or the config's [[accounts]]",
	jpm.SettingTLSCert:           "CASHPOS_TLS_CERT and CASHPOS_TLS_KEY",
	jpm.SettingDeadline:          "command_timeout or refresh_timeout in the config file",
}

// settingError is an error with the configuration names its advice means.
type settingError struct {
	err  error
	name string
}

func (e *settingError) Error() string { return e.err.Error() + " (setting: " + e.name + ")" }
func (e *settingError) Unwrap() error { return e.err }

// withSetting names the setting an error's advice is about, if any.
func withSetting(err error) error {
	if err == nil {
		return nil
	}
	var done *settingError
	if errors.As(err, &done) {
		return err
	}
	if name, ok := settingNames[jpm.SettingOf(err)]; ok {
		return &settingError{err: err, name: name}
	}
	return err
}

// reportError prints an error as the one line product.md asks for: errors are
// built with context already, so only the first line is kept — a wrapped
// body or a stack never reaches the user.
func reportError(w io.Writer, err error) int {
	if errors.Is(err, model.ErrInterrupted) {
		fmt.Fprintln(w, "cashpos: interrupted (ctrl+c or SIGTERM) before the work was done; nothing was written")
		return exitInterrupted
	}
	fmt.Fprintf(w, "cashpos: %s\n", oneLine(withSetting(err).Error()))
	return exitCode(err)
}

// oneLine is the first line of s with control characters dropped: text
// that came from the bank never moves a terminal's cursor or colours it.
func oneLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}
