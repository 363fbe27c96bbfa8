package main

import (
	"slices"

	"cashpos/model"
)

// narrowCached keeps the rows of the last good data for the watched
// accounts only (balances --cached --accounts X): the snapshot on disk
// holds every account a full run saved. A watched id the snapshot does not
// have is named as unread — "not in the last good data" — so the report,
// its missing list and the exit code (3) say so; nothing is dropped
// silently. Parts the snapshot could not read (its own Unread) concern
// accounts it does not hold, so they stand only when a watched account is
// missing from it (one of them may be why).
func narrowCached(snap model.Snapshot, watched []model.AccountRef) model.Snapshot {
	want := make(map[string]bool, len(watched))
	for _, a := range watched {
		want[model.NormalID(a.ID)] = true
	}
	out := snap
	out.Balances, out.Unread, out.Partial = nil, nil, false
	have := make(map[string]bool, len(watched))
	for _, b := range snap.Balances {
		id := model.NormalID(b.Account.ID)
		if !want[id] {
			continue
		}
		have[id] = true
		out.Balances = append(out.Balances, b)
		out.Partial = out.Partial || b.Problem != nil
	}
	var absent []model.Unread
	for _, a := range watched {
		if id := model.NormalID(a.ID); !have[id] {
			have[id] = true // a duplicate in the list is named once
			absent = append(absent, model.Unread{What: "account " + a.ID,
				Reason: "not in the last good data; run 'cashpos balances' while the bank is reachable"})
		}
	}
	if len(absent) > 0 {
		out.Unread = append(slices.Clone(snap.Unread), absent...)
	}
	return out
}
