"""db: opening, migrations, the Store's methods, audit, revisions, evidence, backups."""

from __future__ import annotations

import json
import io
import sqlite3
import unicodedata
import zipfile
from pathlib import Path

import pytest
from sqlite_utils import Database

from apa_desktop.core.edits import Edit, EditConflict, insert_edit, set_edit
from apa_desktop.core.interchange import to_data, to_document
from apa_desktop.core.model import Area, Indicator, Office
from apa_desktop.db import (
    DatabaseDamaged, EvidenceRejected, InvalidRequest, NotFound, RevisionLocked, Store, open_database,
)
from apa_desktop.db.database import connect
from apa_desktop.db.migrations import MIGRATIONS
from crash_writer import small_office_year

Q = "section3.areas[0].activities[0].indicators[{i}].quarters[{q}]"
PDF = b"%PDF-1.7\n% signed test document\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "apa.sqlite3"


@pytest.fixture
def store(db_path: Path):
    s = open_database(db_path)
    yield s
    s.close()


@pytest.fixture
def oy_id(store: Store) -> int:
    return store.create_office_year(small_office_year(), user="clerk")


def q(store: Store, oy_id: int, i: int = 0, quarter: int = 0):
    return store.load(oy_id).section3.areas[0].activities[0].indicators[i].quarters[quarter]


def cell_edit(store, oy_id, value, i=0, quarter=0):
    return set_edit(store.load(oy_id), Q.format(i=i, q=quarter), value)


def body_of(db_path: Path, oy_id: int) -> str:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(
            "SELECT body FROM revisions WHERE office_year_id = ? ORDER BY number DESC LIMIT 1", (oy_id,)
        ).fetchone()[0]
    finally:
        conn.close()


# ------------------------------------------------------------------ opening, migrations, pragmas

def test_new_database_is_wal_with_foreign_keys_and_full_sync(store: Store):
    conn = store._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_tables_are_strict(store: Store):
    for table in ("offices", "office_years", "revisions", "audit", "evidence", "settings"):
        assert store._conn.execute("SELECT strict FROM pragma_table_list WHERE name = ?", (table,)).fetchone()[0] == 1


def test_opening_twice_applies_no_migration_again(db_path: Path):
    open_database(db_path).close()
    conn = sqlite3.connect(db_path)
    before = conn.execute("SELECT name, applied_at FROM _sqlite_migrations").fetchall()
    conn.close()
    open_database(db_path).close()
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT name, applied_at FROM _sqlite_migrations").fetchall() == before
    assert [n for n, _ in before] == [m.name for m in MIGRATIONS._migrations]
    conn.close()


def test_database_made_by_the_first_migration_upgrades_and_keeps_its_data(db_path: Path):
    db = Database(connect(db_path), execute_plugins=False)
    MIGRATIONS.apply(db, stop_before="m002_cell_history_index")
    conn = db.conn  # what the first version wrote, as it wrote it
    body = json.dumps(to_document(small_office_year()), ensure_ascii=False, separators=(",", ":"))
    with conn:
        conn.execute("INSERT INTO offices (id, name, tier) VALUES ('dc-khulna', 'খুলনা', 'district')")
        oy_id = conn.execute("INSERT INTO office_years (office_id, fiscal_year, created_at) "
                             "VALUES ('dc-khulna', '2023-24', '2024-01-01T00:00:00')").lastrowid
        rev = conn.execute("INSERT INTO revisions (office_year_id, number, created_at, created_by, body) "
                           "VALUES (?, 1, '2024-01-01T00:00:00', 'v1', ?)", (oy_id, body)).lastrowid
        conn.execute("INSERT INTO audit (at, user, office_year_id, revision_id, action, new) "
                     "VALUES ('2024-01-01T00:00:00', 'v1', ?, ?, 'create', '\"dc-khulna 2023-24\"')", (oy_id, rev))
    conn.close()
    store = open_database(db_path)
    assert store.history_breaks() == []  # the upgrade chains what was there
    assert store._conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'audit_cell'").fetchone()
    assert store.find_office_year("dc-khulna", "2023-24") == oy_id
    store.apply_edit(oy_id, cell_edit(store, oy_id, 3))
    assert q(store, oy_id) == 3.0
    store.close()


