package jpm

import (
	"strings"

	"cashpos/model"
)

// idIndex finds a watched account in an answer. The bank pads v1 ids to 15
// digits ("000000010962009") and a config may not, so an exact match comes
// first and a match ignoring leading zeros is the fallback.
type idIndex struct{ exact, trimmed map[string]int }

func newIDIndex(n int, id func(i int) string) idIndex {
	x := idIndex{exact: make(map[string]int, n), trimmed: make(map[string]int, n)}
	for i := range n {
		s := id(i)
		if _, dup := x.exact[s]; !dup {
			x.exact[s] = i
		}
		if t := strings.TrimLeft(s, "0"); t != "" {
			if _, dup := x.trimmed[t]; !dup {
				x.trimmed[t] = i
			}
		}
	}
	return x
}

func (x idIndex) find(id string) (int, bool) {
	if i, ok := x.exact[id]; ok {
		return i, true
	}
	if t := strings.TrimLeft(id, "0"); t != "" {
		i, ok := x.trimmed[t]
		return i, ok
	}
	return 0, false
}

// isBDA says which API a watched account is read through; anything not
// marked BDA v2 is Account Balances v1, the general one.
func isBDA(ref model.AccountRef) bool { return ref.API == model.APIBDAV2 }

// dedupe drops repeated watched entries (same API and id, leading zeros
// ignored as idIndex does), keeping the first, so an account never shows
// twice or counts twice in a total.
func dedupe(refs []model.AccountRef) []model.AccountRef {
	seen := make(map[[2]string]bool, len(refs))
	out := make([]model.AccountRef, 0, len(refs))
	for _, r := range refs {
		api := model.APIAccessV1
		if isBDA(r) {
			api = model.APIBDAV2
		}
		id := strings.TrimLeft(r.ID, "0")
		if id == "" {
			id = r.ID
		}
		k := [2]string{string(api), id}
		if r.ID == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, r)
	}
	return out
}

func chunk[T any](s []T, n int) [][]T {
	var out [][]T
	for len(s) > n {
		out = append(out, s[:n:n])
		s = s[n:]
	}
	if len(s) > 0 {
		out = append(out, s)
	}
	return out
}
