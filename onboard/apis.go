package onboard

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"cashpos/config"
	"cashpos/jpm"
)

// The APIs as the report names them.
const (
	titleBalances     = "Account Balances"
	titleBDA          = "BDA balances"
	titleTransactions = "Transaction Details"
	titlePayments     = "Global Payments"
)

// checkToken signs in once, fresh.
func (d *doctor) checkToken(ctx context.Context) {
	c := Check{ID: "token", Title: "token"}
	d.noToken = "signing in failed"
	if ok, why := d.reachable("token"); !ok {
		c.Status, c.Detail = Skip, "not tried: "+why
		d.noToken = "no token, as " + why
		d.add(c)
		return
	}
	if d.in.Client == nil {
		c.Status, c.Detail = Skip, "not tried: no client"
		if d.in.ClientErr != nil {
			c.Detail = "not tried: " + strings.TrimPrefix(oneLine(d.in.ClientErr.Error()), "config: ")
		}
		d.noToken = "no token, as the client could not be set up"
		if !d.failed("") { // nothing above explains it: this line must not pass quietly
			c.Status, c.Advice = Fail, "fix the setting it names"
			c.Detail = strings.TrimPrefix(c.Detail, "not tried: ")
		}
		d.add(c)
		return
	}
	ttl, err := d.in.Client.SignIn(ctx)
	if err != nil {
		c.Status = Fail
		c.Detail, c.Advice, c.RequestID, c.TraceID = splitAdvice(err)
		if d.in.Setting != nil {
			if name := d.in.Setting(err); name != "" {
				c.Advice += " (setting: " + name + ")"
			}
		}
		if d.failed("clock") && d.in.Config.UsesSignedJWT() {
			c.Advice = "fix the clock first (see the clock line): the bank judges the signed request's times by its own clock; then " + c.Advice
		}
		d.add(c)
		return
	}
	d.signed = true
	c.Status, c.Detail = OK, "signed in with "+d.how()
	if ttl > 0 {
		c.Detail += "; the token is valid for " + ttl.Round(time.Second).String()
	}
	d.add(c)
}

// failed reports whether the check id ("" for any) has failed so far.
func (d *doctor) failed(id string) bool {
	for _, c := range d.r.Checks {
		if (id == "" || c.ID == id) && c.Status == Fail {
			return true
		}
	}
	return false
}

func (d *doctor) how() string {
	cfg := d.in.Config
	if cfg.UsesSignedJWT() {
		return "a signed JWT assertion (client " + cfg.ClientID + ", resource " + cfg.Resource + ")"
	}
	if cfg.Demo {
		return "the demo client id and secret"
	}
	return "the client id " + cfg.ClientID + " and secret"
}

// splitAdvice takes a client error ("what (why); what to do [ids]") apart
// into the report's detail and advice; the ids come from the error values.
func splitAdvice(err error) (detail, advice, requestID, traceID string) {
	msg := oneLine(err.Error())
	var ae *jpm.APIError
	if errors.As(err, &ae) {
		requestID, traceID = ae.RequestID, ae.TraceID
		if i := strings.LastIndex(msg, " ["); i > 0 && strings.HasSuffix(msg, "]") {
			msg = msg[:i]
		}
	}
	detail, advice, _ = strings.Cut(msg, "; ")
	return detail, advice, requestID, traceID
}

// checkAPIs asks each API in turn. Account Balances goes first: an account
// it lists is what the Transaction Details probe asks about.
func (d *doctor) checkAPIs(ctx context.Context) {
	type probe struct {
		id, title, use string
		run            func() jpm.Probe
	}
	cl := d.in.Client
	var v1 jpm.Probe
	probes := []probe{
		{"api.balances", titleBalances, "balances", func() jpm.Probe { v1 = cl.ProbeBalances(ctx); return v1 }},
		{"api.bda", titleBDA, "BDA", func() jpm.Probe { return cl.ProbeBDA(ctx) }},
		{"api.transactions", titleTransactions, "transactions", func() jpm.Probe {
			return cl.ProbeTransactions(ctx, d.in.Endpoints.Transactions, d.anAccount(v1))
		}},
		{"api.payments", titlePayments, "payments", func() jpm.Probe { return cl.ProbePayments(ctx, d.in.Endpoints.Payments) }},
	}
	results := map[string]jpm.Probe{}
	for _, p := range probes {
		c := Check{ID: p.id, Title: p.title}
		if !d.signed {
			c.Status, c.Detail = Skip, "not tried: "+d.noToken
			d.add(c)
			continue
		}
		if ok, why := d.reachable(p.use); !ok {
			c.Status, c.Detail = Skip, "not tried: "+why
			d.add(c)
			continue
		}
		res := p.run()
		results[p.id] = res
		d.add(d.entitlement(c, res))
	}
	d.weighBalances(results)
}

// anAccount is an account to ask Transaction Details about: one that
// Account Balances listed, else the first configured v1 account.
func (d *doctor) anAccount(v1 jpm.Probe) string {
	if len(v1.Accounts) > 0 {
		return v1.Accounts[0]
	}
	for _, a := range d.in.Config.Accounts {
		if a.API == config.APIv1 {
			return a.ID
		}
	}
	return ""
}

