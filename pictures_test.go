package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"strings"
	"testing"
)

// The README's pictures are drawn from colour golden frames by
// scripts/pictures.sh, which records each frame's hash in
// docs/pictures.sha256. A frame that changed (the screen changed) without
// its picture being redrawn fails here, so the pictures never drift from
// what the code draws.
func TestPicturesMatchGoldens(t *testing.T) {
	raw, err := os.ReadFile("docs/pictures.sha256")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		f := strings.Fields(line)
		if len(f) != 3 {
			t.Fatalf("docs/pictures.sha256: bad line %q", line)
		}
		sum, name, golden := f[0], f[1], f[2]
		frame, err := os.ReadFile(golden)
		if err != nil {
			t.Errorf("docs/%s.svg is drawn from %s: %v; fix docs/pictures.txt and run sh scripts/pictures.sh", name, golden, err)
			continue
		}
		if h := sha256.Sum256(frame); hex.EncodeToString(h[:]) != sum {
			t.Errorf("%s changed since docs/%s.svg was drawn; run sh scripts/pictures.sh", golden, name)
		}
		if _, err := os.Stat("docs/" + name + ".svg"); err != nil {
			t.Errorf("picture missing: %v; run sh scripts/pictures.sh", err)
		}
	}
}
