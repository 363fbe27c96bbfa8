package jpm_test

// Integration: watched lists with unknown ids, and a book with no
// eligible accounts.

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"cashpos/jpm"
	"cashpos/jpm/mock"
	"cashpos/model"
)

func TestIntegrationWatchedUnknownAccountIsProblemRow(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client()
	const unknown = "000000099999999"
	watched := []model.AccountRef{
		{ID: "000000010962009", Label: "Ops"},
		{ID: unknown, Label: "Typo"},
		{ID: "000000020450017"},
		{ID: "1234567890", API: model.APIBDAV2},
	}
	snap, err := c.Balances(context.Background(), watched, jpm.CurrentDay)
	if err != nil {
		t.Fatalf("Balances: %v", err)
	}
	if len(snap.Balances) != len(watched) {
		t.Fatalf("%d rows for %d watched accounts", len(snap.Balances), len(watched))
	}
	for i, b := range snap.Balances {
		if b.Account.ID != watched[i].ID {
			t.Errorf("row %d is %s, want %s (watched order)", i, b.Account.ID, watched[i].ID)
		}
		if watched[i].ID == unknown {
			if b.Problem == nil || b.Problem.Code != "GCA-010" {
				t.Errorf("unknown account: problem %+v, want GCA-010", b.Problem)
			}
			if b.Account.Label != "Typo" {
				t.Errorf("unknown account lost its label: %+v", b.Account)
			}
			continue
		}
		if b.Problem != nil || !b.EndingLedger.Valid || !b.EndingAvailable.Valid {
			t.Errorf("row %s: problem %+v, ending ledger valid %v", b.Account.ID, b.Problem, b.EndingLedger.Valid)
		}
	}
	if snap.Balances[0].Account.Label != "Ops" {
		t.Errorf("label not carried: %+v", snap.Balances[0].Account)
	}
}

func TestIntegrationWatchedAllUnknownIsBadRequest(t *testing.T) {
	e := newEnv(t, mock.Options{})
	c := e.client()
	_, err := c.Balances(context.Background(),
		[]model.AccountRef{{ID: "000000099999998"}, {ID: "000000099999999"}}, jpm.CurrentDay)
	if !errors.Is(err, model.ErrBadRequest) {
		t.Fatalf("err = %v, want ErrBadRequest", err)
	}
	assertOneLine(t, err)
	if !strings.Contains(err.Error(), "GCA-009") {
		t.Errorf("error does not name GCA-009: %q", err)
	}
}

func TestIntegrationNoEligibleAccounts(t *testing.T) {
	for _, discover := range []bool{false, true} {
		t.Run(fmt.Sprintf("discoverBDA=%v", discover), func(t *testing.T) {
			e := newEnv(t, mock.Options{})
			e.bank.Faults().SetNoEligibleAccounts(true)
			c := e.client(func(o *jpm.Options) { o.DiscoverBDA = discover })
			_, err := c.Balances(context.Background(), nil, jpm.CurrentDay)
			if !errors.Is(err, model.ErrNoEligibleAccounts) {
				t.Fatalf("err = %v, want ErrNoEligibleAccounts", err)
			}
			assertOneLine(t, err)
			if got := e.sleeps.got(); len(got) != 0 {
				t.Errorf("retried a GCA-022 answer: sleeps %v", got)
			}
		})
	}
}
