"""Searchable, copyable text for the shaped runs ReportLab writes.

ReportLab draws a HarfBuzz-shaped word as a string of "characters" each standing for one glyph:
the glyph's first cmap character, or a Private Use character for a glyph with none (conjuncts,
reph, the Bengali-context full stop). Its ToUnicode CMap then maps each code to that character,
so a PDF reader copies ``কারিগরি`` as ``কািরগির`` and loses conjuncts and ``.`` altogether.

This module fixes that at the font/canvas level, so it applies to any layout:

1. ``shapeFragWord`` is wrapped: after shaping, every glyph whose text is not simply its own
   character is re-keyed to a character of the supplementary Private Use planes standing for the
   pair (glyph, text of its HarfBuzz cluster). The first glyph of a cluster carries the whole
   cluster's text, the others none; a glyph reused with another text gets another key, hence
   another code in the font subset (the glyph drawn is the same, so rendering does not change).
2. ``makeToUnicodeCMap`` writes each code's text; a glyph with no text of its own is mapped to
   the empty string (left out, extractors would fall back to the code's WinAnsi character).
3. ``PDFTextObject._formatText`` wraps a run in which some cluster is drawn with more than one
   glyph (HarfBuzz merges reordered glyphs, pre-base vowel signs and reph, into one cluster) in
   a ``/Span <</ActualText ...>> BDC ... EMC`` marked-content sequence holding its logical text,
   for readers that honour /ActualText (poppler, Acrobat, Chrome); the ToUnicode entries serve
   the others (pdf.js, Preview).

ReportLab offers no public hook for any of this: ``install()`` checks the internals it relies on
and raises ``SearchableTextUnavailable`` if a ReportLab upgrade has changed them;
``tests/test_pdf_text_search.py`` checks them and an extraction round trip.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.pdfgen import textobject
from reportlab.platypus import paragraph

# Keys live in Supplementary Private Use Area-A and -B: never real text, never a cmap character.
FIRST_KEY, LAST_KEY = 0xF0000, 0x10FFFD
# Modules that imported ``shapeFragWord`` by name and call it (renderPM is only for bitmaps).
SHAPING_CALLERS = (ttfonts, paragraph, rl_canvas)

_texts: dict[int, str] = {}  # key code -> the logical text its glyph stands for
_keys: dict[tuple[str, int, str, float, str], int] = {}  # see _key
_empty: set[str] = set()  # the key characters of glyphs that carry no text of their own
_rekeyed: dict[tuple[str, float, str, str], ttfonts.ShapedStr] = {}  # see _rekey
_shaped: dict[tuple[str, float, str], tuple | None] = {}  # (font, size, text) -> shaped and re-keyed; see shape_frag_word
MAX_REKEYED = 20000
_lock = threading.Lock()
_installed: list[Callable] = []  # the original shapeFragWord, once installed


class SearchableTextUnavailable(RuntimeError):
    """ReportLab's internals are not what this module patches: refuse rather than write PDFs
    whose Bengali text cannot be searched."""


def logical_text(text: str) -> str:
    """The Unicode text a run of (possibly re-keyed) characters stands for."""
    return "".join(_texts.get(ord(ch), ch) for ch in text)


def _key(font: ttfonts.TTFont, gid: int, text: str, width: float, cluster: str) -> int | None:
    """The key code for glyph ``gid`` of ``font`` standing for ``text`` with ``width`` as its PDF
    width (made on first use); None when the Private Use planes are exhausted (the glyph then
    keeps its old character). A glyph with no text of its own is keyed per ``cluster`` it is part
    of: all the glyphs of a cluster are then first used together, so ReportLab puts them in one
    font subset (pdfium breaks a word where an /ActualText span changes subset)."""
    pair = (font.fontName, gid, text, width, "" if text else cluster)
    code = _keys.get(pair)
    if code is None:
        with _lock:
            code = _keys.get(pair)
            if code is None:
                code = FIRST_KEY + len(_keys)
                if code > 0xFFFFD:
                    code += 2  # U+FFFFE and U+FFFFF are noncharacters
                if code > LAST_KEY:
                    return None
                face = font.face
                face.charToGlyph[code] = gid
                face.charWidths[code] = width
                _texts[code] = text
                if not text:
                    _empty.add(chr(code))
                _keys[pair] = code
    return code


def _cluster_texts(text: str, clusters: list[int]) -> list[tuple[str, str]]:
    """For each glyph (by its cluster index into ``text``): the text it stands for (the cluster's
    whole text on the cluster's first glyph, "" on the others) and its cluster's text."""
    starts = sorted({c for c in clusters if 0 <= c < len(text)})
    ends = dict(zip(starts, starts[1:] + [len(text)]))
    seen: set[int] = set()
    out = []
    for c in clusters:
        cluster = text[c:ends[c]] if c in ends else ""
        out.append((cluster, cluster) if c in ends and c not in seen else ("", cluster))
        seen.add(c)
    return out


def _pdf_width(sd: ttfonts.ShapeData) -> float:
    """The width to declare for a shaped glyph. A mark drawn left of the pen with no advance of its
    own (u-kar, reph) is declared as wide as that offset, so that it ends at the pen: extractors
    (poppler) take a glyph's end as its origin plus its declared width and otherwise see a word
    break after it. Where the glyph is drawn does not change (ReportLab's TJ adjustments subtract
    the declared width again)."""
    if sd.x_advance == 0 and sd.x_offset < 0:
        return -sd.x_offset
    return sd.width


def _rekey_run(font: ttfonts.TTFont, run: ttfonts.ShapedStr,
               texts: Iterator[tuple[str, str]]) -> ttfonts.ShapedStr:
    """One font's run of a shaped word with each glyph re-keyed for the text it stands for."""
    simple = ttfonts._sdSimple.cluster
    char_to_glyph = font.face.charToGlyph
    chars, data = [], []
    for ch, sd in zip(run, run.__shapeData__):
        (wanted, cluster), width = next(texts), _pdf_width(sd)
        if sd.cluster != simple and (width != sd.width or not (wanted == ch or (wanted.isspace() and ch.isspace()))):
            gid = char_to_glyph.get(ord(ch))
            code = None if gid is None else _key(font, gid, wanted, width, cluster)
            if code is not None:
                ch, sd = chr(code), sd._replace(width=width)
        chars.append(ch)
        data.append(sd)
    return ttfonts.ShapedStr("".join(chars), shapeData=data)


def _rekey(word: list, shaped: list) -> list:
    """Re-key the glyph characters of a shaped frag word so each stands for its cluster text.
    The same word in the same font and size is re-keyed once (tables repeat their words)."""
    text = "".join(s for f, s in word[1:] if not hasattr(f, "cbDefn"))
    runs = [i for i, item in enumerate(shaped[1:], 1)
            if isinstance(item, (tuple, list)) and len(item) == 2
            and isinstance(item[1], ttfonts.ShapedStr)]
    if len(runs) == 1:
        frag, run = shaped[runs[0]]
        memo = (frag.fontName, frag.fontSize, text, str(run))
        rekeyed = _rekeyed.get(memo)
        if rekeyed is None:
            if len(_rekeyed) > MAX_REKEYED:
                _rekeyed.clear()
            texts = iter(_cluster_texts(text, [sd.cluster for sd in run.__shapeData__]))
            rekeyed = _rekeyed[memo] = _rekey_run(pdfmetrics.getFont(frag.fontName), run, texts)
        shaped[runs[0]] = type(shaped[runs[0]])((frag, rekeyed))
        return shaped
    texts = iter(_cluster_texts(text, [sd.cluster for i in runs for sd in shaped[i][1].__shapeData__]))
    for i in runs:
        frag, run = shaped[i]
        shaped[i] = type(shaped[i])((frag, _rekey_run(pdfmetrics.getFont(frag.fontName), run, texts)))
    return shaped


def _single_run(w: list) -> tuple[str, float, str] | None:
    """(font, size, text) of a frag word that is one plain run of text, else None."""
    if len(w) != 2 or not isinstance(w[1], (tuple, list)) or len(w[1]) != 2:
        return None
    frag, text = w[1]
    if hasattr(frag, "cbDefn") or not isinstance(text, str) or isinstance(text, ttfonts.ShapedStr):
        return None
    return (frag.fontName, frag.fontSize, text)


def _shape_frag_word(original: Callable) -> Callable:
    def shape_frag_word(w, *args, **kwargs):
        memo = None if args or kwargs else _single_run(w)
        if memo is not None and memo in _shaped:
            # A fresh word of w's own class (it tells the line breaker whether a space follows).
            done = _shaped[memo]
            return w if done is None else ttfonts.makeShapedFragWord(w)([done[0], done[1]((w[1][0], done[2]))])
        shaped = original(w, *args, **kwargs)
        if shaped is not w and isinstance(shaped, ttfonts.ShapedFragWord):
            shaped = _rekey(w, shaped)
        if memo is not None and (shaped is w or len(shaped) == 2):
            if len(_shaped) > MAX_REKEYED:
                _shaped.clear()
            _shaped[memo] = None if shaped is w else (shaped[0], type(shaped[1]), shaped[1][1])
        return shaped

    shape_frag_word.__wrapped__ = original
    return shape_frag_word


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap for one font subset, with each key's text (several characters
    for a cluster; empty for a glyph that stands for no text of its own)."""
    entries = []
    for code, char in enumerate(subset):
        text = _texts.get(char, chr(char) if char <= 0x10FFFF else "")
        entries.append(f"<{code:02X}> <{_utf16_hex(text)}>")
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        f"{len(entries)} beginbfchar", *entries, "endbfchar",
        "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"])


def _reordered_clusters(text: str) -> list[tuple[int, int]]:
    """(start, end) of each cluster drawn with several glyphs: its first glyph carries the text,
    the glyphs after it none."""
    spans: list[tuple[int, int]] = []
    for index, ch in enumerate(text):
        if ch not in _empty:
            continue
        if spans and spans[-1][1] == index:
            spans[-1] = (spans[-1][0], index + 1)
        elif index > 0:
            spans.append((index - 1, index + 1))
    return spans


def _pieces(text: str) -> list[tuple[str, bool]]:
    """Split a run into (piece, reordered) parts: each reordered cluster alone, the rest together."""
    pieces: list[tuple[str, bool]] = []
    done = 0
    for start, end in _reordered_clusters(str(text)):
        if done < start:
            pieces.append((text[done:start], False))
        pieces.append((text[start:end], True))
        done = end
    if done < len(text):
        pieces.append((text[done:], False))
    return pieces


def _format_text(original: Callable) -> Callable:
    def format_text(self, text):
        if not (isinstance(text, str) and not _empty.isdisjoint(text)):
            return original(self, text)
        # A span over each reordered cluster alone: MuPDF misplaces a longer span's text.
        codes = []
        for piece, reordered in _pieces(text):
            code = original(self, piece)
            if reordered:
                code = f"/Span <</ActualText <FEFF{_utf16_hex(logical_text(piece))}>>> BDC {code} EMC"
            codes.append(code)
        return " ".join(codes)

    format_text.__wrapped__ = original
    return format_text


def check_internals() -> None:
    """Raise SearchableTextUnavailable unless ReportLab still has what the patch relies on."""
    problems = []
    for module in SHAPING_CALLERS:
        if not callable(getattr(module, "shapeFragWord", None)):
            problems.append(f"{module.__name__}.shapeFragWord")
    for owner, name in ((ttfonts, "makeToUnicodeCMap"), (ttfonts, "ShapedStr"),
                        (ttfonts, "ShapedFragWord"), (ttfonts, "_sdSimple"),
                        (textobject.PDFTextObject, "_formatText")):
        if not hasattr(owner, name):
            problems.append(f"{getattr(owner, '__name__', owner)}.{name}")
    if "makeToUnicodeCMap" not in ttfonts.TTFont.addObjects.__code__.co_names:
        problems.append("TTFont.addObjects no longer calls makeToUnicodeCMap")
    if not hasattr(ttfonts._sdSimple, "cluster"):
        problems.append("ShapeData.cluster")
    if problems:
        raise SearchableTextUnavailable(
            "ReportLab changed the internals the searchable-text patch relies on: "
            + ", ".join(problems))


def install() -> None:
    """Patch ReportLab (once per process). Called where the fonts are registered."""
    if _installed:
        return
    check_internals()
    original = ttfonts.shapeFragWord
    wrapped = _shape_frag_word(original)
    for module in SHAPING_CALLERS:
        if module.shapeFragWord is original:
            module.shapeFragWord = wrapped
    ttfonts.makeToUnicodeCMap = to_unicode_cmap
    textobject.PDFTextObject._formatText = _format_text(textobject.PDFTextObject._formatText)
    _installed.append(original)


def installed() -> bool:
    return bool(_installed)
