# Shared by installer/build_windows.sh and installer/smoke_windows.sh (sourced, not run).
# Wine without its Mono/Gecko installers and without menu entries on the Linux desktop; quiet.
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
WINE_COMMON_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

say() { printf '==> %s\n' "$*"; }
die() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

wine_bin() {
    local w
    for w in "${WINE:-}" /usr/lib/wine/wine64 "$(command -v wine64 || true)" "$(command -v wine || true)"; do
        [ -n "$w" ] && [ -x "$w" ] && { echo "$w"; return; }
    done
    die "no wine64 found"
}

wine_prefix() {  # wine_prefix DIR: a Wine prefix with the bcryptprimitives.dll Wine 8 lacks
    local prefix="$1" wine; wine=$(wine_bin)
    if [ ! -d "$prefix/drive_c/windows/system32" ]; then
        say "new Wine prefix $prefix"
        mkdir -p "$(dirname "$prefix")"
        WINEPREFIX="$prefix" "$wine" wineboot --init 2>&1 | cat
        WINEPREFIX="$prefix" "$(dirname "$wine")/wineserver" -w || true
    fi
    local dll="$prefix/drive_c/windows/system32/bcryptprimitives.dll"
    if ! grep -q ProcessPrng "$dll" 2>/dev/null; then
        x86_64-w64-mingw32-gcc -O2 -shared -s -o "$dll" "$WINE_COMMON_DIR/wine/bcryptprimitives.c" \
            "$WINE_COMMON_DIR/wine/bcryptprimitives.def" -ladvapi32
    fi
}

