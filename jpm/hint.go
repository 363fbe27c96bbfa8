package jpm

import "errors"

// Setting names the piece of configuration an error's advice is about. The
// client knows nothing of environment variables or config keys: it says
// "check the base URL" and carries the Setting, and main or ui turn that
// into CASHPOS_BASE_URL (or whatever the configuration calls it).
type Setting int

const (
	SettingNone Setting = iota
	SettingBaseURL
	SettingTokenURL
	SettingClientCredentials // client id and secret (or the assertion's client id)
	SettingScope
	SettingResource // the IDAnywhere resource id and signing certificate
	SettingAccounts
	SettingTLSCert
	SettingDeadline // the overall deadline of a refresh or a command
)

// SettingOf returns the setting an error's advice is about, or SettingNone.
func SettingOf(err error) Setting {
	var h interface{ Setting() Setting }
	if errors.As(err, &h) {
		return h.Setting()
	}
	return SettingNone
}

// Setting is what the advice of e points at.
func (e *APIError) Setting() Setting {
	switch {
	case e.ContentType != "" && e.API == apiToken:
		return SettingTokenURL
	case e.ContentType != "":
		return SettingBaseURL
	case e.malformed:
		return SettingNone
	case e.setting != SettingNone:
		return e.setting
	}
	switch e.kind() {
	case errUnauthorized:
		if e.API != apiToken {
			return SettingNone
		}
		if e.Code == "invalid_scope" {
			return SettingScope
		}
		return SettingClientCredentials
	case errBadRequest:
		if e.Code == "GCA-009" || e.Code == "GCA-010" {
			return SettingAccounts
		}
	}
	return SettingNone
}

// Setting is what the advice of e points at.
func (e *NetworkError) Setting() Setting {
	switch {
	case e.setting != SettingNone:
		return e.setting
	case e.API == apiToken:
		return SettingTokenURL
	}
	return SettingBaseURL
}

// settingError is a configuration problem found before any call.
type settingError struct {
	msg     string
	setting Setting
}

func (e *settingError) Error() string    { return e.msg }
func (e *settingError) Setting() Setting { return e.setting }
