"""Opening the collection: its path, the connection's settings, the schema check, and SQLite's errors in words."""

from __future__ import annotations

import math
import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from revise.errors import ReviseError
from revise.collection.migrations import migrations


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
        db = Database(path, execute_plugins=False)  # no sqlite-utils plugin touches a collection
        db.execute("PRAGMA busy_timeout = 5000")
        db.enable_wal()
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = NORMAL")
        add_missing_functions(db.conn)
    except Exception as exc:  # sqlite3.DatabaseError for a file that is not SQLite
        raise ReviseError(
            f"{path}: cannot open the collection ({exc}). "
            "Pass --collection with the path of a revise collection."
        ) from exc
    check_not_newer(db, path)
    migrations.apply(db)
    return db


def add_missing_functions(conn: sqlite3.Connection) -> None:
    """Register pow() where SQLite was built without its math functions (SQLITE_ENABLE_MATH_FUNCTIONS)."""
    try:
        conn.execute("SELECT pow(2, 3)")
    except sqlite3.OperationalError:  # "no such function: pow" (Ubuntu 20.04's SQLite, some Windows Pythons)
        conn.create_function("pow", 2, sql_pow, deterministic=True)


def sql_pow(base: float | None, exponent: float | None) -> float | None:
    """SQLite's pow(): NULL for a NULL or out-of-domain argument instead of an error."""
    try:
        return math.pow(base, exponent)
    except (TypeError, ValueError, OverflowError):
        return None


def check_not_newer(db: Database, path: Path) -> None:
    """Refuse a collection whose schema has steps this revise does not know."""
    known = {m.name for m in migrations._migrations}
    unknown = [m.name for m in migrations.applied(db) if m.name not in known]
    if unknown:
        raise ReviseError(
            f"{path}: this collection was written by a newer revise "
            f"(schema step {unknown[-1]}). Upgrade revise to open it."
        )


def dict_rows(db: Database, sql: str, params: list | tuple | dict = ()) -> list[dict]:
    """The rows of a query as dicts keyed by column name."""
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def sqlite_problem(exc: Exception, collection: str) -> str:
    """An SQLite error as `<collection>: <what> — <what to do>`."""
    name, text = getattr(exc, "sqlite_errorname", ""), str(exc)
    if name.startswith("SQLITE_BUSY") or "locked" in text:  # another process held the write lock past the busy timeout
        return (f"{collection}: the collection is locked by another revise (an import, sync or review). "
                "Try again when it has finished.")
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return (f"{collection}: the collection cannot be written ({text}) — check the permissions of the file "
                "and its folder, or choose another collection with --collection; nothing was changed")
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return f"{collection}: the disk is full ({text}) — free some space and try again; nothing was changed"
    return (f"{collection}: SQLite failed ({text}) — the change it was making was not saved; check the "
            "file and its disk, or choose another collection with --collection")
