"""Legacy Bengali text (Bijoy keyboard, SutonnyMJ font): converted to Unicode and back, and told
apart from English, numbers and dates.

The samples below were written by hand from the SutonnyMJ code chart (not made by the encoder), so
a mistake the encoder and decoder share still fails here."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apa_desktop.core.bijoy import to_bijoy, to_unicode
from apa_desktop.core.bijoy_text import convert_table, decode_document, is_bijoy

SEEDS = Path("/work/shared/seeds")

HAND_MADE = {
    "000": [
        ("`ß‡ii bvg: kªg Kj¨vY ‡K›`ª, UsMx, MvRxcyi", "দপ্তরের নাম: শ্রম কল্যাণ কেন্দ্র, টংগী, গাজীপুর"),
        ("AmvaviY AwZ DËg PjwZ gv‡bi wb‡¤œ", "অসাধারণ অতি উত্তম চলতি মানের নিম্নে"),
    ],
    "002": [
        ("ev¯ÍevqbKvjt 01 Rvbyqvix 2017 ‡_‡K 30 Ryb 2017", "বাস্তবায়নকালঃ ০১ জানুয়ারী ২০১৭ থেকে ৩০ জুন ২০১৭"),
        ("kªg I Kg©ms¯’vb gš¿Yvjq", "শ্রম ও কর্মসংস্থান মন্ত্রণালয়"),
        ("ïiæi ZvwiL", "শুরুর তারিখ"),
        ("mgvwßi ZvwiL", "সমাপ্তির তারিখ"),
    ],
    "003": [
        ("evwl©K Kg©m¤úv`b Pzw³", "বার্ষিক কর্মসম্পাদন চুক্তি"),
        ("‡Rjv / mv‡K©j Awd‡mi Kg©m¤úv`‡bi mvwe©K wPÎ", "জেলা / সার্কেল অফিসের কর্মসম্পাদনের সার্বিক চিত্র"),
        ("cÖ¯Ívebv", "প্রস্তাবনা"),
        ("‡mKkb 3: Kg©m¤úv`b cwiKíbv", "সেকশন ৩: কর্মসম্পাদন পরিকল্পনা"),
        ("RyjvB 1, 2022 - Ryb 30, 2023", "জুলাই ১, ২০২২ - জুন ৩০, ২০২৩"),
        ("fwel¨r", "ভবিষ্যৎ"),
    ],
    "004": [
        ("2q ˆÎgvwmK AMÖMwZ cÖwZ‡e`b (A‡±vei-wW‡m¤^i, 2022)",
         "২য় ত্রৈমাসিক অগ্রগতি প্রতিবেদন (অক্টোবর-ডিসেম্বর, ২০২২)"),
        ("gwÄj Bmjvg", "মঞ্জিল ইসলাম"),
        ("mnKvwi cwiPvjK", "সহকারি পরিচালক"),
        ("AvMviMvuI", "আগারগাঁও"),
    ],
}
"""Per seed: (as typed with Bijoy in SutonnyMJ, the seed's Unicode text)."""

OTHER_SEED_WORDS = [("cÖwkÿY", "প্রশিক্ষণ"), ("wkÿv", "শিক্ষা"), ("mÿgZv", "সক্ষমতা"), ("j‡ÿ¨", "লক্ষ্যে"),
                    ("`ÿZv", "দক্ষতা"), ("Drcv`bkxjZv", "উৎপাদনশীলতা"), ("Kvh©µg", "কার্যক্রম"),
                    ("Kg©KZ©v", "কর্মকর্তা"), ("e¨e¯’vcbv", "ব্যবস্থাপনা"), ("wbe©vnx", "নির্বাহী"), ("c~Y©", "পূর্ণ")]
"""Conjuncts (ক্ষ ``ÿ``), য-ফলা, র-ফলা, reph after its cluster (``Kg©`` কর্ম, ``wl©`` র্ষি), ৎ."""

ENGLISH = ["e-Nothi", "GRS", "NIS", "APA", "30/06/2027", "৩০/০৬/২০২৭", "100%", "%", "সংখ্যা", "2023-24", "[1.1.1]",
           "e-GP", "iPhone", "Available budget", "Signature", "Outcome/Impact", "Sheikh Russel Digital Lab",
           "www.techedu.gov.bd", "http://service.dte.gov.bd/tsc-leave/index.php", "Number of trainings held",
           "e-Governance and Innovation Action Plan", "I am here", "SRDL", "DNCC", "Vision", "Mission", "0.5", ""]


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def seed_text(number: str) -> str:
    found = sorted(SEEDS.glob(f"{number}_*.txt"))
    if not found:
        pytest.skip("the seed documents are not on this machine")
    return _nfc(found[0].read_text(encoding="utf-8"))


def seed_words() -> list[str]:
    words: set[str] = set()
    for number in ("000", "002", "003", "004"):
        words.update(re.findall("[\u0980-\u09ff\u200c\u200d]+", seed_text(number)))
    return sorted(words)


@pytest.mark.parametrize("number", sorted(HAND_MADE))
def test_hand_typed_bijoy_sentences_of_every_seed_read_as_the_seed_text(number):
    text = seed_text(number)
    for bijoy, unicode in HAND_MADE[number]:
        assert all(word in text for word in re.findall("[\u0980-\u09ff]+", _nfc(unicode)))
        assert to_unicode(bijoy) == _nfc(unicode), bijoy
        assert is_bijoy(bijoy), bijoy


@pytest.mark.parametrize("bijoy,unicode", OTHER_SEED_WORDS)
def test_conjuncts_phalas_and_reph_read_right(bijoy, unicode):
    assert to_unicode(bijoy) == _nfc(unicode)


def test_the_encoder_writes_reph_after_its_cluster_and_pre_base_kars_before_it():
    assert to_bijoy("বার্ষিক কর্মসূচি") == "evwl©K Kg©m~wP"
    assert to_bijoy("দেখছো কি") == "†`L‡Qv wK"
    assert to_bijoy("কৌশল") == "†KŠkj"
    assert to_bijoy("শিক্ষা") == "wkÿv"


def test_every_word_of_the_seeds_goes_to_bijoy_and_back_unchanged():
    words = seed_words()
    assert len(words) > 1000
    wrong = [(w, to_bijoy(w), to_unicode(to_bijoy(w))) for w in words if to_unicode(to_bijoy(w)) != w]
    assert wrong == []


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_sentences_of_seed_words_round_trip_through_bijoy(data):
    words = data.draw(st.lists(st.sampled_from(seed_words()), min_size=1, max_size=12))
    separators = data.draw(st.lists(st.sampled_from([" ", "\t", ", ", " - ", "। "]), min_size=len(words),
                                    max_size=len(words)))
    text = "".join(w + s for w, s in zip(words, separators)).strip()
    assert to_unicode(to_bijoy(text)) == text


@pytest.mark.parametrize("text", ENGLISH)
def test_english_titles_numbers_dates_and_units_are_not_taken_for_bijoy(text):
    assert not is_bijoy(text)
    assert convert_table(text) == (text, [])


def test_almost_every_bengali_cell_of_the_seeds_is_recognised_once_typed_in_bijoy():
    cells = [cell for number in ("000", "002", "003", "004") for line in seed_text(number).split("\n")
             for cell in line.split("\t") if re.search("[\u0985-\u09e3]", cell)]
    found = sum(is_bijoy(to_bijoy(cell)) for cell in cells)
    assert found >= 0.95 * len(cells), (found, len(cells))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=9)
                .filter(lambda w: sum(c in "aeiou" for c in w) * 3 >= len(w)), min_size=2, max_size=8))
def test_lowercase_english_like_words_are_never_bijoy(words):
    assert not is_bijoy(" ".join(words))


def test_a_bijoy_table_is_converted_cell_by_cell_and_its_english_and_numbers_left():
    table = "GKK\tevwl©K jÿ¨gvÎv\te-Nothi\n%\t100\t30/06/2027"
    text, cells = convert_table(table)
    assert text == "একক\tবার্ষিক লক্ষ্যমাত্রা\te-Nothi\n%\t100\t30/06/2027"
    assert [(c.line, c.column, c.original) for c in cells] == [(1, 0, "GKK"), (1, 1, "evwl©K jÿ¨gvÎv")]


def test_a_bijoy_file_saved_by_word_as_plain_text_is_read_in_any_of_its_encodings():
    text = "evwl©K Kg©m~wP\t‡gvU AR©b\n"
    for encoding in ("cp1252", "utf-8", "utf-8-sig", "utf-16"):
        assert decode_document(text.encode(encoding)) == text
    assert decode_document("বার্ষিক".encode()) == "বার্ষিক"
