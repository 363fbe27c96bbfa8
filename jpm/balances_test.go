package jpm

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"testing"
	"time"

	"cashpos/model"
)

// Mixed watched list: rows keep the watched order, and the two APIs are
// called at the same time (each handler waits for the other).
func TestBalancesMixedOrderAndConcurrency(t *testing.T) {
	b := newBank(t)
	v1In, bdaIn := make(chan struct{}), make(chan struct{})
	meet := func(mine, other chan struct{}) {
		close(mine)
		select {
		case <-other:
		case <-time.After(15 * time.Second): // a hang guard, not a timing assertion
			t.Error("the v1 and BDA calls did not overlap")
		}
	}
	b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
		q, _ := readV1Req(t, r)
		meet(v1In, bdaIn)
		v1Answer(w, q.ids())
	})
	h, _ := bdaInquiryHandler(t, map[string]string{"X": bdaItem("X", "USD", bal("INTERIM_BOOKED", "5.00", "2024-10-07"))})
	b.handle("POST /account/v2/accounts/balances/inquiry", func(w http.ResponseWriter, r *http.Request) {
		meet(bdaIn, v1In)
		h(w, r)
	})
	watched := []model.AccountRef{
		{ID: "A", Label: "first"},
		{ID: "X", API: model.APIBDAV2, Label: "bda"},
		{ID: "B", API: model.APIAccessV1},
		{ID: "A"},   // repeated: shown once
		{ID: "00A"}, // the same account, padded
	}
	snap, err := b.client().Balances(context.Background(), watched, CurrentDay)
	if err != nil {
		t.Fatal(err)
	}
	if got := rowIDs(snap.Balances); !slices.Equal(got, []string{"A", "X", "B"}) {
		t.Errorf("rows = %v", got)
	}
	if snap.Balances[0].Account.Label != "first" || snap.Balances[1].Account.Label != "bda" || exact(snap.Balances[1].EndingLedger) != "5.00" {
		t.Errorf("rows = %+v", snap.Balances)
	}
}

func TestBalancesOneAPIDownIsPartial(t *testing.T) {
	b := newBank(t)
	b.handle("POST /accessapi/balance", v1Echo(t))
	b.handle("POST /account/v2/accounts/balances/inquiry", status(503, `{"title":"Service Unavailable","httpStatus":503,"context":[{"code":"12999","message":"Service offline"}]}`))
	sl := &sleeps{}
	watched := append(v1Refs("A"), bdaRefs("X")...)
	snap, err := b.client(func(o *Options) { o.Sleep = sl.sleep }).Balances(context.Background(), watched, CurrentDay)
	if err != nil {
		t.Fatal(err)
	}
	if !snap.Partial || snap.Balances[0].Problem != nil || snap.Balances[1].Problem == nil {
		t.Fatalf("snapshot = %+v", snap)
	}
	p := snap.Balances[1].Problem
	if p.Code != "12999" {
		t.Errorf("problem = %+v", p)
	}
	t.Log(p.Message)
}

func TestBalancesEverythingDownPrefersTheFixableError(t *testing.T) {
	b := newBank(t)
	b.handle("POST /accessapi/balance", status(503, `{}`))
	b.handle("POST /account/v2/accounts/balances/inquiry", status(403, `{"title":"Forbidden","context":[{"code":"14000","message":"Not entitled"}]}`))
	watched := append(v1Refs("A"), bdaRefs("X")...)
	_, err := b.client().Balances(context.Background(), watched, CurrentDay)
	if !errors.Is(err, model.ErrUnauthorized) {
		t.Errorf("err = %v; the credentials problem should win over 'unavailable'", err)
	}
}

func TestBalanceHistoryAllAccounts(t *testing.T) {
	b := newBank(t)
	b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
		q, _ := readV1Req(t, r)
		if len(q.AccountList) != 0 {
			t.Errorf("accountList sent with nothing watched: %v", q.ids())
		}
		writeJSON(w, 200, `{"accountList":[{"accountId":"B","currency":{"code":"EUR","decimalLocation":2},"balanceList":[
			{"asOfDate":"`+q.StartDate+`","endingLedgerAmount":"1.00"}]},
			{"accountId":"A","currency":{"code":"USD","decimalLocation":2},"balanceList":[
			{"asOfDate":"`+q.EndDate+`","endingLedgerAmount":2.00}]}]}`)
	})
	from := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	rows, err := b.client().BalanceHistory(context.Background(), nil, from, from.AddDate(0, 0, 40))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, r.Account.ID+"@"+r.AsOfDate+"="+exact(r.EndingLedger))
	}
	want := []string{"B@2024-01-01=1.00", "B@2024-02-01=1.00", "A@2024-01-31=2.00", "A@2024-02-10=2.00"}
	if !slices.Equal(got, want) {
		t.Errorf("rows = %v\nwant   %v", got, want)
	}
}

func TestBalanceHistoryFailsWhole(t *testing.T) {
	b := newBank(t)
	b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
		q, _ := readV1Req(t, r)
		if q.StartDate == "2024-02-01" {
			writeJSON(w, 400, `{"errors":[{"errorCode":"GCA-023","errorMsg":"Invalid date"}]}`)
			return
		}
		v1Answer(w, q.ids())
	})
	from := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	_, err := b.client().BalanceHistory(context.Background(), v1Refs("1"), from, from.AddDate(0, 0, 40))
	if !errors.Is(err, model.ErrBadRequest) {
		t.Errorf("err = %v; a history with a hole must not pass for complete", err)
	}
}

func TestBalanceHistoryNoEligibleV1(t *testing.T) {
	gca022 := status(400, `{"errors":[{"errorCode":"GCA-022","errorMsg":"No eligible accounts"}]}`)
	from := time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2024, 10, 4, 0, 0, 0, 0, time.UTC)

	b := newBank(t)
	b.handle("POST /accessapi/balance", gca022)
	if _, err := b.client().BalanceHistory(context.Background(), nil, from, to); !errors.Is(err, model.ErrNoEligibleAccounts) {
		t.Errorf("err = %v", err)
	}

	data := map[string]string{"A1": bdaItem("A1", "USD", bal("CLOSING_BOOKED", "7.00", "2024-10-03"))}
	b, _ = discoveryBank(t, map[string]string{"": bdaPage("", bdaItem("A1", "USD"))}, data)
	b.handle("POST /accessapi/balance", gca022)
	rows, err := b.client(func(o *Options) { o.DiscoverBDA = true }).BalanceHistory(context.Background(), nil, from, to)
	if err != nil || len(rows) != 1 || rows[0].AsOfDate != "2024-10-03" || exact(rows[0].EndingLedger) != "7.00" {
		t.Errorf("rows %+v, err %v", rows, err)
	}
}
