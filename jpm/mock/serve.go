package mock

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
	"time"
)

// Serve listens on addr (e.g. "127.0.0.1:0" for an ephemeral port) and
// serves b until ctx is done or shutdown is called. url is the base URL to
// give the client, e.g. "http://127.0.0.1:53117"; an unspecified host
// (":7070", "0.0.0.0:7070") is reported as 127.0.0.1 because that is the
// address a local client can dial.
//
// shutdown stops accepting connections, cancels requests waiting in
// injected latency, and waits for in-flight responses until its ctx ends.
func Serve(ctx context.Context, addr string, b *Bank) (url string, shutdown func(context.Context) error, err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", nil, err
	}
	base, cancel := context.WithCancel(context.WithoutCancel(ctx))
	srv := &http.Server{
		Handler:           b,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return base },
	}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) && b.logf != nil {
			b.logf("mock: serve: %v", err)
		}
	}()
	down := func(sctx context.Context) error {
		cancel()
		return srv.Shutdown(sctx)
	}
	// ctx ending is a shutdown too; an explicit shutdown unhooks it.
	stop := context.AfterFunc(ctx, func() {
		sctx, c := context.WithTimeout(context.Background(), 5*time.Second)
		defer c()
		down(sctx)
	})
	shutdown = func(sctx context.Context) error {
		stop()
		return down(sctx)
	}

	tcp := ln.Addr().(*net.TCPAddr)
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(tcp.Port)), shutdown, nil
}
