"""The schema, as sqlite-utils migrations.

Migrations are only ever appended: a database made by any version opens in every later
one, which applies the migrations it lacks (recorded in ``_sqlite_migrations``).
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

MIGRATIONS = Migrations("apa_desktop")

_APPEND_ONLY = "RAISE(ABORT, 'the audit log is append-only')"


@MIGRATIONS(name="m001_initial")
def m001_initial(db: Database) -> None:
    for sql in (
        """CREATE TABLE offices (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            tier TEXT NOT NULL,
            superior_office TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT ''
        ) STRICT""",
        """CREATE TABLE office_years (
            id INTEGER PRIMARY KEY,
            office_id TEXT NOT NULL REFERENCES offices(id),
            fiscal_year TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'draft',
            created_at TEXT NOT NULL,
            UNIQUE (office_id, fiscal_year)
        ) STRICT""",
        """CREATE TABLE evidence (
            sha256 TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            name TEXT NOT NULL,
            mime TEXT NOT NULL,
            data BLOB NOT NULL,
            added_at TEXT NOT NULL
        ) STRICT""",
        """CREATE TABLE revisions (
            id INTEGER PRIMARY KEY,
            office_year_id INTEGER NOT NULL REFERENCES office_years(id),
            number INTEGER NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            parent_id INTEGER REFERENCES revisions(id),
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL,
            signed_at TEXT,
            signed_by TEXT,
            signed_pdf_sha256 TEXT REFERENCES evidence(sha256),
            locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
            UNIQUE (office_year_id, number)
        ) STRICT""",
        # A signed revision is never edited in place, whatever the code above tries.
        """CREATE TRIGGER revisions_locked_body BEFORE UPDATE OF body ON revisions
           WHEN OLD.locked = 1
           BEGIN SELECT RAISE(ABORT, 'a signed revision cannot be changed'); END""",
        """CREATE TRIGGER revisions_stay_locked BEFORE UPDATE OF locked ON revisions
           WHEN OLD.locked = 1 AND NEW.locked = 0
           BEGIN SELECT RAISE(ABORT, 'a signed revision cannot be unlocked'); END""",
        """CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user TEXT NOT NULL DEFAULT '',
            office_year_id INTEGER REFERENCES office_years(id),
            revision_id INTEGER REFERENCES revisions(id),
            action TEXT NOT NULL,
            path TEXT NOT NULL DEFAULT '',
            old TEXT,
            new TEXT,
            target INTEGER
        ) STRICT""",
        f"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT {_APPEND_ONLY}; END",
        f"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT {_APPEND_ONLY}; END",
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT) STRICT",
    ):
        db.execute(sql)


@MIGRATIONS(name="m002_cell_history_index")
def m002_cell_history_index(db: Database) -> None:
    """The history of one cell is read on every selection change: index it."""
    db.execute("CREATE INDEX audit_cell ON audit (office_year_id, path, id)")


@MIGRATIONS(name="m003_history_chain")
def m003_history_chain(db: Database) -> None:
    """Tamper-evident history: each audit row and each revision carries the hash of the previous
    one of its office-year chained with its own content (see db/audit.py); rows already there are
    chained now, in order."""
    from .audit import rechain_all

    db.execute("ALTER TABLE audit ADD COLUMN chain TEXT")
    # Beside the revision, not in its row: updating a column of a row rewrites its whole body.
    db.execute("""CREATE TABLE revision_chain (
        revision_id INTEGER PRIMARY KEY REFERENCES revisions(id),
        chain TEXT NOT NULL
    ) STRICT""")
    db.execute("CREATE INDEX audit_chain ON audit (office_year_id, id)")
    db.execute("DROP TRIGGER audit_no_update")  # the one time existing rows are given their hash
    rechain_all(db.conn)
    db.execute(f"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT {_APPEND_ONLY}; END")


@MIGRATIONS(name="m004_outbox")
def m004_outbox(db: Database) -> None:
    """Bundles waiting to go to HQ over the network (their bytes, so a lost USB copy does not
    matter), each with its sending state, and the office's link to HQ (apa_desktop.sync)."""
    for sql in (
        """CREATE TABLE outbox (
            sha256 TEXT PRIMARY KEY,
            office_id TEXT NOT NULL,
            file_name TEXT NOT NULL,
            data BLOB NOT NULL,
            state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'delivered', 'held')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,
            last_status TEXT NOT NULL DEFAULT '',
            last_message TEXT NOT NULL DEFAULT '',
            sent_chunks INTEGER NOT NULL DEFAULT 0,
            total_chunks INTEGER NOT NULL DEFAULT 0,
            queued_at TEXT NOT NULL,
            delivered_at TEXT
        ) STRICT""",
        """CREATE TABLE hq_link (
            office_id TEXT PRIMARY KEY,
            url TEXT NOT NULL,
            ca_cert TEXT NOT NULL,
            pins TEXT NOT NULL,
            hq_cert TEXT NOT NULL,
            token TEXT NOT NULL,
            linked_at TEXT NOT NULL
        ) STRICT""",
    ):
        db.execute(sql)


@MIGRATIONS(name="m005_year_templates")
def m005_year_templates(db: Database) -> None:
    """Templates the office holds besides the shipped ones (headquarters' packs, carry-overs made
    for a year, a focal point's drafts) and the packs imported (db/templates.py)."""
    for sql in (
        """CREATE TABLE templates (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            fiscal_year TEXT NOT NULL,
            tier TEXT NOT NULL,
            version INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('official', 'partial', 'carry-over', 'draft')),
            source TEXT NOT NULL DEFAULT '',
            office_id TEXT,
            pack_id TEXT,
            sha256 TEXT NOT NULL,
            body TEXT NOT NULL,
            added_at TEXT NOT NULL,
            added_by TEXT NOT NULL DEFAULT ''
        ) STRICT""",
        "CREATE INDEX templates_year ON templates (kind, fiscal_year, tier)",
        """CREATE TABLE template_packs (
            pack_id TEXT PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            issuer TEXT NOT NULL,
            created_at TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            imported_by TEXT NOT NULL DEFAULT '',
            templates TEXT NOT NULL
        ) STRICT""",
    ):
        db.execute(sql)


@MIGRATIONS(name="m006_office_web_portal")
def m006_office_web_portal(db: Database) -> None:
    """The office's web portal, printed in its letterhead beside the address."""
    db.execute("ALTER TABLE offices ADD COLUMN web_portal TEXT NOT NULL DEFAULT ''")
