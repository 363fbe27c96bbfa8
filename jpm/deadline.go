package jpm

import (
	"context"
	"errors"
	"fmt"
	"time"

	"cashpos/model"
)

// DeadlineError is the overall deadline of a refresh or a command passing
// before the bank answered everything. Callers set it as the cause of their
// context (context.WithTimeoutCause(ctx, d, &jpm.DeadlineError{After: d})),
// so the client can tell it from the user's interrupt and report what it
// did fetch.
type DeadlineError struct{ After time.Duration }

func (e *DeadlineError) Error() string {
	if e.After <= 0 {
		return "the overall deadline passed before the bank answered; try again later"
	}
	return fmt.Sprintf("the overall deadline of %s passed before the bank answered; try again later, or allow more time", e.After)
}

// Setting: the advice is about the overall deadline.
func (e *DeadlineError) Setting() Setting { return SettingDeadline }

// Is: a deadline is the bank being too slow (model.ErrUnavailable).
func (e *DeadlineError) Is(target error) bool {
	return target == model.ErrUnavailable || target == context.DeadlineExceeded
}

// ctxFailure says why ctx ended: the caller's overall deadline (with how
// long it was), some other deadline, or the user's interrupt.
func ctxFailure(ctx context.Context) error {
	cause := context.Cause(ctx)
	var de *DeadlineError
	switch {
	case errors.As(cause, &de):
		return de
	case errors.Is(cause, context.DeadlineExceeded):
		return &DeadlineError{}
	case cause == nil:
		return nil
	}
	return &interruptedError{cause}
}

// interruptedError is the user stopping the work: it is
// model.ErrInterrupted, and unwraps to the context's cause
// (context.Canceled, or whatever the caller gave).
type interruptedError struct{ cause error }

func (e *interruptedError) Error() string        { return "interrupted before the bank answered" }
func (e *interruptedError) Is(target error) bool { return target == model.ErrInterrupted }
func (e *interruptedError) Unwrap() error        { return e.cause }

// isDeadline says whether err is the overall deadline passing.
func isDeadline(err error) bool {
	var de *DeadlineError
	return errors.As(err, &de)
}

func asAPIError(err error, ae **APIError) bool         { return errors.As(err, ae) }
func asNetworkError(err error, ne **NetworkError) bool { return errors.As(err, ne) }
