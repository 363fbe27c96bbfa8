package jpm

import (
	"crypto/rsa"
	"crypto/sha1"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
)

// Assertion is the signed-JWT client authentication of the client-testing
// (CAT) and production environments (jpm-api.md §1.3, "IDAnywhere"): the
// token call carries a JWT signed with the client's private key instead of
// a secret.
type Assertion struct {
	Resource string            // resource id from onboarding, sent as the form field "resource"
	Key      *rsa.PrivateKey   // signs the JWT (RS256)
	Cert     *x509.Certificate // its SHA-1 thumbprint is the JWT "kid"
}

// assertionTTL is the client assertion's own lifetime. It only has to
// survive the trip to the token endpoint: a fresh one is signed for every
// token fetch, and the access token's lifetime comes from expires_in, not
// from this. jpm-api.md cites 8h from J.P. Morgan's samples, but a short
// exp limits the damage if an assertion leaks (it is a bearer credential
// until exp). UNCONFIRMED: that ADFS accepts exp this close to iat; the
// RFC 7523 rules only require exp in the future.
const assertionTTL = 5 * time.Minute

const assertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

func (a *Assertion) check() error {
	switch {
	case a.Key == nil:
		return errors.New("jpm: the client assertion needs a private key")
	case a.Cert == nil:
		return errors.New("jpm: the client assertion needs the certificate registered with J.P. Morgan")
	}
	pub, ok := a.Cert.PublicKey.(*rsa.PublicKey)
	if !ok || !pub.Equal(a.Key.Public()) {
		return errors.New("jpm: the client assertion's signing key does not match its certificate; check that both come from the same key pair")
	}
	return nil
}

// thumbprint is the JWT kid: SHA-1 of the certificate's DER, uppercase hex,
// no colons — the form the J.P. Morgan portal shows.
func thumbprint(cert *x509.Certificate) string {
	sum := sha1.Sum(cert.Raw)
	return strings.ToUpper(hex.EncodeToString(sum[:]))
}

// Thumbprint is the kid this client sends for cert, for `cashpos doctor`
// to print beside the portal's.
func Thumbprint(cert *x509.Certificate) string { return thumbprint(cert) }

// sign makes one client assertion. aud is the token URL; iss and sub are
// the client id; jti is unique so the endpoint can reject replays.
func (a *Assertion) sign(clientID, tokenURL string, now time.Time) (string, error) {
	claims := jwt.MapClaims{
		"iss": clientID,
		"sub": clientID,
		// A plain string, not jwt.ClaimStrings: that marshals a single
		// audience as an array, a form ADFS may not accept (UNCONFIRMED).
		"aud": tokenURL,
		"iat": now.Unix(),
		"exp": now.Add(assertionTTL).Unix(),
		"jti": uuid.NewString(),
	}
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	tok.Header["kid"] = thumbprint(a.Cert)
	tok.Header["typ"] = "JWT"
	return tok.SignedString(a.Key)
}
