package jpm_test

// Raw wire access to the mock bank, independent of package jpm: the
// integration tests compare the client's rows with these bytes.

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"

	"cashpos/jpm/mock"
)

func (e *env) rawToken() string {
	e.tb.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+mock.TokenPath,
		strings.NewReader(url.Values{"grant_type": {"client_credentials"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(mock.DefaultClientID, mock.DefaultClientSecret)
	res, data := e.send(req)
	if res.StatusCode != http.StatusOK {
		e.tb.Fatalf("raw token call: HTTP %d", res.StatusCode)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(data, &tok); err != nil || tok.AccessToken == "" {
		e.tb.Fatalf("raw token call: no access_token (%v)", err)
	}
	return tok.AccessToken
}

func (e *env) send(req *http.Request) (*http.Response, []byte) {
	e.tb.Helper()
	res, err := (&http.Client{Transport: e.transport}).Do(req)
	if err != nil {
		e.tb.Fatalf("raw %s %s: %v", req.Method, req.URL.Path, err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		e.tb.Fatalf("raw %s %s: reading body: %v", req.Method, req.URL.Path, err)
	}
	return res, data
}

// rawPost posts a JSON body with a bearer token and decodes the answer with
// UseNumber, so every JSON number is kept as the exact text on the wire.
func (e *env) rawPost(path, token, body string) map[string]any {
	e.tb.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	res, data := e.send(req)
	if res.StatusCode != http.StatusOK {
		e.tb.Fatalf("raw POST %s: HTTP %d: %s", path, res.StatusCode, data)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		e.tb.Fatalf("raw POST %s: %v", path, err)
	}
	return doc
}

// wireV1 is one v1 balance entry as the mock wrote it, amounts as text.
type wireV1 struct {
	decimals   int32
	bankID     string
	asOf       string
	record     string
	currentDay bool
	amounts    [4]string // opening available, opening ledger, ending available, ending ledger
}

var v1AmountFields = [4]string{"openingAvailableAmount", "openingLedgerAmount", "endingAvailableAmount", "endingLedgerAmount"}

// rawV1 asks Account Balances v1 for every entitled account and returns the
// (single) balance of each by account id.
func (e *env) rawV1(relative string) map[string]wireV1 {
	e.tb.Helper()
	doc := e.rawPost(mock.BalanceV1Path, e.rawToken(), `{"relativeDateType":"`+relative+`"}`)
	out := map[string]wireV1{}
	for _, a := range doc["accountList"].([]any) {
		acct := a.(map[string]any)
		list := acct["balanceList"].([]any)
		if len(list) != 1 {
			e.tb.Fatalf("raw v1: account %v has %d balances, want 1", acct["accountId"], len(list))
		}
		bal := list[0].(map[string]any)
		dl, err := acct["currency"].(map[string]any)["decimalLocation"].(json.Number).Int64()
		if err != nil {
			e.tb.Fatalf("raw v1: decimalLocation: %v", err)
		}
		w := wireV1{
			decimals:   int32(dl),
			bankID:     acct["bankId"].(string),
			asOf:       bal["asOfDate"].(string),
			record:     bal["recordTimestamp"].(string),
			currentDay: bal["currentDay"].(bool),
		}
		for i, f := range v1AmountFields {
			n, ok := bal[f].(json.Number)
			if !ok {
				e.tb.Fatalf("raw v1: %s of %v is %T, not a JSON number", f, acct["accountId"], bal[f])
			}
			w.amounts[i] = n.String()
		}
		out[acct["accountId"].(string)] = w
	}
	return out
}

// rawBDA asks the BDA inquiry for all four balance types of every BDA
// account over [from, to] and returns amount text by number, date and type.
func (e *env) rawBDA(accts []mock.AccountInfo, from, to string) map[string]map[string]map[string]string {
	e.tb.Helper()
	type fi struct {
		ID     string `json:"id"`
		IDType string `json:"idType"`
	}
	type ident struct {
		Number string `json:"number"`
		FI     fi     `json:"financialInstitutionId"`
	}
	var ids []ident
	for _, a := range accts {
		ids = append(ids, ident{a.ID, fi{a.BIC, "BIC"}})
	}
	body, _ := json.Marshal(map[string]any{
		"accountIdentifiers": ids,
		"balanceTypes":       []string{"INTERIM_AVAILABLE", "INTERIM_BOOKED", "CLOSING_AVAILABLE", "CLOSING_BOOKED"},
		"fromDate":           from,
		"toDate":             to,
	})
	doc := e.rawPost(mock.BDAInquiryPath+"?pageSize=100", e.rawToken(), string(body))
	out := map[string]map[string]map[string]string{}
	for _, x := range doc["accountBalances"].([]any) {
		ab := x.(map[string]any)
		num := ab["account"].(map[string]any)["number"].(string)
		out[num] = map[string]map[string]string{}
		for _, y := range ab["balances"].([]any) {
			b := y.(map[string]any)
			d := b["bookDate"].(string)
			if out[num][d] == nil {
				out[num][d] = map[string]string{}
			}
			out[num][d][b["type"].(string)] = b["amount"].(string)
		}
	}
	return out
}
