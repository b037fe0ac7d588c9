"""A template pack's manifest and templates, checked before anything is stored (docs/template-packs.md).

The reader in export/template_pack.py checks the signature; everything about the content is
decided here: the manifest against its JSON Schema, each template against its manifest entry
(same id, kind, year, tier, version and status, the SHA-256 of its bytes), each template's
validation (core.template_check), and what the office already holds: an older version never
replaces a newer one, and a different template under an id already held is refused.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..paths import resource_path
from .errors import UserError
from .template_check import TemplateProblem, check_template
from .templates import Template, canonical_bytes, template_from_data

FORMAT = "apa-desktop/template-pack"
FORMAT_VERSION = 1
SCHEMA_FILE = "template-pack-manifest-v1.schema.json"
ENTRY_FIELDS = ("id", "kind", "fiscal_year", "tier", "version", "status")


class PackRefused(UserError):
    """The pack is refused; nothing was stored. ``code`` names the reason (docs/template-packs.md)."""

    def __init__(self, code: str, message_bn: str, message_en: str) -> None:
        super().__init__(message_bn, message_en)
        self.code = code


@dataclass(frozen=True)
class PackContent:
    manifest: dict[str, Any]
    templates: list[Template]

    @property
    def pack_id(self) -> str:
        return str(self.manifest["pack_id"])


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(json.loads(resource_path("schema", SCHEMA_FILE).read_text("utf-8")))


def parse_manifest(raw: bytes) -> dict[str, Any]:
    """The manifest's JSON, valid against its schema, or :class:`PackRefused`."""
    import jsonschema

    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        raise PackRefused("manifest_invalid", f"প্যাকের তালিকা (manifest) পড়া যায়নি: {exc}",
                          f"The pack's manifest is not JSON: {exc}") from None
    error = jsonschema.exceptions.best_match(_validator().iter_errors(manifest))
    if error is not None:
        where = "/".join(map(str, error.absolute_path)) or "manifest"
        raise PackRefused("manifest_invalid", f"প্যাকের তালিকা ভুল ({where}): {error.message[:160]}",
                          f"The pack's manifest is not valid ({where}): {error.message[:160]}")
    ids = [entry["id"] for entry in manifest["templates"]]
    if len(set(ids)) != len(ids):
        raise PackRefused("manifest_invalid", "প্যাকের তালিকায় একই টেমপ্লেট দুবার", "A template is listed twice")
    return manifest


def check_content(manifest: dict[str, Any], members: dict[str, bytes]) -> PackContent:
    """Each listed template present with its hash and matching its entry, valid; nothing unlisted."""
    entries = {entry["id"]: entry for entry in manifest["templates"]}
    extra = sorted(set(members) - set(entries))
    if extra:
        raise PackRefused("unlisted_template", f"প্যাকে তালিকার বাইরের টেমপ্লেট: {extra[0]}",
                          f"The pack holds a template its manifest does not list: {extra[0]}")
    templates = []
    for template_id, entry in entries.items():
        raw = members.get(template_id)
        if raw is None:
            raise PackRefused("missing_template", f"তালিকার টেমপ্লেট প্যাকে নেই: {template_id}",
                              f"The pack lacks the listed template {template_id}")
        if hashlib.sha256(raw).hexdigest() != entry["sha256"]:
            raise PackRefused("hash_mismatch", f"টেমপ্লেট {template_id} এর হ্যাশ মেলে না (ফাইলটি বদলানো হয়েছে)",
                              f"The hash of template {template_id} does not match the manifest (the file was altered)")
        template = _template(template_id, raw)
        if any(template.data.get(k) != entry[k] for k in ENTRY_FIELDS):
            raise PackRefused("entry_mismatch", f"টেমপ্লেট {template_id} তালিকার বিবরণের সাথে মেলে না",
                              f"Template {template_id} is not what the manifest says it is")
        problems = check_template(template)
        if problems:
            raise invalid_template(template_id, problems)
        templates.append(template)
    return PackContent(manifest, templates)


SHOWN_PROBLEMS = 20
"""Problems of an invalid template listed in the refusal (the rest are counted)."""


def invalid_template(template_id: str, problems: list[TemplateProblem], what_bn: str = "প্যাকটি গ্রহণ করা হয়নি",
                     what_en: str = "The pack is refused") -> PackRefused:
    """The refusal of a pack holding an invalid template: every problem, one a line, by row."""
    def lines(lang: str) -> str:
        shown = [f"  {p.message(lang)}" for p in problems[:SHOWN_PROBLEMS]]
        if len(problems) > SHOWN_PROBLEMS:
            more = len(problems) - SHOWN_PROBLEMS
            shown.append(f"  … আরও {more}টি সমস্যা" if lang == "bn" else f"  … and {more} more problems")
        return "\n".join(shown)

    return PackRefused("template_invalid",
                       f"{what_bn}: টেমপ্লেট {template_id} সঠিক নয়, কিছুই রাখা হয়নি\n{lines('bn')}",
                       f"{what_en}, nothing was stored: template {template_id} is not valid\n{lines('en')}")


def _template(template_id: str, raw: bytes) -> Template:
    try:
        return template_from_data(json.loads(raw.decode("utf-8")), where=template_id)
    except (ValueError, RecursionError) as exc:
        raise PackRefused("template_invalid", f"টেমপ্লেট {template_id} পড়া যায়নি", f"Template {template_id} is not "
                          f"a template: {str(exc)[:160]}") from None


def check_against_installed(incoming: Iterable[Template], installed: Iterable[Template]) -> None:
    """Refuse a version older than one installed of the same template (kind, year, tier), and a
    different template under an id already held."""
    installed = [t for t in installed if t.status in ("official", "partial")]
    held = {t.id: t.sha256 for t in installed}
    for t in incoming:
        if t.id in held and held[t.id] != t.sha256:
            raise PackRefused("conflicting_template", f"এই আইডির অন্য টেমপ্লেট আগে থেকেই আছে: {t.id}",
                              f"A different template with the id {t.id} is already installed")
        newer = [i for i in installed if i.key == t.key and i.version > t.version]
        if newer:
            best = max(newer, key=lambda i: i.version)
            raise PackRefused("older_version",
                              f"{t.id} পুরনো সংস্করণ ({t.version}); সংস্করণ {best.version} আগে থেকেই আছে",
                              f"{t.id} is version {t.version}, older than the installed version {best.version}")


def manifest_entry(template: Template) -> dict[str, Any]:
    """A template's entry in a manifest (its bytes in the pack are ``template_bytes``)."""
    supersedes = (f"{template.kind}/{template.fiscal_year}/{template.tier}/{template.version - 1}"
                  if template.version > 1 else None)
    entry = {k: template.data[k] for k in ENTRY_FIELDS}
    entry.update(source_circular=template.source, sha256=hashlib.sha256(template_bytes(template)).hexdigest(),
                 supersedes=supersedes)
    return entry


def template_bytes(template: Template) -> bytes:
    return canonical_bytes(template.data)
