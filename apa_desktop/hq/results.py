"""Results and ranks (DOMAIN §9): each office's total out of 100 — the superior's evaluated score
when it has one, else its self-assessed score, and which —, its parts, and its rank among sibling
offices (same superior office and tier). Totals are compared as published, with two decimals, and
ties share a rank (1, 1, 3). Pure functions of plain rows (hq/year_end.py reads them)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .year_end import OfficeYearRow, chosen

SOURCES = ("evaluated", "self")


@dataclass(frozen=True)
class Result:
    office_id: str
    office_name: str
    tier: str
    superior_office: str
    total: float
    source: str
    """"evaluated" or "self" (self-assessed)."""
    parts: tuple[tuple[str, float, float], ...]
    rank: int
    siblings: int
    """How many offices share the superior office and tier (the rank is out of these)."""


def competition_ranks(totals: Sequence[float]) -> list[int]:
    """Ranks for ``totals`` (any order), highest first; equal totals at two decimals share a rank
    and the next rank skips (100, 95, 95, 90 -> 1, 2, 2, 4)."""
    keys = [round(t + 0.0, 2) for t in totals]
    ordered = sorted(keys, reverse=True)
    first = {}
    for i, key in enumerate(ordered):
        first.setdefault(key, i + 1)
    return [first[key] for key in keys]


def results(rows: Iterable[OfficeYearRow], superior: str | None = None, tier: str | None = None) -> list[Result]:
    """Every office's result with its rank among its siblings, ordered by superior office, tier,
    rank and office id; ``superior``/``tier`` keep only those offices (ranks stay among siblings)."""
    groups: dict[tuple[str, str], list[OfficeYearRow]] = {}
    for row in chosen(rows, superior, tier):
        groups.setdefault((row.superior_office, row.tier), []).append(row)
    out = []
    for (sup, t), members in groups.items():
        totals = [m.evaluated_total if m.evaluated_total is not None else m.self_total for m in members]
        for member, total, rank in zip(members, totals, competition_ranks(totals)):
            evaluated = member.evaluated_total is not None
            parts = member.evaluated_parts if evaluated and member.evaluated_parts else member.self_parts
            out.append(Result(member.office_id, member.office_name, t, sup, round(total, 2),
                              "evaluated" if evaluated else "self", tuple(parts), rank, len(members)))
    return sorted(out, key=lambda r: (r.superior_office, r.tier, r.rank, r.office_id))
