"""The office's HTTPS client for HQ's server (urllib3 2.x).

Trust comes only from the link file: the CA certificate that signed HQ's server certificate, and
the pinned server key(s), checked on the TLS socket right after the handshake, before any request
(and so before the token) is sent. The token travels only in the ``Authorization`` header.
"""

from __future__ import annotations

import hashlib
import json
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

import urllib3
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from urllib3.connection import HTTPSConnection

CHUNK_BYTES = 256 * 1024
TIMEOUT = urllib3.Timeout(connect=10, read=120)


class Unreachable(Exception):
    """HQ could not be reached (no network, connection cut, timeout): try again later."""


class Busy(Exception):
    """HQ answered 429/503: try again after ``retry_after`` seconds."""

    def __init__(self, retry_after: int, message: str) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Refusal(Exception):
    """HQ (or the connection's identity) refused: never retried by itself, the clerk must act."""

    def __init__(self, code: str, message_bn: str, message_en: str) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code, self.message_bn, self.message_en = code, message_bn, message_en


class PinMismatch(Exception):
    """The server's key is not the one pinned in the link file."""


def _spki_sha256(der: bytes) -> str:
    spki = x509.load_der_x509_certificate(der).public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(spki).hexdigest()


class _PinnedConnection(HTTPSConnection):
    pins: frozenset[str] = frozenset()

    def connect(self) -> None:
        super().connect()
        der = self.sock.getpeercert(binary_form=True)
        if der is None or _spki_sha256(der) not in self.pins:
            self.close()
            raise PinMismatch("the server's key is not the pinned key of the link file")


@dataclass(frozen=True)
class Link:
    """What the client needs of the office's link to HQ."""

    url: str
    ca_cert: str
    pins: list[str]
    token: str


class HqClient:
    def __init__(self, link: Link, chunk_bytes: int = CHUNK_BYTES) -> None:
        parts = urlsplit(link.url)
        if parts.scheme != "https" or not parts.hostname:
            raise Refusal("bad_link", "সংযোগ-ফাইলের ঠিকানা সঠিক নয়", f"The link's URL is not https: {link.url}")
        self.pool = urllib3.HTTPSConnectionPool(
            parts.hostname, parts.port or 443, ca_cert_data=link.ca_cert, cert_reqs="CERT_REQUIRED",
            timeout=TIMEOUT, retries=False, maxsize=1)
        self.pool.ConnectionCls = type("Pinned", (_PinnedConnection,), {"pins": frozenset(link.pins)})
        self.headers = {"Authorization": f"Bearer {link.token}"}
        self.chunk_bytes = chunk_bytes

    def close(self) -> None:
        self.pool.close()

    def _request(self, method: str, path: str, body: bytes | None = None,
                 content_type: str = "application/octet-stream") -> urllib3.BaseHTTPResponse:
        headers = dict(self.headers)
        if body is not None:
            headers["Content-Type"] = content_type
        try:
            response = self.pool.urlopen(method, path, body=body, headers=headers, redirect=False,
                                         preload_content=True)
        except (urllib3.exceptions.HTTPError, OSError, PinMismatch) as exc:
            raise self._failure(exc) from None
        if response.status in (429, 503):
            raise Busy(int(response.headers.get("Retry-After", "60") or 60), _problem(response)[2])
        if response.status >= 400:
            code, bn, en = _problem(response)
            raise Refusal(code, bn, en)
        return response

    @staticmethod
    def _failure(exc: BaseException | None) -> Exception:
        """What a failed connection means: a refusal of HQ's identity, or just not reachable now."""
        causes = list(_causes(exc))
        if any(isinstance(c, PinMismatch) for c in causes):
            return Refusal("pin_mismatch", "সদর দপ্তরের সার্ভারের পরিচয় মেলেনি (পিন): কিছু পাঠানো হয়নি",
                           "HQ's server did not show the pinned key: nothing was sent")
        if any(isinstance(c, ssl.SSLCertVerificationError) for c in causes):
            return Refusal("certificate_failed", "সদর দপ্তরের সার্ভারের সনদ যাচাই হয়নি: কিছু পাঠানো হয়নি",
                           f"HQ's server certificate did not verify: {exc}")
        return Unreachable(str(exc))

    def _json(self, method: str, path: str, payload: Any = None) -> Any:
        body = None if payload is None else json.dumps(payload).encode("utf-8")
        return json.loads(self._request(method, path, body, "application/json").data)

    def hello(self) -> dict[str, Any]:
        """The probe: proves HQ is there, the pin and the token hold."""
        return self._json("GET", "/v1/hello")

    def declare(self, data: bytes) -> list[int]:
        """Announce a bundle (size, chunk hashes); returns the chunks HQ lacks (none when it has the bundle)."""
        chunks = self._chunks(data)
        answer = self._json("POST", "/v1/uploads", {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
                                                    "chunk_size": self.chunk_bytes,
                                                    "chunks": [hashlib.sha256(c).hexdigest() for c in chunks]})
        return [int(i) for i in answer["missing"]]

    def send_chunk(self, data: bytes, index: int) -> None:
        self._request("PUT", f"/v1/uploads/{hashlib.sha256(data).hexdigest()}/chunks/{index}",
                      self._chunks(data)[index])

    def commit(self, data: bytes) -> bytes:
        """Ask HQ to import the bundle; returns its signed receipt (the same bytes on every repeat)."""
        return self._request("POST", f"/v1/uploads/{hashlib.sha256(data).hexdigest()}/commit").data

    def upload(self, data: bytes, progress: Callable[[int, int], None] | None = None) -> bytes:
        """Send a bundle, only the chunks HQ lacks, and commit it; returns HQ's signed receipt."""
        total = len(self._chunks(data))
        missing = self.declare(data)
        for done, index in enumerate(missing):
            if progress is not None:
                progress(total - len(missing) + done, total)
            self.send_chunk(data, index)
        if progress is not None:
            progress(total, total)
        return self.commit(data)

    def _chunks(self, data: bytes) -> list[bytes]:
        return [data[i:i + self.chunk_bytes] for i in range(0, len(data), self.chunk_bytes)]

    def receipts(self, since: int) -> tuple[list[dict[str, Any]], int]:
        answer = self._json("GET", f"/v1/receipts?since={since}")
        return answer["receipts"], int(answer["last"])

    def packs(self, after: str = "") -> list[dict[str, Any]]:
        return self._json("GET", f"/v1/packs?after={quote(after)}")["packs"]

    def pack(self, name: str) -> bytes:
        return self._request("GET", f"/v1/packs/{quote(name)}").data


def _causes(exc: BaseException | None):
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = getattr(exc, "reason", None) or exc.__cause__ or exc.__context__


def _problem(response: urllib3.BaseHTTPResponse) -> tuple[str, str, str]:
    try:
        body = json.loads(response.data)
        return str(body["code"]), str(body["message_bn"]), str(body["message_en"])
    except (ValueError, KeyError, TypeError):
        return f"http_{response.status}", f"সদর দপ্তরের উত্তর {response.status}", f"HQ answered {response.status}"
