package jpm

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"cashpos/model"
)

// narrativeViaDecoder is the former token-by-token decoder: the oracle
// the member walk must agree with.
func narrativeViaDecoder(b []byte) ([]model.NarrativeLine, error) {
	var out []model.NarrativeLine
	if string(b) == "null" {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, errors.New("narrativeText is not an object")
	}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		key, _ := kt.(string)
		out = append(out, model.NarrativeLine{Key: strings.TrimSpace(cleanText(key, 40)), Text: narrativeValue(v)})
	}
	return out, nil
}

var narrativeCases = []string{
	`null`, `{}`, ` { } `, `[]`, `"x"`, `12`,
	`{"YOUR REF    ":"PAY-1","REMARK      ":"RENT \u001b[31mNOW","B/O CUSTOMER":null}`,
	`{ "A" : 1.50 , "B":-0, "C":1e3, "D":true, "E":false }`,
	`{"A":{"b":[1,2,{"c":"}]\""}]},"\u001b[2J":null,"K":["x",{"y":null}]}`,
	`{"esc\"aped\\key":"tab\there \u00e9 \ud83d\ude00 / \/","dup":"1","dup":"2"}`,
	"{\"bad utf8\":\"\xff\xfe ok\",\"long\":\"" + strings.Repeat("x", 1200) + "\"}",
	`{"   ":"   padded   ","k":"  lead"}`,
}

func TestNarrativeWalkMatchesDecoder(t *testing.T) {
	for _, c := range narrativeCases {
		checkNarrative(t, []byte(c))
	}
}

func checkNarrative(t *testing.T, b []byte) {
	t.Helper()
	var whole struct {
		N narrative `json:"n"`
	}
	doc := append(append([]byte(`{"n":`), b...), '}')
	if !json.Valid(doc) {
		return // encoding/json never calls UnmarshalJSON on invalid input
	}
	err := json.Unmarshal(doc, &whole)
	want, wantErr := narrativeViaDecoder(bytes.TrimSpace(b))
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("%q: error %v, the decoder's %v", b, err, wantErr)
	}
	if err == nil && !reflect.DeepEqual([]model.NarrativeLine(whole.N), want) {
		t.Fatalf("%q:\n got %q\nwant %q", b, whole.N, want)
	}
}

func FuzzNarrative(f *testing.F) {
	for _, c := range narrativeCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, b []byte) { checkNarrative(t, b) })
}
