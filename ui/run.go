package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// Run builds the program (the view asks for the alt screen) and runs it until
// the analyst quits or ctx ends. With NoColor the program's colour profile is
// pinned to Ascii: no colour reaches the terminal, bold and reverse do.
// progOpts come last, so callers and tests can override anything.
func Run(ctx context.Context, o Options, progOpts ...tea.ProgramOption) error {
	opts := []tea.ProgramOption{tea.WithContext(ctx)}
	if o.NoColor {
		opts = append(opts, tea.WithColorProfile(colorprofile.Ascii))
	}
	opts = append(opts, progOpts...)
	p := tea.NewProgram(newModel(ctx, o), opts...)
	_, err := p.Run()
	return err
}
