"""The one walk over an office-year's plans: every scored row with its document path.

A plan is areas → activities → indicators (Section 3 and Annexes 5-8); the NIS plan is
sections → activities. The paths are edit paths (:mod:`.edits`): read a value at one with
:func:`.edits.resolve`, change it with :func:`.edits.set_edit`.
"""

from __future__ import annotations

from collections.abc import Iterator

from .edits import Path
from .model import Indicator, NisActivity, NisPlan, OfficeYear, Plan


def plans_with_paths(office_year: OfficeYear) -> Iterator[tuple[Path, Plan]]:
    """Section 3, then the annex plans in the document's order."""
    yield ("section3",), office_year.section3
    for kind, plan in office_year.annexes.items():
        yield ("annexes", kind), plan


def plan_indicators(plan: Plan, plan_path: Path) -> Iterator[tuple[Path, Indicator]]:
    """Every indicator of ``plan`` (found at ``plan_path``) with its path."""
    for a, area in enumerate(plan.areas):
        for b, activity in enumerate(area.activities):
            for c, indicator in enumerate(activity.indicators):
                yield plan_path + ("areas", a, "activities", b, "indicators", c), indicator


def nis_activities(nis: NisPlan) -> Iterator[tuple[Path, NisActivity]]:
    """Every activity of the NIS plan with its path."""
    for s, section in enumerate(nis.sections):
        for a, activity in enumerate(section.activities):
            yield ("nis", "sections", s, "activities", a), activity


def scored_rows(office_year: OfficeYear) -> Iterator[tuple[Path, Indicator | NisActivity]]:
    """Every indicator of every plan, then every NIS activity, with its path."""
    for plan_path, plan in plans_with_paths(office_year):
        yield from plan_indicators(plan, plan_path)
    yield from nis_activities(office_year.nis)
