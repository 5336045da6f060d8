"""Opening the collection and every SQL read and write. The only module that names tables."""

from __future__ import annotations

import os
from pathlib import Path

from sqlite_utils import Database

from revise.errors import ReviseError
from revise.migrations import migrations


def default_collection_path() -> Path:
    """The collection path: $REVISE_COLLECTION, else collection.db in the user data directory."""
    env = os.environ.get("REVISE_COLLECTION")
    if env:
        return Path(env)
    from platformdirs import user_data_path

    return user_data_path("revise", appauthor=False) / "collection.db"


def open_collection(path: Path | str) -> Database:
    """Open (creating if needed) the collection at `path`, in WAL mode, migrated to the latest schema."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = Database(path)
        db.execute("PRAGMA busy_timeout = 5000")
        db.enable_wal()
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = NORMAL")
    except Exception as exc:  # sqlite3.DatabaseError for a file that is not SQLite
        raise ReviseError(
            f"{path}: cannot open the collection ({exc}). "
            "Pass --collection with the path of a revise collection."
        ) from exc
    _check_not_newer(db, path)
    migrations.apply(db)
    return db


def _check_not_newer(db: Database, path: Path) -> None:
    known = {m.name for m in migrations._migrations}
    unknown = [m.name for m in migrations.applied(db) if m.name not in known]
    if unknown:
        raise ReviseError(
            f"{path}: this collection was written by a newer revise "
            f"(schema step {unknown[-1]}). Upgrade revise to open it."
        )


# --- sources, notes and cards (import / sync) -----------------------------------------------


# --- review -------------------------------------------------------------------------------


# --- stats --------------------------------------------------------------------------------
