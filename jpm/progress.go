package jpm

import (
	"context"
	"errors"
	"strconv"
	"time"

	"cashpos/model"
)

// progressKey carries a caller's progress callback through a fetch.
type progressKey struct{}

// WithProgress returns a context under which every retry wait of the
// client's calls is reported to f before the pause begins (what failed, the
// attempt that comes next, how long the pause is). f is called from the
// fetch's goroutines, possibly concurrently, and must not block.
func WithProgress(ctx context.Context, f func(model.FetchProgress)) context.Context {
	return context.WithValue(ctx, progressKey{}, f)
}

// reportRetry tells the context's progress callback, if any, that attempt
// next of of will follow a pause of wait because of err.
func (c *Client) reportRetry(ctx context.Context, api string, next, of int, wait time.Duration, err error) {
	f, ok := ctx.Value(progressKey{}).(func(model.FetchProgress))
	if !ok || f == nil {
		return
	}
	f(model.FetchProgress{API: api, Reason: retryReason(err), Attempt: next, Of: of, Wait: wait, At: c.now()})
}

// retryReason is a few words on why an attempt failed.
func retryReason(err error) string {
	var ae *APIError
	var ne *NetworkError
	switch {
	case errors.As(err, &ae) && ae.HTTPStatus == 429:
		return "rate limited"
	case errors.As(err, &ae) && ae.HTTPStatus != 0:
		return "HTTP " + strconv.Itoa(ae.HTTPStatus)
	case errors.As(err, &ne) && ne.Reason != "":
		return ne.Reason
	}
	return "no answer"
}
