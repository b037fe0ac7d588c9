"""Time to export the full demo APA with annexes (target < 1.5 s) and to sign it (target < 1 s).

Run: ``.venv/bin/python bench/bench_pdf.py [runs]``. Cold = first run in the process (font loading,
pyHanko import); warm = median of the following runs (3 by default), as wall-clock time and as the
process's CPU time: the machine is shared, so wall time alone says little about the code."""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time


def _timed(fn, runs: int) -> tuple[float, float, float, object]:
    """(cold wall, warm median wall, warm median CPU, result)."""
    start = time.perf_counter()
    result = fn()
    cold = time.perf_counter() - start
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return cold, statistics.median(walls), statistics.median(cpus), result


def main(runs: int = 3) -> None:
    from apa_desktop.core.demo import demo_office_years
    from apa_desktop.export.keys import new_self_issued_key
    from apa_desktop.export.pdf import apa_pdf
    from apa_desktop.export.signing import sign_pdf, verify_pdf

    office_year = next(oy for oy in demo_office_years() if oy.office.id == "khulna-ict")
    cold, wall, cpu, pdf = _timed(lambda: apa_pdf(office_year), runs)
    print(f"export full APA (khulna-ict 2022-23, {len(pdf) // 1024} KB): cold {cold:.3f} s, "
          f"warm median of {runs}: wall {wall:.3f} s, CPU {cpu:.3f} s")
    tongi = next(oy for oy in demo_office_years() if oy.office.id == "tongi-lwc")
    _, wall, cpu, _ = _timed(lambda: apa_pdf(tongi, 3), runs)
    print(f"export Q3 progress report (tongi-lwc 2023-24): warm wall {wall:.3f} s, CPU {cpu:.3f} s")
    p12, cert = new_self_issued_key("মোঃ রহিম", "উপপরিচালক", "khulna-ict", "pw")
    sign = lambda: sign_pdf(pdf, p12, "pw", signer_name="মোঃ রহিম", designation="উপপরিচালক", date=dt.date(2022, 6, 29))
    cold, wall, cpu, signed = _timed(sign, runs)
    print(f"sign (PKCS#12, PAdES B-B, visible box): cold {cold:.3f} s (includes pyHanko import), "
          f"warm wall {wall:.3f} s, CPU {cpu:.3f} s")
    cold, wall, cpu, result = _timed(lambda: verify_pdf(signed, [cert]), runs)
    print(f"verify: cold {cold:.3f} s, warm wall {wall:.3f} s, CPU {cpu:.3f} s, ok={result.ok}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
