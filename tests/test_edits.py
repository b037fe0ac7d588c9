"""core.edits: paths, set/insert/remove/move, conflicts and undo."""

from __future__ import annotations

import json
import unicodedata
from datetime import date

import pytest

from apa_desktop.core.edits import (
    Edit, EditConflict, EditError, apply_edit, insert_edit, move_edit, path_from_text, path_to_text,
    remove_edit, set_edit,
)
from apa_desktop.core.interchange import to_data
from apa_desktop.core.model import Area, CountDate, Indicator, Plan
from crash_writer import small_office_year

Q3 = ("section3", "areas", 0, "activities", 0, "indicators", 1, "quarters", 2)
Q3_TEXT = "section3.areas[0].activities[0].indicators[1].quarters[2]"


def indicator(oy, a=0, i=1):
    return oy.section3.areas[a].activities[0].indicators[i]


def test_path_text_round_trips_fields_indexes_and_odd_dict_keys():
    assert path_to_text(Q3) == Q3_TEXT
    assert path_from_text(Q3_TEXT) == Q3
    odd = ("section3", "areas", 0, "activities", 0, "indicators", 0, "pending", "a b\"c")
    assert path_from_text(path_to_text(odd)) == odd
    assert path_from_text("annexes.egov.total") == ("annexes", "egov", "total")


@pytest.mark.parametrize("text", ["section3..areas", ".section3", "section3.areas[x]", "section3[0", "a b"])
def test_path_from_text_rejects_malformed_text(text):
    with pytest.raises(EditError):
        path_from_text(text)


def test_set_edit_captures_old_value_and_inverse_restores_it():
    oy = small_office_year()
    indicator(oy).quarters[2] = 7.0
    edit = set_edit(oy, Q3, 12.5)
    assert (edit.kind, edit.old, edit.new) == ("set", 7, 12.5)
    apply_edit(oy, edit)
    assert indicator(oy).quarters[2] == 12.5
    apply_edit(oy, edit.inverse())
    assert indicator(oy).quarters[2] == 7.0


def test_set_edit_accepts_text_path_and_typed_values():
    oy = small_office_year()
    apply_edit(oy, set_edit(oy, Q3_TEXT, date(2024, 3, 20)))
    assert indicator(oy).quarters[2] == date(2024, 3, 20)
    apply_edit(oy, set_edit(oy, Q3, CountDate(4, (date(2023, 7, 31),))))
    assert indicator(oy).quarters[2] == CountDate(4.0, (date(2023, 7, 31),))


def test_stale_edit_raises_conflict_and_leaves_model_unchanged():
    oy = small_office_year()
    edit = set_edit(oy, Q3, 5)
    apply_edit(oy, set_edit(oy, Q3, 9))
    with pytest.raises(EditConflict, match="quarters"):
        apply_edit(oy, edit)
    assert indicator(oy).quarters[2] == 9.0


def test_value_of_the_wrong_type_is_refused_before_the_model_changes():
    oy = small_office_year()
    with pytest.raises(EditError):
        set_edit(oy, Q3, "twelve")
    bad = Edit("set", ("section3", "areas", 0, "title"), "ক্ষেত্র 1", 42)
    with pytest.raises(EditError, match="expected text"):
        apply_edit(oy, bad)
    assert oy.section3.areas[0].title == "ক্ষেত্র 1"


@pytest.mark.parametrize("path, place", [
    ("section3.nope", "section3.nope"),
    ("section3.areas[7].title", "section3.areas[7]"),
    ("cover.signing_date.year", "cover.signing_date"),
    (Q3_TEXT + ".count", "quarters[2]"),
])
def test_bad_path_raises_edit_error_naming_the_place(path, place):
    with pytest.raises(EditError, match=place.replace("[", r"\[").replace("]", r"\]")):
        set_edit(small_office_year(), path, 1)


def test_insert_remove_and_their_inverses():
    oy = small_office_year()
    ins = insert_edit(oy, ("section3", "areas"), 1, Area(code="9", title="নতুন"))
    apply_edit(oy, ins)
    assert [a.code for a in oy.section3.areas] == ["1", "9", "2"]
    assert ins.path == ("section3", "areas", 1)
    apply_edit(oy, ins.inverse())
    assert [a.code for a in oy.section3.areas] == ["1", "2"]
    rem = remove_edit(oy, "section3.areas", 0)
    apply_edit(oy, rem)
    assert [a.code for a in oy.section3.areas] == ["2"]
    apply_edit(oy, rem.inverse())
    assert [a.code for a in oy.section3.areas] == ["1", "2"]
    assert oy.section3.areas[0].activities[0].indicators[0].levels == [100.0, 90.0, 80.0, 70.0, 60.0]


def test_move_and_its_inverse():
    oy = small_office_year()
    indicators = oy.section3.areas[0].activities[0].indicators
    mv = move_edit(oy, "section3.areas[0].activities[0].indicators", 0, 2)
    apply_edit(oy, mv)
    assert [i.code for i in indicators] == ["1.1.2", "1.1.3", "1.1.1"]
    apply_edit(oy, mv.inverse())
    assert [i.code for i in indicators] == ["1.1.1", "1.1.2", "1.1.3"]