def test_default_database_lives_in_the_user_data_dir(monkeypatch, tmp_path: Path):
    monkeypatch.setattr("apa_desktop.paths.user_data_path", lambda app, appauthor=False: tmp_path / app)
    store = open_database(None)
    assert store.path == tmp_path / "apa-desktop" / "apa.sqlite3"
    assert store.path.exists()
    store.close()


def test_damaged_file_raises_clear_message_naming_file_and_backup(tmp_path: Path):
    path = tmp_path / "apa.sqlite3"
    store = open_database(path)
    store.create_office_year(small_office_year())
    store.backup()
    store.close()
    data = bytearray(path.read_bytes())
    page_size = 4096
    for offset in range(page_size, len(data)):  # garble every page after the header page
        data[offset] = (data[offset] * 7 + 13) % 256
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseDamaged) as info:
        open_database(path)
    message = str(info.value)
    assert str(path) in message and "damaged" in message and "ক্ষতিগ্রস্ত" in message
    assert "backup" in message and "backups" in message


def test_file_that_is_not_a_database_is_reported_as_damaged(tmp_path: Path):
    path = tmp_path / "apa.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseDamaged, match="apa.sqlite3"):
        open_database(path)


# ------------------------------------------------------------------------- offices, office-years

def test_offices_are_added_and_listed_in_nfc(store: Store):
    store.add_office(Office("uno-tongi", unicodedata.normalize("NFD", "উপজেলা নির্বাহী অফিসারের কার্যালয়"),
                            tier="upazila", superior_office="dc-gazipur"))
    (office,) = store.offices()
    assert office == Office("uno-tongi", "উপজেলা নির্বাহী অফিসারের কার্যালয়", "upazila", "dc-gazipur", "")


def test_create_office_year_adds_office_and_revision_one(store: Store, oy_id: int):
    (info,) = store.office_years()
    assert (info.id, info.office_id, info.fiscal_year, info.state, info.revision, info.signed) == (
        oy_id, "dc-khulna", "2023-24", "draft", 1, False)
    assert [o.id for o in store.offices()] == ["dc-khulna"]
    assert store.office_years("other") == []
    assert store.find_office_year("dc-khulna", "2023-24") == oy_id
    assert store.find_office_year("dc-khulna", "2024-25") is None
    assert to_data(store.load(oy_id)) == to_data(small_office_year())
    with pytest.raises(InvalidRequest):
        store.create_office_year(small_office_year())


def test_second_year_of_same_office_reuses_the_office(store: Store, oy_id: int):
    second = store.create_office_year(small_office_year(fiscal_year="2024-25"))
    assert second != oy_id
    assert len(store.offices()) == 1
    assert [i.fiscal_year for i in store.office_years("dc-khulna")] == ["2023-24", "2024-25"]


def test_load_of_unknown_office_year_raises_not_found(store: Store):
    with pytest.raises(NotFound):
        store.load(999)


# ------------------------------------------------------------------------------------------ edits

def test_edit_is_committed_and_survives_reopening(db_path: Path, store: Store, oy_id: int):
    store.apply_edit(oy_id, cell_edit(store, oy_id, 42), user="clerk")
    assert q(store, oy_id) == 42.0
    assert '"quarters":[42,' in body_of(db_path, oy_id)  # committed: visible to another connection
    store.close()
    again = open_database(db_path)
    assert q(again, oy_id) == 42.0
    again.close()


def test_load_returns_the_cached_document_kept_in_step_with_edits(store: Store, oy_id: int):
    doc = store.load(oy_id)
    store.apply_edit(oy_id, cell_edit(store, oy_id, 5))
    assert store.load(oy_id) is doc
    assert doc.section3.areas[0].activities[0].indicators[0].quarters[0] == 5.0


