package ui

import "cashpos/model"

// filterWords are the states a filter can name: the row markers' words and
// "no data" for a row the bank answered with an error. "offline" matches
// every row with data while the screen shows the last good data.
var filterWords = map[string]bool{
	model.Fresh.Word(): true, model.Aging.Word(): true, model.Stale.Word(): true,
	model.PriorDay.Word(): true, model.Offline.Word(): true, "no data": true,
}

func isStatusWord(needle string) bool { return filterWords[needle] }

// hasStatus says whether book row i is in the state named by word at cc. An
// offline row is both offline and in its own state (its marker shows both).
func hasStatus(bk *book, i int, word string, cc classifyCtx) bool {
	b := bk.bals[i]
	if b.Problem != nil {
		return word == "no data"
	}
	if (cc.offline || b.Offline) && word == model.Offline.Word() {
		return true
	}
	return model.ClassifyLive(b, cc.now, cc.th).Word() == word
}

// filterHelp says what the filter matches, in the help.
var filterHelp = []string{
	"text in a name, label, bank, account id, currency or group; or a status",
	"word — fresh, aging, stale, prior-day, offline, no data — for those rows",
}
