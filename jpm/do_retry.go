package jpm

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// do sends a call with retries. Every call here is a read — the v1
// balance POST included — so sending it again is harmless.
//
// Payments will NOT be safe to retry like this: a POST /payments whose
// outcome is unknown must be resent with the same Idempotency-Key and
// end-to-end id, and then looked up by end-to-end id (product.md §5). Do
// not route payment initiation through do() as it is.
func (c *Client) do(ctx context.Context, r call) (*response, error) {
	tw := tripOf(ctx)
	if err := tw.tripped(r.api); err != nil {
		return nil, err // another batch found this API down moments ago
	}
	resp, err := c.doRetries(ctx, r)
	err = c.scrub.err(err)
	tw.trip(r.api, err)
	return resp, err
}

func (c *Client) doRetries(ctx context.Context, r call) (*response, error) {
	refreshed := false
	for attempt := 1; ; attempt++ {
		resp, token, err := c.attempt(withAttempt(ctx, attempt), r)
		if err == nil {
			return resp, nil
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s: %w", r.api, ctxFailure(ctx))
		}
		// 401 from an API: the token expired early or was revoked. Drop it,
		// sign in again and resend once; this does not use up a retry.
		var ae *APIError
		if errors.As(err, &ae) && ae.API != apiToken && ae.HTTPStatus == 401 && !refreshed {
			refreshed = true
			c.tokens.drop(token)
			attempt--
			continue
		}
		if !retryable(err) || attempt > c.maxRetries {
			setAttempts(err, attempt)
			return nil, err
		}
		if down := tripOf(ctx).tripped(r.api); down != nil {
			return nil, down // found down by another batch while we waited
		}
		wait := c.backoff(attempt, err)
		c.reportRetry(ctx, r.api, attempt+1, c.maxRetries+1, wait, err)
		if err := c.sleep(ctx, wait); err != nil {
			if f := ctxFailure(ctx); f != nil {
				err = f
			}
			return nil, fmt.Errorf("%s: %w", r.api, err)
		}
	}
}

// retryable: 429, 500, 502, 503, 504, and broken connections or timeouts.
// Other 4xx mean the request itself is wrong; sending it again won't help.
func retryable(err error) bool {
	var ae *APIError
	var ne *NetworkError
	switch {
	case errors.As(err, &ae):
		switch ae.HTTPStatus {
		case 429, 500, 502, 503, 504:
			return true
		}
		return false
	case errors.As(err, &ne):
		return ne.retryable
	}
	return false
}

// backoff before retry number n (1-based): the bank's Retry-After if it
// sent one, capped at MaxRetryAfter (a 600 s Retry-After must not freeze a
// read; the caller's schedule decides when to come back), else exponential
// backoff with full jitter, uniform in [0, min(MaxBackoff, Base*2^(n-1))),
// so many clients do not retry in lockstep.
func (c *Client) backoff(n int, err error) time.Duration {
	var ae *APIError
	if errors.As(err, &ae) && ae.retryAfter > 0 {
		return min(ae.retryAfter, c.maxRetryAfter)
	}
	ceil := c.maxBackoff
	if n-1 < 32 {
		ceil = min(c.maxBackoff, c.baseBackoff<<(n-1))
	}
	if ceil <= 0 { // shift overflow
		ceil = c.maxBackoff
	}
	return time.Duration(c.rand() * float64(ceil))
}

func setAttempts(err error, n int) {
	var ae *APIError
	var ne *NetworkError
	switch {
	case errors.As(err, &ae):
		ae.attempts = n
	case errors.As(err, &ne):
		ne.attempts = n
	}
}
