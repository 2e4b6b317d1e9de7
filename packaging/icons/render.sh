#!/usr/bin/env bash
# Renders the PNG sizes of the application icon from resources/icons/rolldeck.svg.
# The PNGs are committed (a build needs no SVG renderer); run this after changing the SVG.
# Needs rsvg-convert (Debian: librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 24 32 48 64 128 256 512; do
    rsvg-convert -w "$size" -h "$size" ../../resources/icons/rolldeck.svg -o "rolldeck-$size.png"
done
