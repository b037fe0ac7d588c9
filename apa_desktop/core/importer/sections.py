"""Section 2 outcomes and Annexes 1-3 (acronyms, evidence, linked indicators)."""

from __future__ import annotations

from ..model import Acronym, EvidencePlanRow, LinkedIndicatorRow, OfficeYear, OutcomeRow
from ..vocabulary import Unit
from .blocks import Row
from .headers import unit_of
from .problems import Reader, clean


def _cells(row: Row, width: int) -> list[str]:
    cells = [clean(c) for c in row.cells]
    return cells + [""] * (width - len(cells))


def read_outcome(row: Row, reader: Reader, previous: OutcomeRow | None) -> OutcomeRow:
    """One Section 2 row: outcome (carried down when blank), indicator, unit, 2 actuals, target,
    2 projections, joint offices, data source."""
    c = _cells(row, 10)
    unit = unit_of(c[2])
    if unit is None:
        reader.problem(row.line, 2, c[2], "একক (সংখ্যা, %, তারিখ)", "a unit (সংখ্যা, %, তারিখ)")
        unit = Unit.COUNT
    value = lambda i: reader.value(c[i], unit, row.line, i)  # noqa: E731
    return OutcomeRow(outcome=c[0] or (previous.outcome if previous else ""), indicator=c[1], unit=str(unit),
                      prev_actuals=[value(3), value(4)], target=value(5), projections=[value(6), value(7)],
                      joint_offices=c[8], data_source=c[9])


def read_acronym(row: Row, reader: Reader) -> Acronym:
    c = _cells(row, 3)
    return Acronym(serial=c[0], term=c[1], meaning=c[2])


def read_evidence(row: Row, reader: Reader) -> EvidencePlanRow:
    c = _cells(row, 4)
    return EvidencePlanRow(activity=c[0], indicator=c[1], implementer=c[2], evidence=c[3])


def read_linked(row: Row, reader: Reader) -> LinkedIndicatorRow:
    c = _cells(row, 4)
    return LinkedIndicatorRow(activity=c[0], indicator=c[1], offices=c[2], strategy=c[3])


def add_section_rows(office_year: OfficeYear, kind: str, rows: list[Row], reader: Reader) -> None:
    for row in rows:
        if not any(clean(c) for c in row.cells):
            continue
        if kind == "outcomes":
            previous = office_year.section2[-1] if office_year.section2 else None
            office_year.section2.append(read_outcome(row, reader, previous))
        elif kind == "acronyms":
            office_year.annex1.append(read_acronym(row, reader))
        elif kind == "evidence":
            office_year.annex2.append(read_evidence(row, reader))
        elif kind == "linked":
            office_year.annex3.append(read_linked(row, reader))
