"""The outbox sender: delivers queued bundles to HQ and brings HQ's answers back.

One run (:func:`send_queued`) per office link: probe HQ first (never trust the network status);
send each queued bundle, resuming from the chunks HQ already has, and take the receipt in exactly
as a receipt from a USB stick (``export.bundle_export.import_receipt``); then fetch the reviewers'
answers and the superior's evaluations since the last one, and the template packs HQ offers. A
busy or unreachable HQ reschedules the entry with exponential backoff and jitter (30 s up to 6 h,
never sooner than ``Retry-After``);
a refused token, a failed pin or certificate and a rejected bundle hold the entry for the clerk and
are never retried by themselves (linking again, or "এখন পাঠান" after fixing, queues them again).
"""

from __future__ import annotations

import base64
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..core.errors import UserError
from ..db import Store
from ..db.outbox import HqLinkRow, OutboxEntry
from ..export.bundle_export import import_receipt
from ..export.link_file import read_link
from ..export.receipts import ReceiptInvalid
from .client import CHUNK_BYTES, Busy, HqClient, Link, Refusal, Unreachable

BACKOFF_MIN_S = 30
BACKOFF_MAX_S = 6 * 3600
METERED_SETTING = "sync_pause_on_metered"
"""Setting: do not send on a metered connection (default on)."""
_STOP_ALL = ("token_refused", "pin_mismatch", "certificate_failed", "bad_link")
"""Refusals about the link itself: every entry of that office waits for the clerk."""

Progress = Callable[[str, int, int], None]
"""Called with (bundle sha256, chunks done, chunks in all)."""


def backoff_seconds(attempts: int, retry_after: int | None = None, rng: random.Random | None = None) -> float:
    """The wait before attempt ``attempts + 1``: doubling from 30 s to 6 h, jittered to 50-100 %,
    and never less than the server's ``Retry-After``."""
    base = min(BACKOFF_MAX_S, BACKOFF_MIN_S * 2 ** max(0, attempts - 1))
    wait = max(BACKOFF_MIN_S, (rng or random).uniform(base / 2, base))
    return max(wait, retry_after or 0)


def _at(seconds: float = 0) -> str:
    return (datetime.now(UTC) + timedelta(seconds=seconds)).isoformat(timespec="seconds")


@dataclass
class SendReport:
    lines: list[str] = field(default_factory=list)
    unreachable: bool = False
    refused: bool = False
    pending: int = 0

    @property
    def exit_code(self) -> int:
        """0 every bundle has a receipt, 1 one was refused (the clerk must act), 3 HQ not reached."""
        if self.refused:
            return 1
        return 3 if self.unreachable or self.pending else 0


def link_office(store: Store, data: bytes) -> HqLinkRow:
    """Take HQ's link file in (once): the office's outbox sends to that HQ from now on."""
    link = read_link(data)
    store.set_hq_link(link.office_id, link.url, link.ca_cert, link.pins, link.hq_cert, link.token)
    return next(row for row in store.hq_links() if row.office_id == link.office_id)


def send_queued(store: Store, office_id: str | None = None, *, due_only: bool = False, metered: bool = False,
                progress: Progress | None = None, chunk_bytes: int = CHUNK_BYTES) -> SendReport:
    """Send what the outbox holds (only what is due when ``due_only``, as the timer does)."""
    report = SendReport()
    links = [link for link in store.hq_links() if office_id in (None, link.office_id)]
    if not links:
        raise UserError("এই অফিস সদর দপ্তরের সাথে যুক্ত নয়: সংযোগ-ফাইলটি (.apalink) একবার যোগ করুন",
                        "This office is not linked to HQ: add HQ's link file (.apalink) once "
                        "(apa-desktop bundle link FILE)")
    if metered and store.get_setting(METERED_SETTING, True):
        report.unreachable = True
        report.lines.append("metered connection: sending paused (setting)")
        return report
    for link in links:
        _send_office(store, HqClient(Link(link.url, link.ca_cert, link.pins, link.token), chunk_bytes), link,
                     due_only, progress, report)
    return report


def _send_office(store: Store, client: HqClient, link: HqLinkRow, due_only: bool, progress: Progress | None,
                 report: SendReport) -> None:
    entries = [e for e in store.outbox(link.office_id) if e.answer is None and e.state in ("queued", "sending")]
    try:
        client.hello()
    except (Unreachable, Busy) as exc:
        for entry in entries:
            _reschedule(store, entry, exc, report)
        report.unreachable = True
        return
    except Refusal as refusal:
        for entry in entries:
            _hold(store, entry, refusal, report)
        return
    finally:
        store.set_setting(f"hq_last_attempt:{link.office_id}", _at())
    store.set_setting(f"hq_last_contact:{link.office_id}", _at())
    try:
        for entry in entries:
            if due_only and entry.next_attempt_at and entry.next_attempt_at > _at():
                report.pending += 1
                report.lines.append(f"{entry.file_name}\tqueued\tnext attempt {entry.next_attempt_at}")
                continue
            if not _send_one(store, client, link, entry, progress, report):
                break
        _fetch_answers(store, client, link, report)
    except (Unreachable, Busy):
        report.unreachable = True  # the answers wait for the next contact
    finally:
        client.close()


