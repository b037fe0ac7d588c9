"""Per-office upload tokens: random, shown (or written into the link file) once, kept only as a
hash at HQ, replaced by enrolling again and revoked with ``hq revoke --tokens``."""

from __future__ import annotations

import hashlib
import secrets

from .store import HqStore

PREFIX = "apa1_"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(store: HqStore, office_id: str) -> str:
    """A new token for the office (its earlier tokens stop working); returned once, never stored."""
    token = PREFIX + secrets.token_urlsafe(32)
    store.add_token(token_hash(token), office_id)
    return token


def office_for_token(store: HqStore, token: str) -> str | None:
    """The office a presented token speaks for, or ``None`` (unknown or revoked)."""
    if not token.startswith(PREFIX) or len(token) > 200:
        return None
    return store.token_office(token_hash(token))
