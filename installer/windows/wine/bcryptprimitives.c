/* bcryptprimitives.dll for Wine 8 only (never shipped): Windows 10 has this DLL, Wine 8 does not.
 *
 * Rust's standard library takes its random bytes from ProcessPrng() in bcryptprimitives.dll, so
 * every Rust extension module (cryptography's _rust.pyd, rpds-py) fails to load under Wine 8
 * ("DLL load failed ... Module not found"). installer/build_windows.sh compiles this with mingw-w64
 * into the Wine prefixes of the build and of the smoke test; Wine 9 and later have their own. */
#include <windows.h>
#include <ntsecapi.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
    while (size > 0) {
        ULONG chunk = size > 0x10000000 ? 0x10000000 : (ULONG)size;
        if (!RtlGenRandom(data, chunk))
            return FALSE;
        data += chunk;
        size -= chunk;
    }
    return TRUE;
}
