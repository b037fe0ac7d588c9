"""The UI text catalogues (gettext .po files): complete in both languages, used by the code."""

from __future__ import annotations

import re
from pathlib import Path

from apa_desktop.ui import i18n

UI = Path(i18n.__file__).resolve().parent


def keys_used_in_code() -> set[str]:
    pattern = re.compile(r"""\btr\(\s*["']([A-Za-z0-9_]+)["']\s*\)""")
    return {key for path in UI.rglob("*.py") for key in pattern.findall(path.read_text("utf-8"))}


def test_bengali_and_english_catalogues_hold_the_same_keys():
    assert set(i18n.catalogue("bn")) == set(i18n.catalogue("en"))


def test_every_key_the_interface_asks_for_has_a_text_in_both_languages():
    missing = {lang: sorted(keys_used_in_code() - set(i18n.catalogue(lang))) for lang in i18n.LANGUAGES}
    assert missing == {"bn": [], "en": []}


def test_the_switch_changes_the_text_and_bengali_is_the_default():
    assert i18n.language() == "bn"
    assert i18n.tr("undo") == "পূর্বাবস্থা"
    i18n.set_language("en")
    try:
        assert i18n.tr("undo") == "Undo"
    finally:
        i18n.set_language("bn")
