package ui

import (
	"context"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// Run builds the program (the view asks for the alt screen) and runs it until
// the analyst quits or ctx ends. With NoColor the program's colour profile is
// pinned to Ascii: no colour reaches the terminal, bold and reverse do.
// progOpts come last, so callers and tests can override anything.
//
// The process runs under a soft memory limit while the program runs (see
// tuiMemoryLimit; GOMEMLIMIT overrides it).
func Run(ctx context.Context, o Options, progOpts ...tea.ProgramOption) error {
	defer applyMemoryLimit(os.Getenv)()
	opts := []tea.ProgramOption{tea.WithContext(ctx)}
	if o.NoColor {
		opts = append(opts, tea.WithColorProfile(colorprofile.Ascii))
	}
	opts = append(opts, progOpts...)
	p := tea.NewProgram(newModel(ctx, o), opts...)
	_, err := p.Run()
	return err
}
