"""Helpers for tests of HQ on either back end (the stores come from conftest's ``make_hq``)."""

from __future__ import annotations


def hq_cli_args(store) -> list[str]:
    """The ``--hq-db`` and ``--hq-blobs`` arguments naming ``store`` on a command line."""
    return ["--hq-db", store.target, "--hq-blobs", str(store.blobs.root)]
