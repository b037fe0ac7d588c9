"""Template packs signed by headquarters: imported at an office when HQ's key signed them; a flipped
byte, another key, an older version are refused with a reason and leave the template tables as they were."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys

import pytest
from bundle_helpers import PASSPHRASE, make_key, office_key

from apa_desktop.core.template_manifest import PackRefused
from apa_desktop.core.templates import find_template, make_template
from apa_desktop.db import open_database
from apa_desktop.db.templates import TemplateStore
from apa_desktop.export.bundle_signing import load_certificate
from apa_desktop.export.template_pack import import_pack, write_pack

HQ = "APA HQ, Cabinet Division"


def official(version: int, kind: str = "egov", year: str = "2026-27"):
    """HQ's official template of the year, made from the carried-over rows (a weight changed in v2)."""
    plan = find_template(kind, year).plan
    if version > 1:
        plan = copy.deepcopy(plan)
        plan.title = plan.title + f" (সংস্করণ {version})"
    return make_template(kind, year, "field", version, "official", f"Cabinet Division circular {year}/{version}", plan)


def tables(store) -> list:
    db = store.database
    return [list(db.execute(f"SELECT * FROM {t} ORDER BY 1")) for t in ("templates", "template_packs")] + [
        list(db.execute("SELECT * FROM settings WHERE key LIKE 'templates.%'"))]


@pytest.fixture
def office(tmp_path):
    store = open_database(tmp_path / "office.sqlite3")
    yield TemplateStore(store)
    store.close()


def hq_cert(name: str = HQ) -> bytes:
    return load_certificate(make_key(name)[1])


def test_a_pack_signed_by_hq_installs_its_templates_and_hq_is_remembered(office):
    pack = write_pack([official(1)], office_key(HQ))
    result = import_pack(office, pack, hq_cert())
    assert [t.id for t in result.added] == ["egov/2026-27/field/1"] and not result.already_imported
    assert office.get("egov/2026-27/field/1").status == "official"
    assert office.hq_certificate() == hq_cert()
    again = import_pack(office, pack)  # HQ's certificate is remembered
    assert again.already_imported and again.added == []


@pytest.mark.parametrize("where", ["manifest", "template", "signature"])
def test_a_flipped_byte_is_refused_and_changes_nothing(office, where):
    import_pack(office, write_pack([official(1, "grs")], office_key(HQ)), hq_cert())
    before = tables(office.store)
    pack = bytearray(write_pack([official(1)], office_key(HQ)))
    text = pack.decode("utf-8")
    anchor = {"manifest": '\\"created_at\\": \\"', "template": '\\"title\\":\\"', "signature": '"signature": "'}[where]
    position = len(text[:text.index(anchor) + len(anchor) + 3].encode("utf-8"))
    pack[position] ^= 0x01
    with pytest.raises(PackRefused) as refused:
        import_pack(office, bytes(pack))
    assert refused.value.code in {"manifest": ("signature_invalid",), "template": ("hash_mismatch",),
                                  "signature": ("signature_invalid", "not_a_pack")}[where]
    assert tables(office.store) == before


def test_a_pack_signed_by_another_key_is_refused_and_changes_nothing(office):
    import_pack(office, write_pack([official(1, "grs")], office_key(HQ)), hq_cert())
    before = tables(office.store)
    forged = write_pack([official(1)], office_key("APA HQ, Cabinet Division "))  # a look-alike name
    with pytest.raises(PackRefused) as refused:
        import_pack(office, forged)
    assert refused.value.code == "other_signer" and "other certificate" in refused.value.message_en
    with pytest.raises(PackRefused) as refused:
        import_pack(office, forged, hq_cert("APA HQ, Cabinet Division "))
    assert refused.value.code == "other_certificate"
    assert tables(office.store) == before


def test_an_older_version_never_replaces_a_newer_one(office):
    import_pack(office, write_pack([official(2)], office_key(HQ)), hq_cert())
    before = tables(office.store)
    with pytest.raises(PackRefused) as refused:
        import_pack(office, write_pack([official(1)], office_key(HQ)))
    assert refused.value.code == "older_version" and "older than the installed version 2" in refused.value.message_en
    assert tables(office.store) == before


