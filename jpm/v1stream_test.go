package jpm

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"cashpos/model"
)

// streamBank answers v1 with n accounts written as they are generated, so
// the answer can be far bigger than any buffer.
func streamBank(t *testing.T, n int, entry func(i int) string) *bank {
	b := newBank(t)
	b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"accountList":[`)
		for i := range n {
			if i > 0 {
				io.WriteString(w, ",")
			}
			io.WriteString(w, entry(i))
		}
		io.WriteString(w, `]}`)
	})
	return b
}

func streamID(i int) string { return fmt.Sprintf("%015d", i+1) }

// Issue 9 "All accounts, at any count": with no watched list an answer
// over the old 32 MiB wall is read whole, every account present (40 fat
// entries of 900 KB: the bound is per entry, not per answer).
func TestV1AnswerBeyond32MiBIsReadWhole(t *testing.T) {
	pad := strings.Repeat("x", 900<<10)
	const n = 40
	b := streamBank(t, n, func(i int) string {
		return strings.Replace(usdAccount(streamID(i)), `"branchId":""`, `"branchId":"`+pad+`"`, 1)
	})
	snap, err := b.client(func(o *Options) { o.Timeout = 2 * time.Minute }).Balances(context.Background(), nil, CurrentDay)
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Balances) != n {
		t.Fatalf("rows = %d, want %d", len(snap.Balances), n)
	}
	tot := model.TotalsByCurrency(snap.Balances)
	if got := tot[0].Amounts[model.EndingLedger].String(); got != fmt.Sprint(103*n) {
		t.Fatalf("total = %s", got)
	}
}

// A limit that is hit names every account it left out (LIMIT rows).
func TestV1AccountsPastTheLimitAreNamed(t *testing.T) {
	b := streamBank(t, 5, func(i int) string { return usdAccount(streamID(i)) })
	c := b.client()
	c.maxV1Accounts = 3
	snap, err := c.Balances(context.Background(), nil, CurrentDay)
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Balances) != 5 || !snap.Incomplete() {
		t.Fatalf("rows = %d", len(snap.Balances))
	}
	for i, b := range snap.Balances[3:] {
		if b.Problem == nil || b.Problem.Code != "LIMIT" || b.Account.ID != streamID(3+i) {
			t.Errorf("row %d: %+v", 3+i, b)
		}
	}
}

// One entry bigger than any balance entry is refused, not buffered.
func TestV1HugeEntryRefused(t *testing.T) {
	b := streamBank(t, 1, func(int) string {
		return strings.Replace(usdAccount(streamID(0)), `"branchId":""`, `"branchId":"`+strings.Repeat("y", 3<<20)+`"`, 1)
	})
	_, err := b.client().Balances(context.Background(), nil, CurrentDay)
	if err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("err = %v", err)
	}
}

// A connection that breaks mid-answer is a network failure (retried), not
// an unreadable answer.
func TestV1StreamBrokenConnectionIsNetwork(t *testing.T) {
	b := newBank(t)
	b.handle("POST /accessapi/balance", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "100000")
		io.WriteString(w, `{"accountList":[`+usdAccount("1"))
	})
	_, err := b.client().Balances(context.Background(), nil, CurrentDay)
	var ne *NetworkError
	if !asNetworkError(err, &ne) || !strings.Contains(err.Error(), "connection closed") {
		t.Fatalf("err = %v", err)
	}
}

// A history cannot be partial: accounts past the limit fail it, named.
func TestHistoryPastTheLimitFailsNamed(t *testing.T) {
	b := streamBank(t, 4, func(i int) string { return usdAccount(streamID(i)) })
	c := b.client()
	c.maxV1Accounts = 2
	_, err := c.BalanceHistory(context.Background(), nil, testNow.AddDate(0, 0, -1), testNow)
	if err == nil || !strings.Contains(err.Error(), streamID(2)) {
		t.Fatalf("err = %v", err)
	}
}
