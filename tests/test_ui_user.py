"""Who changed it: the clerk's name and post, kept in the settings, go into every audit row and
the cell history shows them."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from apa_desktop.db import open_database  # noqa: E402
from apa_desktop.db.demo import install_demo  # noqa: E402
from apa_desktop.ui.main_window import MainWindow  # noqa: E402
from apa_desktop.ui.user_dialog import UserDialog, ask_user_once  # noqa: E402


def test_name_and_post_typed_once_go_into_every_audit_row_and_the_history(tmp_path, qtbot, monkeypatch):
    store = open_database(tmp_path / "apa.db")
    install_demo(store)
    oy_id = store.find_office_year("khulna-ict", "2022-23")
    asked = []
    monkeypatch.setattr(UserDialog, "exec", lambda self: asked.append(self) or 0)
    ask_user_once(store)
    assert len(asked) == 1
    dialog = asked[0]
    assert not dialog.save() and dialog.message.text()  # a name is required
    dialog.name.setText(" রহিম উদ্দিন ")
    dialog.post.setText("অফিস সহকারী")
    assert dialog.save()
    ask_user_once(store)
    assert len(asked) == 1  # not asked again

    window = MainWindow(store, oy_id)
    qtbot.addWidget(window)
    tab = window.tab("section3")
    r = next(r for r, row in enumerate(tab.model.rows) if row.kind == "indicator")
    c = next(c for c, col in enumerate(tab.model.columns) if col.header[1] == "Achieved\nQ1")
    assert tab.model.setData(tab.model.index(r, c), "৭")
    assert store.audit_log(oy_id)[0].user == "রহিম উদ্দিন (অফিস সহকারী)"
    assert "রহিম উদ্দিন (অফিস সহকারী)" in tab.view.history_lines(tab.model.index(r, c))[0]

    window.user_action.trigger()  # the toolbar's "আমার নাম ও পদবি…" opens the dialog, filled in
    changed = asked[-1]
    assert changed.name.text() == "রহিম উদ্দিন" and changed.post.text() == "অফিস সহকারী"
    changed.name.setText("করিম")
    changed.post.setText("")
    changed.save()
    assert tab.model.setData(tab.model.index(r, c), "৮")
    assert store.audit_log(oy_id)[0].user == "করিম"
    store.close()
