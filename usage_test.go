package main

import (
	"fmt"
	"os"
	"regexp"
	"testing"
)

// Every exit code the program returns is documented, in the help text and
// in the README's table, so a script author finds 130 as well as 0–3.
func TestEveryExitCodeDocumented(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []int{exitOK, exitAPI, exitConfig, exitPartial, exitInterrupted} {
		if !regexp.MustCompile(fmt.Sprintf(`(?m)^ +%d  \S`, code)).MatchString(exitCodesText) {
			t.Errorf("help's exit codes do not list %d:\n%s", code, exitCodesText)
		}
		if !regexp.MustCompile(fmt.Sprintf("(?m)^\\| `%d` \\| \\S", code)).Match(readme) {
			t.Errorf("README's exit-code table does not list %d", code)
		}
	}
}
