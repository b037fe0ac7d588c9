"""The document model of one office's fiscal year (pure Python, no Qt, no SQLite).

An :class:`OfficeYear` holds everything an office keeps for one fiscal year: the APA
(cover, overview, preamble, Sections 1-3, Annexes 1-8), the quarterly achievements
entered against it, and the registers that live around it (innovation database,
e-Nothi worksheet, 4IR plan, older innovation-plan progress reports).

Values in scored cells are typed (:data:`Value`): a number, a ``datetime.date``, a
:class:`CountDate` for "count and date" cells, ``None`` for '-' or empty, or an
:class:`Unreadable` that keeps text exactly as written when it could not be read as
its unit (an OCR-damaged cell, say) so that nothing a user typed or imported is lost.

Codes such as ``[১.১.১]`` are stored with ASCII digits and without brackets
("1.1.1") and printed in Bengali by the presentation layers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Union

from .vocabulary import LEVEL_NAMES, LEVEL_PERCENTS, THREE_LEVEL_NAMES, Method, Part, Unit

UNITS: tuple[str, ...] = tuple(unit.value for unit in Unit)
"""সংখ্যা, %, তারিখ, সংখ্যা ও তারিখ, প্রাপ্ত নম্বর (names in :mod:`.vocabulary`)."""

METHODS: tuple[str, ...] = tuple(method.value for method in Method)
"""সমষ্টি, গড়, তারিখ, ক্রমপুঞ্জিভূত (names in :mod:`.vocabulary`)."""

TIERS = ("upazila", "district", "regional", "head_office")



def level_name(percent: int, levels: tuple[int, ...] = LEVEL_PERCENTS) -> str:
    """The name a form prints over a target level. The five-level forms call 60% "চলতি মানের
    নিম্নে"; the three-level annex forms (100/80/60, seeds 003 and 004) call it "চলতি মান"."""
    names = THREE_LEVEL_NAMES if tuple(levels) == (100, 80, 60) else LEVEL_NAMES
    name = names.get(percent)
    return name.bn if name else ""

QUARTERS = 4

ANNEX_KINDS: tuple[str, ...] = tuple(part.value for part in Part if part is not Part.SECTION3)
"""Annexes 4-8 in order: integrity (NIS), e-governance & innovation, grievance redress,
citizen charter, right to information."""

REGISTER_KINDS = ("innovations", "enothi", "fourir", "innovation_progress")
"""The registers of seeds 002 and 004: innovation database, e-Nothi worksheet, 4IR plan,
innovation-plan progress reports."""

PLAN_KINDS = ("section3", "egov", "grs", "charter", "rti")
"""Kinds of :class:`Plan` (the scored five-level tables)."""


@dataclass(frozen=True)
class CountDate:
    """A "count and date" cell such as ``৪ ও ৩১/০৭/২০২৩`` or a list of deadlines."""

    count: float | None = None
    dates: tuple[date, ...] = ()


@dataclass(frozen=True)
class Unreadable:
    """A cell kept exactly as written because it could not be read as its unit."""

    text: str


# typing.Union, not "|": the interchange format reads this alias with typing.get_origin/get_args.
Value = Union[float, date, CountDate, Unreadable, None]  # noqa: UP007


def quarters_empty() -> list[Value]:
    return [None] * QUARTERS


def texts_empty() -> list[str]:
    return [""] * QUARTERS


def evidence_empty() -> list[list[str]]:
    return [[] for _ in range(QUARTERS)]


@dataclass
class Person:
    """A signatory: name, designation (পদবি) and office as printed in the signature block."""

    name: str = ""
    designation: str = ""
    office: str = ""


@dataclass
class Office:
    """An office. ``id`` is a stable text code, the same on every machine and at HQ."""

    id: str
    name: str
    tier: str = "district"
    superior_office: str = ""
    address: str = ""
    web_portal: str = ""
    """The office's web portal as its letterhead prints it ("www.techedu.gov.bd")."""


