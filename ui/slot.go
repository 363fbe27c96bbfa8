package ui

import (
	"context"
	"sync/atomic"
)

// slot is the bookkeeping of one owner's asynchronous work: a screen's
// fetch, later each payment being polled. Every request is stamped with a
// ticket (the slot's id and a generation); an answer whose ticket is not the
// slot's newest is stale and dropped, as gh-dash tags each result with the
// section that asked. Starting a request cancels the one it supersedes, so a
// slow link never carries two for one owner. The slot also owns one timer
// chain: arming a new timer orphans the previous one.
//
// A slot is a value inside a value model. Copies share the cancel func of
// the request in flight, which is what cancelling it needs.
type slot struct {
	id     uint64 // unique in the program: answers cannot cross owners
	gen    uint64 // generation of the newest request
	busy   bool   // the newest request has not answered yet
	ctx    context.Context
	cancel context.CancelFunc
	timer  uint64 // the live timer; a tick with an older number is ignored
}

// ticket addresses an answer (or a timer tick) to the slot and generation
// that asked for it.
type ticket struct{ slot, gen uint64 }

// slotIDs hands out slot and screen ids. It is a counter, not shared state:
// ids must be unique across every copy of the value models, including a
// screen pushed, popped and pushed again, so that answers to the first one
// are never taken for answers to the second.
var slotIDs atomic.Uint64

func newID() uint64 { return slotIDs.Add(1) }

func newSlot() slot { return slot{id: newID()} }

// start stamps a new request under parent, cancelling the one in flight.
// The returned context ends when the request is superseded, stopped, or
// the slot's owner is closed.
func (s slot) start(parent context.Context) (slot, ticket, context.Context) {
	if s.cancel != nil {
		s.cancel()
	}
	s.gen++
	s.busy = true
	s.ctx, s.cancel = context.WithCancel(parent)
	return s, ticket{slot: s.id, gen: s.gen}, s.ctx
}

// current says whether an answer belongs to the newest request.
func (s slot) current(t ticket) bool { return t.slot == s.id && t.gen == s.gen }

// finish closes the newest request's bookkeeping once it has answered (or
// given up), releasing its context.
func (s slot) finish() slot {
	if s.cancel != nil {
		s.cancel()
	}
	s.ctx, s.cancel, s.busy = nil, nil, false
	return s
}

// settle marks the newest request answered but keeps its context open,
// for work that follows from it under the same ticket (the transactions
// screen's ledger call outlives its pages). finish or the next start
// releases it.
func (s slot) settle() slot {
	s.busy = false
	return s
}

// stop cancels whatever is in flight and orphans the timer: the owner is
// going away (popped, or the program quits).
func (s slot) stop() slot {
	s = s.finish()
	s.gen++
	s.timer++
	return s
}

// arm starts a new timer chain and returns the ticket its tick carries.
func (s slot) arm() (slot, ticket) {
	s.timer++
	return s, ticket{slot: s.id, gen: s.timer}
}

// disarm orphans the pending timer, if any.
func (s slot) disarm() slot {
	s.timer++
	return s
}

// live says whether a tick belongs to the slot's one live timer.
func (s slot) live(t ticket) bool { return t.slot == s.id && t.gen == s.timer }

// ticket is the newest request's address, for the command that runs it.
func (s slot) ticket() ticket { return ticket{slot: s.id, gen: s.gen} }