def test_a_pack_is_applied_whole_or_not_at_all(office):
    import_pack(office, write_pack([official(2)], office_key(HQ)), hq_cert())
    before = tables(office.store)
    with pytest.raises(PackRefused):  # the NIS template is fine, the e-gov one older: neither goes in
        import_pack(office, write_pack([official(1, "nis"), official(1)], office_key(HQ)))
    assert tables(office.store) == before


def test_a_pack_with_an_invalid_template_is_refused_listing_every_problem_and_changes_nothing(office):
    import_pack(office, write_pack([official(1, "grs")], office_key(HQ)), hq_cert())
    before = tables(office.store)
    wrong = official(1)
    area = wrong.plan.areas[0]
    area.activities[0].indicators[0].weight += 1  # the area's weights no longer add up
    area.activities[1].code = area.activities[0].code  # and a code appears twice
    bad = make_template("egov", "2026-27", "field", 1, "official", "circular", wrong.plan)
    with pytest.raises(PackRefused) as refused:
        import_pack(office, write_pack([official(1, "nis"), bad], office_key(HQ)))
    message = refused.value.message_en
    assert refused.value.code == "template_invalid" and "nothing was stored" in message
    assert "appears twice" in message and f"[{area.activities[0].code}]" in message
    assert len(message.splitlines()) >= 3 and refused.value.message_bn.count("\n") == message.count("\n")
    assert tables(office.store) == before


def test_a_template_unsafe_to_read_is_refused_before_its_rows_are_checked(office):
    import_pack(office, write_pack([official(1, "grs")], office_key(HQ)), hq_cert())
    before = tables(office.store)
    hostile = official(1)
    bad = make_template("egov", "2026-27", "field", 1, "official", "circular", hostile.plan)
    bad.data["plan"]["areas"][0]["activities"][0]["indicators"][0]["quarters"] = [None] * 7
    with pytest.raises(PackRefused) as refused:
        import_pack(office, write_pack([bad], office_key(HQ)))
    assert refused.value.code == "template_invalid" and "four quarters" in refused.value.message_en
    assert tables(office.store) == before


def test_the_first_pack_needs_hqs_certificate(office):
    with pytest.raises(PackRefused) as refused:
        import_pack(office, write_pack([official(1)], office_key(HQ)))
    assert refused.value.code == "no_certificate"


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "apa_desktop", *args], capture_output=True, text=True,
                            encoding="utf-8", timeout=120, env={**os.environ, "APA_TODAY": "2026-12-01"},
                            check=False)
    if check and result.returncode != 0:
        raise AssertionError(f"{args} exited {result.returncode}: {result.stderr}")
    return result


def test_pack_and_import_from_the_command_line(tmp_path):
    p12, pem = make_key(HQ)
    (tmp_path / "hq.p12").write_bytes(p12)
    (tmp_path / "hq.crt").write_bytes(pem)
    (tmp_path / "pass").write_text(PASSPHRASE + "\n", encoding="utf-8")
    template = tmp_path / "egov.json"
    template.write_text(json.dumps(official(1).data, ensure_ascii=False), encoding="utf-8")
    pack, db = tmp_path / "y.apatemplates", tmp_path / "office.sqlite3"
    run("templates", "pack", "--out", str(pack), "--p12", str(tmp_path / "hq.p12"), "--passphrase-file",
        str(tmp_path / "pass"), str(template))
    out = run("templates", "import", "--db", str(db), "--hq-cert", str(tmp_path / "hq.crt"), str(pack)).stdout
    assert "installed egov/2026-27/field/1" in out
    assert "already imported" in run("templates", "import", "--db", str(db), str(pack)).stdout
    listed = run("templates", "list", "--db", str(db)).stdout
    assert "egov/2026-27/field/1\tegov\t2026-27\tfield\t1\tofficial" in listed
    damaged = tmp_path / "damaged.apatemplates"
    damaged.write_bytes(pack.read_bytes()[:-40])
    result = run("--lang", "en", "templates", "import", "--db", str(db), str(damaged), check=False)
    assert result.returncode == 1 and "not an APA Desktop template pack" in result.stderr