@dataclass
class Cover:
    """The cover page: who signs with whom, for which period, and when."""

    office_signatory: Person = field(default_factory=Person)
    superior_signatory: Person = field(default_factory=Person)
    period: str = ""
    signing_date: date | None = None
    preparer: Person | None = None
    """The APA focal point who prepared a progress report, when the report names one."""


@dataclass
class Overview:
    """সার্বিক চিত্র: four free-text parts."""

    achievements: str = ""
    challenges: str = ""
    future_plan: str = ""
    expected: str = ""


@dataclass
class Preamble:
    text: str = ""
    signing_date: date | None = None


@dataclass
class Section1:
    vision: str = ""
    mission: str = ""
    own_areas: list[str] = field(default_factory=list)
    governance_areas: list[str] = field(default_factory=list)
    functions: list[str] = field(default_factory=list)


@dataclass
class OutcomeRow:
    """Section 2: one outcome/impact indicator."""

    outcome: str = ""
    indicator: str = ""
    unit: str = "count"
    prev_actuals: list[Value] = field(default_factory=lambda: [None, None])
    target: Value = None
    projections: list[Value] = field(default_factory=lambda: [None, None])
    joint_offices: str = ""
    data_source: str = ""


@dataclass
class Indicator:
    """A scored indicator ``[১.১.১]`` of Section 3 or of Annexes 5-8."""

    code: str = ""
    title: str = ""
    unit: str = "count"
    weight: float | None = None
    method: str | None = None
    """গণনা পদ্ধতি; ``None`` means the unit's usual method (see scoring.effective_method)."""
    prev_actuals: list[Value] = field(default_factory=lambda: [None, None])
    levels: list[Value] = field(default_factory=lambda: [None] * 5)
    """Five target levels best-first (100, 90, 80, 70, 60 %); ``None`` for '-'."""
    projections: list[Value] = field(default_factory=lambda: [None, None])
    quarters: list[Value] = field(default_factory=quarters_empty)
    """Achievement reported for Q1..Q4 (the quarter's own figure, or to-date for cumulative)."""
    quarter_remarks: list[str] = field(default_factory=texts_empty)
    evidence: list[list[str]] = field(default_factory=evidence_empty)
    """Per quarter: SHA-256 hex digests of attached evidence files."""
    remark: str = ""
    typed_total: Value = None
    """মোট অর্জন as typed or imported; compared with the computed figure, never overwritten."""
    typed_obtained: float | None = None
    """অর্জিত মান as typed or imported; compared with the computed figure, never overwritten."""
    feeds_from: str | None = None
    """For a governance indicator: the annex kind ("nis", "egov", ...) whose obtained total is
    its achievement."""
    pending: dict[str, str] = field(default_factory=dict)
    """Field name -> message, for values the clerk must confirm (e.g. converted from a share)."""


@dataclass
class Activity:
    """কার্যক্রম ``[১.১]`` with its indicators."""

    code: str = ""
    title: str = ""
    serial: str = ""
    """The ক্রম column of plans that number their rows ("01")."""
    indicators: list[Indicator] = field(default_factory=list)


@dataclass
class Area:
    """কর্মসম্পাদনের ক্ষেত্র with its weight (মান)."""

    code: str = ""
    title: str = ""
    weight: float | None = None
    governance: bool = False
    activities: list[Activity] = field(default_factory=list)
    group: str = ""
    """The group heading printed above the area ("এপিএ স্বাক্ষরকারী অফিসের কর্মসম্পাদনের ক্ষেত্র")."""


@dataclass
class PlanColumns:
    """Which optional columns a plan's printed table has (they change between years)."""

    serial: bool = False
    area: bool = True
    method: bool = False
    prev_actuals: bool = False
    projections: bool = False
    levels: tuple[int, ...] = LEVEL_PERCENTS
    """The level columns printed, as percents: (100, 90, 80, 70, 60) or (100, 80, 60)."""
    prev_years: tuple[str, ...] = ()
    projection_years: tuple[str, ...] = ()


