#!/usr/bin/env bash
# A throw-away code-signing certificate for test builds (never for a release):
#   installer/windows/make_test_cert.sh DIR   → DIR/test-signing.p12, DIR/test-signing.crt, DIR/password
# and prints the environment installer/build_windows.sh signs with and smoke_windows.sh verifies with.
set -euo pipefail
dir="${1:?usage: $0 DIR}"
mkdir -p "$dir"
if [ ! -f "$dir/test-signing.p12" ]; then
    openssl rand -hex 16 > "$dir/password"
    openssl req -x509 -newkey rsa:3072 -sha256 -days 365 -nodes -keyout "$dir/test-signing.key" \
        -out "$dir/test-signing.crt" -subj "/CN=APA Desktop TEST signing (not for release)/O=APA Desktop" \
        -addext "keyUsage=critical,digitalSignature" -addext "extendedKeyUsage=codeSigning" 2>/dev/null
    openssl pkcs12 -export -inkey "$dir/test-signing.key" -in "$dir/test-signing.crt" \
        -out "$dir/test-signing.p12" -passout "file:$dir/password"
    rm "$dir/test-signing.key"
    chmod 600 "$dir/test-signing.p12" "$dir/password"
fi
echo "APA_SIGN_PKCS12=$dir/test-signing.p12"
echo "APA_SIGN_PASSWORD_FILE=$dir/password"
echo "APA_SIGN_CERT=$dir/test-signing.crt"