def test_insert_out_of_range_and_remove_of_a_changed_row_are_refused():
    oy = small_office_year()
    with pytest.raises(EditError, match="out of range"):
        insert_edit(oy, "section3.areas", 5, Area())
    rem = remove_edit(oy, "section3.areas", 0)
    apply_edit(oy, set_edit(oy, "section3.areas[0].title", "বদলানো"))
    with pytest.raises(EditConflict):
        apply_edit(oy, rem)
    assert len(oy.section3.areas) == 2


def test_edit_data_is_plain_json_for_the_audit_log():
    oy = small_office_year()
    edit = insert_edit(oy, "section3.areas[0].activities[0].indicators", 0,
                       Indicator(code="1.1.0", quarters=[date(2024, 1, 1), None, None, None]))
    assert json.loads(json.dumps(edit.new)) == edit.new
    assert edit.new["quarters"][0] == "2024-01-01"


def test_text_is_stored_nfc():
    oy = small_office_year()
    decomposed = unicodedata.normalize("NFD", "কার্যালয় ক্ষেত্র")
    edit = set_edit(oy, "section3.areas[0].title", decomposed)
    assert edit.new == unicodedata.normalize("NFC", decomposed)
    apply_edit(oy, edit)
    assert oy.section3.areas[0].title == unicodedata.normalize("NFC", decomposed)


def test_dict_keys_are_added_by_set_and_removed_by_setting_none():
    oy = small_office_year()
    add = set_edit(oy, "annexes.egov", Plan(kind="egov", total=10))
    assert add.old is None
    apply_edit(oy, add)
    assert oy.annexes["egov"].total == 10
    apply_edit(oy, set_edit(oy, "annexes.egov.total", 25))
    apply_edit(oy, set_edit(oy, "annexes.egov", None))
    assert "egov" not in oy.annexes


def test_tuple_fields_are_set_whole_not_in_part():
    oy = small_office_year()
    apply_edit(oy, set_edit(oy, "section3.columns.levels", (100, 80, 60)))
    assert oy.section3.columns.levels == (100, 80, 60)
    with pytest.raises(EditError, match="whole"):
        apply_edit(oy, Edit("set", ("section3", "columns", "levels", 0), 100, 90))


def test_empty_path_and_unknown_kind_are_refused():
    oy = small_office_year()
    with pytest.raises(EditError):
        set_edit(oy, (), small_office_year())
    with pytest.raises(EditError, match="kind"):
        apply_edit(oy, Edit("rename", Q3))  # type: ignore[arg-type]


def test_to_data_of_model_matches_edit_old_for_whole_rows():
    oy = small_office_year()
    rem = remove_edit(oy, "section3.areas", 1)
    assert rem.old == to_data(oy.section3.areas[1])


# A cell's history follows its row through inserts, removals and moves of the rows around it.

from hypothesis import given, settings, strategies as st  # noqa: E402

from apa_desktop.core.edits import path_to_text, trace_history  # noqa: E402

_ROWS = ("section3", "areas")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["set", "insert", "remove", "move"]), st.integers(0, 50),
                          st.integers(0, 50)), max_size=40))
def test_a_cells_history_follows_its_row_as_rows_come_and_go(operations):
    rows = list(range(4))  # row identities, in order
    next_row, log, sets_of = 4, [], {r: [] for r in rows}
    for key, (kind, a, b) in enumerate(operations):
        if kind == "insert":
            i = a % (len(rows) + 1)
            rows.insert(i, next_row)
            sets_of[next_row] = []
            next_row += 1
            log.append((key, "insert", path_to_text(_ROWS + (i,)), None))
        elif not rows:
            continue
        elif kind == "set":
            i = a % len(rows)
            sets_of[rows[i]].append(key)
            log.append((key, "set", path_to_text(_ROWS + (i, "title")), None))
        elif kind == "remove":
            i = a % len(rows)
            del rows[i]
            log.append((key, "remove", path_to_text(_ROWS + (i,)), None))
        else:
            i, j = a % len(rows), b % len(rows)
            rows.insert(j, rows.pop(i))
            log.append((key, "move", path_to_text(_ROWS + (i,)), j))
    newest_first = log[::-1]
    for position, row in enumerate(rows):
        assert trace_history(newest_first, _ROWS + (position, "title")) == sets_of[row][::-1]


def test_a_rows_history_ends_at_its_insert_and_stops_at_a_replaced_document():
    log = [(5, "move", "section3.areas[0]", 2), (4, "set", "section3.areas[0].title", None),
           (3, "insert", "section3.areas[0]", None), (2, "replace", "", None), (1, "set", "section3.areas[0].title", None)]
    assert trace_history(log, _ROWS + (2,)) == [5, 3]
    assert trace_history(log, _ROWS + (2, "title")) == [4]
    assert trace_history(log, _ROWS + (1, "title")) == []  # was row 0 before the insert; the import ends it
