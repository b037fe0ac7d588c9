"""Legacy Bengali text: Bijoy-keyboard / SutonnyMJ characters to Unicode Bengali and back
(telling Bijoy cells apart and converting tables cell by cell is :mod:`.bijoy_text`).

Older Word files of many offices were typed with the Bijoy keyboard in the SutonnyMJ font: the
file holds Latin characters (``evwl©K Kg©m~wP``) that the font draws as Bengali (বার্ষিক কর্মসূচি).
Pasted or imported, such text must be recognised and converted, or it is stored as gibberish.

The glyph codes are data (:mod:`.bijoy_table`, with its sources); this module holds the two
reordering rules in which Bijoy differs from Unicode's logical order:

* the pre-base vowel signs ি ে ৈ are typed *before* the consonant cluster (``wK`` কি); ো and ৌ are
  typed as ে before the cluster and া / ৗ after it (``‡Kv`` কো);
* reph (র্ above a cluster) is typed *after* the cluster (``Kg©`` কর্ম, ``evwl©K`` বার্ষিক).

PyPI's Bijoy converters were tried on the hand-typed seed sentences of tests/test_bijoy.py
(December 2026): ``unicodeconverter`` 0.1.0b12 read 26 of 27 (a pre-base kar before ``¤œ`` left
in place), ``bijoytounicode`` 1.1.1 21 (``ÿ`` and the u-kar ``æ`` unknown),
``bijoy-to-unicode-file-converter`` 1.2 10 (it crashes with IndexError on some lines and needs
langdetect), ``bijoy2unicode`` 0.1.1 was rejected before (reph misplaced, crashes). All are
one-way ``str.replace`` chains without Unicode -> Bijoy or detection, so none is used.
"""

from __future__ import annotations

import re
import unicodedata

from . import bijoy_table as T

_NUKTA_FORMS = {"ড\u09bc": "\u09dc", "ঢ\u09bc": "\u09dd", "য\u09bc": "\u09df"}
_ZW = "\u200c\u200d"


