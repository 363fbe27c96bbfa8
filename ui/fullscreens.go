package ui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
)

// messageView is a small centred block that replaces the grid: loading,
// nothing loaded, bad credentials, no accounts.
type messageView struct {
	st    *Styles
	title string
	quiet bool // title in plain bold rather than the error style
	body  []string
	keys  string // e.g. "r retry · q quit"
}

func (v messageView) View(width, height int) string {
	w := min(width-4, 72)
	var parts []string
	title := v.st.ScreenTitle
	if v.quiet {
		title = v.st.ScreenKey
	}
	parts = append(parts, title.Render(truncate(v.title, w)))
	for _, p := range v.body {
		parts = append(parts, "", lipgloss.NewStyle().Width(w).Render(p))
	}
	if v.keys != "" {
		parts = append(parts, "", v.st.ScreenKey.Render(v.keys))
	}
	block := strings.Join(parts, "\n")
	return fitBlock(lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, block), width, height)
}

func unauthorizedView(st *Styles, err error) messageView {
	return messageView{
		st:    st,
		title: "The bank refused the credentials",
		body: []string{
			"Check CASHPOS_CLIENT_ID and CASHPOS_CLIENT_SECRET (or the config's client_secret_file), " +
				"and the client certificate and key (CASHPOS_TLS_CERT, CASHPOS_TLS_KEY) for this environment. " +
				"Retrying will not help until they are fixed.",
			"The bank said: " + firstLine(err.Error()),
		},
		keys: "r retry · q quit",
	}
}

func noAccountsView(st *Styles) messageView {
	return messageView{
		st:    st,
		title: "No cash-reporting accounts are entitled to these credentials",
		body: []string{
			"The credentials work, but the bank lists no account they may see balances for. " +
				"Ask the bank's onboarding / entitlements team to entitle the accounts, " +
				"or set CASHPOS_ACCOUNTS to the account ids to watch.",
		},
		keys: "r retry · q quit",
	}
}

func loadingView(st *Styles) messageView {
	return messageView{st: st, quiet: true, title: "Fetching balances from the bank…"}
}

func failedView(st *Styles, err error) messageView {
	return messageView{
		st:    st,
		title: "Could not load balances",
		body:  []string{firstLine(err.Error())},
		keys:  "r to retry · q to quit",
	}
}

// tooSmallView says what size the dashboard needs. The environment badge
// stays on it: production must be visible whatever the window.
type tooSmallView struct {
	st  *Styles
	env Env
}

func (v tooSmallView) View(width, height int) string {
	msg := lipgloss.JoinVertical(lipgloss.Center,
		fmt.Sprintf("cashpos needs at least %dx%d (now %dx%d)", minWidth, minHeight, width, height),
		"enlarge the window, or press q to quit")
	block := msg
	if b := badge(v.st, v.env); b != "" {
		block = lipgloss.PlaceHorizontal(lipgloss.Width(msg), lipgloss.Center, b) + "\n\n" + msg
	}
	return fitBlock(lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, block), width, height)
}
