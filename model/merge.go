package model

import "time"

// CarryOver merges a refresh with the last good data, so a partial answer
// never overwrites good figures: an account that answered takes the new
// figures; an account the refresh could not read (a Problem row, or missing
// because a whole part was Unread) keeps its last good figures, marked
// Offline, with their own fetch and record times, so its age is its own.
// Why the refresh missed it goes into the row's Note.
func CarryOver(fresh Snapshot, last *Snapshot) Snapshot {
	if last == nil || len(last.Balances) == 0 {
		return fresh
	}
	good := map[string]Balance{}
	for _, b := range last.Balances {
		if b.Problem == nil {
			good[rowKey(b.Account)] = b
		}
	}
	out := fresh
	out.Balances = make([]Balance, 0, len(fresh.Balances))
	seen := map[string]bool{}
	for _, b := range fresh.Balances {
		k := rowKey(b.Account)
		seen[k] = true
		if prev, ok := good[k]; ok && b.Problem != nil {
			b = offline(prev, b.Problem.Code+" "+b.Problem.Message, fresh.FetchedAt)
		}
		out.Balances = append(out.Balances, b)
	}
	unreadAPI := map[API]string{}
	for _, u := range fresh.Unread {
		if u.API != "" {
			unreadAPI[u.API] = u.Reason
		}
	}
	for _, b := range last.Balances {
		k := rowKey(b.Account)
		reason, lost := unreadAPI[b.Account.API]
		if b.Problem != nil || seen[k] || !lost {
			continue
		}
		seen[k] = true
		out.Balances = append(out.Balances, offline(b, reason, fresh.FetchedAt))
	}
	return out
}

func offline(b Balance, why string, at time.Time) Balance {
	b.Offline = true
	b.Note = "not read at " + at.UTC().Format("15:04 UTC") + " (" + why + "); last good figures"
	return b
}

func rowKey(a Account) string { return string(a.API) + "|" + NormalID(a.ID) }

// BankIDs maps each account (by NormalID) to the bank id the bank reported
// for it in s, so later requests can send bankId beside accountId.
func (s Snapshot) BankIDs() map[string]string {
	out := map[string]string{}
	for _, b := range s.Balances {
		if b.Account.BankID != "" {
			out[NormalID(b.Account.ID)] = b.Account.BankID
		}
	}
	return out
}
