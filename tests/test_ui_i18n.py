"""The UI text catalogues (gettext .po files): complete in both languages, used by the code."""

from __future__ import annotations

import ast
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


def computed_key_families() -> dict[str, list[str]]:
    """The prefix of every key the interface works out from a value (``tr(f"tier_{tier}")``),
    with the places that ask for it."""
    families: dict[str, list[str]] = {}
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "tr"
                    and node.args and isinstance(node.args[0], ast.JoinedStr)):
                first = node.args[0].values[0]
                prefix = first.value if isinstance(first, ast.Constant) else ""
                families.setdefault(prefix, []).append(f"{path.relative_to(UI)}:{node.lineno}")
    return families


def computed_key_domains() -> dict[str, set[str]]:
    """Per family, every value its key is made from."""
    from apa_desktop.core import vocabulary
    from apa_desktop.core.evaluation import EVIDENCE
    from apa_desktop.core.model import TIERS
    from apa_desktop.core.progress import ANSWERS
    from apa_desktop.core.rebase import COMPARED
    from apa_desktop.core.templates import KINDS, STATUSES
    from apa_desktop.db.bundles_schema import STATUSES as BUNDLE_STATUSES
    from apa_desktop.db.outbox import OUTBOX_STATES
    from apa_desktop.hq.consolidate import STATUSES as HQ_STATUSES
    from apa_desktop.hq.late import STATUSES as LATE_STATUSES
    from apa_desktop.hq.results import SOURCES

    return {"tier_": set(TIERS), "bundle_": set(BUNDLE_STATUSES), "status_": set(HQ_STATUSES),
            "late_": set(LATE_STATUSES), "results_": set(SOURCES), "evidence_": set(EVIDENCE),
            "answer_": set(ANSWERS), "template_kind_": set(KINDS), "template_status_": set(STATUSES),
            "rebase_row_": set(vocabulary.RowChange),
            # the outbox shows HQ's answer once there is one (OutboxEntry.shown_state)
            "outbox_": set(OUTBOX_STATES) | {"accepted", "returned"},
            "rebase_field_": {name for names in COMPARED.values() for name in names}}


def test_every_computed_key_family_has_a_known_domain():
    """A new tr(f"...{value}") must say here which values it takes, so its keys are checked."""
    unknown = {prefix: places for prefix, places in computed_key_families().items()
               if prefix not in computed_key_domains()}
    assert unknown == {}


def test_computed_keys_have_a_text_in_both_languages():
    """Keys the interface works out from a value (tr(f"tier_{tier}") and the like): every value
    of their domain has a text."""
    computed = {prefix + str(value) for prefix, values in computed_key_domains().items() for value in values}
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