@dataclass
class Plan:
    """A five-level scored table: Section 3 or one of Annexes 5-8."""

    kind: str = "section3"
    title: str = ""
    template_id: str | None = None
    template_sha256: str | None = None
    """The SHA-256 of the exact template the part began with (see core.templates)."""
    total: float | None = None
    """The plan's total marks (annex total); ``None`` means the sum of its weights."""
    columns: PlanColumns = field(default_factory=PlanColumns)
    areas: list[Area] = field(default_factory=list)


@dataclass
class NisActivity:
    """One activity of the NIS (শুদ্ধাচার) plan with its quarterly target/achievement grid."""

    code: str = ""
    title: str = ""
    indicator: str = ""
    weight: float | None = None
    unit: str = "count"
    responsible: str = ""
    annual_target: Value = None
    targets: list[Value] = field(default_factory=quarters_empty)
    achievements: list[Value] = field(default_factory=quarters_empty)
    typed_total: Value = None
    typed_obtained: float | None = None
    remark: str = ""
    quarter_remarks: list[str] = field(default_factory=texts_empty)
    evidence: list[list[str]] = field(default_factory=evidence_empty)
    pending: dict[str, str] = field(default_factory=dict)
    target_total: Value = None
    """The মোট cell of the target row, when the printed plan fills it in."""


@dataclass
class NisSection:
    """A numbered part of the NIS plan ("১. প্রাতিষ্ঠানিক ব্যবস্থা.....০৬")."""

    code: str = ""
    title: str = ""
    weight: float | None = None
    note: str = ""
    activities: list[NisActivity] = field(default_factory=list)


@dataclass
class NisPlan:
    """Annex 4: the National Integrity Strategy action plan."""

    title: str = ""
    office_label: str = ""
    template_id: str | None = None
    template_sha256: str | None = None
    total: float | None = None
    year_label: str = ""
    sections: list[NisSection] = field(default_factory=list)


@dataclass
class Acronym:
    """Annex 1."""

    serial: str = ""
    term: str = ""
    meaning: str = ""


@dataclass
class EvidencePlanRow:
    """Annex 2: who implements an indicator and what evidence proves it."""

    activity: str = ""
    indicator: str = ""
    implementer: str = ""
    evidence: str = ""


@dataclass
class LinkedIndicatorRow:
    """Annex 3: an indicator that depends on other offices."""

    activity: str = ""
    indicator: str = ""
    offices: str = ""
    strategy: str = ""


@dataclass
class InnovationRecord:
    """Innovation database: a previously implemented idea or simplified service (seed 004)."""

    serial: str = ""
    name: str = ""
    description: str = ""
    working: str = ""
    users_benefit: str = ""
    link: str = ""
    remark: str = ""


@dataclass
class BranchFiles:
    """One branch's hard-file count in the e-Nothi worksheet."""

    serial: str = ""
    branch: str = ""
    hard_files: float | None = None
    signature: str = ""


@dataclass
class EnothiSummary:
    """The e-Nothi activity summary exported from e-Nothi for the period (কার্যবিবরণী)."""

    office: str = ""
    users: float | None = None
    last_update: date | None = None
    dak_received: float | None = None
    dak_disposed: float | None = None
    dak_pending: float | None = None
    note_self: float | None = None
    note_from_dak: float | None = None
    note_disposed: float | None = None
    note_office: float | None = None
    note_other: float | None = None
    note_email_other: float | None = None
    note_total: float | None = None
    note_pending: float | None = None
    vacant_dak: float | None = None
    vacant_note: float | None = None
    unlabelled: list[float | None] = field(default_factory=list)
    """Cells beyond the printed header's columns, kept as written (see the importer's problems)."""


