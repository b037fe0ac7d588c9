"""The link file (``.apalink``) HQ writes when it enrols an office, read once by the office.

JSON: ``{"format": "apa-desktop/link", "version": 1, "url": "https://HOST:PORT", "office_id",
"ca_cert": PEM of the CA that signed HQ's server certificate, "pins": [SHA-256 of the server
key(s)' SubjectPublicKeyInfo, hex], "hq_cert": PEM of the certificate HQ signs receipts with,
"token": the office's upload token}``. It holds a secret (the token): HQ writes it readable by
its owner only, and it should travel like the office's key file.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from ..core.errors import UserError
from .files import write_whole

FORMAT = "apa-desktop/link"
VERSION = 1
SUFFIX = ".apalink"
MAX_BYTES = 256 * 1024


class LinkInvalid(UserError):
    """The file is not a link file HQ wrote."""


@dataclass(frozen=True)
class Link:
    url: str
    office_id: str
    ca_cert: str
    pins: list[str]
    hq_cert: str
    token: str


def write_link(path: Path, link: Link) -> Path:
    data = json.dumps({"format": FORMAT, "version": VERSION, **asdict(link)}, indent=1).encode("utf-8")
    return write_whole(path, data, private=True)


def read_link(data: bytes) -> Link:
    bad = LinkInvalid("এটি সদর দপ্তরের সংযোগ-ফাইল (.apalink) নয়", "This is not a link file (.apalink) from HQ")
    if len(data) > MAX_BYTES:
        raise bad
    try:
        raw = json.loads(data)
    except ValueError:
        raise bad from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT or raw.get("version") != VERSION:
        raise bad
    fields = ("url", "office_id", "ca_cert", "hq_cert", "token")
    if not all(isinstance(raw.get(k), str) and raw[k] for k in fields) or not raw["url"].startswith("https://"):
        raise bad
    pins = raw.get("pins")
    if not isinstance(pins, list) or not pins or not all(isinstance(p, str) and len(p) == 64 for p in pins):
        raise bad
    return Link(raw["url"].rstrip("/"), raw["office_id"], raw["ca_cert"], [p.lower() for p in pins],
                raw["hq_cert"], raw["token"])
