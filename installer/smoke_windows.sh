#!/usr/bin/env bash
# Smoke-test the Windows installer under Wine, as a clerk without administrator rights would meet it:
#
#   installer/smoke_windows.sh [SETUP.exe]     (default: dist/windows/APA-Desktop-<version>-setup.exe)
#
# In a fresh Wine prefix (Windows 10): an old Windows (7) is refused; the setup installs silently
# for the current user into %LOCALAPPDATA%\Programs; shortcuts, file associations, the uninstall
# entry and the signatures are checked; the installed apa-desktop.exe runs its self-test (exit 0,
# every tab to PNG, Bengali compared with the Linux rendering of the same tabs); the user's database
# survives an uninstall, and goes only with /REMOVEDATA. Prints the sizes and the time to the first
# window. Environment: APA_SIGN_CERT (the certificate the build was signed with; without it the
# signatures are not checked), KEEP=1 keeps the prefix and output, TOLERANCE (default 0.001, see windows/compare_png.py).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
# shellcheck source=windows/wine_common.sh
. "$HERE/windows/wine_common.sh"
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/pyproject.toml" | head -n1)
SETUP="$(realpath "${1:-$ROOT/dist/windows/APA-Desktop-$VERSION-setup.exe}")"
VENV="${VENV:-$ROOT/.venv}"
TEST_CERT="$HERE/cache/test-signing/test-signing.crt"   # what ./bootstrap.sh windows signs with by default
[ -z "${APA_SIGN_CERT:-}" ] && [ -f "$TEST_CERT" ] && APA_SIGN_CERT="$TEST_CERT"
[ -f "$SETUP" ] || die "no installer at $SETUP (build it: ./bootstrap.sh windows)"
TMP=$(mktemp -d /tmp/apa-smoke-win.XXXXXX)
export WINEPREFIX="$TMP/prefix"
WINE=$(wine_bin)
WINESERVER="$(dirname "$WINE")/wineserver"
cleanup() { "$WINESERVER" -k 2>/dev/null || true; [ "${KEEP:-0}" = 1 ] && echo "kept $TMP" || rm -rf "$TMP"; }
trap cleanup EXIT

fails=0
expect() {  # expect DESCRIPTION COMMAND...: one line per check; the run fails at the end if any did
    local desc="$1"; shift
    if "$@"; then printf '  ok    %s\n' "$desc"; else printf '  FAIL  %s\n' "$desc"; fails=$((fails + 1)); fi
}
win() { "$WINE" "$@" 2>&1 | cat; return "${PIPESTATUS[0]}"; }
quiet() { "$@" >/dev/null; }
reg_has() { win reg query "$1" ${2:+/v "$2"} | grep -q "${3:-.}"; }

wine_prefix "$WINEPREFIX"
USER_DIR="$WINEPREFIX/drive_c/users/$(id -un)"
LOCAL="$USER_DIR/AppData/Local"
INSTDIR="$LOCAL/Programs/APA Desktop"
DATA="$LOCAL/apa-desktop"
SHORTCUT="এপিএ ডেস্কটপ (APA Desktop).lnk"
OUT="$TMP/selftest"

say "an unsupported Windows is refused (Windows 7)"
win winecfg -v win7 >/dev/null
set +e; win "$SETUP" /S >/dev/null; status=$?; set -e
"$WINESERVER" -w
expect "setup exits non-zero on Windows 7 (exit $status)" test "$status" -ne 0
expect "nothing installed on Windows 7" test ! -e "$INSTDIR"
win winecfg -v win10 >/dev/null

say "silent per-user install"
t0=$(date +%s.%N)
set +e; win "$SETUP" /S >/dev/null; status=$?; set -e
"$WINESERVER" -w
expect "setup /S exits 0 (exit $status)" test "$status" -eq 0
expect "installed under %LOCALAPPDATA%\\Programs" test -f "$INSTDIR/apa-desktop-gui.exe"
t_installed=$(date +%s.%N)
expect "nothing under Program Files" test -z "$(find "$WINEPREFIX/drive_c/Program Files" -iname '*apa*' 2>/dev/null)"
expect "Start-menu shortcut '$SHORTCUT'" test -f "$USER_DIR/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/$SHORTCUT"
expect "desktop shortcut" test -f "$USER_DIR/Desktop/$SHORTCUT"
UNINST='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\APADesktop'
expect "uninstaller listed in Settings → Apps (HKCU)" reg_has "$UNINST" UninstallString uninstall.exe
expect "its version is $VERSION" reg_has "$UNINST" DisplayVersion "$VERSION"
for ext in apabundle apareceipt apatemplates apalink; do
    expect ".$ext opens in the application" reg_has "HKCU\\Software\\Classes\\APADesktop.$ext\\shell\\open\\command" "" 'apa-desktop-gui.exe" "%1"'
