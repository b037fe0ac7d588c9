"""The two databases HQ can live in, behind one small connection interface.

HQ's SQL is written once, in the portable subset both engines understand (``?`` placeholders,
``INSERT … ON CONFLICT``, ``RETURNING``); :class:`PostgresBackend` turns ``?`` into psycopg's ``%s``.
Only :mod:`.store` and :mod:`.schema` hold SQL; everything else calls the store.

* :class:`SqliteBackend`: the embedded default, one file (WAL, full sync, foreign keys), for an
  HQ on one laptop. A write transaction is ``BEGIN IMMEDIATE`` so that readers never block and two
  writers queue instead of failing half-way.
* :class:`PostgresBackend`: psycopg 3, for the national server and several HQ machines behind one
  address. Autocommit outside :meth:`transaction`; nested transactions are savepoints.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from ..core.errors import UserError

BUSY_TIMEOUT_S = 30


class HqDatabaseError(UserError):
    """HQ's database cannot be opened (a wrong URL, a server that refuses, a damaged file)."""


class Backend(Protocol):
    """What the store needs of a database connection."""

    dialect: str
    """``"sqlite"`` or ``"postgresql"``."""
    target: str
    """The path or URL it was opened from (worker processes open their own connection with it)."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any: ...

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    def fetchone(self, sql: str, params: Sequence[Any] = ()) -> tuple | None: ...

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]: ...

    def transaction(self) -> Any: ...

    def lock(self, key: str) -> None: ...

    def close(self) -> None: ...


def is_url(target: str | Path) -> bool:
    return str(target).startswith(("postgresql://", "postgres://"))


def connect(target: str | Path, read_only: bool = False) -> Backend:
    """A connection to HQ's database: a ``postgresql://`` URL or a SQLite file path."""
    if is_url(target):
        return PostgresBackend(str(target))
    return SqliteBackend(Path(target), read_only)


class SqliteBackend:
    dialect = "sqlite"

    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.target = str(path)
        if read_only:
            self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S,
                                        isolation_level=None, check_same_thread=False)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                        check_same_thread=False)
        try:
            if not read_only:
                self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=FULL")
            self.conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise HqDatabaseError("সদর দপ্তরের ডাটাবেস খোলা যায়নি", f"HQ's database cannot be opened: {exc}",
                                  str(path)) from None
        self._depth = 0
        self._mutex = threading.RLock()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, tuple(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    def fetchone(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        return self.conn.execute(sql, tuple(params)).fetchone()

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self.conn.execute(sql, tuple(params)).fetchall()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All of the block or nothing; nested blocks are savepoints."""
        with self._mutex:
            if self._depth == 0:
                self.conn.execute("BEGIN IMMEDIATE")
            else:
                self.conn.execute(f"SAVEPOINT s{self._depth}")
            self._depth += 1
            try:
                yield
            except BaseException:
                self._depth -= 1
                if self._depth == 0:
                    self.conn.execute("ROLLBACK")
                else:
                    self.conn.execute(f"ROLLBACK TO s{self._depth}")
                    self.conn.execute(f"RELEASE s{self._depth}")
                raise
            self._depth -= 1
            self.conn.execute("COMMIT" if self._depth == 0 else f"RELEASE s{self._depth}")

    def lock(self, key: str) -> None:
        """Nothing to do: ``BEGIN IMMEDIATE`` already serialises SQLite's writers."""

    def close(self) -> None:
        self.conn.close()


class PostgresBackend:
    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        import psycopg

        self.target = url
        try:
            self.conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise HqDatabaseError("সদর দপ্তরের PostgreSQL ডাটাবেসে সংযোগ হয়নি",
                                  f"Cannot connect to HQ's PostgreSQL database: {str(exc).strip()}") from None
        self._mutex = threading.RLock()

    @staticmethod
    def _sql(sql: str, params: Sequence[Any]) -> str:
        return sql.replace("?", "%s") if params else sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        with self._mutex:
            return self.conn.execute(self._sql(sql, params), tuple(params) or None)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self._mutex, self.conn.cursor() as cursor:
                cursor.executemany(sql.replace("?", "%s"), rows)

    def fetchone(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        with self._mutex:
            return self.conn.execute(self._sql(sql, params), tuple(params) or None).fetchone()

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self._mutex:
            return self.conn.execute(self._sql(sql, params), tuple(params) or None).fetchall()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._mutex, self.conn.transaction():
            yield

    def lock(self, key: str) -> None:
        """Serialise writers of ``key`` (an office) until the transaction ends, across HQ machines."""
        self.execute("SELECT pg_advisory_xact_lock(hashtext(?))", (key,))

    def close(self) -> None:
        self.conn.close()
