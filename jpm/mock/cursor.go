package mock

import (
	"encoding/binary"

	"github.com/google/uuid"
)

// zeroCursor is what an empty result carries in every cursor field (S-BDA).
const zeroCursor = "00000000-0000-0000-0000-000000000000"

// Cursors are stateless and deterministic: the first half of the uuid-shaped
// string is a seeded check value of the offset into the result list, the
// second half the offset masked by a hash of the first. The same walk thus
// always yields the same cursors, nothing is remembered between requests,
// and a made-up cursor is detected. A cursor
// does not carry the page size: the client repeats pageSize on each call.
// Cursors never expire (the real API's goodUntil is not modelled —
// UNCONFIRMED semantics), so the field is omitted.
func (b *Bank) encodeCursor(offset int) string {
	var u uuid.UUID
	check := b.cursorCheck(offset)
	binary.BigEndian.PutUint64(u[:8], check)
	binary.BigEndian.PutUint64(u[8:], uint64(offset)^b.cursorMask(check))
	return u.String()
}

func (b *Bank) cursorMask(check uint64) uint64 {
	return newHasher(b.seed).str("cursor-mask").i64(int64(check)).sum()
}

func (b *Bank) cursorCheck(offset int) uint64 {
	return newHasher(b.seed).str("cursor-check").i64(int64(offset)).sum()
}

// decodeCursor returns the offset of a cursor; wellFormed reports whether s
// is uuid-shaped at all, ok whether it is one of ours.
func (b *Bank) decodeCursor(s string) (offset int, wellFormed, ok bool) {
	u, err := uuid.Parse(s)
	if err != nil || len(s) != 36 { // uuid.Parse also takes urn: and {} forms
		return 0, false, false
	}
	check := binary.BigEndian.Uint64(u[:8])
	off := binary.BigEndian.Uint64(u[8:]) ^ b.cursorMask(check)
	if off > 1<<31 || check != b.cursorCheck(int(off)) {
		return 0, true, false
	}
	return int(off), true, true
}
