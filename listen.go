package main

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"syscall"
)

// listening is where a server really listens, worked out from the address
// asked for and the URL the listener reported (which carries the real port,
// so port 0 shows the one the system picked).
type listening struct {
	addr    string // host:port as bound, e.g. 0.0.0.0:41234 or *:7070
	local   string // base URL from this machine
	exposed bool   // reachable from other machines
}

// boundAddr says where a listener for requested really listens, given the
// base URL it reported. An unspecified host (":7070", "0.0.0.0:7070",
// "[::]:7070") means every interface even though the URL names loopback.
func boundAddr(requested, base string) listening {
	l := listening{addr: base, local: base, exposed: true}
	u, err := url.Parse(base)
	if err != nil {
		return l
	}
	host, _, _ := net.SplitHostPort(requested)
	ip := net.ParseIP(u.Hostname())
	switch {
	case host == "":
		l.addr = "*:" + u.Port()
	case net.ParseIP(host) != nil && net.ParseIP(host).IsUnspecified():
		l.addr = net.JoinHostPort(host, u.Port())
	default:
		l.addr = u.Host
		l.exposed = ip == nil || !ip.IsLoopback()
	}
	return l
}

// listenError turns a failed listen into one line that says what to do; a
// busy port comes with a free one to try.
func listenError(requested string, err error) error {
	host, port, splitErr := net.SplitHostPort(requested)
	switch {
	case splitErr != nil:
		return usagef("mock-server: --listen %q is not host:port (e.g. 127.0.0.1:7070): %v", requested, splitErr)
	case errors.Is(err, syscall.EADDRINUSE):
		return usagef("mock-server: %s is already in use (another mock-server?); try --listen %s, or port 0 for any free port",
			requested, net.JoinHostPort(host, freePortNear(host, port)))
	case errors.Is(err, syscall.EACCES):
		return usagef("mock-server: no permission to listen on %s (ports below 1024 need privileges); try --listen %s",
			requested, net.JoinHostPort(host, "7070"))
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return usagef("mock-server: %s is not an address of this machine; try --listen 127.0.0.1:%s", host, port)
	}
	return usagef("mock-server: cannot listen on %s: %v", requested, err)
}

// freePortNear finds a free port just above a busy one, so the suggestion
// works when tried at once; "0" (any free port) when none of the next few is.
func freePortNear(host, busy string) string {
	p, err := strconv.Atoi(busy)
	if err != nil || p == 0 {
		return "0"
	}
	for next := p + 1; next <= p+20 && next < 65536; next++ {
		ln, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(next)))
		if err == nil {
			ln.Close()
			return strconv.Itoa(next)
		}
	}
	return "0"
}

// exposureWarning is the one line printed on stderr when the mock bank is
// reachable from other machines: it serves a published demo client id and
// secret, so anyone who can reach the port can read its book.
func exposureWarning(l listening) string {
	return fmt.Sprintf("cashpos: warning: the mock bank on %s is reachable from the network "+
		"with the published demo credentials; --listen 127.0.0.1:%s keeps it on this machine\n", l.addr, portOf(l.local))
}

func portOf(base string) string {
	if u, err := url.Parse(base); err == nil {
		return u.Port()
	}
	return "0"
}
