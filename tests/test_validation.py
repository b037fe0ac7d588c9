"""An incoming office-year is validated in core before anything else (issue 12, item 1): a document
the scorer, the evidence list or the PDF writer could not handle is refused with every problem
listed, in `import-json` (JSON and PDF) and in HQ's bundle reader, and nothing is stored."""

from __future__ import annotations

import dataclasses

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from apa_desktop.core import interchange
from apa_desktop.core.errors import DocumentInvalid, UserError
from apa_desktop.core.validation import (
    counter_problems, template_plan_problems, validate_office_year,
)
from apa_desktop.export.interchange_file import parse_office_year_json
from apa_desktop.hq.enrolment import enroll
from apa_desktop.hq.importer import Importer

from bundle_helpers import bundle_for, make_key, office_key, small_office_year
from apa_desktop.export.bundle import write_bundle


def _indicator(office_year):
    return office_year.section3.areas[0].activities[0].indicators[0]


def _mutants():
    """(name, change to a valid office-year, the path the refusal must name): the issue's defects."""
    def quarter(value):
        return lambda oy: setattr(oy, "report_quarter", value)

    return [
        ("report quarter 0", quarter(0), "report_quarter"),
        ("report quarter 5", quarter(5), "report_quarter"),
        ("report quarter 7", quarter(7), "report_quarter"),
        ("no quarters", lambda oy: setattr(_indicator(oy), "quarters", []), "quarters"),
        ("no evidence lists", lambda oy: setattr(_indicator(oy), "evidence", []), "evidence"),
        ("fiscal year hello", lambda oy: setattr(oy, "fiscal_year", "hello"), "fiscal_year"),
        ("fiscal year 1850-51", lambda oy: setattr(oy, "fiscal_year", "1850-51"), "fiscal_year"),
        ("score -721", lambda oy: setattr(_indicator(oy), "weight", -721.0), "weight"),
        ("score 72,400", lambda oy: setattr(_indicator(oy), "weight", 72400.0), "weight"),
        ("score infinity", lambda oy: setattr(_indicator(oy), "weight", float("inf")), "weight"),
        ("NaN achievement", lambda oy: _indicator(oy).quarters.__setitem__(0, float("nan")), "quarters"),
        ("unknown unit", lambda oy: setattr(_indicator(oy), "unit", "furlongs"), "unit"),
        ("unknown method", lambda oy: setattr(_indicator(oy), "method", "median"), "method"),
        ("unknown template", lambda oy: setattr(oy.section3, "template_id", "bogus"), "template_id"),
        ("evidence not a hash", lambda oy: _indicator(oy).evidence[0].append("../../etc/passwd"), "evidence"),
        ("weights beyond 100", lambda oy: setattr(oy.section3.areas[0].activities[0].indicators[1], "weight", 99.0),
         "section3"),
        ("a huge text", lambda oy: setattr(_indicator(oy), "title", "x" * 30_000), "title"),
    ]


MUTANTS = _mutants()


@pytest.mark.parametrize("name,change,where", MUTANTS, ids=[m[0] for m in MUTANTS])
def test_import_json_refuses_an_impossible_document_naming_the_place(name, change, where):
    office_year, _ = small_office_year()
    change(office_year)
    text = interchange.dumps(office_year).encode()
    with pytest.raises(DocumentInvalid) as refused:
        parse_office_year_json(text, "mutant.json")
    assert any(where in p.path for p in refused.value.problems), refused.value.problems
    assert "কিছুই সংরক্ষণ করা হয়নি" in refused.value.message("bn")
    assert "nothing was stored" in refused.value.message("en")


def test_every_problem_is_listed_not_only_the_first():
    office_year, _ = small_office_year()
    office_year.report_quarter = 9
    _indicator(office_year).unit = "furlongs"
    office_year.fiscal_year = "hello"
    paths = [p.path for p in validate_office_year(office_year)]
    assert any("report_quarter" in p for p in paths) and any("unit" in p for p in paths)
    assert any("fiscal_year" in p for p in paths)


