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


def test_computed_keys_have_a_text_in_both_languages():
    """Keys the interface works out from a value (tr(f"tier_{tier}") and the like): every value
    of their domain has a text."""
    from apa_desktop.core.model import TIERS
    from apa_desktop.db.bundles_schema import STATUSES as BUNDLE_STATUSES
    from apa_desktop.hq.consolidate import STATUSES as HQ_STATUSES

    computed = ({f"tier_{t}" for t in TIERS} | {f"bundle_{s}" for s in BUNDLE_STATUSES}
                | {f"status_{s}" for s in HQ_STATUSES})
    missing = {lang: sorted(computed - set(i18n.catalogue(lang))) for lang in i18n.LANGUAGES}
    assert missing == {"bn": [], "en": []}


def test_a_missing_key_fails_instead_of_showing_the_key(monkeypatch):
    import pytest

    with pytest.raises(i18n.MissingText):
        i18n.tr("no_such_key_anywhere")
    monkeypatch.delenv(i18n.STRICT_ENV)
    assert i18n.tr("no_such_key_anywhere") == "no_such_key_anywhere"


def test_every_tab_of_every_demo_office_year_opens_in_both_languages(tmp_path, qtbot):
    """Opening each tab asks tr() for every computed key it shows; the tests' strict tr() fails on
    one missing from a catalogue."""
    import pytest

    pytest.importorskip("pytestqt")
    from apa_desktop.db import open_database
    from apa_desktop.db.demo import install_demo
    from apa_desktop.ui.main_window import MainWindow

    store = open_database(tmp_path / "apa.db")
    install_demo(store)
    try:
        for lang in i18n.LANGUAGES:
            i18n.set_language(lang)
            for info in store.office_years():
                window = MainWindow(store, info.id)
                qtbot.addWidget(window)
                for key in window.keys():
                    window.tab(key)
    finally:
        i18n.set_language("bn")
        store.close()
