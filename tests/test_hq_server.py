"""HQ's server for real: `hq serve` in a subprocess on 127.0.0.1 over TLS with a test CA, offices
linked with a link file sending from their outbox; faults, refusals and repeats."""

from __future__ import annotations

import json

import pytest

from apa_desktop.hq.consolidate import consolidated_rows
from apa_desktop.hq.review import review
from apa_desktop.sync.sender import link_office, send_queued

from bundle_helpers import office_key
from server_helpers import cli, office_with_bundle, usb_import_reference


def test_a_linked_office_delivers_its_bundle_and_gets_hqs_answer_back(hq_server, tmp_path, make_hq):
    link = hq_server.enroll("DC-KHULNA")
    store, sent = office_with_bundle(tmp_path, "DC-KHULNA")
    assert link_office(store, link.read_bytes()).url == hq_server.url
    report = send_queued(store)
    assert report.exit_code == 0, report.lines
    (entry,) = store.outbox()
    assert (entry.state, entry.shown_state) == ("delivered", "accepted")
    assert consolidated_rows(hq_server.store) == usb_import_reference(make_hq, [sent.path], ["DC-KHULNA"])
    again = send_queued(store)  # nothing left to send: no transfer, nothing changes at HQ
    assert again.exit_code == 0 and again.lines == []
    review(hq_server.store, office_key("HQ Cabinet Division"), "DC-KHULNA", "2023-24", "returned",
           "সূচক ১.১.১-এর প্রমাণক দিন", "রহিম", tmp_path / "answers")
    assert send_queued(store).exit_code == 0
    (entry,) = store.outbox()
    assert entry.shown_state == "returned" and entry.hq_comment == "সূচক ১.১.১-এর প্রমাণক দিন"


def test_the_command_line_links_sends_and_reports_with_its_exit_codes(hq_server, tmp_path):
    link = hq_server.enroll("DC-KHULNA")
    store, _ = office_with_bundle(tmp_path, "DC-KHULNA")
    store.close()
    db = tmp_path / "DC-KHULNA.sqlite3"
    unlinked = cli("bundle", "send", "--db", db)
    assert unlinked.returncode == 1 and "link" in unlinked.stderr
    assert cli("bundle", "link", "--db", db, link).returncode == 0
    hq_server.stop()
    down = cli("bundle", "send", "--db", db)
    assert down.returncode == 3 and "queued" in down.stdout
    assert "queued" in cli("bundle", "outbox", "--db", db).stdout
    hq_server.start()
    done = cli("bundle", "send", "--db", db)
    assert done.returncode == 0 and "accepted" in done.stdout, done.stdout + done.stderr
    assert "\taccepted\t" in cli("bundle", "history", "--db", db).stdout


def _rewrite_link(link, **changes):
    data = json.loads(link.read_bytes())
    data.update(changes)
    link.write_text(json.dumps(data), encoding="utf-8")
    return link


def test_a_connection_cut_after_every_chunk_resumes_and_delivers_once(hq_server, tmp_path, make_hq):
    from server_helpers import CuttingProxy

    chunk = 16 * 1024
    proxy = CuttingProxy(hq_server.port, cut_after=int(chunk * 1.3))
    link = _rewrite_link(hq_server.enroll("DC-KHULNA"), url=f"https://127.0.0.1:{proxy.port}")
    store, sent = office_with_bundle(tmp_path, "DC-KHULNA", evidence_bytes=6 * chunk)
    link_office(store, link.read_bytes())
    try:
        report = send_queued(store, chunk_bytes=chunk)
    finally:
        proxy.close()
    assert report.exit_code == 0, report.lines
    assert proxy.connections >= 5  # one connection per chunk or so
    assert proxy.uploaded < 2 * sent.size  # resumed: chunks HQ had were not sent again
    assert hq_server.store.backend.fetchall("SELECT count(*) FROM bundles") == [(1,)]
    assert consolidated_rows(hq_server.store) == usb_import_reference(make_hq, [sent.path], ["DC-KHULNA"])
    assert store.outbox()[0].shown_state == "accepted"


def test_a_server_killed_during_commit_leaves_no_half_bundle_and_the_resend_lands_once(hq_server, tmp_path, make_hq):
    import signal
    import threading

    from apa_desktop.sync.client import HqClient, Link, Unreachable

    link = hq_server.enroll("DC-KHULNA")
    store, sent = office_with_bundle(tmp_path, "DC-KHULNA", evidence_bytes=200_000)
    row = link_office(store, link.read_bytes())
    data = store.outbox_data(sent.sha256)
    client = HqClient(Link(row.url, row.ca_cert, row.pins, row.token), 64 * 1024)
    for index in client.declare(data):
        client.send_chunk(data, index)

    def commit() -> None:
        try:
            client.commit(data)
        except Unreachable:
            pass

    worker = threading.Thread(target=commit)
    worker.start()
    import time

    time.sleep(0.05)
    hq_server.stop(signal.SIGKILL)
    worker.join(30)
    client.close()
    tables = hq_server.store.dump_tables()
    assert len([r for r in tables if r[0] == "bundles"]) in (0, 1)  # all of the import or none of it
    hq_server.start()
    assert send_queued(store).exit_code == 0
    assert hq_server.store.backend.fetchall("SELECT count(*) FROM bundles") == [(1,)]
    assert consolidated_rows(hq_server.store) == usb_import_reference(make_hq, [sent.path], ["DC-KHULNA"])


