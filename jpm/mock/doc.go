// Package mock is cashpos's in-process J.P. Morgan bank: an http.Handler that
// speaks the wire formats of jpm-api.md (OAuth2 client credentials §1.2,
// Account Balances v1 §3, BDA Balances v2 §4) closely enough that the real
// client can be pointed at it over loopback HTTP.
//
// It is a product feature, not a test double: demo mode starts it on an
// ephemeral loopback port and `cashpos mock-server` runs it standalone. It is
// deterministic — the same Options.Seed and clock always produce the same
// JSON bytes — so goldens, demos and bug reports are reproducible.
//
// Nothing here imports another cashpos package: the client package's tests
// import this one, and an import cycle must be impossible. Wire structs are
// therefore defined locally and deliberately not shared with package jpm, so
// the mock keeps testing the client's decoders rather than mirroring them.
//
// Behaviour the reference marks UNCONFIRMED (HTTP statuses per GCA code, the
// per-account GCA-010 shape, cursor semantics...) is implemented as the most
// plausible reading and flagged UNCONFIRMED at the point of implementation.
package mock
