package jpm_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"cashpos/jpm"
	"cashpos/jpm/mock"
)

// TestDebugLogOneLinePerRequest: --debug writes one JSON line per HTTP
// request — token call included, retries numbered, the bank's trace id
// taken from an error answer — and never a secret, a token, a body or a
// query value.
func TestDebugLogOneLinePerRequest(t *testing.T) {
	e := newEnv(t, mock.Options{})
	bda := accountsWith(e.bank.Accounts(), func(a mock.AccountInfo) bool { return a.API == mock.APIBDA })
	e.bank.Faults().FailNext(1, 503)
	var buf bytes.Buffer
	c := e.client(func(o *jpm.Options) { o.Debug = &buf })
	if _, err := c.Balances(context.Background(), refsOf(bda), jpm.CurrentDay); err != nil {
		t.Fatal(err)
	}

	var recs []jpm.DebugRecord
	sc := bufio.NewScanner(bytes.NewReader(buf.Bytes()))
	for sc.Scan() {
		var r jpm.DebugRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("not one JSON object per line: %q: %v", sc.Text(), err)
		}
		recs = append(recs, r)
	}
	if len(recs) != 3 {
		t.Fatalf("want token, 503, 200: got %d lines:\n%s", len(recs), buf.String())
	}
	tok, fail, ok := recs[0], recs[1], recs[2]
	if tok.Path != mock.TokenPath || tok.Status != 200 || tok.Method != "POST" || tok.Attempt != 1 {
		t.Errorf("token line: %+v", tok)
	}
	if fail.Status != 503 || fail.Attempt != 1 || fail.TraceID == "" || fail.RequestID == "" {
		t.Errorf("failed attempt: %+v (want status 503, attempt 1, trace and request ids)", fail)
	}
	if ok.Status != 200 || ok.Attempt != 2 || ok.RequestID == fail.RequestID || ok.Path != mock.BDAInquiryPath {
		t.Errorf("retry: %+v", ok)
	}
	if strings.Join(ok.QueryKeys, ",") != "pageSize" {
		t.Errorf("query keys: %v", ok.QueryKeys)
	}
	out := buf.String()
	for _, bad := range []string{mock.DefaultClientSecret, "Bearer", "Basic", "Authorization", "pageSize=", bda[0].ID, "amount"} {
		if strings.Contains(out, bad) {
			t.Errorf("debug log holds %q:\n%s", bad, out)
		}
	}
}
