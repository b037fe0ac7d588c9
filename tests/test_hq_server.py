"""HQ's server for real: `hq serve` in a subprocess on 127.0.0.1 over TLS with a test CA, offices
linked with a link file sending from their outbox; faults, refusals and repeats."""

from __future__ import annotations

import json
import os

import pytest

from apa_desktop.hq.consolidate import consolidated_rows
from apa_desktop.hq.review import review
from apa_desktop.sync.sender import link_office, send_queued

from bundle_helpers import office_key
from server_helpers import cli, hq_site, office_with_bundle, usb_import_reference


@pytest.fixture
def site(tmp_path, make_hq):
    site = hq_site(tmp_path / "hq", make_hq())
    site.start()
    yield site
    site.stop()


def test_a_linked_office_delivers_its_bundle_and_gets_hqs_answer_back(site, tmp_path, make_hq):
    link = site.enroll("DC-KHULNA")
    store, sent = office_with_bundle(tmp_path, "DC-KHULNA")
    assert link_office(store, link.read_bytes()).url == site.url
    report = send_queued(store)
    assert report.exit_code == 0, report.lines
    (entry,) = store.outbox()
    assert (entry.state, entry.shown_state) == ("delivered", "accepted")
    assert consolidated_rows(site.store) == usb_import_reference(make_hq, [sent.path], ["DC-KHULNA"])
    again = send_queued(store)  # nothing left to send: no transfer, nothing changes at HQ
    assert again.exit_code == 0 and again.lines == []
    review(site.store, office_key("HQ Cabinet Division"), "DC-KHULNA", "2023-24", "returned",
           "সূচক ১.১.১-এর প্রমাণক দিন", "রহিম", tmp_path / "answers")
    assert send_queued(store).exit_code == 0
    (entry,) = store.outbox()
    assert entry.shown_state == "returned" and entry.hq_comment == "সূচক ১.১.১-এর প্রমাণক দিন"


def test_the_command_line_links_sends_and_reports_with_its_exit_codes(site, tmp_path):
    link = site.enroll("DC-KHULNA")
    store, _ = office_with_bundle(tmp_path, "DC-KHULNA")
    store.close()
    db = tmp_path / "DC-KHULNA.sqlite3"
    unlinked = cli("bundle", "send", "--db", db)
    assert unlinked.returncode == 1 and "link" in unlinked.stderr
    assert cli("bundle", "link", "--db", db, link).returncode == 0
    site.stop()
    down = cli("bundle", "send", "--db", db)
    assert down.returncode == 3 and "queued" in down.stdout
    assert "queued" in cli("bundle", "outbox", "--db", db).stdout
    site.start()
    done = cli("bundle", "send", "--db", db)
    assert done.returncode == 0 and "accepted" in done.stdout, done.stdout + done.stderr
    assert "\taccepted\t" in cli("bundle", "history", "--db", db).stdout
