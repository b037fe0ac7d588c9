"""Time to export the full demo APA with annexes (target < 1.5 s) and to sign it (target < 1 s).

Run: ``.venv/bin/python bench/bench_pdf.py``. Cold = first run in the process (font loading,
pyHanko import); warm = median of the following runs."""

from __future__ import annotations

import datetime as dt
import statistics
import time


def _timed(fn, runs: int = 5) -> tuple[float, float, object]:
    start = time.perf_counter()
    result = fn()
    cold = time.perf_counter() - start
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return cold, statistics.median(times), result


def main() -> None:
    from apa_desktop.core.demo import demo_office_years
    from apa_desktop.export.keys import new_self_issued_key
    from apa_desktop.export.pdf import apa_pdf
    from apa_desktop.export.signing import sign_pdf, verify_pdf

    office_year = next(oy for oy in demo_office_years() if oy.office.id == "khulna-ict")
    cold, warm, pdf = _timed(lambda: apa_pdf(office_year))
    print(f"export full APA (khulna-ict 2022-23, {len(pdf) // 1024} KB): cold {cold:.3f} s, warm {warm:.3f} s")
    tongi = next(oy for oy in demo_office_years() if oy.office.id == "tongi-lwc")
    _, warm_q, _ = _timed(lambda: apa_pdf(tongi, 3))
    print(f"export Q3 progress report (tongi-lwc 2023-24): warm {warm_q:.3f} s")
    p12, cert = new_self_issued_key("মোঃ রহিম", "উপপরিচালক", "khulna-ict", "pw")
    sign = lambda: sign_pdf(pdf, p12, "pw", signer_name="মোঃ রহিম", designation="উপপরিচালক", date=dt.date(2022, 6, 29))
    cold, warm, signed = _timed(sign)
    print(f"sign (PKCS#12, PAdES B-B, visible box): cold {cold:.3f} s (includes pyHanko import), warm {warm:.3f} s")
    cold, warm, result = _timed(lambda: verify_pdf(signed, [cert]))
    print(f"verify: cold {cold:.3f} s, warm {warm:.3f} s, ok={result.ok}")


if __name__ == "__main__":
    main()
