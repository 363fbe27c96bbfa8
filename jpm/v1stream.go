package jpm

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
)

// Limits of a streamed v1 answer. There is no wall on the answer's size:
// it is decoded one account at a time, so memory grows with the accounts
// kept, not with the bytes. An account entry larger than maxV1Entry is not
// a balance entry; past maxV1Accounts accounts only the ids are kept, and
// those accounts become LIMIT problem rows, named, never dropped.
const (
	maxV1Entry    = 1 << 20
	maxV1Accounts = 1_000_000
)

// v1Stream is what a streamed v1 answer yields.
type v1Stream struct {
	resp    v1Response
	hint    int // accounts expected (the batch asked for), to size the list once
	sawList bool
	overCap []string // account ids past maxV1Accounts
}

// decodeBalanceV1 reads a 200 body held in memory (tests, fuzzing); the
// client streams (decodeV1Stream). Both apply the same checks.
func decodeBalanceV1(data []byte) (*v1Response, error) {
	s, err := decodeV1Stream(bytes.NewReader(data), maxV1Accounts, 0)
	if err != nil {
		return nil, err
	}
	return &s.resp, nil
}

// v1Readers are the 64 KiB read buffers of the streamed decode, reused:
// a 100,000-account watched list is 500 answers, and a fresh buffer each
// was 32 MB of garbage per refresh.
var v1Readers = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 64<<10) }}

// decodeV1Stream walks {"accountList":[…],"errors":…} token by token,
// decoding each account entry on its own within a budget of maxV1Entry
// bytes. Amounts decode from their number text into decimals
// (numberAmount); dates must be YYYY-MM-DD because the staleness rules
// compare them as strings. {} (no accountList, no errors) is refused: it
// is not "no accounts".
//
// hint is how many accounts the answer should hold (0: unknown).
func decodeV1Stream(r io.Reader, keep, hint int) (*v1Stream, error) {
	buf := v1Readers.Get().(*bufio.Reader)
	buf.Reset(r)
	defer func() { buf.Reset(nil); v1Readers.Put(buf) }()
	br := &budgetReader{r: buf}
	dec := json.NewDecoder(br)
	s := &v1Stream{hint: min(hint, keep)}
	if err := expectDelim(dec, '{'); err != nil {
		return nil, err
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		br.reset()
		// Keys match as encoding/json matches them (case-insensitively; a
		// repeated key replaces the earlier value), so the stream reads an
		// answer exactly as a whole-body decode would.
		switch key, _ := tok.(string); {
		case strings.EqualFold(key, "accountList"):
			s.sawList, s.resp.AccountList, s.overCap = false, nil, nil
			if err := s.accounts(dec, br, keep); err != nil {
				return nil, err
			}
		case strings.EqualFold(key, "errors"):
			s.resp.Errors = nil
			if err := dec.Decode(&s.resp.Errors); err != nil {
				return nil, err
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, err
			}
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("the answer has data after its end")
	}
	if !s.sawList && !hasErrors(s.resp.Errors) {
		return nil, errors.New("the answer has no accountList")
	}
	s.resp.AccountList = collapseV1(s.resp.AccountList)
	return s, nil
}

// accounts decodes the accountList array one entry at a time.
func (s *v1Stream) accounts(dec *json.Decoder, br *budgetReader, keep int) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok == nil { // "accountList": null
		return nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return &json.UnmarshalTypeError{Value: "non-array", Field: "accountList"}
	}
	s.sawList = true
	s.resp.AccountList = make([]v1Account, 0, max(s.hint, 16))
	var a v1Account // one variable, reused: decoded into, then copied
	for dec.More() {
		br.reset()
		a = v1Account{}
		if err := dec.Decode(&a); err != nil {
			return err
		}
		if err := a.check(); err != nil {
			return err
		}
		if len(s.resp.AccountList) >= keep {
			s.overCap = append(s.overCap, a.AccountID)
			continue
		}
		s.resp.AccountList = append(s.resp.AccountList, a)
	}
	_, err = dec.Token() // ]
	return err
}

// check validates one entry as decodeBalanceV1 always did.
func (a *v1Account) check() error {
	if a.AccountID == "" {
		return errors.New("an accountList entry has no accountId")
	}
	for _, b := range a.BalanceList {
		if _, ok := parseYMD(b.AsOfDate); !ok {
			return errors.New("a balance has an asOfDate that is not YYYY-MM-DD")
		}
	}
	return nil
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return &json.UnmarshalTypeError{Value: fmt.Sprint(tok), Field: "the answer"}
	}
	return nil
}

// errEntryTooLarge: one value of the answer is bigger than any balance
// entry can be.
var errEntryTooLarge = fmt.Errorf("an entry of the answer is larger than %d bytes", maxV1Entry)

// budgetReader fails a read once more than maxV1Entry (plus the decoder's
// read-ahead) was read since the last reset, so a single huge value cannot
// grow the decoder's buffer without bound.
type budgetReader struct {
	r    io.Reader
	used int
}

func (b *budgetReader) reset() { b.used = 0 }

func (b *budgetReader) Read(p []byte) (int, error) {
	if b.used > maxV1Entry+(128<<10) {
		return 0, errEntryTooLarge
	}
	n, err := b.r.Read(p)
	b.used += n
	return n, err
}
