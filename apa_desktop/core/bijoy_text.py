"""Bijoy-typed cells in pasted and imported text: telling them apart from English, numbers and
dates, converting a table cell by cell (with the list of what was converted), and reading a
document file in the encodings Word saves Bijoy text in. The conversion itself is
:mod:`apa_desktop.core.bijoy`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import bijoy_table as T
from .bijoy import to_unicode

_BENGALI = re.compile("[\u0980-\u09ff]")
_WORD = re.compile(r"\S+")
_KAR_AFTER = re.compile("[A-Z`_" + "".join(sorted(T.BIJOY_ONLY)) + "][vxyz~„]|[bcfghjkmpq][vx~„]")
_URL = re.compile(r"://|www\.|@|\.(com|org|net|bd|gov|edu|php|html)\b", re.IGNORECASE)
_PRE_KAR_BEFORE = re.compile("[w‡†‰ˆ][A-Z`_" + "".join(sorted(T.BIJOY_ONLY)) + "]|(?:^|[^A-Za-z])[‡†‰ˆ][a-u]")
_ENGLISH = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*")


def _english_looking(word: str) -> bool:
    """An all-Latin word whose lowercase vowels make a third of its letters (``Nothi``, ``budget``):
    Bijoy words spell Bengali consonants with Latin letters and have few a/e/i/o/u."""
    letters = re.sub(r"[^A-Za-z]", "", word)
    if not _ENGLISH.fullmatch(word.strip(".,;:()[]!?\"'")) or len(letters) < 3 or re.search("[a-z][A-Z]", word):
        return False
    return sum(c in "aeiou" for c in letters) * 3 >= len(letters)


_COMMON_WORDS = frozenset({"Av", "bv", "I", "wK", "Ges", "GB", "GK", "ev", "Kiv", "nq"})
"""Bengali words so common that their Bijoy spelling decides alone (না, ও, কি, এবং, এই, এক, বা ...)."""


def _bijoy_word(word: str) -> bool:
    if word.strip(".,;:()|") in _COMMON_WORDS:
        return True
    if _english_looking(word) or _URL.search(word):
        return False
    if sum(c in T.BIJOY_ONLY for c in word) and re.search("[A-Za-z`_]", word):
        return True
    return bool(_KAR_AFTER.search(word) or _PRE_KAR_BEFORE.search(word)
                or (word.startswith("Av") and len(word) > 2))


def is_bijoy(text: str) -> bool:
    """Whether ``text`` (a cell or a whole pasted block) reads as Bijoy/SutonnyMJ rather than as what
    it shows: no Bengali characters, and at least half of its words have the shapes only Bijoy
    makes (a consonant letter followed by a kar code ``Kv`` ``bx``, a pre-base kar before a letter
    ``wK`` ``‡`h``, reph/ফলা/conjunct codes inside a word ``Kg©``) and more of them than English-looking
    words. Numbers, dates, units, codes and English titles (``e-Nothi``, ``GRS``, ``30/06/2027``)
    are not Bijoy."""
    if _BENGALI.search(text):
        return False
    text = _GLOSS.sub(lambda m: " " if _english_gloss(m.group(0)) else m.group(0), text)
    words = [w for w in _WORD.findall(text) if re.search(r"[A-Za-z`_]", w) or any(c in T.BIJOY_ONLY for c in w)]
    if not words:
        return False
    bijoy = sum(map(_bijoy_word, words))
    english = sum((_english_looking(w) or bool(_URL.search(w))) and not _bijoy_word(w) for w in words)
    return bijoy * 2 >= len(words) and bijoy > english


# ---------------------------------------------------------------- tables of text

@dataclass(frozen=True)
class ConvertedCell:
    """A cell of pasted or imported text that was Bijoy: where it is (1-based line, 0-based
    column), what it held and what it reads as in Unicode."""

    line: int
    column: int
    original: str
    converted: str


def convert_table(text: str) -> tuple[str, list[ConvertedCell]]:
    """Tab-separated ``text`` with every Bijoy cell converted to Unicode, and the list of them.

    A cell is converted when it reads as Bijoy on its own, or when the whole text does and the cell
    holds Latin letters that are not English-looking (``GKK`` একক in a Bijoy table). Cells of
    digits and punctuation only are left: they read the same either way."""
    whole = is_bijoy(text)
    lines = text.split("\n")
    converted: list[ConvertedCell] = []
    for n, line in enumerate(lines):
        cells = line.split("\t")
        for c, cell in enumerate(cells):
            if not cell.strip() or _BENGALI.search(cell):
                continue
            letters = [w for w in _WORD.findall(cell) if re.search(r"[A-Za-z`_]", w) or any(ch in T.BIJOY_ONLY for ch in w)]
            if not letters:
                continue
            if is_bijoy(cell) or (whole and not all(map(_english_looking, letters))):
                new = _convert_cell(cell)
                if new != cell:
                    converted.append(ConvertedCell(n + 1, c, cell, new))
                    cells[c] = new
        lines[n] = "\t".join(cells)
    return "\n".join(lines), converted


_GLOSS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_GLOSS_PARTS = re.compile(f"({_GLOSS.pattern})")


def _convert_cell(cell: str) -> str:
    """A Bijoy cell in Unicode, an English gloss in brackets (``(stakeholders)``, ``[Policy]``,
    typed in a Latin font beside the Bijoy text) kept as it is."""
    parts = _GLOSS_PARTS.split(cell)
    return "".join(part if n % 2 and _english_gloss(part) else to_unicode(part) for n, part in enumerate(parts))


def _english_gloss(group: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", group)
    return (len(letters) >= 5 and not any(c in T.BIJOY_ONLY for c in group) and not re.search("[a-z][A-Z]", group)
            and sum(c in "aeiou" for c in letters) * 3 >= len(letters)
            and not any(map(_bijoy_word, _WORD.findall(group.strip("()[]")))))


def decode_document(data: bytes) -> str:
    """The text of a document file: UTF-8 (with or without BOM) or UTF-16 with a BOM as Word saves
    "Unicode" text, else Windows-1252, which is how Word saves a Bijoy-typed file as plain text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_legacy(text: str, keep_original: bool = False) -> tuple[str, list[ConvertedCell]]:
    """Pasted ``text`` with its Bijoy cells converted (or, with ``keep_original``, as it was) and
    the list of those cells: the one step every paste and import takes before reading cells."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    converted_text, converted = convert_table(text)
    return (text if keep_original else converted_text), converted