def test_a_busy_server_answers_503_with_retry_after_and_the_bundle_lands_once_afterwards(tmp_path, make_hq):
    from server_helpers import hq_site

    paused = hq_site(tmp_path / "hq", make_hq())
    pause = tmp_path / "maintenance"
    pause.touch()
    paused.start("--pause-file", pause, "--retry-after", "120")
    try:
        link = paused.enroll("DC-KHULNA")
        store, sent = office_with_bundle(tmp_path, "DC-KHULNA")
        link_office(store, link.read_bytes())
        for _ in range(3):
            report = send_queued(store)
            assert report.exit_code == 3 and "busy" in report.lines[0]
            (entry,) = store.outbox()
            assert entry.state == "queued" and entry.last_status == "busy"
            assert entry.next_attempt_at is not None
        from datetime import datetime, timedelta, timezone

        assert entry.next_attempt_at >= (datetime.now(timezone.utc) + timedelta(seconds=100)).isoformat()
        assert send_queued(store, due_only=True).exit_code == 3  # the timer waits as HQ asked
        pause.unlink()
        assert send_queued(store).exit_code == 0
        assert paused.store.backend.fetchall("SELECT count(*) FROM bundles") == [(1,)]
        assert consolidated_rows(paused.store) == usb_import_reference(make_hq, [sent.path], ["DC-KHULNA"])
    finally:
        paused.stop()


@pytest.mark.parametrize("fault", ["wrong_pin", "revoked_token", "other_office_token", "tampered_bundle"])
def test_refusals_hold_the_bundle_for_the_clerk_and_change_nothing_at_hq(hq_server, tmp_path, fault):
    from server_helpers import cli
    from hq_helpers import hq_cli_args

    link = hq_server.enroll("DC-KHULNA")
    store, sent = office_with_bundle(tmp_path, "DC-KHULNA")
    expected = {"wrong_pin": "pin_mismatch", "revoked_token": "token_refused",
                "other_office_token": "wrong_office", "tampered_bundle": "signature_invalid"}[fault]
    if fault == "wrong_pin":
        _rewrite_link(link, pins=["0" * 64])
    elif fault == "revoked_token":
        assert cli("hq", "revoke", *hq_cli_args(hq_server.store), "--office-id", "DC-KHULNA", "--tokens").returncode == 0
    elif fault == "other_office_token":
        other = json.loads(hq_server.enroll("DC-JESSORE").read_bytes())["token"]
        _rewrite_link(link, token=other)
    link_office(store, link.read_bytes())
    if fault == "tampered_bundle":
        data = bytearray(store.outbox_data(sent.sha256))
        position = data.find(b"manifest.json")
        data[position + 40] ^= 0x01
        store._db.execute("UPDATE outbox SET data = ? WHERE sha256 = ?", (bytes(data), sent.sha256))
    before = hq_server.store.dump_tables()
    report = send_queued(store)
    assert report.exit_code == 1, report.lines
    (entry,) = store.outbox()
    assert entry.state == "held" and entry.last_status in (expected, "hash_mismatch", "corrupt", "manifest_invalid")
    assert "/" in entry.last_message  # Bengali / English for the clerk
    assert hq_server.store.dump_tables() == before
    assert send_queued(store).exit_code == 0 and store.outbox()[0].state == "held"  # never retried by itself


def test_a_receipt_brought_by_usb_settles_the_outbox_entry_and_nothing_is_sent_again(hq_server, tmp_path):
    from apa_desktop.export.bundle_export import import_receipt
    from apa_desktop.hq.enrolment import enroll
    from apa_desktop.hq.importer import Importer
    from apa_desktop.hq.receipts import receipt_for_outcome

    from bundle_helpers import make_key

    link = hq_server.enroll("DC-KHULNA")
    store, sent = office_with_bundle(tmp_path, "DC-KHULNA")
    enroll(hq_server.store, "DC-KHULNA", make_key("DC-KHULNA")[1])
    outcome = Importer(hq_server.store).import_source(sent.path)  # the USB stick got there first
    receipt = receipt_for_outcome(office_key("HQ Cabinet Division"), outcome, tmp_path / "usb-back")
    import_receipt(store.path, receipt.read_bytes(), (hq_server.folder / "hq.crt").read_bytes())
    assert store.outbox()[0].shown_state == "accepted"
    link_office(store, link.read_bytes())
    report = send_queued(store)
    assert report.exit_code == 0 and report.lines == []
    assert store.outbox()[0].attempts == 0  # settled by the USB receipt: never uploaded


