"""Where the user's database and its automatic backups live by default."""

from __future__ import annotations

from pathlib import Path

from ..paths import default_data_dir

DATABASE_NAME = "apa.sqlite3"
BACKUP_DIR_NAME = "backups"


def default_database_path() -> Path:
    return default_data_dir() / DATABASE_NAME


def backup_dir_for(database: Path) -> Path:
    """Backups sit in ``backups/`` beside the database (the user data dir for the default one)."""
    return database.parent / BACKUP_DIR_NAME
