package config

import (
	"fmt"
	"log/slog"
)

// redacted is what every printing path shows instead of a secret.
const redacted = "[redacted]"

// Secret holds a credential. Every way Go code commonly prints or encodes a
// value (fmt verbs including %#v, JSON, text marshalling, slog) yields
// "[redacted]", so a Config can be logged or dumped without leaking it.
// Call Reveal at the single point where the value is sent to the bank.
type Secret string

// Reveal returns the secret's value. Keep its result out of errors and logs.
func (s Secret) Reveal() string { return string(s) }

// IsSet reports whether a value is present, without exposing it.
func (s Secret) IsSet() bool { return s != "" }

// String implements fmt.Stringer.
func (s Secret) String() string { return redacted }

// GoString implements fmt.GoStringer, for %#v.
func (s Secret) GoString() string { return redacted }

// Format implements fmt.Formatter so that no verb (%x, %q, %d ...) falls
// through to the underlying string.
func (s Secret) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(redacted)) }

// MarshalJSON implements json.Marshaler.
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + redacted + `"`), nil }

// MarshalText implements encoding.TextMarshaler (TOML, YAML, slog text).
func (s Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }

// LogValue implements slog.LogValuer.
func (s Secret) LogValue() slog.Value { return slog.StringValue(redacted) }
