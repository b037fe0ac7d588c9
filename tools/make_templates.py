"""Generate the fiscal-year templates in apa_desktop/resources/templates from the demo documents.

Run: .venv/bin/python tools/make_templates.py
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from apa_desktop.core import interchange  # noqa: E402
from apa_desktop.core.demo import import_demo  # noqa: E402
from apa_desktop.core.model import Plan  # noqa: E402
from apa_desktop.core.templates import strip_achievements  # noqa: E402
from apa_desktop.paths import resource_path  # noqa: E402

SEED_003 = "seed 003, ICT Directorate district office Khulna, APA 2022-23 (resources/demo/khulna-ict-apa-2022-23.tsv.txt)"
SEED_000 = ("seed 000, শ্রম কল্যাণ কেন্দ্র টংগী, 2023-24 Q3 report "
            "(resources/demo/tongi-2023-24-q3.tsv.txt)")
SEED_004 = ("seed 004, কারিগরি শিক্ষা অধিদপ্তর, e-gov & innovation plan 2022-23 "
            "(resources/demo/dte-egov-2022-23-q2.tsv.txt)")


def governance_plan(section3: Plan) -> Plan:
    plan = copy.deepcopy(section3)
    plan.areas = [a for a in plan.areas if a.governance]
    plan.template_id = None
    return plan


def write(kind: str, fiscal_year: str, tier: str, source: str, plan: object, version: int = 1) -> None:
    plan = copy.deepcopy(plan)
    strip_achievements(plan)
    plan.template_id = None
    data = {"id": f"{kind}/{fiscal_year}/{tier}/{version}", "kind": kind, "fiscal_year": fiscal_year,
            "tier": tier, "version": version, "source": source, **({"own_rows": ["3"]} if kind == "nis" else {}),
            "plan": interchange.to_data(plan)}
    path = resource_path("templates", fiscal_year, f"{kind}-{tier}-v{version}.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print("wrote", path)


def main() -> None:
    khulna = import_demo("khulna-ict").office_year
    tongi = import_demo("tongi-lwc").office_year
    dte = import_demo("dte").office_year
    write("nis", "2022-23", "field", f"{SEED_003}, Annex 4 (NIS plan in its 2021-22 format)", khulna.nis)
    write("nis", "2023-24", "field",
          f"{SEED_000}, NIS plan: only the parts the report prints (sections 1-3, 6 activities)", tongi.nis)
    for kind in ("egov", "grs", "charter", "rti"):
        write(kind, "2022-23", "field", f"{SEED_003}, {kind} annex", khulna.annexes[kind])
        write(kind, "2023-24", "field", f"{SEED_000}, {kind} plan", tongi.annexes[kind])
    governance = governance_plan(khulna.section3)
    write("governance", "2022-23", "field", f"{SEED_003}, Section 3 governance area", governance)
    write("governance", "2023-24", "field",
          f"carried over from 2022-23 ({SEED_003}, Section 3 governance area): seed 000 prints no governance area",
          governance)
    write("egov", "2022-23", "head_office", f"{SEED_004}, e-gov plan", dte.annexes["egov"])


if __name__ == "__main__":
    main()