def test_the_demo_documents_and_shipped_templates_are_valid():
    from apa_desktop.core.demo import DEMO, import_demo
    from apa_desktop.core.templates import load_templates

    for _, office, _ in DEMO:
        assert validate_office_year(import_demo(office.id).office_year) == []
    for template in load_templates():
        assert template_plan_problems(template.plan, template.kind, template.id) == []


def test_a_template_with_a_negative_weight_is_refused():
    from apa_desktop.core.templates import find_template

    plan = dataclasses.replace(find_template("egov", "2023-24").plan)
    plan.areas[0].activities[0].indicators[0].weight = -5.0
    assert any("weight" in p.path for p in template_plan_problems(plan, "egov"))


def test_revision_and_sequence_must_fit_sqlite():
    assert counter_problems(revision=2**63 - 1, sequence=1) == []
    assert [p.path for p in counter_problems(revision=2**63, sequence=0)] == ["revision", "sequence"]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "apa_desktop", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


def _rows(db: Path) -> list:
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return [(table, row) for table in tables for row in conn.execute(f"SELECT * FROM [{table}]")]


@pytest.mark.parametrize("lang", ["bn", "en"])
def test_import_json_command_refuses_report_quarter_five_and_stores_nothing(tmp_path, lang):
    db = tmp_path / "office.sqlite3"
    good, _ = small_office_year()
    (tmp_path / "good.json").write_text(interchange.dumps(good), "utf-8")
    assert run_cli("import-json", "--db", str(db), str(tmp_path / "good.json")).returncode == 0
    before = _rows(db)
    bad, _ = small_office_year()
    bad.report_quarter = 5
    _indicator(bad).quarters = []
    (tmp_path / "bad.json").write_text(interchange.dumps(bad), "utf-8")
    result = run_cli("--lang", lang, "import-json", "--db", str(db), str(tmp_path / "bad.json"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "report_quarter" in result.stderr and "quarters" in result.stderr
    assert ("কিছুই সংরক্ষণ করা হয়নি" if lang == "bn" else "nothing was stored") in result.stderr
    assert _rows(db) == before


@pytest.fixture
def hq(make_hq):
    db = make_hq("hq")
    enroll(db, "DC-KHULNA", make_key("DC-KHULNA")[1])
    return Importer(db)


def _signed(change=None, **counters) -> bytes:
    office_year, evidence = small_office_year()
    if change is not None:
        change(office_year)
    data, _ = write_bundle(office_year, office_key("DC-KHULNA"), previous_sha256=None, evidence=evidence,
                           **{"revision": 1, "sequence": 1, **counters})
    return data


@pytest.mark.parametrize("name,change,where", MUTANTS[:11], ids=[m[0] for m in MUTANTS[:11]])
def test_hq_rejects_a_signed_impossible_document_and_imports_the_next_bundle(hq, tmp_path, name, change, where):
    before = hq.store.dump_tables()
    (tmp_path / "1-bad.apabundle").write_bytes(_signed(change))
    (tmp_path / "2-good.apabundle").write_bytes(bundle_for("DC-KHULNA"))
    outcomes = list(hq.import_many(sorted(tmp_path.glob("*.apabundle")), workers=1))
    assert [o.status for o in outcomes] == ["rejected", "imported"], [o.line() for o in outcomes]
    assert where in outcomes[0].detail
    assert hq.store.dump_tables() != before


@pytest.mark.parametrize("counters", [{"revision": 2**63}, {"sequence": 2**63}, {"sequence": 2**64 + 5}])
def test_hq_rejects_a_revision_or_sequence_beyond_sqlite(hq, counters):
    before = hq.store.dump_tables()
    outcome = hq.import_source(_signed(**counters))
    assert outcome.status == "rejected" and "manifest" in outcome.detail.lower()
    assert hq.store.dump_tables() == before


def test_a_refusal_is_a_user_error():
    assert issubclass(DocumentInvalid, UserError)
