"""Every name the forms use, once: units, calculation methods, target levels, the plans and their
annex titles, template statuses and office-year states — the key the document stores, with its
Bengali and English names.

The keys are :class:`~enum.StrEnum` members, so they are the strings the document holds
(``Unit.DATE == "date"``) and a typo in a member name is a type error. The importer reads the
Bengali names (:func:`unit_of_text`, :func:`method_of_text`), the window shows and parses them, the
scorer names plans in its messages and the PDF prints them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class Name(NamedTuple):
    bn: str
    en: str

    def in_language(self, language: str) -> str:
        """The Bengali name for ``"bn"``, else the English one."""
        return self.bn if language == "bn" else self.en


class Unit(StrEnum):
    """The unit of an indicator (DOMAIN §5): what its targets and achievements are."""

    COUNT = "count"
    PERCENT = "percent"
    DATE = "date"
    COUNT_DATE = "count_date"
    MARKS = "marks"


UNIT_NAMES: dict[Unit, Name] = {
    Unit.COUNT: Name("সংখ্যা", "count"),
    Unit.PERCENT: Name("%", "percent"),
    Unit.DATE: Name("তারিখ", "date"),
    Unit.COUNT_DATE: Name("সংখ্যা ও তারিখ", "count and date"),
    Unit.MARKS: Name("প্রাপ্ত নম্বর", "marks"),
}
UNIT_SYNONYMS_BN: dict[str, Unit] = {"শতাংশ": Unit.PERCENT}
"""Other words the forms print for a unit."""


class Method(StrEnum):
    """How an indicator's quarterly achievements make the year's (গণনা পদ্ধতি)."""

    SUM = "sum"
    MEAN = "mean"
    DATE = "date"
    CUMULATIVE = "cumulative"


METHOD_NAMES: dict[Method, Name] = {
    Method.SUM: Name("সমষ্টি", "sum"),
    Method.MEAN: Name("গড়", "mean"),
    Method.DATE: Name("তারিখ", "date"),
    Method.CUMULATIVE: Name("ক্রমপুঞ্জিভূত", "cumulative"),
}

LEVEL_PERCENTS = (100, 90, 80, 70, 60)
"""The five target levels, best first."""
LEVEL_NAMES: dict[int, Name] = {
    100: Name("অসাধারণ", "excellent"),
    90: Name("অতি উত্তম", "very good"),
    80: Name("উত্তম", "good"),
    70: Name("চলতি মান", "fair"),
    60: Name("চলতি মানের নিম্নে", "below fair"),
}
THREE_LEVEL_NAMES: dict[int, Name] = {100: LEVEL_NAMES[100], 80: LEVEL_NAMES[80], 60: LEVEL_NAMES[70]}
"""The three-level annex forms (100/80/60, seeds 003 and 004) call their 60 % level "চলতি মান"."""


class Part(StrEnum):
    """The scored parts of an office-year: Section 3 and the annex plans 4-8, in order."""

    SECTION3 = "section3"
    NIS = "nis"
    EGOV = "egov"
    GRS = "grs"
    CHARTER = "charter"
    RTI = "rti"


PART_NAMES: dict[Part, Name] = {
    Part.SECTION3: Name("সেকশন ৩", "Section 3"),
    Part.NIS: Name("শুদ্ধাচার কর্মপরিকল্পনা", "the integrity (NIS) plan"),
    Part.EGOV: Name("ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা", "the e-governance and innovation plan"),
    Part.GRS: Name("অভিযোগ প্রতিকার ব্যবস্থা সংক্রান্ত কর্মপরিকল্পনা", "the grievance redress plan"),
    Part.CHARTER: Name("সেবা প্রদান প্রতিশ্রুতি কর্মপরিকল্পনা", "the citizen charter plan"),
    Part.RTI: Name("তথ্য অধিকার কর্মপরিকল্পনা", "the right to information plan"),
}
"""How messages name a part. The grievance plan is named as its form is titled in both seed
years ("অভিযোগ প্রতিকার ব্যবস্থা সংক্রান্ত কর্মপরিকল্পনা", seeds 000 and 003)."""

ANNEX_NUMBERS: dict[Part, str] = {Part.NIS: "৪", Part.EGOV: "৫", Part.GRS: "৬", Part.CHARTER: "৭", Part.RTI: "৮"}
ANNEX_TITLES: dict[Part, str] = {
    Part.NIS: "জাতীয় শুদ্ধাচার কৌশল কর্মপরিকল্পনা",
    Part.EGOV: "ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা",
    Part.GRS: "অভিযোগ প্রতিকার ব্যবস্থা সংক্রান্ত কর্মপরিকল্পনা",
    Part.CHARTER: "সেবা প্রদান প্রতিশ্রুতি কর্মপরিকল্পনা",
    Part.RTI: "তথ্য অধিকার বিষয়ে কর্মপরিকল্পনা",
    Part.SECTION3: "সেকশন ৩: কর্মসম্পাদন পরিকল্পনা",
}
"""The heading a printed annex carries when its template's labels give none."""


class ScoreStatus(StrEnum):
    """What became of an indicator's score."""

    SCORED = "scored"
    NOT_REPORTED = "not_reported"
    INVALID = "invalid"
    NO_TARGET = "no_target"


class RowChange(StrEnum):
    """What a re-base onto a new template version does to a row."""

    UNCHANGED = "unchanged"
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"


class TemplateStatus(StrEnum):
    OFFICIAL = "official"
    PARTIAL = "partial"
    CARRY_OVER = "carry-over"
    DRAFT = "draft"


class OfficeYearState(StrEnum):
    """States of an office-year in the order of the year (DOMAIN §7); Q4 doubles as the annual
    self-evaluation."""

    DRAFT = "draft"
    SENT_FOR_FEEDBACK = "sent_for_feedback"
    APPROVED = "approved"
    SIGNED = "signed"
    Q1_ENTERED = "q1_entered"
    Q1_REVIEWED = "q1_reviewed"
    Q1_SIGNED = "q1_signed"
    Q1_SENT = "q1_sent"
    Q2_ENTERED = "q2_entered"
    Q2_REVIEWED = "q2_reviewed"
    Q2_SIGNED = "q2_signed"
    Q2_SENT = "q2_sent"
    Q3_ENTERED = "q3_entered"
    Q3_REVIEWED = "q3_reviewed"
    Q3_SIGNED = "q3_signed"
    Q3_SENT = "q3_sent"
    Q4_ENTERED = "q4_entered"
    Q4_REVIEWED = "q4_reviewed"
    Q4_SIGNED = "q4_signed"
    Q4_SENT = "q4_sent"
    SELF_EVALUATION = "self_evaluation"
    EVALUATED = "evaluated"


def _squash(text: str) -> str:
    return "".join(text.split())


_UNITS_BY_TEXT = {_squash(name.bn): unit for unit, name in UNIT_NAMES.items()} | UNIT_SYNONYMS_BN
_METHODS_BY_TEXT = {_squash(name.bn): method for method, name in METHOD_NAMES.items()}


def unit_of_text(squashed: str) -> Unit | None:
    """The unit a form's Bengali word names (white space removed first: "সংখ্যাওতারিখ")."""
    return _UNITS_BY_TEXT.get(squashed)


def method_of_text(squashed: str) -> Method | None:
    """The calculation method a form's Bengali word names (white space removed first)."""
    return _METHODS_BY_TEXT.get(squashed)
