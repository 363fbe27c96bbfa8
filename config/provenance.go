package config

import (
	"strconv"
	"strings"
)

// provenance records where values came from, so that an error about a value
// set by CASHPOS_BASE_URL says CASHPOS_BASE_URL and not base_url, and so
// that Source can tell the user which layers were in play.
type provenance struct {
	keys     map[string]string // file key -> name it was last set by
	accounts []string          // per Config.Accounts index: "accounts[2]", "CASHPOS_ACCOUNTS", "--accounts"
	file     string            // config file read, if any
	envVars  []string          // CASHPOS_* variables that were set
	flags    []string          // flags that were given
}

func newProvenance() *provenance { return &provenance{keys: map[string]string{}} }

// set records that file key k was last set by name.
func (p *provenance) set(k, name string) { p.keys[k] = name }

// key returns the name the user set file key k by (the key itself when it
// was set in the file or not at all).
func (c Config) key(k string) string {
	if c.prov != nil {
		if n := c.prov.keys[k]; n != "" {
			return n
		}
	}
	return k
}

// accountKey names field of account i: "accounts[2].api" when the account
// came from the file, else the variable or flag that listed it.
func (c Config) accountKey(i int, field string) string {
	origin := "accounts[" + strconv.Itoa(i) + "]"
	if c.prov != nil && i < len(c.prov.accounts) && len(c.prov.accounts) == len(c.Accounts) {
		origin = c.prov.accounts[i]
	}
	if strings.HasPrefix(origin, "accounts[") {
		return origin + "." + field
	}
	return origin
}