// entitlement words one API's answer. Until weighBalances decides, a
// failure is a Fail; Transaction Details and Global Payments are not
// needed for the dashboard, so for them it is a Warn.
func (d *doctor) entitlement(c Check, p jpm.Probe) Check {
	c.RequestID, c.TraceID = p.RequestID, p.TraceID
	what := map[string]string{
		"api.balances": "the dashboard's balances", "api.bda": "BDA account balances",
		"api.transactions": "the transaction drill-down", "api.payments": "payment status and origination",
	}[c.ID]
	optional := c.ID == "api.transactions" || c.ID == "api.payments"
	fail := Fail
	if optional {
		fail = Warn
	}
	switch {
	case p.Access == jpm.AccessEntitled:
		c.Status, c.Detail = OK, "entitled"
		if c.ID == "api.balances" || c.ID == "api.bda" {
			c.Detail += ", " + itoa(len(p.Accounts)) + " " + plural(len(p.Accounts), "account", "accounts")
		} else if p.Detail != "" {
			c.Detail += ": " + p.Detail
		}
	case p.Access == jpm.AccessNotEntitled:
		c.Status, c.Detail = fail, "not entitled ("+p.Detail+")"
		c.Advice = "ask J.P. Morgan to entitle client " + d.clientID() + " to " + c.Title + " (the API must be in your portal project); until then " + what + " will not load"
		if p.NoAccounts {
			c.Detail = "entitled to no accounts (" + p.Detail + ")"
			c.Advice = "ask J.P. Morgan to link your cash-reporting accounts to client " + d.clientID()
		}
	case p.Access == jpm.AccessUnreachable && p.Status == http.StatusTooManyRequests:
		// The bank answered and is pacing this client: not "failing", and
		// the dashboard waits and retries; the doctor asks once and cannot
		// tell the entitlement from this answer.
		c.Status, c.Detail = fail, "rate limited, entitlement not known ("+p.Detail+")"
		c.Advice = "the bank limits how often this client may call: wait a minute and run cashpos doctor again " +
			"(the dashboard waits and retries on its own); if it persists, ask J.P. Morgan about the client's rate limit"
	case p.Access == jpm.AccessUnreachable:
		c.Status, c.Detail = fail, "unreachable ("+p.Detail+")"
		c.Advice = "the bank or the network is failing: try again later; if it persists, send the ids to J.P. Morgan support"
	default:
		c.Status, c.Detail = Warn, "unknown: no such API at this host ("+p.Detail+")"
		c.Advice = "this host does not serve " + c.Title + ": check the host for env " + string(d.in.Config.Env) + " (base_url); until then " + what + " will not load"
		if d.in.Config.Demo {
			c.Advice = "the built-in demo bank does not serve " + c.Title + "; " + what + " will not load in demo mode"
		}
	}
	return c
}

func (d *doctor) clientID() string {
	if d.in.Config.ClientID == "" {
		return "(demo)"
	}
	return d.in.Config.ClientID
}

// weighBalances decides how much a balance API's failure matters, as the
// client itself does. With accounts configured, the APIs they use are
// needed. With none, the dashboard asks Account Balances for everything,
// and a refusal there leaves it partial, so it is needed; "no eligible
// accounts" there is normal for a client with BDA accounts only. BDA is
// only listed on the side: a client not entitled to it just has none.
func (d *doctor) weighBalances(res map[string]jpm.Probe) {
	needV1, needBDA := len(d.in.Config.Accounts) == 0, false
	for _, a := range d.in.Config.Accounts {
		needV1 = needV1 || a.API == config.APIv1
		needBDA = needBDA || a.API == config.APIBDA
	}
	v1, bda := res["api.balances"], res["api.bda"]
	if len(d.in.Config.Accounts) == 0 && v1.NoAccounts && bda.Access == jpm.AccessEntitled && len(bda.Accounts) > 0 {
		needV1 = false
	}
	for i := range d.r.Checks {
		c := &d.r.Checks[i]
		switch {
		case c.ID == "api.balances" && !needV1 && c.Status == Fail:
			c.Status = Warn
		case c.ID == "api.bda" && !needBDA && c.Status == Fail:
			c.Status = Warn
			c.Advice = "only needed for BDA accounts; " + c.Advice
		case c.ID == "api.balances" && c.Status == OK && len(d.in.Config.Accounts) > 0:
			d.missingAccounts(c, v1.Accounts, config.APIv1)
		case c.ID == "api.bda" && c.Status == OK && len(d.in.Config.Accounts) > 0:
			d.missingAccounts(c, bda.Accounts, config.APIBDA)
		}
	}
}

// missingAccounts warns about configured accounts the API did not list:
// the dashboard would show them as problems.
func (d *doctor) missingAccounts(c *Check, listed []string, api string) {
	have := map[string]bool{}
	for _, id := range listed {
		have[id] = true
	}
	var missing []string
	for _, a := range d.in.Config.Accounts {
		if a.API == api && !have[a.ID] {
			missing = append(missing, a.ID)
		}
	}
	if len(missing) == 0 {
		return
	}
	c.Status = Warn
	c.Detail += "; " + itoa(len(missing)) + " configured " + plural(len(missing), "account is", "accounts are") + " not among them: " + strings.Join(missing, ", ")
	c.Advice = "check those ids in the configuration, or ask J.P. Morgan to entitle the client to them"
}
