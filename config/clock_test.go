package config

import (
	"strings"
	"testing"
)

// clock = "utc" shows every time in UTC; CASHPOS_CLOCK beats the file; any
// other value is a configuration error naming the key.
func TestClockSetting(t *testing.T) {
	f := newFixture(t)
	f.config(f.validMock(""))
	if c := f.mustLoad(fakeEnv{}, Overrides{}); c.Clock != ClockLocal {
		t.Errorf("default clock %q, want local", c.Clock)
	}
	f.config(f.validMock(`clock = "UTC"`))
	if c := f.mustLoad(fakeEnv{}, Overrides{}); c.Clock != ClockUTC {
		t.Errorf("file clock %q, want utc", c.Clock)
	}
	if c := f.mustLoad(fakeEnv{"CASHPOS_CLOCK": "local"}, Overrides{}); c.Clock != ClockLocal {
		t.Errorf("env clock %q, want local", c.Clock)
	}
	_, err := f.load(fakeEnv{"CASHPOS_CLOCK": "mars"}, Overrides{})
	if err == nil || !strings.Contains(err.Error(), "CASHPOS_CLOCK") || !strings.Contains(err.Error(), "local or utc") {
		t.Errorf("bad clock: %v", err)
	}
}
