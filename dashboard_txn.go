package main

import (
	"context"
	"errors"
	"iter"
	"time"

	"cashpos/jpm"
	"cashpos/model"
	"cashpos/ui"
)

// The transactions screen's two bank functions, adapted from the client:
// the UI sees only its own types and model's, never jpm's.

// uiTransactions streams one account's transactions page by page. A window
// the bank could not serve becomes a batch naming its days (the screen
// shows the gap); any other error ends the stream.
func (s *session) uiTransactions(ctx context.Context, q ui.TxnQuery) iter.Seq2[ui.TxnBatch, error] {
	jq := jpm.TransactionQuery{Account: accountRef(q.Account), From: q.From, To: q.To}
	if q.CurrentDay {
		jq = jpm.TransactionQuery{Account: jq.Account, Relative: jpm.CurrentDay}
	}
	return func(yield func(ui.TxnBatch, error) bool) {
		for b, err := range s.client.TransactionPages(ctx, jq) {
			out := ui.TxnBatch{
				New: b.New, Duplicates: b.Duplicates, OutsideRange: b.OutsideRange,
				Progress: ui.TxnProgress(b.Progress),
			}
			var we *jpm.WindowError
			switch {
			case errors.As(err, &we):
				out.Gap, out.GapErr = we.Window.String(), we.Err
			case err != nil:
				yield(ui.TxnBatch{}, err)
				return
			}
			if !yield(out, nil) {
				return
			}
		}
	}
}

// uiDayLedger reads a closed day's opening and closing ledger.
func (s *session) uiDayLedger(ctx context.Context, a model.Account, day time.Time) (model.DayLedger, error) {
	return s.client.ClosedDayLedger(ctx, accountRef(a), day)
}

// accountRef is the client's handle on an account shown on the dashboard.
func accountRef(a model.Account) model.AccountRef {
	return model.AccountRef{ID: a.ID, Label: a.Label, Group: a.Group, API: a.API, BIC: a.BIC, TimeZone: a.TimeZone}
}
