package config

// FilePath is the configuration file Load reads: --config, else
// $CASHPOS_CONFIG, else $XDG_CONFIG_HOME/cashpos/config.toml, else
// ~/.config/cashpos/config.toml; "" without a home. `cashpos init` writes
// its skeleton there, so the two can never disagree.
func FilePath(flagPath string, getenv func(string) string, home string) string {
	path, _, _ := configPath(flagPath, getenv, home)
	return path
}
