package model

// J.P. Morgan publishes no error code for a payment over the client's bank
// limit, nor for insufficient funds (jpm-api §6.7, §9 item 2). The codes
// below are INVENTED for cashpos's mock bank, in the ranges the GP2
// catalogue reserves for business errors, and this is the one place they
// are defined: the mock answers with them and the client recognises them.
// When J.P. Morgan confirms real codes, change them here.
const (
	// CodeLimitBreach — INVENTED: the payment exceeds a limit J.P. Morgan
	// holds for the client (11500–11999 "general business errors").
	CodeLimitBreach = "11550"
	// CodeInsufficientFunds — INVENTED: the debtor account cannot fund the
	// payment. Sent with additionalContext ISO20022 AM04 (a real ISO 20022
	// reason code: "InsufficientFunds").
	CodeInsufficientFunds = "11551"
)

// Published codes the advice below relies on.
const (
	CodeCreditorAccountClosed = "11002" // with ISO AC03, NACHA CLR119 (GP2)
	CodeIdempotencyMismatch   = "10106" // same Idempotency-Key, different body
	CodeIdempotencyInFlight   = "10107" // same Idempotency-Key, a request still in flight
	ISOInsufficientFunds      = "AM04"  // ISO 20022 external status reason
	ISOClosedAccount          = "AC04"  // ISO 20022 "ClosedAccountNumber"
	ISOAmountExceedsLimit     = "AM02"  // ISO 20022 "NotAllowedAmount"
)

// FailureKind sorts a rejection by what the analyst must do about it.
type FailureKind string

const (
	FailureLimit        FailureKind = "limit breach"
	FailureFunds        FailureKind = "insufficient funds"
	FailureBeneficiary  FailureKind = "beneficiary account"
	FailureAccount      FailureKind = "account problem"
	FailureRequest      FailureKind = "invalid request"
	FailureUnauthorized FailureKind = "not authorized"
	FailureOther        FailureKind = "rejected"
)

// Advice is what to do about each kind: distinct for a limit breach and
// for insufficient funds (product.md §4).
func (k FailureKind) Advice() string {
	switch k {
	case FailureLimit:
		return "ask your J.P. Morgan service team (or your payment administrator) for a limit increase, or split the payment within the limit"
	case FailureFunds:
		return "fund the debtor account (a transfer or sweep in), then create the payment again"
	case FailureBeneficiary:
		return "confirm the beneficiary's account and routing number with them before paying again"
	case FailureAccount:
		return "check the account the bank's message names and its entitlements, then create the payment again"
	case FailureRequest:
		return "correct the field named and create the payment again"
	case FailureUnauthorized:
		return "ask your J.P. Morgan administrator to entitle this client to payments from that account"
	default:
		return "see the bank's code and message; call your J.P. Morgan service team with the end-to-end id"
	}
}

// ClassifyExceptions decides the failure kind from the bank's exceptions:
// their codes and their additionalContext codes.
func ClassifyExceptions(ex []PaymentException) FailureKind {
	for _, e := range ex {
		if k := classifyCode(e.Code); k != "" {
			return k
		}
		for _, c := range e.Details {
			switch c.Code {
			case ISOInsufficientFunds:
				return FailureFunds
			case ISOAmountExceedsLimit:
				return FailureLimit
			case ISOClosedAccount, "AC03", "AC01", "AC06":
				return FailureBeneficiary
			}
		}
	}
	return FailureOther
}

func classifyCode(code string) FailureKind {
	switch {
	case code == CodeLimitBreach:
		return FailureLimit
	case code == CodeInsufficientFunds:
		return FailureFunds
	case code == "14000":
		return FailureUnauthorized
	case code == CodeCreditorAccountClosed:
		return FailureBeneficiary
	case code >= "11000" && code <= "11499" && len(code) == 5:
		return FailureAccount
	case code >= "10000" && code <= "10199" && len(code) == 5:
		return FailureRequest
	}
	return ""
}