@dataclass
class EnothiWorksheet:
    """e-Nothi disposal rate: e-Nothi ÷ (e-Nothi + hard files) × 100."""

    subject: str = ""
    period_start: date | None = None
    period_end: date | None = None
    branches: list[BranchFiles] = field(default_factory=list)
    stated_hard_total: float | None = None
    """The সর্বমোট as printed (checked against the sum of branches)."""
    enothi_count: float | None = None
    stated_rate: float | None = None
    """The rate as printed; the computed one is never overwritten by it."""
    summaries: list[EnothiSummary] = field(default_factory=list)


@dataclass
class FourIRAction:
    """One row of the 4IR (চতুর্থ শিল্প বিপ্লব) action plan."""

    indicator: str = ""
    subject: str = ""
    activity: str = ""
    unit: str = "date"
    targets: list[Value] = field(default_factory=lambda: [None, None])
    implementer: str = ""
    remark: str = ""


@dataclass
class InnovationProgressRow:
    """A row of an older innovation-plan progress report (seed 002)."""

    serial: str = ""
    subject: str = ""
    proposed_work: str = ""
    start: Value = None
    end: Value = None
    responsible: str = ""
    expected_result: str = ""
    measure: str = ""
    progress: str = ""


@dataclass
class InnovationProgressReport:
    title: str = ""
    office: str = ""
    period: str = ""
    rows: list[InnovationProgressRow] = field(default_factory=list)


@dataclass
class Registers:
    innovations: list[InnovationRecord] = field(default_factory=list)
    enothi: EnothiWorksheet | None = None
    fourir: list[FourIRAction] = field(default_factory=list)
    innovation_progress: list[InnovationProgressReport] = field(default_factory=list)


@dataclass
class OfficeYear:
    """Everything one office holds for one fiscal year."""

    office: Office
    fiscal_year: str
    """"2023-24": 1 July 2023 to 30 June 2024."""
    cover: Cover = field(default_factory=Cover)
    overview: Overview = field(default_factory=Overview)
    preamble: Preamble = field(default_factory=Preamble)
    section1: Section1 = field(default_factory=Section1)
    section2: list[OutcomeRow] = field(default_factory=list)
    section3: Plan = field(default_factory=Plan)
    annex1: list[Acronym] = field(default_factory=list)
    annex2: list[EvidencePlanRow] = field(default_factory=list)
    annex3: list[LinkedIndicatorRow] = field(default_factory=list)
    nis: NisPlan = field(default_factory=NisPlan)
    annexes: dict[str, Plan] = field(default_factory=dict)
    """Annexes 5-8 keyed "egov", "grs", "charter", "rti"."""
    registers: Registers = field(default_factory=Registers)
    report_quarter: int | None = None
    """The quarter of the latest progress report (1-4), ``None`` for the plan alone."""

    def plans(self) -> list[Plan]:
        """Section 3 followed by Annexes 5-8 in annex order."""
        return [self.section3] + [self.annexes[k] for k in ANNEX_KINDS if k in self.annexes]

    def template_ids(self) -> dict[str, str]:
        """The template each part came from, by kind."""
        ids = {p.kind: p.template_id for p in self.plans() if p.template_id}
        if self.nis.template_id:
            ids["nis"] = self.nis.template_id
        return ids


def annex_kinds(office_year: OfficeYear) -> list[str]:
    """The annex plans (Annexes 4-8) this office-year has, in order."""
    return [k for k in ANNEX_KINDS if (k == "nis" and office_year.nis.sections) or k in office_year.annexes]


def register_kinds(office_year: OfficeYear) -> list[str]:
    """The registers this office-year holds anything in, in order."""
    registers = office_year.registers
    present = {"innovations": bool(registers.innovations), "enothi": registers.enothi is not None,
               "fourir": bool(registers.fourir), "innovation_progress": bool(registers.innovation_progress)}
    return [kind for kind in REGISTER_KINDS if present[kind]]