def _send_one(store: Store, client: HqClient, link: HqLinkRow, entry: OutboxEntry, progress: Progress | None,
              report: SendReport) -> bool:
    """Deliver one bundle; returns whether to go on with the office's next one."""
    store.outbox_update(entry.sha256, state="sending", attempts=entry.attempts + 1)
    try:
        receipt = _upload_resuming(client, store, entry, progress)
        answer = import_receipt(store.path, receipt, link.hq_cert.encode("ascii"))
    except (Unreachable, Busy) as exc:
        _reschedule(store, store_entry(store, entry.sha256), exc, report)
        report.unreachable = True
        return False
    except Refusal as refusal:
        _hold(store, entry, refusal, report)
        if refusal.code in _STOP_ALL:
            for other in store.outbox(link.office_id):
                if other.state in ("queued", "sending") and other.answer is None:
                    _hold(store, other, refusal, report)
            return False
        return True
    except ReceiptInvalid as exc:
        _hold(store, entry, Refusal("receipt_invalid", "সদর দপ্তরের রসিদ যাচাই হয়নি", str(exc)), report)
        return True
    store.outbox_update(entry.sha256, state="delivered", delivered_at=_at(), last_status="delivered",
                        last_message=answer["comment"], next_attempt_at=None)
    report.lines.append(f"{entry.file_name}\t{answer['decision']}\t{answer['comment']}")
    return True


def store_entry(store: Store, sha256: str) -> OutboxEntry:
    return next(e for e in store.outbox() if e.sha256 == sha256)


def _upload_resuming(client: HqClient, store: Store, entry: OutboxEntry, progress: Progress | None) -> bytes:
    """Upload, reconnecting at once after a cut connection as long as each try got more chunks
    across (HQ keeps what it received, so a try resumes where the last one stopped)."""
    data = store.outbox_data(entry.sha256)
    best = -1
    reached = {"done": 0}

    def seen(done: int, total: int) -> None:
        reached["done"] = done
        store.outbox_update(entry.sha256, sent_chunks=done, total_chunks=total)
        if progress is not None:
            progress(entry.sha256, done, total)

    while True:
        reached["done"] = 0
        try:
            return client.upload(data, seen)
        except Unreachable:
            if reached["done"] <= best:
                raise
            best = reached["done"]


def _reschedule(store: Store, entry: OutboxEntry, exc: Exception, report: SendReport) -> None:
    retry_after = exc.retry_after if isinstance(exc, Busy) else None
    wait = backoff_seconds(max(1, entry.attempts), retry_after)
    status = "busy" if isinstance(exc, Busy) else "unreachable"
    store.outbox_update(entry.sha256, state="queued", next_attempt_at=_at(wait), last_status=status,
                        last_message=str(exc)[:500])
    report.lines.append(f"{entry.file_name}\tqueued\tHQ {status}; next attempt in {int(wait)} s")


def _hold(store: Store, entry: OutboxEntry, refusal: Refusal, report: SendReport) -> None:
    store.outbox_update(entry.sha256, state="held", last_status=refusal.code,
                        last_message=f"{refusal.message_bn} / {refusal.message_en}"[:1000], next_attempt_at=None)
    report.refused = True
    report.lines.append(f"{entry.file_name}\trefused\t{refusal.code}: {refusal.message_en}")


def _fetch_answers(store: Store, client: HqClient, link: HqLinkRow, report: SendReport) -> None:
    """Reviewers' answers and the superior's evaluations (and receipts for bundles that went by
    USB) since the last fetch, each taken in as from a USB stick and named in the report, and the
    template packs HQ offers that this office has not yet got."""
    key = f"hq_receipts_since:{link.office_id}"
    since = int(store.get_setting(key, 0))
    names = {e.sha256: e.file_name for e in store.outbox(link.office_id)}
    while True:
        receipts, last = client.receipts(since)
        for receipt in receipts:
            try:
                answer = import_receipt(store.path, base64.b64decode(receipt["data"]), link.hq_cert.encode("ascii"))
            except ReceiptInvalid:
                continue  # a receipt for a bundle sent from another database of this office
            if receipt["kind"] != "import":  # an import's receipt was named when its bundle was sent
                report.lines.append(answer_line(names.get(answer["bundle_sha256"], answer["bundle_sha256"][:16]),
                                                answer))
        if not receipts or last == since:
            break
        since = last
        store.set_setting(key, since)
    _fetch_packs(store, client)


def answer_line(name: str, answer: dict) -> str:
    """One line of ``bundle send`` for an answer from HQ: the bundle, what HQ said, its comment
    (and for an evaluation, which report, by whom)."""
    evaluation = answer.get("evaluation")
    if evaluation is None:
        return f"{name}\t{answer['decision']}\t{answer['comment']}"
    return f"{name}\tevaluated\tQ{evaluation['quarter']}\t{evaluation['by']}\t{answer['comment']}"


def packs_dir(store: Store) -> Path:
    """Where template packs from HQ are kept, beside the office database."""
    return store.path.parent / "packs"


def _fetch_packs(store: Store, client: HqClient) -> None:
    import hashlib

    newest = store.get_setting("hq_newest_pack", "")
    for pack in client.packs(newest):
        data = client.pack(pack["name"])
        if hashlib.sha256(data).hexdigest() != pack["sha256"] or "/" in pack["name"] or "\\" in pack["name"]:
            continue
        folder = packs_dir(store)
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{pack['name']}.part"
        tmp.write_bytes(data)
        tmp.replace(folder / pack["name"])
        store.set_setting("hq_newest_pack", pack["name"])


def queue_export(store: Store, office_id: str, path: Path, sha256: str) -> None:
    """Put a just-exported bundle file in the outbox (its bytes, read back and checked)."""
    import hashlib

    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() == sha256:
        store.outbox_add(sha256, office_id, path.name, data)