done
if [ -n "${APA_SIGN_CERT:-}" ]; then
    for f in "$SETUP" "$INSTDIR/apa-desktop.exe" "$INSTDIR/apa-desktop-gui.exe"; do
        expect "signed: $(basename "$f") (osslsigncode verify)" \
            sh -c 'osslsigncode verify -CAfile "$1" -in "$2" >/dev/null 2>&1' _ "$APA_SIGN_CERT" "$f"
    done
else
    echo "  skip  signatures (no APA_SIGN_CERT)"
fi
expect "the exe carries its version ($VERSION)" \
    sh -c 'strings -el "$1" | grep -qx "$2"' _ "$INSTDIR/apa-desktop.exe" "$VERSION"

say "the installed application's self-test"
t1=$(date +%s.%N)
set +e; win "$INSTDIR/apa-desktop.exe" self-test --out "$(win winepath -w "$OUT" | tr -d '\r')" | grep -v propagateSizeHints
status=${PIPESTATUS[0]}; set -e
expect "self-test exits 0 (exit $status)" test "$status" -eq 0
expect "its summary says ok" python3 -c 'import json,sys; sys.exit(not json.load(open(sys.argv[1]))["ok"])' "$OUT/selftest.json"
listed=$(python3 -c 'import json,sys; print(sum(f.endswith(".png") for f in json.load(open(sys.argv[1]))["files"]))' "$OUT/selftest.json" 2>/dev/null || echo 0)
expect "every tab's screenshot the summary lists ($listed)" test "$(find "$OUT/png" -name '*.png' | wc -l)" -eq "$listed" -a "$listed" -ge 19
first_window=$(python3 -c "import json, sys; s = json.load(open(sys.argv[1])); print(round(s['first_window_at'] - float(sys.argv[2]), 1))" "$OUT/selftest.json" "$t1" 2>/dev/null || echo "?")

say "Bengali as on Linux (the same tabs rendered by the Linux app)"
LINUX_OUT="$TMP/linux"
[ -x "$VENV/bin/apa-desktop" ] || die "no Linux app at $VENV (./bootstrap.sh test installs it)"
QT_QPA_PLATFORM=offscreen "$VENV/bin/apa-desktop" self-test --out "$LINUX_OUT" 2>&1 | grep -E '^(FAIL|OK|FAILED)' || true
expect "every tab within tolerance of the Linux rendering" \
    "$VENV/bin/python" "$HERE/windows/compare_png.py" --tolerance "${TOLERANCE:-0.001}" "$OUT/png" "$LINUX_OUT/png"

say "uninstall keeps the user's data"
expect "the app makes the user's own database (apa-desktop.exe demo)" quiet win "$INSTDIR/apa-desktop.exe" demo
expect "the user's database is in %LOCALAPPDATA%\\apa-desktop" test -f "$DATA/apa.sqlite3"
installed_kb=$(du -sk "$INSTDIR" | cut -f1)
expect "uninstall.exe /S exits 0" quiet win "$INSTDIR/uninstall.exe" /S
"$WINESERVER" -w
expect "program folder removed" test ! -e "$INSTDIR/apa-desktop.exe"
expect "shortcuts removed" test ! -e "$USER_DIR/Desktop/$SHORTCUT"
expect "uninstall entry removed" sh -c '! "$1" reg query "$2" >/dev/null 2>&1' _ "$WINE" "$UNINST"
expect "file association removed" sh -c '! "$1" reg query "$2" >/dev/null 2>&1' _ "$WINE" 'HKCU\Software\Classes\.apareceipt'
expect "the user's database kept" test -f "$DATA/apa.sqlite3"

say "uninstall /REMOVEDATA removes it"
expect "setup /S again" quiet win "$SETUP" /S
"$WINESERVER" -w
expect "reinstalled, the database still there" test -f "$DATA/apa.sqlite3"
expect "uninstall.exe /S /REMOVEDATA exits 0" quiet win "$INSTDIR/uninstall.exe" /S /REMOVEDATA
"$WINESERVER" -w
expect "the data folder removed when asked" test ! -e "$DATA"

echo
echo "installer:      $(du -h "$SETUP" | cut -f1) ($(stat -c %s "$SETUP") bytes)"
echo "installed:      $((installed_kb / 1024)) MB in $INSTDIR"
echo "install:        $(awk -v a="$t0" -v b="$t_installed" 'BEGIN { printf "%.0f", b - a }') s (setup /S under Wine)"
echo "first window:   ${first_window} s from starting apa-desktop.exe self-test to its window shown (Wine)"
if [ "$fails" -gt 0 ]; then echo "FAILED: $fails check(s)"; exit 1; fi
echo "OK: the Windows installer passed its smoke test"
