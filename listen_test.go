package main

import (
	"bytes"
	"errors"
	"net"
	"strings"
	"syscall"
	"testing"
)

func TestBoundAddr(t *testing.T) {
	cases := []struct {
		requested, base string
		addr            string
		exposed         bool
	}{
		{"127.0.0.1:0", "http://127.0.0.1:41234", "127.0.0.1:41234", false},
		{"localhost:7070", "http://127.0.0.1:7070", "127.0.0.1:7070", false},
		{"[::1]:0", "http://[::1]:41234", "[::1]:41234", false},
		{"0.0.0.0:7392", "http://127.0.0.1:7392", "0.0.0.0:7392", true},
		{"0.0.0.0:0", "http://127.0.0.1:41234", "0.0.0.0:41234", true}, // the real port, not 0
		{"[::]:0", "http://127.0.0.1:41234", "[::]:41234", true},
		{":7070", "http://127.0.0.1:7070", "*:7070", true},
		{"192.0.2.10:7070", "http://192.0.2.10:7070", "192.0.2.10:7070", true},
	}
	for _, c := range cases {
		l := boundAddr(c.requested, c.base)
		if l.addr != c.addr || l.exposed != c.exposed || l.local != c.base {
			t.Errorf("boundAddr(%q, %q) = %+v, want addr %s exposed %v", c.requested, c.base, l, c.addr, c.exposed)
		}
	}
}

// Listening on every interface says so on stdout and warns on stderr, with
// the loopback address that keeps the mock on this machine. (Announced from
// a value: tests never bind beyond loopback.)
func TestAnnounceWarnsWhenReachableFromTheNetwork(t *testing.T) {
	var out, errb bytes.Buffer
	announce(stdio{out: &out, err: &errb}, boundAddr("0.0.0.0:0", "http://127.0.0.1:41234"))
	if !strings.HasPrefix(out.String(), "mock bank listening on 0.0.0.0:41234 (reachable from the network)\nfrom this machine: http://127.0.0.1:41234\n") {
		t.Errorf("stdout %q", out.String())
	}
	if strings.Count(errb.String(), "\n") != 1 || !strings.Contains(errb.String(), "warning") ||
		!strings.Contains(errb.String(), "--listen 127.0.0.1:41234") {
		t.Errorf("want one warning line naming the loopback alternative, got %q", errb.String())
	}
	out.Reset()
	errb.Reset()
	announce(stdio{out: &out, err: &errb}, boundAddr("127.0.0.1:0", "http://127.0.0.1:41234"))
	if errb.Len() != 0 || !strings.Contains(out.String(), "(loopback: this machine only)") {
		t.Errorf("loopback: stdout %q stderr %q", out.String(), errb.String())
	}
}

// A busy port is one line, exit 2, with a port that was free a moment ago.
func TestMockServerBusyPortSuggestsAnother(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	busy := ln.Addr().String()
	code, out, errOut := runCmd(t, env(t), "mock-server", "--listen", busy)
	if code != exitConfig || out != "" || strings.Count(errOut, "\n") != 1 {
		t.Fatalf("exit %d stdout %q stderr %q; want exit 2 and one line", code, out, errOut)
	}
	if !strings.Contains(errOut, busy+" is already in use") || !strings.Contains(errOut, "try --listen 127.0.0.1:") ||
		strings.Contains(errOut, "try --listen "+busy) {
		t.Errorf("stderr %q: want the busy address and another port to try", errOut)
	}
}

func TestListenErrors(t *testing.T) {
	cases := []struct {
		requested string
		err       error
		want      string
	}{
		{"7070", errors.New("missing port in address"), `--listen "7070" is not host:port`},
		{"127.0.0.1:80", &net.OpError{Op: "listen", Err: syscall.EACCES}, "no permission to listen on 127.0.0.1:80"},
		{"10.9.9.9:7070", &net.OpError{Op: "listen", Err: syscall.EADDRNOTAVAIL}, "10.9.9.9 is not an address of this machine"},
	}
	for _, c := range cases {
		err := listenError(c.requested, c.err)
		if exitCode(err) != exitConfig || !strings.Contains(err.Error(), c.want) {
			t.Errorf("listenError(%q) = %v (exit %d), want %q", c.requested, err, exitCode(err), c.want)
		}
	}
}
