#!/bin/sh
# Renders the README's pictures from the colour golden frames, so a picture
# can never show something the code does not draw:
#
#   sh scripts/pictures.sh        (or: go generate .)
#
# 1. the golden frame tests must pass, i.e. the frames are what the code draws
#    today (regenerate them with `go test ./ui/ -update` and read the diff);
# 2. frame2freeze resolves reverse video and bold into explicit colours, which
#    freeze's ANSI reader does not know;
# 3. freeze (pinned; run from the module proxy, not a dependency in go.mod)
#    draws the SVG. docs/pictures.sha256 records which frame each picture came
#    from; TestPicturesMatchGoldens fails when a frame changes and its
#    picture was not redrawn.
set -eu
cd "$(dirname "$0")/.."

FREEZE="go run github.com/charmbracelet/freeze@v0.2.2"

# picture NAME GOLDEN: docs/NAME.svg from one golden frame.
picture() {
	name=$1 golden=$2
	tmp=$(mktemp)
	go run ./scripts/frame2freeze < "$golden" > "$tmp"
	$FREEZE "$tmp" --language ansi --output "docs/$name.svg" \
		--window --padding 20,24 --margin 0 --border.radius 8 \
		--font.size 14 --font.ligatures=false --line-height 1.2 --background '#171717' < /dev/null > /dev/null
	rm -f "$tmp"
	echo "docs/$name.svg  $golden"
}

# sha256 FILE: the file's SHA-256 in hex (GNU coreutils or macOS).
sha256() {
	if command -v sha256sum > /dev/null; then sha256sum < "$1"; else shasum -a 256 < "$1"; fi | cut -d' ' -f1
}

go test ./ui/ -run 'TestGolden$|TestGoldenTxn$' -count=1 > /dev/null

: > docs/pictures.sha256.new
while read -r name golden; do
	case $name in '#'* | '') continue ;; esac
	picture "$name" "$golden"
	printf '%s  %s  %s\n' "$(sha256 "$golden")" "$name" "$golden" >> docs/pictures.sha256.new
done < docs/pictures.txt
mv docs/pictures.sha256.new docs/pictures.sha256
