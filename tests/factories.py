"""A realistic office-year builder for tests and benchmarks (deterministic for a seed).

``make_office_year(seed)`` gives what a district office keeps in a year like seed 003 (Khulna):
Section 3 with own areas adding up to 70 and a governance area of 30 whose five indicators are fed
by the annex plans (NIS 50, e-gov 50, GRS 25, citizen charter 25, RTI 25), Annexes 5-8 with rows
whose weights add up to their totals, and a NIS plan with quarterly targets and achievements.
Units are mixed (counts, percents, dates, count-and-date); titles are Bengali. Weights are
multiples of 0.5, so every sum is exact in floating point and ``validate_weights`` finds nothing.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from apa_desktop.core.model import (
    Activity, Area, CountDate, Indicator, NisActivity, NisPlan, NisSection, Office, OfficeYear, Plan,
    PlanColumns, Value,
)

OWN_TITLES = ["ই-গভর্ন্যান্স প্রতিষ্ঠায় সহায়তা", "আইসিটি অবকাঠামো উন্নয়ন",
              "আইসিটি শিল্পের উন্নয়ন কার্যক্রমকে গতিশীলকরণ", "মানব সম্পদ উন্নয়ন",
              "সেবা প্রদান সহজিকরণ", "তথ্য প্রযুক্তি বিষয়ক পরামর্শ প্রদান"]
ACTIVITY_TITLES = ["সুরক্ষা বিষয়ক সেবা প্রদান", "জাতীয় তথ্য বাতায়ন হালনাগাদকরণের নিমিত্ত প্রশিক্ষণ আয়োজন",
                   "উপজেলা কার্যালয়সমূহ পরিদর্শন", "জেলা/উপজেলা পর্যায়ে সভা/সেমিনার আয়োজন",
                   "শেখ রাসেল ডিজিটাল ল্যাব এর সক্ষমতা বৃদ্ধিতে সহায়তা", "ই-নথির ব্যবহার বৃদ্ধি"]
INDICATOR_TITLES = {"count": "প্রশিক্ষণার্থীর সংখ্যা", "percent": "নিষ্পত্তিকৃত আবেদনের হার",
                    "date": "নির্ধারিত সময়ে প্রতিবেদন প্রেরিত", "count_date": "আয়োজিত সভা ও তারিখ"}
GOVERNANCE = [("nis", "শুদ্ধাচার কর্মপরিকল্পনা বাস্তবায়ন", 10.0),
              ("egov", "ই-গভর্ন্যান্স/ উদ্ভাবন কর্মপরিকল্পনা বাস্তবায়ন", 10.0),
              ("grs", "অভিযোগ প্রতিকার কর্মপরিকল্পনা বাস্তবায়ন", 4.0),
              ("charter", "সেবা প্রদান প্রতিশ্রুতি কর্মপরিকল্পনা বাস্তবায়ন", 3.0),
              ("rti", "তথ্য অধিকার কর্মপরিকল্পনা বাস্তবায়ন", 3.0)]
ANNEXES = {
    "egov": ("ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা", [("", 50.0, 10)], (100, 80, 60)),
    "grs": ("অভিযোগ প্রতিকার ব্যবস্থা সংক্রান্ত কর্মপরিকল্পনা",
            [("প্রাতিষ্ঠানিক", 14.0, 4), ("পরিবীক্ষণ ও সক্ষমতা অর্জন", 11.0, 4)], (100, 90, 80, 70, 60)),
    "charter": ("সেবা প্রদান প্রতিশ্রুতি বাস্তবায়ন কর্মপরিকল্পনা",
                [("প্রাতিষ্ঠানিক", 18.0, 6), ("সক্ষমতা অর্জন", 7.0, 4)], (100, 90, 80, 70, 60)),
    "rti": ("তথ্য অধিকার বিষয়ে বার্ষিক কর্মপরিকল্পনা",
            [("প্রাতিষ্ঠানিক", 6.0, 3), ("সক্ষমতা বৃদ্ধি", 19.0, 7)], (100, 90, 80, 70, 60)),
}
NIS_SECTIONS = [("প্রাতিষ্ঠানিক ব্যবস্থা", 20.0, 6), ("সেবা প্রদান ও ক্রয়ের ক্ষেত্রে শুদ্ধাচার", 10.0, 3),
                ("শুদ্ধাচার সংশ্লিষ্ট এবং দুর্নীতি প্রতিরোধে সহায়ক অন্যান্য কার্যক্রম", 20.0, 5)]
NIS_TITLES = ["নৈতিকতা কমিটি সভা আয়োজন", "নৈতিকতা কমিটির সভার সিদ্ধান্ত বাস্তবায়ন",
              "অংশীজনের অংশগ্রহণে সভা", "কর্ম-পরিবেশ উন্নয়ন", "শুদ্ধাচার পুরস্কার প্রদান",
              "কর্মকর্তা-কর্মচারীদের অংশগ্রহণে শুদ্ধাচার বিষয়ক প্রশিক্ষণ আয়োজন"]


def split_weight(total: float, parts: int, rng: random.Random, minimum: float = 0.5) -> list[float]:
    """``parts`` multiples of 0.5, each at least ``minimum``, adding up exactly to ``total``."""
    units, floor = int(round(total * 2)), int(round(minimum * 2))
    spare = units - floor * parts
    if spare < 0:
        raise ValueError(f"cannot split {total} into {parts} parts of at least {minimum}")
    cuts = sorted(rng.choices(range(spare + 1), k=parts - 1))
    bounds = [0, *cuts, spare]
    return [(floor + b - a) / 2 for a, b in zip(bounds, bounds[1:])]


def _count_row(rng: random.Random, percents: tuple[int, ...]) -> tuple[list[Value], list[Value]]:
    top = rng.choice([4, 10, 12, 50, 150, 350])
    step = max(top // 10, 1)
    levels = _five([float(top - step * i) for i in range(len(percents))], percents)
    done = top * rng.uniform(0.5, 1.15)
    quarters = [round(done * share, 0) for share in (0.2, 0.3, 0.25, 0.25)]
    return levels, quarters


def _percent_row(rng: random.Random, percents: tuple[int, ...]) -> tuple[list[Value], list[Value]]:
    top = rng.choice([80, 90, 100])
    levels = _five([float(top - 10 * i) for i in range(len(percents))], percents)
    return levels, [float(rng.randint(top - 30, 100)) for _ in range(4)]


def _date_row(rng: random.Random, percents: tuple[int, ...], year: int) -> tuple[list[Value], list[Value]]:
    first = date(year + 1, rng.choice([1, 3, 4]), 15)
    levels = _five([first + timedelta(days=7 * i) for i in range(len(percents))], percents)
    quarter = rng.randint(2, 3)
    done = first + timedelta(days=rng.randint(-10, 35))
    return levels, [done if q == quarter else None for q in range(4)]


def _count_date_row(rng: random.Random, percents: tuple[int, ...], year: int) -> tuple[list[Value], list[Value]]:
    deadline = date(year + 1, 5, 31)
    count = float(rng.choice([2, 4]))
    levels = _five([CountDate(count - i * 0.5, (deadline + timedelta(days=10 * i),))
                    for i in range(len(percents))], percents)
    held = deadline - timedelta(days=rng.randint(-15, 60))
    return levels, [CountDate(1.0, ()), None, CountDate(count - 1, (held,)), None]


def _five(values: list[Value], percents: tuple[int, ...]) -> list[Value]:
    """Place the values of the printed level columns in the five level slots ('-' elsewhere)."""
    slots: list[Value] = [None] * 5
    for value, percent in zip(values, percents):
        slots[(100 - percent) // 10] = value
    return slots


def _indicator(rng: random.Random, code: str, weight: float, unit: str, percents: tuple[int, ...],
               year: int) -> Indicator:
    if unit == "count":
        levels, quarters = _count_row(rng, percents)
    elif unit == "percent":
        levels, quarters = _percent_row(rng, percents)
    elif unit == "date":
        levels, quarters = _date_row(rng, percents, year)
    else:
        levels, quarters = _count_date_row(rng, percents, year)
    method = {"count": "sum", "percent": "mean", "date": "date", "count_date": "sum"}[unit]
    return Indicator(code=code, title=INDICATOR_TITLES[unit], unit=unit, weight=weight, method=method,
                     levels=levels, quarters=quarters, prev_actuals=[None, None],
                     quarter_remarks=["অফিস আদেশ ও ছবি সংযুক্ত", "", "", ""])


def _unit(rng: random.Random) -> str:
    return rng.choices(["count", "percent", "date", "count_date"], weights=[6, 3, 2, 1])[0]


def _areas(rng: random.Random, specs: list[tuple[str, float, int]], percents: tuple[int, ...], year: int,
           per_activity: int = 2) -> list[Area]:
    areas = []
    for a, (title, weight, count) in enumerate(specs, start=1):
        weights = split_weight(weight, count, rng)
        activities = []
        for b in range(0, count, per_activity):
            code = f"{a}.{b // per_activity + 1}"
            inds = [_indicator(rng, f"{code}.{c + 1}", weights[b + c], _unit(rng), percents, year)
                    for c in range(min(per_activity, count - b))]
            activities.append(Activity(code=code, title=rng.choice(ACTIVITY_TITLES), indicators=inds))
        areas.append(Area(code=str(a), title=title, weight=weight, activities=activities))
    return areas


def _governance_area() -> Area:
    activities = [Activity(code=f"1.{i}", title=title, indicators=[Indicator(
        code=f"1.{i}.1", title=title.replace("বাস্তবায়ন", "বাস্তবায়িত"), unit="marks", weight=weight,
        method="cumulative", feeds_from=kind)]) for i, (kind, title, weight) in enumerate(GOVERNANCE, start=1)]
    return Area(code="1", title="সুশাসন ও সংস্কারমূলক কার্যক্রমের বাস্তবায়ন জোরদারকরণ", weight=30.0,
                governance=True, activities=activities)


def _nis_activity(rng: random.Random, code: str, title: str, weight: float, year: int) -> NisActivity:
    unit = rng.choices(["count", "percent", "date", "count_date"], weights=[5, 2, 2, 1])[0]
    if unit == "count":
        per_quarter = float(rng.choice([1, 3]))
        target: Value = per_quarter * 4
        targets: list[Value] = [per_quarter] * 4
        achievements: list[Value] = [float(rng.randint(0, int(per_quarter))) for _ in range(4)]
    elif unit == "percent":
        target, targets = 100.0, [100.0] * 4
        achievements = [float(rng.choice([80, 90, 100])) for _ in range(4)]
    elif unit == "date":
        target = date(year, 7, 31)
        targets = [target, None, None, None]
        achievements = [target + timedelta(days=rng.randint(-5, 3)), None, None, None]
    else:
        target = CountDate(1.0, (date(year, 12, 1),))
        targets = [None, target, None, None]
        achievements = [None, CountDate(1.0, (date(year, 12, 1) - timedelta(days=rng.randint(-3, 10)),)), None, None]
    return NisActivity(code=code, title=title, indicator=title, weight=weight, unit=unit,
                       responsible="প্রোগ্রামার", annual_target=target, targets=targets, achievements=achievements)


def _nis(rng: random.Random, year: int) -> NisPlan:
    sections = []
    for s, (title, weight, count) in enumerate(NIS_SECTIONS, start=1):
        weights = split_weight(weight, count, rng)
        acts = [_nis_activity(rng, f"{s}.{i + 1}", rng.choice(NIS_TITLES), w, year) for i, w in enumerate(weights)]
        sections.append(NisSection(code=str(s), title=title, weight=weight, activities=acts))
    return NisPlan(title="জাতীয় শুদ্ধাচার কৌশল কর্ম-পরিকল্পনা", total=50.0, sections=sections,
                   office_label="তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর, জেলা কার্যালয়")


def make_office_year(seed: int = 0, areas: int = 4, indicators_per_area: int = 6) -> OfficeYear:
    """A full office-year like seed 003, deterministic for ``seed``; every weight adds up."""
    rng = random.Random(seed)
    year = 2022
    own_weights = split_weight(70.0, areas, rng, minimum=max(0.5, indicators_per_area / 2))
    specs = [(OWN_TITLES[i % len(OWN_TITLES)], own_weights[i], indicators_per_area) for i in range(areas)]
    section3 = Plan(kind="section3", title="কর্মসম্পাদন পরিকল্পনা",
                    areas=_areas(rng, specs, (100, 90, 80, 70, 60), year) + [_governance_area()],
                    columns=PlanColumns(method=True, prev_actuals=True, projections=True))
    annexes = {}
    for kind, (title, area_specs, percents) in ANNEXES.items():
        plan_areas = _areas(rng, area_specs, percents, year)
        if kind == "egov":
            plan_areas[0].title = ""
        annexes[kind] = Plan(kind=kind, title=title, total=sum(w for _, w, _ in area_specs), areas=plan_areas,
                             columns=PlanColumns(area=kind != "egov", serial=kind == "egov", levels=percents))
    return OfficeYear(office=Office(id=f"ict-khulna-{seed}", name="তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর, জেলা কার্যালয়, খুলনা"),
                      fiscal_year=f"{year}-{(year + 1) % 100:02d}", section3=section3, annexes=annexes,
                      nis=_nis(rng, year))
