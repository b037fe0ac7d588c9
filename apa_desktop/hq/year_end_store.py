"""Every SQL statement of the year's end at HQ (evaluations, results, who is late), in one place.

The tables are a migration set of their own (``apa_desktop_hq_year_end``) on HQ's database, as the
office's bundle log is on the office's: when HQ's store takes all of HQ's SQL, this module moves
into it whole. The functions return plain rows; the rules are in core/evaluation.py,
hq/results.py and hq/late.py.

``office_year_facts`` caches, per bundle HQ holds as an office-year's current document, what the
results and the late list need from the document (tier, superior office, the parts of its
self-assessed score, the latest quarter it reports): scoring a document takes ~20 ms, too slow to
redo for a thousand office-years on every listing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database, Migrations

from ..core.charts import score_parts
from ..core.interchange import loads
from ..core.model import OfficeYear
from ..core.progress import covered_quarter
from ..core.scoring import score_office_year

MIGRATIONS = Migrations("apa_desktop_hq_year_end")


@MIGRATIONS(name="m001_evaluations")
def m001_evaluations(db: Database) -> None:
    db.execute("""CREATE TABLE evaluations (
        id INTEGER PRIMARY KEY,
        office_id TEXT NOT NULL,
        fiscal_year TEXT NOT NULL,
        quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
        bundle_sha256 TEXT NOT NULL,
        evaluated_by TEXT NOT NULL,
        evaluated_at TEXT NOT NULL,
        section TEXT NOT NULL,
        reported_total REAL NOT NULL,
        evaluated_total REAL NOT NULL,
        parts TEXT NOT NULL
    ) STRICT""")
    db.execute("CREATE INDEX evaluations_office_year ON evaluations(office_id, fiscal_year, quarter)")
    db.execute("""CREATE TABLE office_year_facts (
        bundle_sha256 TEXT PRIMARY KEY,
        tier TEXT NOT NULL,
        superior_office TEXT NOT NULL,
        total REAL NOT NULL,
        parts TEXT NOT NULL,
        reported_quarter INTEGER NOT NULL
    ) STRICT""")


def prepare(db: Database) -> Database:
    MIGRATIONS.apply(db)
    return db


@dataclass(frozen=True)
class HeldDocument:
    office_year: OfficeYear
    bundle_sha256: str
    bundle_id: str
    revision: int
    sequence: int


def held_document(db: Database, office_id: str, fiscal_year: str) -> HeldDocument | None:
    """HQ's current document of the office-year and the bundle it came in."""
    row = db.execute(
        "SELECT d.document, b.sha256, b.bundle_id, b.revision, b.sequence FROM documents d"
        " JOIN bundles b ON b.sha256 = d.bundle_sha256 WHERE d.office_id = ? AND d.fiscal_year = ?",
        (office_id, fiscal_year)).fetchone()
    return None if row is None else HeldDocument(loads(row[0]), row[1], row[2], row[3], row[4])


def record_evaluation(db: Database, *, office_id: str, fiscal_year: str, quarter: int, bundle_sha256: str, by: str,
                      at: str, section: dict, reported_total: float, evaluated_total: float,
                      parts: list[tuple[str, float, float]]) -> None:
    """Store the evaluation and its audit line in one transaction."""
    with db.atomic():
        db.execute("INSERT INTO evaluations (office_id, fiscal_year, quarter, bundle_sha256, evaluated_by, evaluated_at,"
                   " section, reported_total, evaluated_total, parts) VALUES (?,?,?,?,?,?,?,?,?,?)",
                   (office_id, fiscal_year, quarter, bundle_sha256, by, at,
                    json.dumps(section, ensure_ascii=False, sort_keys=True), reported_total, evaluated_total,
                    json.dumps(parts)))
        db.execute("INSERT INTO audit (at, actor, action, office_id, fiscal_year, detail) VALUES (?,?,?,?,?,?)",
                   (at, by, "evaluate", office_id, fiscal_year,
                    f"quarter {quarter}; bundle {bundle_sha256}; reported {reported_total:.2f}; "
                    f"evaluated {evaluated_total:.2f}; rows {len(section['rows'])}"))


