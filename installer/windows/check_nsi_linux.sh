#!/usr/bin/env bash
# Compile apa-desktop.nsi on Linux (Debian's `nsis` package) against a dummy dist folder, to
# check that the script compiles. The resulting setup.exe contains no real program; the real
# installer packs the dist folder of a Windows PyInstaller build (docs/packaging.md).
#
#   installer/windows/check_nsi_linux.sh [OUTDIR]     (default OUTDIR: a fresh /tmp folder)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${1:-$(mktemp -d /tmp/apa-nsis.XXXXXX)}"
command -v makensis >/dev/null || { echo "makensis missing: apt-get install -y nsis" >&2; exit 1; }

DUMMY="$OUT/dist/apa-desktop"
mkdir -p "$DUMMY/_internal/apa_desktop/resources/fonts"
printf 'MZ dummy\n' > "$DUMMY/apa-desktop.exe"
printf 'MZ dummy\n' > "$DUMMY/apa-desktop-gui.exe"
printf 'dummy\n' > "$DUMMY/_internal/apa_desktop/resources/fonts/OFL.txt"

VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' "$HERE/../../pyproject.toml" | head -n1)
makensis -V2 -WX -DDIST="$DUMMY" -DVERSION="${VERSION:-0.0.0}" \
    -DOUTFILE="$OUT/APA-Desktop-${VERSION:-0.0.0}-setup-DUMMY.exe" "$HERE/apa-desktop.nsi"
ls -l "$OUT"/*.exe
echo "OK: apa-desktop.nsi compiles (makensis $(makensis -VERSION))"
