package jpm

import (
	"context"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"cashpos/model"
)

// TestTxnClientMemory100k is the client's side of a 100,000-item load as
// a whole process: 20 closed days of 5,000 items, four 5-day windows of
// 25 pages of 1,000, fetched with TransactionPages over loopback and every
// batch kept (as the screen keeps them), the session cache filled. It
// logs VmHWM/VmRSS and the Go heap. Run it alone:
//
//	CASHPOS_MEM=1 go test ./jpm/ -run TestTxnClientMemory100k -count=1 -v
func TestTxnClientMemory100k(t *testing.T) {
	if os.Getenv("CASHPOS_MEM") == "" {
		t.Skip("set CASHPOS_MEM=1 to measure")
	}
	const perDay, perPage = 5000, 1000
	first := d("2024-09-01")
	b := newBank(t)
	b.handle("GET /tsapi/v3/transactions", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		from, _ := time.Parse(time.DateOnly, q.Get("startDate"))
		to, _ := time.Parse(time.DateOnly, q.Get("endDate"))
		pg, _ := strconv.Atoi(q.Get("pageNumber"))
		days := int(to.Sub(from).Hours()/24) + 1
		pages := days * perDay / perPage
		idx := (pg - 1) * perPage // within the window
		day := from.AddDate(0, 0, idx/perDay)
		start := int(from.Sub(first).Hours()/24)*perDay + idx
		w.Header().Set("Content-Type", "application/json")
		w.Write(txnPageJSONFor(start, perPage, day.Format(time.DateOnly), pg, pages, days*perDay))
	})
	c := b.client(txnOptions(b))
	q := TransactionQuery{Account: model.AccountRef{ID: "000000012342009"}, From: first, To: d("2024-09-20")}
	var kept [][]model.Transaction
	n := 0
	for batch, err := range c.TransactionPages(context.Background(), q) {
		if err != nil {
			t.Fatal(err)
		}
		kept = append(kept, batch.New)
		n += len(batch.New)
	}
	if n != 100_000 {
		t.Fatalf("%d items", n)
	}
	debug.FreeOSMemory()
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc")
	}
	for _, l := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(l, "VmHWM") || strings.HasPrefix(l, "VmRSS") {
			t.Log(strings.Join(strings.Fields(l), " "))
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("Go heap in use %d MB, live %d MB", ms.HeapInuse>>20, ms.HeapAlloc>>20)
	runtime.KeepAlive(kept)
}