def test_template_packs_newer_than_the_office_has_come_on_the_same_connection(tmp_path, make_hq):
    from apa_desktop.sync.sender import packs_dir
    from server_helpers import hq_site

    site = hq_site(tmp_path / "hq", make_hq())
    packs = tmp_path / "hq" / "packs"
    packs.mkdir()
    (packs / "2024-25.apapack").write_bytes(b"pack 2024-25")
    (packs / "notes.txt").write_bytes(b"not a pack")
    site.start("--packs", packs)
    try:
        link = site.enroll("DC-KHULNA")
        store, _ = office_with_bundle(tmp_path, "DC-KHULNA")
        link_office(store, link.read_bytes())
        assert send_queued(store).exit_code == 0
        assert [p.name for p in packs_dir(store).iterdir()] == ["2024-25.apapack"]
        (packs / "2025-26.apapack").write_bytes(b"pack 2025-26")
        assert send_queued(store).exit_code == 0
        assert sorted(p.name for p in packs_dir(store).iterdir()) == ["2024-25.apapack", "2025-26.apapack"]
        assert store.get_setting("hq_newest_pack") == "2025-26.apapack"
    finally:
        site.stop()


def test_sigterm_with_a_commit_in_flight_finishes_it_and_the_server_exits(hq_server, tmp_path):
    import signal
    import threading
    import time

    from apa_desktop.sync.client import HqClient, Link, Unreachable

    link = hq_server.enroll("DC-KHULNA")
    store, sent = office_with_bundle(tmp_path, "DC-KHULNA", evidence_bytes=300_000)
    row = link_office(store, link.read_bytes())
    client = HqClient(Link(row.url, row.ca_cert, row.pins, row.token), 64 * 1024)
    idle = HqClient(Link(row.url, row.ca_cert, row.pins, row.token))
    idle.hello()  # a kept-alive connection left open, as a slow office would
    data = store.outbox_data(sent.sha256)
    for index in client.declare(data):
        client.send_chunk(data, index)
    answer: dict = {}

    def commit() -> None:
        try:
            answer["receipt"] = client.commit(data)
        except Unreachable:
            answer["cut"] = True

    worker = threading.Thread(target=commit)
    worker.start()
    time.sleep(0.05)
    hq_server.process.send_signal(signal.SIGTERM)
    worker.join(60)
    # open connections do not keep it running (uvicorn re-raises SIGTERM once it has shut down)
    assert hq_server.process.wait(60) in (0, -signal.SIGTERM)
    ((count,),) = hq_server.store.backend.fetchall("SELECT count(*) FROM bundles")
    assert count in (0, 1) and (count == 1 or "receipt" not in answer)  # all of the import or none
    hq_server.start()
    assert send_queued(store).exit_code == 0
    assert hq_server.store.backend.fetchall("SELECT count(*) FROM bundles") == [(1,)]


def test_a_chunk_damaged_on_hqs_disk_is_asked_for_again_and_the_bundle_lands_once(hq_server, tmp_path, make_hq):
    """Chunks are kept without a sync to disk: one a crash left damaged counts as missing, is sent
    again, and the commit imports the bundle exactly as a USB import would."""
    import hashlib

    from apa_desktop.sync.client import HqClient, Link

    chunk = 16 * 1024
    store, sent = office_with_bundle(tmp_path, "DC-KHULNA", evidence_bytes=3 * chunk)
    row = link_office(store, hq_server.enroll("DC-KHULNA").read_bytes())
    client = HqClient(Link(row.url, row.ca_cert, row.pins, row.token), chunk)
    data = sent.path.read_bytes()
    parts = [data[i:i + chunk] for i in range(0, len(data), chunk)]
    assert client.declare(data) == list(range(len(parts)))
    for index in range(len(parts)):
        client.send_chunk(data, index)
    assert client.declare(data) == []
    damaged = hashlib.sha256(parts[2]).hexdigest()
    (hq_server.store.blobs.root / "uploading" / damaged[:2] / f"{damaged}.bin").write_bytes(parts[2][:100])
    assert client.declare(data) == [2]
    client.send_chunk(data, 2)
    receipt = client.commit(data)
    assert client.commit(data) == receipt  # the same bytes on a repeat
    client.close()
    assert hq_server.store.backend.fetchall("SELECT count(*) FROM bundles") == [(1,)]
    assert consolidated_rows(hq_server.store) == usb_import_reference(make_hq, [sent.path], ["DC-KHULNA"])
