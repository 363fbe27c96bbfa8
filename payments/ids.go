package payments

import (
	"crypto/rand"
	"fmt"

	"github.com/google/uuid"

	"cashpos/model"
)

// crockford is Crockford's base32 alphabet: no I, L, O or U, so an id read
// out over the phone to J.P. Morgan support cannot be misheard as another.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// NewIDs mints the ids of one payment intent: an end-to-end id of 15
// letters and digits ("CP" + 13 random base32 characters, 65 bits — fits
// NACHA's 15 and the wire's 35), and a UUIDv4 idempotency key. Call it
// once per intent, when the review opens, and keep the result with the
// intent; Submit journals both before anything is sent.
func NewIDs() (model.PaymentIDs, error) {
	var b [13]byte
	if _, err := rand.Read(b[:]); err != nil {
		return model.PaymentIDs{}, fmt.Errorf("payments: minting ids: %w", err)
	}
	id := []byte("CP")
	for _, x := range b {
		id = append(id, crockford[x&31])
	}
	key, err := uuid.NewRandom()
	if err != nil {
		return model.PaymentIDs{}, fmt.Errorf("payments: minting ids: %w", err)
	}
	return model.PaymentIDs{EndToEndID: string(id), IdempotencyKey: key.String()}, nil
}