def latest_evaluation(db: Database, office_id: str, fiscal_year: str, quarter: int | None = None) -> dict | None:
    """The latest evaluation section of the office-year (of ``quarter`` when given)."""
    sql = "SELECT section FROM evaluations WHERE office_id = ? AND fiscal_year = ?"
    params: tuple = (office_id, fiscal_year)
    if quarter is not None:
        sql, params = sql + " AND quarter = ?", params + (quarter,)
    row = db.execute(sql + " ORDER BY id DESC LIMIT 1", params).fetchone()
    return None if row is None else json.loads(row[0])


def refresh_facts(db: Database) -> int:
    """Fill ``office_year_facts`` for every current document not cached yet; returns how many."""
    missing = db.execute("SELECT d.bundle_sha256, d.document FROM documents d LEFT JOIN office_year_facts f"
                         " ON f.bundle_sha256 = d.bundle_sha256 WHERE f.bundle_sha256 IS NULL").fetchall()
    rows = []
    for sha, text in missing:
        office_year = loads(text)
        breakdown = score_office_year(office_year)
        rows.append((sha, office_year.office.tier, office_year.office.superior_office, round(breakdown.total, 2),
                     json.dumps(score_parts(breakdown)), covered_quarter(office_year)))
    with db.atomic():
        db.conn.executemany("INSERT OR REPLACE INTO office_year_facts VALUES (?,?,?,?,?,?)", rows)
    return len(rows)


@dataclass(frozen=True)
class OfficeYearRow:
    """One office-year as the results and the late list read it (plain values)."""

    office_id: str
    office_name: str
    tier: str
    superior_office: str
    self_total: float
    self_parts: list[tuple[str, float, float]]
    evaluated_total: float | None
    evaluated_parts: list[tuple[str, float, float]] | None
    reported_quarter: int
    bundle_times: tuple[str, ...]
    """When each bundle of the office-year was made at the office (ISO), oldest first."""


def office_year_rows(db: Database, fiscal_year: str) -> list[OfficeYearRow]:
    """Every office-year of ``fiscal_year`` HQ holds, with its latest annual evaluation if any."""
    refresh_facts(db)
    evaluated = {row[0]: (row[1], json.loads(row[2])) for row in db.execute(
        "SELECT office_id, evaluated_total, parts FROM evaluations WHERE id IN (SELECT MAX(id) FROM evaluations"
        " WHERE fiscal_year = ? AND quarter = 4 GROUP BY office_id)", (fiscal_year,))}
    times: dict[str, list[str]] = {}
    for office_id, created in db.execute("SELECT office_id, created_at FROM bundles WHERE fiscal_year = ?"
                                         " ORDER BY created_at", (fiscal_year,)):
        times.setdefault(office_id, []).append(created)
    out = []
    for office_id, name, tier, superior, total, parts, quarter in db.execute(
            "SELECT d.office_id, d.office_name, f.tier, f.superior_office, f.total, f.parts, f.reported_quarter"
            " FROM documents d JOIN office_year_facts f ON f.bundle_sha256 = d.bundle_sha256"
            " WHERE d.fiscal_year = ? ORDER BY d.office_id", (fiscal_year,)):
        ev = evaluated.get(office_id)
        out.append(OfficeYearRow(office_id, name, tier, superior, total, [tuple(p) for p in json.loads(parts)],
                                 ev[0] if ev else None, [tuple(p) for p in ev[1]] if ev else None, quarter,
                                 tuple(times.get(office_id, ()))))
    return out


def fiscal_years(db: Database) -> list[str]:
    return [row[0] for row in db.execute("SELECT DISTINCT fiscal_year FROM documents ORDER BY fiscal_year DESC")]
