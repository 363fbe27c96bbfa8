package mock

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// The demo bank's payments survive a restart of cashpos when
// Options.PaymentsFile is set: the demo's promise that a payment killed
// mid-flight resumes without a second one needs the bank to remember the
// first. The file is the bank's state, not ours: JSON, 0600, replaced
// atomically after every change.

type savedPayment struct {
	ID, E2E, Rail, Debtor, Creditor, ExecDate string
	Amount                                    int64
	Created, ScheduledFor                     time.Time
	Body                                      []byte
	Seq                                       int64
	Underfunded                               bool
}

type savedKey struct {
	Hash   [32]byte
	Status int
	Answer []byte
	At     time.Time
}

type savedState struct {
	Payments []savedPayment
	Keys     map[string]savedKey
	Lost     map[string]bool
}

// load reads the file into an empty store; a missing file is an empty bank.
func (s *gp2Store) load(path string) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var st savedState
	if err := json.Unmarshal(data, &st); err != nil {
		return err
	}
	for _, sp := range st.Payments {
		p := &mockPayment{id: sp.ID, e2e: sp.E2E, rail: sp.Rail, debtor: sp.Debtor, creditor: sp.Creditor,
			amount: money(sp.Amount), execDate: sp.ExecDate, created: sp.Created, scheduledFor: sp.ScheduledFor,
			body: sp.Body, seq: sp.Seq, underfunded: sp.Underfunded}
		p.path = pathFor(p.creditor, p.underfunded)
		s.byE2E[p.e2e] = p
		s.all = append(s.all, p)
	}
	for k, v := range st.Keys {
		s.byKey[k] = &idemEntry{hash: v.Hash, status: v.Status, answer: v.Answer, at: v.At}
	}
	for k, v := range st.Lost {
		s.lost[k] = v
	}
	return nil
}

// save writes the whole state; the caller holds s.mu. Keys still in
// flight are not saved: their request died with the process.
func (s *gp2Store) save(path string) error {
	st := savedState{Keys: map[string]savedKey{}, Lost: s.lost}
	for _, p := range s.all {
		st.Payments = append(st.Payments, savedPayment{ID: p.id, E2E: p.e2e, Rail: p.rail, Debtor: p.debtor,
			Creditor: p.creditor, ExecDate: p.execDate, Amount: int64(p.amount), Created: p.created,
			ScheduledFor: p.scheduledFor, Body: p.body, Seq: p.seq, Underfunded: p.underfunded})
	}
	for k, e := range s.byKey {
		if !e.inflight {
			st.Keys[k] = savedKey{Hash: e.hash, Status: e.status, Answer: e.answer, At: e.at}
		}
	}
	data, err := json.Marshal(st)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".demo-bank-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// persist saves the state if the bank has a file; failures are logged,
// not fatal: the demo goes on in memory.
func (b *Bank) persist() {
	if b.paymentsFile == "" {
		return
	}
	b.gp2.mu.Lock()
	err := b.gp2.save(b.paymentsFile)
	b.gp2.mu.Unlock()
	if err != nil && b.logf != nil {
		b.logf("mock: saving payments: %v", err)
	}
}