def _first(pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Bengali -> the Bijoy characters written for it (the first entry)."""
    found: dict[str, str] = {}
    for bengali, bijoy in pairs:
        found.setdefault(bengali, bijoy)
    return found


_CONSONANT = dict(T.CONSONANTS)
_CONSONANTS = frozenset(_CONSONANT)
_CONJUNCT = _first(T.CONJUNCTS)
_WITH_KAR = dict(T.WITH_KAR)
_FIRST_HALF = _first(T.FIRST_HALVES)
_HALF_GLYPHS = frozenset(bijoy for _, bijoy in T.FIRST_HALVES)
_SECOND_HALF = _first(T.SECOND_HALVES)
_KAR = _first(T.KARS)
_SINGLE = _first(T.VOWELS + T.SIGNS + T.DIGITS + T.PUNCTUATION)
_VOWEL_SIGNS = frozenset("ািীুূৃেৈৗ")

_DECODE: dict[str, str] = {}
for _table in (T.VOWELS, T.CONSONANTS, T.SIGNS, T.DIGITS, T.PUNCTUATION, T.KARS, T.CONJUNCTS, T.WITH_KAR,
               T.FIRST_HALVES, T.SECOND_HALVES):
    for _bengali, _bijoy in _table:
        _DECODE.setdefault(_bijoy, _bengali)
_DECODE[T.REPH] = "র্"
_LONGEST = max(map(len, _DECODE))


# ---------------------------------------------------------------- Unicode -> Bijoy

def _prepare(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    for pair, single in _NUKTA_FORMS.items():
        text = text.replace(pair, single)
    return text.replace("\u09cb", "\u09c7\u09be").replace("\u09cc", "\u09c7\u09d7")


def _cluster_glyphs(letters: list[str]) -> str:
    """The Bijoy characters of one consonant cluster (its letters, without the hasantas): the first
    glyph, then a second-half (or ফলা) glyph for each later part, else the letter (after a half
    form) or ``&`` and the letter."""
    first, p = _first_glyph(letters)
    out = [first]
    while p < len(letters):
        for k in range(len(letters) - p, 0, -1):
            glyph = _second(letters[p:p + k], letters[p - 1])
            if glyph is not None:
                out.append(glyph)
                p += k
                break
        else:
            out.append(("" if out[-1] in _HALF_GLYPHS else "&") + _CONSONANT[letters[p]])
            p += 1
    return "".join(out)


def _first_glyph(letters: list[str]) -> tuple[str, int]:
    """The glyph a cluster starts with and how many of its letters it draws: the longest conjunct
    glyph, else the first letter's half form (not before য-ফলা), else the letter."""
    for k in range(len(letters), 1, -1):
        glyph = _CONJUNCT.get(T.HASANTA.join(letters[:k]))
        if glyph:
            return glyph, k
    half = _FIRST_HALF.get(letters[0] + T.HASANTA)
    if half and len(letters) > 1 and letters[1] != "য":
        return (T.NA_BEFORE_TA if letters[0] == "ন" and letters[1] in "তথ" else half), 1
    return _CONSONANT[letters[0]], 1


def _second(letters: list[str], before: str = "") -> str | None:
    """The second-half (or ফলা) glyph of ``letters`` following ``before``, if there is one."""
    key = T.HASANTA + T.HASANTA.join(letters)
    if key == "্র" and before in T.RA_PHALA_AFTER:
        return T.RA_PHALA_AFTER[before]
    return _SECOND_HALF.get(key)


def to_bijoy(text: str) -> str:
    """``text`` (Unicode Bengali) as the Bijoy keyboard writes it in SutonnyMJ. Characters Bijoy has
    no code for (Latin letters, most punctuation) are kept as they are."""
    s = _prepare(text)
    out: list[str] = []
    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        reph = ch == "র" and i + 2 < n and s[i + 1] == T.HASANTA and s[i + 2] in _CONSONANTS
        if reph:
            i += 2
            ch = s[i]
        if ch in _CONSONANTS:
            letters = [ch]
            i += 1
            while i + 1 < n and s[i] == T.HASANTA and s[i + 1] in _CONSONANTS:
                letters.append(s[i + 1])
                i += 2
            kars = ""
            while i < n and s[i] in _VOWEL_SIGNS:
                kars += s[i]
                i += 1
            out.append(_syllable(letters, kars, reph, not out or out[-1][-1:].isspace()))
            continue
        if ch == T.HASANTA:
            out.append("&")
        elif ch not in _ZW:
            out.append(_SINGLE.get(ch, ch))
        i += 1
    return "".join(out)


def _syllable(letters: list[str], kars: str, reph: bool, word_start: bool) -> str:
    pre = "".join(k for k in kars[:1] if k in T.PRE_KARS)
    post = kars[len(pre):]
    body = "".join(letters)
    if len(letters) == 1 and post[:1] and body + post[0] in _WITH_KAR:
        glyphs, post = _WITH_KAR[body + post[0]], post[1:]
    else:
        glyphs = _cluster_glyphs(letters)
    after_ra = letters[-1] == "র"
    post_glyphs = "".join(T.AFTER_RA_KARS[k] if after_ra and k in T.AFTER_RA_KARS else _KAR[k] for k in post)
    pre_glyph = (T.WORD_START_KARS.get(pre) if word_start else None) or (_KAR[pre] if pre else "")
    return pre_glyph + glyphs + (T.REPH if reph else "") + post_glyphs


# ---------------------------------------------------------------- Bijoy -> Unicode

def _tokens(text: str) -> list[str]:
    """``text`` cut into Bijoy glyphs (longest code first), each as its Bengali; other characters
    are their own tokens."""
    found: list[str] = []
    i = 0
    while i < len(text):
        for k in range(min(_LONGEST, len(text) - i), 0, -1):
            bengali = _DECODE.get(text[i:i + k])
            if bengali is not None:
                found.append(bengali if text[i:i + k] != T.REPH else T.REPH)
                i += k
                break
        else:
            found.append(text[i])
            i += 1
    return found


def _starts_cluster(token: str) -> bool:
    return token[:1] in _CONSONANTS or token[:1] == T.HASANTA


def _joins(previous: str, token: str) -> bool:
    """Whether ``token`` continues the consonant cluster ``previous`` ended."""
    return bool(previous) and _starts_cluster(token) and (previous.endswith(T.HASANTA) or token.startswith(T.HASANTA))


def _glue(left: str, right: str) -> str:
    if left.endswith(T.HASANTA) and right.startswith(T.HASANTA):
        return left + right[1:]
    return left + right


_VERBATIM = re.compile(r"(</?[A-Za-z]+>|\S*(?:://|www\.)\S*)")
"""Markup tags (``<u>``) and web addresses, which a document holds in a Latin font: kept as they are."""


def to_unicode(text: str) -> str:
    """Bijoy/SutonnyMJ ``text`` as Unicode Bengali (NFC). Characters that are no Bijoy code, markup
    tags and web addresses are kept."""
    parts = _VERBATIM.split(text)
    return "".join(part if n % 2 else _decode(part) for n, part in enumerate(parts))


def _decode(text: str) -> str:
    tokens = _tokens(text)
    out = ""
    cluster_start: int | None = None
    previous = ""
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in T.PRE_KARS and i + 1 < len(tokens) and tokens[i + 1][:1] in _CONSONANTS:
            j = i + 1
            cluster = tokens[j]
            while j + 1 < len(tokens) and _joins(tokens[j], tokens[j + 1]):
                j += 1
                cluster = _glue(cluster, tokens[j])
            cluster_start = len(out)
            out += cluster + token
            previous, i = "", j + 1
            continue
        if token == T.REPH:
            if cluster_start is not None:
                out = out[:cluster_start] + "র্" + out[cluster_start:]
            else:
                out += "র্"
            previous = ""
        elif _joins(previous, token) and cluster_start is not None:
            out = _glue(out, token)
            previous = token
        else:
            if token[:1] in _CONSONANTS:
                cluster_start = len(out)
            elif token[:1] not in _VOWEL_SIGNS and token not in "ংঃঁ":
                cluster_start = None
            out += token
            previous = token if _starts_cluster(token) or token.endswith(T.HASANTA) else ""
        i += 1
    out = out.replace("অা", "আ")
    return unicodedata.normalize("NFC", out)
