"""What HQ's server does, without HTTP: who is calling, resumable uploads in content-addressed
chunks, the commit that runs the ordinary importer, receipts and template packs for an office.

An upload is named by the bundle's SHA-256. The office first declares the size, the chunk size
and every chunk's SHA-256; HQ answers with the chunks it lacks (none at all when the bundle was
already imported: a resent bundle costs no transfer). Each chunk is checked against its declared
hash and kept in a folder named by hash, so an interrupted upload resumes from what HQ already
has. The commit joins the chunks, checks size and hash, imports the bytes exactly as a USB file
would be imported (same checks, same transaction), and answers with the bundle's receipt, signed
once and kept, so a repeated commit (the answer lost on the way) gets the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import json
import queue
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..export.bundle import Limits
from ..export.bundle_errors import REASONS
from ..export.bundle_signing import OfficeKey
from ..export.receipts import make_receipt
from .blobs import BlobStore
from .importer import Importer, ImportOutcome, VerifierPool
from .store import HqStore, now, open_hq_store
from .tokens import office_for_token

FORMATS = ("apa-desktop/bundle 1", "apa-desktop/receipt 1")
PACK_SUFFIXES = (".apapack",)


@dataclass(frozen=True)
class ServerLimits:
    """What one request and one office may use; told to clients in the hello."""

    max_bundle_bytes: int = field(default_factory=lambda: Limits().max_file_bytes)
    min_chunk_bytes: int = 16 * 1024
    max_chunk_bytes: int = 1024 * 1024
    max_request_bytes: int = 1024 * 1024 + 64 * 1024
    uploads_per_office: int = 2
    uploads_per_server: int = 64
    body_timeout_s: float = 30.0
    retry_after_s: int = 5


class Refused(Exception):
    """A request HQ answers with an error (problem+json): HTTP status, reason code, both languages."""

    def __init__(self, status: int, code: str, message_bn: str, message_en: str,
                 retry_after: int | None = None) -> None:
        super().__init__(f"{code}: {message_en}")
        self.status, self.code = status, code
        self.message_bn, self.message_en = message_bn, message_en
        self.retry_after = retry_after


def _not_found(what: str) -> Refused:
    return Refused(404, "not_found", f"পাওয়া যায়নি: {what}", f"Not found: {what}")


def _is_sha(text: str) -> bool:
    return len(text) == 64 and all(c in "0123456789abcdef" for c in text)


class HqService:
    """HQ's side of the network, shared by the request handlers (each call may run on its own thread:
    the stores come from a small pool, one connection each). With ``verifiers`` > 0, bundles are
    verified in that many worker processes (:class:`.importer.VerifierPool`), forked here: make
    the service before any thread starts."""

    def __init__(self, target: str, blobs_dir: Path | None, key: OfficeKey, packs_dir: Path | None = None,
                 limits: ServerLimits | None = None, connections: int = 8, verifiers: int = 0) -> None:
        self.limits = limits or ServerLimits()
        self.key = key
        self.packs_dir = packs_dir
        first = open_hq_store(target, blobs_dir)
        self._pool: queue.Queue[tuple[HqStore, Importer]] = queue.Queue()
        bundle_limits = Limits(max_file_bytes=self.limits.max_bundle_bytes)
        for i in range(connections):
            store = first if i == 0 else first.reopen()
            self._pool.put((store, Importer(store, bundle_limits)))
        self.chunks = BlobStore(first.blobs.root / "uploading")
        self.dialect = first.dialect
        self.verifier = VerifierPool(first, bundle_limits, verifiers) if verifiers and VerifierPool.available() else None
        """Where bundles are verified: worker processes, or (None) the request's own thread."""

    @contextmanager
    def _store(self) -> Iterator[tuple[HqStore, Importer]]:
        pair = self._pool.get()
        try:
            yield pair
        finally:
            self._pool.put(pair)

    def close(self) -> None:
        if self.verifier is not None:
            self.verifier.close()
        while not self._pool.empty():
            self._pool.get()[0].close()

    # ------------------------------------------------------------------ who

    def office_for(self, authorization: str | None) -> str:
        """The office whose token is in the ``Authorization: Bearer`` header; refuses otherwise."""
        scheme, _, token = (authorization or "").partition(" ")
        office = None
        if scheme.lower() == "bearer" and token.strip():
            with self._store() as (store, _):
                office = office_for_token(store, token.strip())
        if office is None:
            raise Refused(401, "token_refused", "সংযোগ-টোকেন গ্রহণযোগ্য নয় (বাতিল বা অজানা): সদর দপ্তরের কাছে নতুন সংযোগ-ফাইল চান",
                          "The upload token is not accepted (revoked or unknown): ask HQ for a new link file")
        return office

    def hello(self, office_id: str) -> dict[str, Any]:
        packs = self.packs()
        return {"server_time": now(), "office_id": office_id, "limits": asdict(self.limits),
                "formats": list(FORMATS), "newest_pack": packs[-1]["name"] if packs else None}

    # -------------------------------------------------------------- uploads

    def begin(self, office_id: str, sha256: str, size: int, chunk_size: int, chunks: list[str]) -> dict[str, Any]:
        """Declare an upload; returns ``{"state": "done"|"open", "missing": [chunk indexes]}``."""
        lim = self.limits
        if not _is_sha(sha256) or not all(isinstance(c, str) and _is_sha(c) for c in chunks):
            raise Refused(400, "bad_request", "অনুরোধটি সঠিক নয়", "The request is malformed (hashes)")
        if not 0 < size <= lim.max_bundle_bytes:
            raise Refused(413, "too_large", REASONS["too_large"][0], REASONS["too_large"][1])
        if not lim.min_chunk_bytes <= chunk_size <= lim.max_chunk_bytes or len(chunks) != -(-size // chunk_size):
            raise Refused(400, "bad_chunking", "খণ্ডের আকার বা সংখ্যা সঠিক নয়",
                          f"Chunks must be {lim.min_chunk_bytes}-{lim.max_chunk_bytes} bytes and cover the file")
        with self._store() as (store, _):
            if store.has_bundle(sha256) or store.import_receipt(sha256) is not None:
                return {"state": "done", "missing": []}
            store.start_upload(sha256, office_id, size, chunk_size, json.dumps(chunks))
            upload = store.upload(sha256)
        if upload is None or upload[0] != office_id:
            raise Refused(403, "wrong_office", "এই বান্ডল অন্য অফিসের", "This upload belongs to another office")
        if (upload[1], upload[2], json.loads(upload[3])) != (size, chunk_size, chunks):
            # the same bytes cut differently (another client): start over
            with self._store() as (store, _), store.transaction():
                store.finish_upload(sha256)
                store.start_upload(sha256, office_id, size, chunk_size, json.dumps(chunks))
        # A chunk counts as held only when its bytes still match its hash (chunks are written without
        # a sync to disk: one damaged by a crash is simply asked for again).
        return {"state": "open", "missing": [i for i, c in enumerate(chunks) if self.chunks.get(c) is None]}

    def _open_upload(self, office_id: str, sha256: str) -> tuple[int, list[str]]:
        with self._store() as (store, _):
            upload = store.upload(sha256) if _is_sha(sha256) else None
        if upload is None:
            raise Refused(404, "no_upload", "এই আপলোড শুরু হয়নি: আবার শুরু করুন", "No such upload: declare it first")
        if upload[0] != office_id:
            raise Refused(403, "wrong_office", "এই বান্ডল অন্য অফিসের", "This upload belongs to another office")
        return upload[1], json.loads(upload[3])

    def put_chunk(self, office_id: str, sha256: str, index: int, data: bytes) -> None:
        _, chunks = self._open_upload(office_id, sha256)
        if not 0 <= index < len(chunks):
            raise _not_found(f"chunk {index}")
        if hashlib.sha256(data).hexdigest() != chunks[index]:
            raise Refused(422, "chunk_hash_mismatch", "খণ্ডটি পথে বদলে গেছে: আবার পাঠান",
                          f"Chunk {index} does not match its declared hash: send it again")
        self.chunks.put(data, durable=False)

    def commit(self, office_id: str, sha256: str) -> bytes:
        """Join, check and import the upload; returns the bundle's receipt (the same bytes every time).

        The verification runs first, outside any transaction (in :attr:`verifier`'s processes when
        there are any); the import, its receipt and the end of the upload are then one transaction."""
        with self._store() as (store, _):
            done = self._existing_receipt(store, office_id, sha256)
        if done is not None:
            return done
        size, chunks = self._open_upload(office_id, sha256)
        parts = [self.chunks.get(c) for c in chunks]
        missing = [i for i, part in enumerate(parts) if part is None]
        if missing:
            raise Refused(409, "chunks_missing", "কিছু খণ্ড এখনো আসেনি", f"Chunks still missing: {missing[:20]}")
        data = b"".join(p for p in parts if p is not None)
        if len(data) != size or hashlib.sha256(data).hexdigest() != sha256:
            with self._store() as (store, _):
                store.finish_upload(sha256)
            raise Refused(422, "hash_mismatch", REASONS["hash_mismatch"][0],
                          "The joined chunks do not match the declared size and hash")
        receipts: list[bytes] = []
        with self._store() as (store, importer):
            def settle(outcome: ImportOutcome) -> None:  # inside the import's transaction
                receipts.append(self._receipt_for(store, office_id, sha256, outcome))
                store.finish_upload(sha256)

            outcome = importer.import_source(data, sha256, office_id=office_id, verify=self.verifier, then=settle)
            if outcome.status == "rejected":
                store.finish_upload(sha256)
                self._drop_chunks(chunks)
                bn = REASONS.get(outcome.code, ("বান্ডলটি গ্রহণ করা যায়নি", ""))[0]
                raise Refused(422, outcome.code or "rejected", bn, outcome.detail)
            if not receipts:  # imported meanwhile by another request or a USB import
                with store.transaction():
                    settle(outcome)
        self._drop_chunks(chunks)
        return receipts[0]

    def _receipt_for(self, store: HqStore, office_id: str, sha256: str, outcome: ImportOutcome) -> bytes:
        receipt = self._existing_receipt(store, office_id, sha256)
        if receipt is None:  # "unchanged": the same document under a new file; nothing recorded
            assert outcome.bundle is not None
            m = outcome.bundle.manifest
            receipt = self._issue(store, sha256, m["bundle_id"], m["office_id"], m["fiscal_year"],
                                  m["revision"], m["sequence"], outcome.status)
        return receipt

    def _existing_receipt(self, store: HqStore, office_id: str, sha256: str) -> bytes | None:
        """The bundle's receipt if HQ holds the bundle (issued now when it was imported some other way)."""
        receipt = store.import_receipt(sha256)
        if receipt is None:
            head = store.bundle_head(sha256)
            if head is None:
                return None
            receipt = self._issue(store, sha256, *head)
        if _receipt_office(receipt) != office_id:
            raise Refused(403, "wrong_office", "এই বান্ডল অন্য অফিসের", "This bundle belongs to another office")
        return receipt

    def _issue(self, store: HqStore, sha256: str, bundle_id: str, office_id: str, fiscal_year: str,
               revision: int, sequence: int, status: str) -> bytes:
        at = now()
        data = make_receipt(self.key, bundle_sha256=sha256, bundle_id=bundle_id, office_id=office_id,
                            fiscal_year=fiscal_year, revision=revision, sequence=sequence, outcome=status,
                            comment="", issued_at=at)
        store.add_receipt(office_id, sha256, "import", at, data)
        kept = store.import_receipt(sha256)  # another request may have issued it first: that one stays
        assert kept is not None
        return kept

    def _drop_chunks(self, chunks: list[str]) -> None:
        for chunk in chunks:
            self.chunks.path(chunk).unlink(missing_ok=True)

    # ---------------------------------------------------- answers and packs

    def receipts(self, office_id: str, since: int) -> dict[str, Any]:
        with self._store() as (store, _):
            rows = store.receipts_since(office_id, since)
        return {"receipts": [{"id": i, "bundle_sha256": sha, "kind": kind, "data": base64.b64encode(data).decode()}
                             for i, sha, kind, data in rows],
                "last": rows[-1][0] if rows else since}

    def packs(self, after: str = "") -> list[dict[str, Any]]:
        """The template packs in HQ's pack folder named after ``after`` (names sort by year), oldest first."""
        if self.packs_dir is None or not self.packs_dir.is_dir():
            return []
        files = sorted(p for p in self.packs_dir.iterdir() if p.is_file() and p.suffix in PACK_SUFFIXES)
        return [{"name": p.name, "size": p.stat().st_size, "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
                for p in files if p.name > after]

    def pack(self, name: str) -> bytes:
        if self.packs_dir is None or "/" in name or "\\" in name or name.startswith("."):
            raise _not_found(name)
        path = self.packs_dir / name
        if path.suffix not in PACK_SUFFIXES or not path.is_file():
            raise _not_found(name)
        return path.read_bytes()


def _receipt_office(receipt: bytes) -> str:
    return json.loads(base64.b64decode(json.loads(receipt)["receipt"]))["office_id"]