def test_edit_by_another_connection_refreshes_the_cache(db_path: Path, store: Store, oy_id: int):
    store.load(oy_id)
    other = open_database(db_path)
    other.apply_edit(oy_id, cell_edit(other, oy_id, 77))
    other.close()
    assert q(store, oy_id) == 77.0


def test_two_programs_editing_one_office_year_at_once_lose_no_edit(db_path: Path, store: Store, oy_id: int):
    import threading

    rounds, errors = 150, []

    def clerk(quarter: int) -> None:  # its own connection, as a second program would have
        own = open_database(db_path)
        try:
            for n in range(1, rounds + 1):
                own.apply_edit(oy_id, cell_edit(own, oy_id, n, i=n % 3, quarter=quarter), user=f"q{quarter}")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            own.close()

    threads = [threading.Thread(target=clerk, args=(quarter,)) for quarter in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    fresh = open_database(db_path)
    try:
        indicators = fresh.load(oy_id).section3.areas[0].activities[0].indicators
        expected = [max(n for n in range(1, rounds + 1) if n % 3 == i) for i in range(3)]
        assert [ind.quarters[0] for ind in indicators] == expected
        assert [ind.quarters[1] for ind in indicators] == expected
        assert len(fresh.audit_log(oy_id)) >= 2 * rounds
    finally:
        fresh.close()


def test_conflict_mid_paste_leaves_database_and_cache_unchanged(db_path: Path, store: Store, oy_id: int):
    store.apply_edit(oy_id, cell_edit(store, oy_id, 1))
    body_before = body_of(db_path, oy_id)
    audit_before = len(store.audit_log(oy_id))
    doc = store.load(oy_id)
    good = [cell_edit(store, oy_id, 10 + i, i=i) for i in range(3)]
    fresh = cell_edit(store, oy_id, 99)
    stale = Edit("set", fresh.path, 12345, 99)  # expects a value that is not there
    with pytest.raises(EditConflict):
        store.apply_edits(oy_id, good + [stale], user="clerk")
    assert body_of(db_path, oy_id) == body_before
    assert len(store.audit_log(oy_id)) == audit_before
    assert store.load(oy_id) is doc
    assert [ind.quarters[0] for ind in doc.section3.areas[0].activities[0].indicators] == [1.0, None, None]


def test_failing_database_write_rolls_back_the_cache_too(store: Store, oy_id: int, monkeypatch):
    doc = store.load(oy_id)

    def broken_append(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr("apa_desktop.db.store.audit.append", broken_append)
    with pytest.raises(sqlite3.OperationalError):
        store.apply_edit(oy_id, cell_edit(store, oy_id, 8))
    monkeypatch.undo()
    assert doc.section3.areas[0].activities[0].indicators[0].quarters[0] is None
    store._cache.clear()
    assert q(store, oy_id) is None


def test_paste_applies_all_edits_in_one_go(store: Store, oy_id: int):
    doc = store.load(oy_id)
    edits = [set_edit(doc, Q.format(i=i, q=1), 20 + i) for i in range(3)]
    store.apply_edits(oy_id, edits, user="clerk")
    assert [q(store, oy_id, i, 1) for i in range(3)] == [20.0, 21.0, 22.0]
    assert [e.action for e in store.audit_log(oy_id)[:3]] == ["set"] * 3


def test_history_of_one_cell_newest_first(store: Store, oy_id: int):
    for value in (1, 2, 3):
        store.apply_edit(oy_id, cell_edit(store, oy_id, value), user="clerk")
    store.apply_edit(oy_id, cell_edit(store, oy_id, 50, i=1))
    history = store.history(oy_id, Q.format(i=0, q=0))
    assert [(h.old, h.new) for h in history] == [(2, 3), (1, 2), (None, 1)]
    assert history[0].user == "clerk" and history[0].action == "set"
    assert store.history(oy_id, ("section3", "areas", 0, "activities", 0, "indicators", 0, "quarters", 0)) == history
    assert history[0].as_edit().inverse().new == 2


def test_history_of_a_cell_stays_with_its_indicator_when_a_row_is_inserted_above(store: Store, oy_id: int):
    store.apply_edit(oy_id, cell_edit(store, oy_id, 7, i=1))  # indicators[1]
    indicators = "section3.areas[0].activities[0].indicators"
    store.apply_edit(oy_id, insert_edit(store.load(oy_id), indicators, 0, Indicator(code="new")))
    (entry,) = store.history(oy_id, Q.format(i=2, q=0))  # the same indicator, one row down
    assert (entry.old, entry.new) == (None, 7)
    assert store.history(oy_id, Q.format(i=1, q=0)) == []  # the row now at [1] never changed


def test_row_insert_is_audited_and_undone_from_its_audit_entry(store: Store, oy_id: int):
    store.apply_edit(oy_id, insert_edit(store.load(oy_id), "section3.areas", 2, Area(code="3")))
    (entry,) = store.history(oy_id, "section3.areas[2]")
    store.apply_edit(oy_id, entry.as_edit().inverse())
    assert len(store.load(oy_id).section3.areas) == 2


def test_an_office_left_without_a_name_is_refused_and_nothing_changes(db_path: Path, store: Store, oy_id: int):
    body = body_of(db_path, oy_id)
    with pytest.raises(InvalidRequest, match="name"):
        store.apply_edit(oy_id, set_edit(store.load(oy_id), "office.name", "  "))
    assert body_of(db_path, oy_id) == body and store.offices()[0].name == store.load(oy_id).office.name != "  "


def test_editing_the_office_keeps_the_offices_table_in_step(store: Store, oy_id: int):
    store.apply_edit(oy_id, set_edit(store.load(oy_id), "office.name", "নতুন নাম"))
    assert store.offices()[0].name == "নতুন নাম"
    assert store.office_years()[0].office_name == "নতুন নাম"


def test_edit_text_is_stored_nfc_in_document_and_audit(store: Store, oy_id: int):
    nfd = unicodedata.normalize("NFD", "কার্যক্রম যোগ")
    store.apply_edit(oy_id, set_edit(store.load(oy_id), "section3.areas[0].title", nfd))
    assert store.load(oy_id).section3.areas[0].title == unicodedata.normalize("NFC", nfd)
    assert store.history(oy_id, "section3.areas[0].title")[0].new == unicodedata.normalize("NFC", nfd)


# ---------------------------------------------------------------------------------------- audit

def test_audit_log_is_append_only(store: Store, oy_id: int):
    store.apply_edit(oy_id, cell_edit(store, oy_id, 1))
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store._conn.execute("UPDATE audit SET user = 'someone else'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store._conn.execute("DELETE FROM audit")
    store._conn.rollback()
    assert [e.action for e in store.audit_log(oy_id)] == ["set", "create"]


# ------------------------------------------------------------------- revisions, signing, states

def test_signed_revision_refuses_edits_until_a_new_revision_is_opened(store: Store, oy_id: int):
    store.apply_edit(oy_id, cell_edit(store, oy_id, 4))
    store.mark_signed(oy_id, "ডিসি খুলনা", PDF)
    assert store.office_years()[0].signed
    with pytest.raises(RevisionLocked, match="new revision with a reason"):
        store.apply_edit(oy_id, cell_edit(store, oy_id, 5))
    with pytest.raises(RevisionLocked):
        store.mark_signed(oy_id, "again", PDF)
    with pytest.raises(InvalidRequest):
        store.new_revision(oy_id, "   ", user="clerk")
    rev2 = store.new_revision(oy_id, "৩০ সেপ্টেম্বরের আগে লক্ষ্যমাত্রা সংশোধন", user="clerk")
    store.apply_edit(oy_id, cell_edit(store, oy_id, 5))
    first, second = store.revisions(oy_id)
    assert (first.number, first.locked, first.signed_by) == (1, True, "ডিসি খুলনা")
    assert (second.id, second.number, second.parent_id, second.locked) == (rev2, 2, first.id, False)
    assert second.reason == "৩০ সেপ্টেম্বরের আগে লক্ষ্যমাত্রা সংশোধন"
    assert store.load(oy_id, first.id).section3.areas[0].activities[0].indicators[0].quarters[0] == 4.0
    assert q(store, oy_id) == 5.0
    assert store.signed_pdf(first.id) == PDF
    assert store.signed_pdf(second.id) is None


def test_signed_body_cannot_be_changed_even_by_raw_sql(store: Store, oy_id: int):
    store.mark_signed(oy_id, "x", PDF)
    with pytest.raises(sqlite3.IntegrityError, match="signed"):
        store._conn.execute("UPDATE revisions SET body = '{}'")
    with pytest.raises(sqlite3.IntegrityError, match="unlocked"):
        store._conn.execute("UPDATE revisions SET locked = 0")
    store._conn.rollback()


def test_set_state_is_validated_and_audited(store: Store, oy_id: int):
    store.set_state(oy_id, "sent_for_feedback", user="clerk")
    assert store.office_years()[0].state == "sent_for_feedback"
    entry = store.audit_log(oy_id)[0]
    assert (entry.action, entry.old, entry.new) == ("state", "draft", "sent_for_feedback")
    with pytest.raises(InvalidRequest):
        store.set_state(oy_id, "finished")


def test_replace_document_on_draft_replaces_body_and_is_audited(store: Store, oy_id: int):
    doc = small_office_year()
    doc.overview.achievements = "নতুন অর্জন"
    store.replace_document(oy_id, doc, user="clerk", reason="import-json")
    assert store.load(oy_id).overview.achievements == "নতুন অর্জন"
    assert len(store.revisions(oy_id)) == 1
    assert store.audit_log(oy_id)[0].action == "replace"


def test_replace_document_on_signed_revision_opens_a_new_one(store: Store, oy_id: int):
    store.mark_signed(oy_id, "x", PDF)
    doc = small_office_year()
    doc.overview.achievements = "আমদানি"
    store.replace_document(oy_id, doc, user="clerk", reason="HQ corrected")
    first, second = store.revisions(oy_id)
    assert second.reason == "HQ corrected" and first.locked and not second.locked
    assert store.load(oy_id).overview.achievements == "আমদানি"
    assert store.load(oy_id, first.id).overview.achievements == ""


def test_replace_document_refuses_another_office_year(store: Store, oy_id: int):
    with pytest.raises(InvalidRequest):
        store.replace_document(oy_id, small_office_year(fiscal_year="2030-31"), user="", reason="x")


# ------------------------------------------------------------------------------------- evidence

def _office_zip(folder: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(f"{folder}/document.xml", "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize("data, name, mime", [
    (PDF, "অফিস আদেশ.pdf", "application/pdf"),
    (b"\xff\xd8\xff\xe0" + b"\0" * 20, "photo.JPG", "image/jpeg"),
    (PNG, "scan.png", "image/png"),
    (_office_zip("word"), "letter.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (_office_zip("xl"), "register.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
])
def test_evidence_of_accepted_kinds_is_stored_by_sha256(store: Store, data, name, mime):
    sha = store.put_evidence(data, name)
    assert store.evidence_exists(sha)
    stored = store.get_evidence(sha)
    assert (stored.data, stored.name, stored.mime, stored.size) == (data, name, mime, len(data))
    assert store.put_evidence(data, name) == sha  # same bytes twice: one copy


@pytest.mark.parametrize("data, name, message", [
    (b"MZ\x90\x00 windows program", "virus.exe", "not accepted"),
    (PNG, "scan.pdf", "does not match"),
    (_office_zip("word"), "book.xlsx", "does not match"),
    (b"PK\x03\x04 broken zip", "x.docx", "not accepted"),
])
def test_evidence_of_other_kinds_is_refused(store: Store, data, name, message):
    with pytest.raises(EvidenceRejected, match=message):
        store.put_evidence(data, name)


def test_evidence_over_the_size_limit_is_refused_with_the_limit_named(store: Store):
    with pytest.raises(EvidenceRejected, match="limit is 20 MB"):
        store.put_evidence(PDF + b"\0" * (20 * 1024 * 1024), "big.pdf")
    store.set_setting("evidence.max_bytes", 1024)
    with pytest.raises(EvidenceRejected, match="too large"):
        store.put_evidence(PDF + b"\0" * 2000, "small.pdf")
    assert not store.evidence_exists("0" * 64)
    with pytest.raises(NotFound):
        store.get_evidence("0" * 64)


# ------------------------------------------------------------------------ settings, backups

def test_settings_keep_json_values(store: Store):
    assert store.get_setting("digits", "bn") == "bn"
    store.set_setting("digits", "en")
    store.set_setting("scoring", {"mode": "step", "quarters": [1, 2]})
    store.set_setting("digits", "bn")
    assert store.get_setting("digits") == "bn"
    assert store.get_setting("scoring") == {"mode": "step", "quarters": [1, 2]}


def test_backups_rotate_keeping_the_newest(store: Store, oy_id: int, tmp_path: Path):
    dest = tmp_path / "bk"
    made = [store.backup(dest, keep=3) for _ in range(5)]
    assert sorted(dest.iterdir()) == made[-3:]
    copy = open_database(made[-1])
    assert copy.find_office_year("dc-khulna", "2023-24") == oy_id
    copy.close()


def test_default_backup_folder_is_beside_the_database(store: Store, db_path: Path):
    made = store.backup()
    assert made.parent == db_path.parent / "backups"
    assert made.name.startswith("apa-") and made.suffix == ".sqlite3"


def test_stored_body_stays_identical_to_encoding_the_document_after_mixed_edits(db_path: Path, store: Store,
                                                                                 oy_id: int):
    """The store patches the body's JSON data edit by edit instead of re-encoding it: the two
    must never drift apart."""
    import json

    from apa_desktop.core.edits import move_edit, remove_edit
    from apa_desktop.core.interchange import to_document
    from apa_desktop.core.model import Plan

    doc = store.load(oy_id)
    steps = [
        lambda: cell_edit(store, oy_id, 1.5, i=2, quarter=3),
        lambda: insert_edit(doc, "section3.areas", 1, Area(code="x", title="নতুন ক্ষেত্র")),
        lambda: move_edit(doc, "section3.areas", 0, 2),
        lambda: set_edit(doc, "annexes.grs", Plan(kind="grs", total=25)),
        lambda: set_edit(doc, "annexes.grs.title", "অভিযোগ প্রতিকার"),
        lambda: set_edit(doc, "section3.areas[2].activities[0].indicators[0].pending.quarters", "নিশ্চিত করুন"),
        lambda: set_edit(doc, "section3.areas[2].activities[0].indicators[0].pending.quarters", None),
        lambda: set_edit(doc, "annexes.grs", None),
        lambda: remove_edit(doc, "section3.areas", 0),
        lambda: set_edit(doc, "cover.signing_date", __import__("datetime").date(2023, 6, 25)),
        lambda: set_edit(doc, "section3.columns.levels", (100, 80, 60)),
    ]
    for step in steps:
        store.apply_edit(oy_id, step())
        assert json.loads(body_of(db_path, oy_id)) == to_document(doc)


def test_office_id_and_fiscal_year_cannot_be_edited(db_path: Path, store: Store, oy_id: int):
    body_before = body_of(db_path, oy_id)
    doc = store.load(oy_id)
    for path, value in (("office.id", "someone-else"), ("fiscal_year", "2030-31")):
        with pytest.raises(InvalidRequest, match="cannot be edited"):
            store.apply_edit(oy_id, set_edit(doc, path, value))
    assert (doc.office.id, doc.fiscal_year) == ("dc-khulna", "2023-24")
    assert body_of(db_path, oy_id) == body_before


def test_automatic_backup_is_made_only_when_due(store: Store, db_path: Path):
    first = store.backup_if_due(hours=24)
    assert first is not None and first.parent == db_path.parent / "backups"
    assert store.backup_if_due(hours=24) is None
    assert store.backup_if_due(hours=0) is not None
