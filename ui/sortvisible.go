package ui

// nextSort is the sort key after k among those whose column is on screen
// (and the snapshot order): `s` never sorts by a column the analyst cannot
// see. A sort whose column a resize later hides stays named in the status
// line.
func nextSort(k sortKey, l layout) sortKey {
	for range numSortKeys {
		k = (k + 1) % numSortKeys
		if c := k.column(); k == sortNone || (c >= 0 && l.show[c]) {
			return k
		}
	}
	return sortNone
}
