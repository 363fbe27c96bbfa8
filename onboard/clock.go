package onboard

import (
	"time"
)

// Clock skew limits. Up to skewOK the clocks agree (a Date header has
// one-second resolution, and the answer takes a moment to arrive). Past
// skewFail a signed token request is refused (our assertion's iat and exp
// are judged by the bank's clock, and it lives five minutes) and every
// balance age on screen is wrong by more than the refresh interval.
const (
	skewOK   = 30 * time.Second
	skewFail = 5 * time.Minute
)

// checkClock compares this machine's clock with the Date header of the
// first host that answered.
func (d *doctor) checkClock() {
	c := Check{ID: "clock", Title: "clock"}
	var h *hostResult
	for i := range d.net {
		if !d.net[i].date.IsZero() {
			h = &d.net[i]
			break
		}
	}
	if h == nil {
		c.Status, c.Detail = Skip, "not checked: no host answered with a Date header"
		d.add(c)
		return
	}
	// The Date header is truncated to the second; compare like with like.
	skew := h.date.Sub(h.received.Truncate(time.Second))
	abs := skew
	if abs < 0 {
		abs = -abs
	}
	dir := "behind"
	if skew < 0 {
		dir = "ahead of"
	}
	fix := "set this machine's clock from NTP (timedatectl set-ntp true, or ask the host's administrator)"
	switch {
	case abs <= skewOK:
		c.Status, c.Detail = OK, "agrees with "+h.addr+"'s Date header (within "+skewOK.String()+")"
	case abs <= skewFail:
		c.Status = Warn
		c.Detail = "this machine is " + abs.Round(time.Second).String() + " " + dir + " the bank's clock (" + h.addr + " Date header): balance ages are off by as much"
		c.Advice = fix
	default:
		c.Status = Fail
		c.Detail = "this machine is " + abs.Round(time.Second).String() + " " + dir + " the bank's clock (" + h.addr + " Date header): signed token requests are refused past " + skewFail.String() + ", and balance ages are wrong"
		c.Advice = fix
	}
	d.add(c)
}
