// Package onboard takes a treasury team from nothing to a verified bank
// connection: `cashpos init` (key pair, certificate signing request, config
// skeleton, next steps) and `cashpos doctor` (every check a failed
// connection could be due to, one line each, with what to do). It has no
// UI: it returns values, and the commands in package main print them.
package onboard
