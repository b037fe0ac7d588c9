"""The SutonnyMJ (Bijoy keyboard) code chart as data: which character a Bijoy-typed document holds
for each Bengali glyph. Used by :mod:`apa_desktop.core.bijoy`; no logic here.

A Word file typed with the Bijoy keyboard in the SutonnyMJ font stores Windows-1252 characters
(ASCII letters, Latin-1 letters such as ``©`` ``¯`` and the cp1252 extras such as ``‡`` ``‰`` ``“``)
that the font draws as Bengali glyphs. Copied out of Word, the text arrives as those characters.

Sources (read, not copied): the "Bijoy2000 Font Map Constants" of Avro Keyboard's
``clsUnicodeToBijoy2000.pas`` (OmicronLab, github mugli/Avro-Keyboard) for the byte of each vowel,
kar, consonant, conjunct, first-half and second-half form; and the widely used
``bijoy_string_conversion_map`` of the open Bengali converters (as in the PyPI packages
``unicodeconverter`` and ``bnconverter``) where SutonnyMJ documents use a glyph differently from
Bijoy 2000: ``ÿ`` is ক্ষ (``wkÿv`` শিক্ষা), ``Í`` and ``—`` the second half of ত (``¯Í`` স্ত,
``šÍ`` ন্ত), ``ø`` ``¬`` the second half of ল, ``æ`` the u-kar after র (``iæ`` রু), ``ú`` the second
half of প, ``Ð``/``Ê`` ণ্ড. Where the two disagree the documents' usage is kept and the other
reading dropped (Bijoy 2000's ত্ম for ``Í``, স্ন for ``ø``, ম্ন for ``æ``, ড়্গ for ``ÿ``).

Each table maps Bengali (Unicode, NFC-decomposed nukta forms written with the precomposed letter)
to its Bijoy characters; the first entry for a Bengali value is what :func:`bijoy.to_bijoy` writes,
every entry is read by :func:`bijoy.to_unicode`.
"""

from __future__ import annotations

HASANTA = "\u09cd"

VOWELS: tuple[tuple[str, str], ...] = (
    ("অ", "A"), ("আ", "Av"), ("ই", "B"), ("ঈ", "C"), ("উ", "D"), ("ঊ", "E"), ("ঋ", "F"), ("এ", "G"),
    ("ঐ", "H"), ("ও", "I"), ("ঔ", "J"),
)

CONSONANTS: tuple[tuple[str, str], ...] = (
    ("ক", "K"), ("খ", "L"), ("গ", "M"), ("ঘ", "N"), ("ঙ", "O"), ("চ", "P"), ("ছ", "Q"), ("জ", "R"),
    ("ঝ", "S"), ("ঞ", "T"), ("ট", "U"), ("ঠ", "V"), ("ড", "W"), ("ঢ", "X"), ("ণ", "Y"), ("ত", "Z"),
    ("থ", "_"), ("দ", "`"), ("ধ", "a"), ("ন", "b"), ("প", "c"), ("ফ", "d"), ("ব", "e"), ("ভ", "f"),
    ("ম", "g"), ("য", "h"), ("র", "i"), ("ল", "j"), ("শ", "k"), ("ষ", "l"), ("স", "m"), ("হ", "n"),
    ("\u09dc", "o"), ("\u09dd", "p"), ("\u09df", "q"),
)

SIGNS: tuple[tuple[str, str], ...] = (
    ("ৎ", "r"), ("ং", "s"), ("ঃ", "t"), ("ঁ", "u"),
)

DIGITS: tuple[tuple[str, str], ...] = tuple((chr(0x09E6 + d), str(d)) for d in range(10))

PUNCTUATION: tuple[tuple[str, str], ...] = (
    ("।", "|"), ("৳", "$"), ("‘", "Ô"), ("’", "Õ"), ("“", "Ò"), ("”", "Ó"), ("—", "Ñ"), (HASANTA, "&"),
)

KARS: tuple[tuple[str, str], ...] = (
    ("া", "v"), ("ি", "w"), ("ী", "x"), ("ু", "y"), ("ু", "z"), ("ু", "“"), ("ু", "–"), ("ু", "æ"),
    ("ূ", "~"), ("ূ", "ƒ"), ("ূ", "‚"), ("ৃ", "„"), ("ৃ", "…"), ("ে", "‡"), ("ে", "†"), ("ৈ", "‰"),
    ("ৈ", "ˆ"), ("ৗ", "Š"),
)
"""Vowel signs. ি ে ৈ are written *before* the consonant cluster in Bijoy; ো and ৌ as ে before
and া / ৗ after it. ``‡`` ``‰`` are written inside a word, ``†`` ``ˆ`` at its start; ``æ`` ``ƒ``
after র and র-ফলা."""

PRE_KARS = frozenset("িেৈ")
WORD_START_KARS = {"ে": "†", "ৈ": "ˆ"}
AFTER_RA_KARS = {"ু": "æ", "ূ": "ƒ"}

