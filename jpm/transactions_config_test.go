package jpm

import (
	"context"
	"errors"
	"strings"
	"testing"

	"cashpos/model"
)

// Without a Transaction Details URL the request is refused before anything
// is sent, and the advice is a typed Setting, not an environment variable
// named inside the client (main turns SettingBaseURL into its name).
func TestTransactionsWithoutURLCarriesSetting(t *testing.T) {
	b := newBank(t)
	c := b.client() // no Transactions endpoint
	_, err := c.Transactions(context.Background(), TransactionQuery{
		Account: model.AccountRef{ID: "000000010962009"}, Relative: CurrentDay})
	if err == nil {
		t.Fatal("no error without a Transaction Details URL")
	}
	if got := SettingOf(err); got != SettingBaseURL {
		t.Errorf("SettingOf = %v, want SettingBaseURL", got)
	}
	if !errors.Is(err, model.ErrBadRequest) {
		t.Errorf("not a refused request: %v", err)
	}
	if msg := err.Error(); strings.Contains(msg, "CASHPOS_") || !strings.Contains(msg, "Transaction Details base URL") {
		t.Errorf("message %q should say what is missing in the client's words, naming no variable", msg)
	}
	if n := b.tokens.Load(); n != 0 {
		t.Errorf("%d token calls; nothing should be sent", n)
	}
}
