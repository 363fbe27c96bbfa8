package main

// The README's pictures, drawn from the colour golden frames (see
// scripts/pictures.sh; needs the Go module proxy for freeze).
//go:generate sh scripts/pictures.sh