CONJUNCTS: tuple[tuple[str, str], ...] = (
    ("ক্ক", "°"), ("ক্ট", "±"), ("ক্ষ্ম", "²"), ("ক্ত", "³"), ("ক্ম", "´"), ("ক্র", "µ"), ("ক্ষ", "ÿ"),
    ("ক্ষ", "¶"), ("ক্স", "·"), ("গ্গ", "¹"), ("গ্দ", "º"), ("গ্ধ", "»"), ("ঙ্ক", "¼"), ("ঙ্গ", "½"),
    ("জ্জ", "¾"), ("জ্ঝ", "À"), ("জ্ঞ", "Á"), ("ঞ্চ", "Â"), ("ঞ্ছ", "Ã"), ("ঞ্জ", "Ä"), ("ঞ্ঝ", "Å"),
    ("ট্ট", "Æ"), ("ড্ড", "Ç"), ("ণ্ট", "È"), ("ণ্ঠ", "É"), ("ণ্ড", "Ð"), ("ণ্ড", "Ê"), ("ত্ত", "Ë"),
    ("ত্থ", "Ì"), ("ত্র", "Î"), ("দ্দ", "Ï"), ("দ্ধ", "×"), ("দ্ব", "Ø"), ("দ্ম", "Ù"), ("ন্ঠ", "Ú"),
    ("ন্ড", "Û"), ("ন্ধ", "Ü"), ("ন্স", "Ý"), ("প্ট", "Þ"), ("প্ত", "ß"), ("প্প", "à"), ("প্স", "á"),
    ("ব্জ", "â"), ("ব্দ", "ã"), ("ব্ধ", "ä"), ("ভ্র", "å"), ("ম্ফ", "ç"), ("ল্ক", "é"), ("ল্গ", "ê"),
    ("ল্ট", "ë"), ("ল্ড", "ì"), ("ল্প", "í"), ("ল্ফ", "î"), ("শ্চ", "ð"), ("শ্ছ", "ñ"), ("ষ্ণ", "ò"),
    ("ষ্ট", "ó"), ("ষ্ঠ", "ô"), ("ষ্ফ", "õ"), ("স্খ", "ö"), ("স্ট", "÷"), ("স্ফ", "ù"), ("হ্ন", "ý"),
    ("হ্ম", "þ"),
)
"""Conjuncts drawn by one glyph."""

WITH_KAR: tuple[tuple[str, str], ...] = (
    ("গু", "¸"), ("শু", "ï"), ("হু", "û"), ("হৃ", "ü"),
)
"""A consonant and its kar drawn by one glyph."""

FIRST_HALVES: tuple[tuple[str, str], ...] = (
    ("ম্", "¤"), ("ষ্", "®"), ("স্", "¯"), ("ন্", "›"), ("ন্", "š"), ("দ্", "™"), ("দ্", "˜"),
    ("চ্", "”"), ("ঙ্", "•"), ("স্", "ˉ"),
)
"""The first member of a conjunct drawn as a half letter; ``š`` is the ন্ used before ত and থ."""

NA_BEFORE_TA = "š"
"""ন্ before ত/থ (ন্ত, ন্থ); ``›`` elsewhere (ন্ট, ন্দ)."""

SECOND_HALVES: tuple[tuple[str, str], ...] = (
    ("্ত্র", "¿"), ("্ক্র", "Œ"), ("্ভ্র", "£"), ("্তু", "‘"), ("্ব", "^"), ("্ব", "¡"), ("্ব", "¦"),
    ("্ব", "Ÿ"), ("্ভ", "¢"), ("্ম", "¥"), ("্ম", "§"), ("্য", "¨"), ("্র", "ª"), ("্র", "«"),
    ("্র", "Ö"), ("্ল", "ø"), ("্ল", "¬"), ("্ল", "\u00ad"), ("্ল", "−"), ("্ত", "Í"), ("্ত", "—"),
    ("্থ", "’"), ("্ক", "‹"), ("্ণ", "è"), ("্ন", "œ"), ("্প", "ú"),
)
"""The later members of a conjunct, and the ফলা (য-ফলা ``¨``, র-ফলা ``ª``; ``Ö`` after প and গ)."""

RA_PHALA_AFTER = {"প": "Ö", "গ": "Ö"}

REPH = "©"
"""র্ over the next consonant cluster: written *after* that cluster in Bijoy (``Kg©`` কর্ম)."""

BIJOY_ONLY = frozenset("‡†‰ˆŠ©¨ª«Ö¯®¤š›™˜”•ÍÎ¿‹Œ£¢¥§¡¦Ÿøœú±²³´µ¶·¸¹º»¼½¾ÀÁÂÃÄÅÆÇÈÉÊËÌÏØÙÚÛÜÝÞßàáâãä"
                       "åçéêëìíîïðñòóôõöùûüýþÿ„ƒ‚æè")
"""Characters a Bijoy text is made of that ordinary English text hardly ever holds inside a word
(typographic quotes, dashes, ``°`` ``×`` ``÷`` ``^`` are left out: English uses them too)."""
