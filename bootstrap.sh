#!/usr/bin/env bash
# Installs APA Desktop into ./.venv and then runs it (`run`, the default) or its tests (`test`).
# As root on Debian/Ubuntu it first installs the system libraries Qt and the tests need.
set -euo pipefail
cd "$(dirname "$0")"
mode="${1:-run}"
[ $# -gt 0 ] && shift

debian_packages() {
    # Qt offscreen/widgets, PDF checks (poppler), PKCS#11 token tests (softhsm2).
    echo python3-venv libgl1 libegl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3 \
         poppler-utils softhsm2
    if [ "$mode" = test ]; then
        # HQ's tests run on PostgreSQL too: a throwaway cluster (tests/conftest.py).
        echo postgresql
    fi
    if [ "$mode" = run ]; then
        # A real window on X11.
        echo libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
             libxcb-shape0 libxkbcommon-x11-0 libxcb-xkb1 libxcb-randr0
    fi
}

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    missing=()
    for p in $(debian_packages); do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "Installing system packages: ${missing[*]}"
        apt-get update -q
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
    fi
fi

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
case "$mode" in
    run)
        .venv/bin/python -m pip install -q --disable-pip-version-check -e .
        exec .venv/bin/apa-desktop "$@"
        ;;
    test)
        .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
        export QT_QPA_PLATFORM=offscreen
        exec .venv/bin/python -m pytest "$@"
        ;;
    *)
        echo "usage: $0 [run|test] [args...]" >&2
        exit 2
        ;;
esac
