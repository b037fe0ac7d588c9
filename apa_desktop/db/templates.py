"""The office's templates beside the shipped ones, and new office-years made from them.

Headquarters' signed packs, the carry-overs made for a year without an official template (made
once, then kept) and a focal point's drafts are rows of the ``templates`` table (migration
m005_year_templates); the catalogue a new office-year chooses from is the shipped templates plus
these. Each addition is one transaction with its audit row.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime

from ..core.calendar import parse_fiscal_year
from ..core.model import Office
from ..core.newyear import next_year
from ..core.templates import (
    Template,
    office_year_from,
    shipped_templates,
    template_from_data,
    templates_for_year,
)
from . import audit
from .errors import InvalidRequest, NotFound
from .store import Store

HQ_CERT_SETTING = "templates.hq_certificate"
"""HQ's certificate (DER, hex), remembered at the first pack imported."""


class TemplateStore:
    """The templates of one office database (``store``)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._db = store.database

    def stored(self, office_id: str | None = None) -> list[Template]:
        """Templates held in the database; drafts only of ``office_id``."""
        rows = self._db.execute(
            "SELECT id, body FROM templates WHERE office_id IS NULL OR office_id = ? ORDER BY id", (office_id,))
        return [template_from_data(json.loads(body), where=tid) for tid, body in rows]

    def catalogue(self, office_id: str | None = None) -> list[Template]:
        """The templates an office-year may start from: shipped ones and stored ones."""
        stored = self.stored(office_id)
        ids = {t.id for t in stored}
        return [t for t in shipped_templates() if t.id not in ids] + stored

    def get(self, template_id: str, office_id: str | None = None) -> Template:
        for template in self.catalogue(office_id):
            if template.id == template_id:
                return template
        raise NotFound(f"টেমপ্লেট নেই: {template_id}", f"No template {template_id}")

    def add(self, templates: Iterable[Template], user: str = "", office_id: str | None = None,
            pack_id: str | None = None) -> list[Template]:
        """Store templates in one transaction (those already held, byte for byte, are skipped);
        return the ones added. A different template under an id already held is refused."""
        templates = list(templates)
        with self._db.atomic():
            added = self._insert(templates, user, office_id, pack_id)
        return added

    def _insert(self, templates: list[Template], user: str, office_id: str | None,
                pack_id: str | None) -> list[Template]:
        held = {t.id: t.sha256 for t in self.catalogue(office_id)}
        at, added = _now(), []
        for t in templates:
            if held.get(t.id) == t.sha256:
                continue
            if t.id in held:
                raise InvalidRequest(f"এই আইডির অন্য একটি টেমপ্লেট আগে থেকেই আছে: {t.id}",
                                     f"Another template with the id {t.id} is already installed")
            self._db.execute(
                "INSERT INTO templates (id, kind, fiscal_year, tier, version, status, source, office_id, pack_id,"
                " sha256, body, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (t.id, t.kind, t.fiscal_year, t.tier, t.version, t.status, t.source,
                 office_id if t.status == "draft" else None, pack_id, t.sha256,
                 json.dumps(t.data, ensure_ascii=False), at, user))
            audit.append(self._db.conn, at=at, user=user, office_year_id=None, revision_id=None,
                         action="template", new={"id": t.id, "sha256": t.sha256, "status": t.status,
                                                 "pack": pack_id})
            held[t.id] = t.sha256
            added.append(t)
        return added

    # ------------------------------------------------------------------ packs

    def pack_imported(self, pack_id: str, sha256: str) -> bool:
        row = self._db.execute("SELECT 1 FROM template_packs WHERE pack_id = ? OR sha256 = ?",
                               (pack_id, sha256)).fetchone()
        return row is not None

    def add_pack(self, *, pack_id: str, sha256: str, issuer: str, created_at: str, templates: list[Template],
                 hq_cert_der: bytes, user: str = "") -> None:
        """Apply a verified pack: its templates, its record and HQ's certificate (first time), all in
        one transaction."""
        with self._db.atomic():
            self._insert(templates, user, None, pack_id)
            self._db.execute(
                "INSERT INTO template_packs (pack_id, sha256, issuer, created_at, imported_at, imported_by,"
                " templates) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (pack_id, sha256, issuer, created_at, _now(), user, json.dumps([t.id for t in templates])))
            if self.hq_certificate() is None:
                self.store.set_setting(HQ_CERT_SETTING, hq_cert_der.hex())

    def hq_certificate(self) -> bytes | None:
        """HQ's certificate as remembered from the first pack (DER)."""
        value = self.store.get_setting(HQ_CERT_SETTING)
        return bytes.fromhex(value) if value else None

    # ----------------------------------------------------------- office-years

    def start_office_year(self, office: Office, fiscal_year: str, user: str = "") -> int:
        """A new office-year from the year's templates; the carry-overs it needs are made and
        stored first (once: the next office-year of that year uses the same ones)."""
        fiscal_year = parse_fiscal_year(fiscal_year)
        year = templates_for_year(self.catalogue(office.id), fiscal_year, office.tier)
        self.add(year.made, user=user)
        return self.store.create_office_year(office_year_from(office, fiscal_year, year.chosen), user=user)

    def new_year_from(self, office_id: str, fiscal_year: str, from_year: str | None = None, user: str = "") -> int:
        """The office's ``fiscal_year`` started from its plan of ``from_year`` (default: the year before)."""
        from ..core.calendar import shift_fiscal_year

        fiscal_year = parse_fiscal_year(fiscal_year)
        from_year = parse_fiscal_year(from_year) if from_year else shift_fiscal_year(fiscal_year, -1)
        source_id = self.store.find_office_year(office_id, from_year)
        if source_id is None:
            raise NotFound(f"অফিস {office_id} এর {from_year} অর্থবছর নেই",
                           f"Office {office_id} has no office-year {from_year} to start from")
        if from_year >= fiscal_year:
            raise InvalidRequest("নতুন বছর আগের বছরের পরে হতে হবে",
                                 f"The new year must come after {from_year}")
        previous = self.store.load(source_id)
        year = templates_for_year(self.catalogue(office_id), fiscal_year, previous.office.tier)
        self.add(year.made, user=user)
        return self.store.create_office_year(next_year(previous, fiscal_year, year.chosen), user=user)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
