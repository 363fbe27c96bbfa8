package ui

// Env is the bank environment the screens are connected to. It is a typed
// value, not the badge text: the payment gate asks Production(), never
// compares strings.
type Env int

const (
	// EnvNone draws no badge (a bare model in tests).
	EnvNone Env = iota
	// EnvDemo is the embedded mock bank.
	EnvDemo
	// EnvMock is the bank's mock host, or a standalone mock bank.
	EnvMock
	// EnvCAT is the bank's client acceptance testing environment.
	EnvCAT
	// EnvProduction moves real money; its badge is loud on every screen.
	EnvProduction
)

var envNames = [...]string{EnvNone: "", EnvDemo: "DEMO", EnvMock: "MOCK", EnvCAT: "CAT", EnvProduction: "PRODUCTION"}

// Production says whether this is the environment with real money.
func (e Env) Production() bool { return e == EnvProduction }

// String is the badge text: DEMO, MOCK, CAT, PRODUCTION, or "" for none.
func (e Env) String() string {
	if e < 0 || int(e) >= len(envNames) {
		return ""
	}
	return envNames[e]
}
