package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is stamped at link time for a release build:
// go build -ldflags "-X main.version=v1.2.0". Without it the module version
// from the build info is used: v1.2.0 after `go install cashpos@v1.2.0`,
// "(devel)" for a build from a work tree.
var version string

// buildStamp is what --version prints. Commit stays "unknown" when the
// binary was built without VCS stamping (-buildvcs=false, or outside git).
type buildStamp struct {
	version, commit, commitTime string
	modified                    bool
	goVersion, platform         string
}

func readBuildStamp() buildStamp {
	s := buildStamp{version: version, commit: "unknown", goVersion: runtime.Version(),
		platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if s.version == "" {
			s.version = bi.Main.Version
		}
		if bi.GoVersion != "" {
			s.goVersion = bi.GoVersion
		}
		for _, kv := range bi.Settings {
			switch kv.Key {
			case "vcs.revision":
				s.commit = kv.Value
			case "vcs.time":
				s.commitTime = kv.Value
			case "vcs.modified":
				s.modified = kv.Value == "true"
			}
		}
	}
	if s.version == "" {
		s.version = "(devel)"
	}
	return s
}

// versionText is one line for people and scripts alike:
// "cashpos v1.2.0 commit 5ed5942c1a2b (2026-12-02T09:00:00Z, modified) go1.26.8 linux/amd64".
func versionText(s buildStamp) string {
	commit := s.commit
	if len(commit) > 12 {
		commit = commit[:12]
	}
	var detail string
	switch {
	case s.commitTime != "" && s.modified:
		detail = " (" + s.commitTime + ", modified)"
	case s.commitTime != "":
		detail = " (" + s.commitTime + ")"
	case s.modified:
		detail = " (modified)"
	}
	return fmt.Sprintf("cashpos %s commit %s%s %s %s\n", s.version, commit, detail, s.goVersion, s.platform)
}
