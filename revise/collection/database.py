"""Opening the collection: its path, the connection's settings, the schema check, and SQLite's errors in words."""

from __future__ import annotations

import math
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
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


SQLITE_HEADER = b"SQLite format 3\x00"
_DAMAGED = ("if it is your collection, it is damaged: `revise backups` lists its backups and "
            "`revise restore FILE` puts one back")


def open_collection(path: Path | str, *, read_only: bool = False) -> Database:
    """Open the revise collection at `path`: for writing (created if missing or empty, backed up before a
    schema migration, migrated), or with `read_only` never written (an older schema is read through a
    migrated copy in memory). A SQLite file that is not a revise collection is refused, unchanged."""
    path = Path(path)
    if read_only:
        return _open_read_only(path)
    _check_sqlite_header(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = Database(path, execute_plugins=False)  # no sqlite-utils plugin touches a collection
        db.execute("PRAGMA busy_timeout = 5000")
        holds_schema = holds_revise_schema(db.conn, path)  # before any write: a foreign file stays as it was
        db.enable_wal()
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = NORMAL")
        add_missing_functions(db.conn)
    except sqlite3.DatabaseError as exc:  # a damaged file, or a folder we may not write in
        raise _cannot_open(path, exc) from exc
    except OSError as exc:
        raise _cannot_open(path, exc) from exc
    check_not_newer(db, path)
    if holds_schema and migrations.pending(db):
        from revise.collection.backups import make_backup

        make_backup(db.conn, path, "migration")  # a failed step must never cost the user their history
    migrations.apply(db)
    return db


def _open_read_only(path: Path) -> Database:
    """The collection through a connection that cannot write (SQLite's `mode=ro`)."""
    if is_missing_or_empty(path):
        raise ReviseError(f"{path}: there is no collection here yet — import notes first with "
                          "`revise import PATH` (or name another collection with --collection)")
    _check_sqlite_header(path)
    try:
        conn = read_only_connection(path)
        if not holds_revise_schema(conn, path):
            raise ReviseError(f"{path}: there is no collection here yet (an empty SQLite file) — import "
                              "notes first with `revise import PATH`")
        db = Database(conn, execute_plugins=False)
        check_not_newer(db, path)
        if migrations.pending(db):
            db = _migrated_copy(conn)
        db.execute("PRAGMA foreign_keys = ON")
        add_missing_functions(db.conn)
    except sqlite3.DatabaseError as exc:
        raise _cannot_open(path, exc) from exc
    return db


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection to `path` that SQLite itself keeps from writing (`mode=ro`), with the busy timeout."""
    conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def _migrated_copy(conn: sqlite3.Connection) -> Database:
    """An older collection copied into memory and migrated there, so reading commands can read it
    without upgrading the file (the next writing command upgrades it, after a backup)."""
    memory = sqlite3.connect(":memory:")
    conn.backup(memory)
    conn.close()
    db = Database(memory, execute_plugins=False)
    migrations.apply(db)
    return db


def is_missing_or_empty(path: Path) -> bool:
    """Whether `path` is not there or is a 0-byte file (a collection not yet created)."""
    try:
        return path.stat().st_size == 0
    except FileNotFoundError:
        return True


def _check_sqlite_header(path: Path) -> None:
    """A file that is there but does not start as SQLite does is refused before SQLite sees it."""
    try:
        with open(path, "rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return  # missing: created when writing; a folder: SQLite's own error names it
    except OSError as exc:
        raise _cannot_open(path, exc) from exc
    if header and header != SQLITE_HEADER:
        raise _cannot_open(path, "file is not a database")


def holds_revise_schema(conn: sqlite3.Connection, path: Path) -> bool:
    """True for a revise collection, False for a SQLite file with no table yet; a database with
    tables of its own and no revise migration record is a ReviseError (it is never written)."""
    tables = [name for name, in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name")]
    if "_sqlite_migrations" in tables and conn.execute(
            "SELECT 1 FROM _sqlite_migrations WHERE migration_set = 'revise' LIMIT 1").fetchone():
        return True
    if not tables or tables == ["_sqlite_migrations"]:  # new, or a first open killed before its first step
        return False
    shown = ", ".join(tables[:5]) + (", …" if len(tables) > 5 else "")
    raise ReviseError(f"{path}: not a revise collection (a SQLite database with tables of its own: {shown}) "
                      "— nothing was changed; pass --collection with the path of a revise collection")


def _cannot_open(path: Path, exc: object) -> ReviseError:
    """The error for a file SQLite cannot open; one that is not (or no longer) SQLite may be a damaged collection."""
    if "disk I/O error" in str(exc) and _disk_full(path):  # no room for the -shm file WAL mode needs
        return ReviseError(f"{path}: {_DISK_FULL.format(exc)}")
    damaged = any(words in str(exc) for words in ("not a database", "malformed"))
    return ReviseError(f"{path}: cannot open the collection ({exc}). Pass --collection with the path of "
                       f"a revise collection" + (f"; {_DAMAGED}." if damaged else "."))


_DISK_FULL = "the disk is full ({}) — free some space and try again; nothing was changed"


def _disk_full(path: Path) -> bool:
    """Whether the disk holding `path` has (almost) no space left: less than SQLite's 32 kB -shm file."""
    import shutil

    try:
        return shutil.disk_usage(path.parent).free < 64 * 1024
    except OSError:
        return False


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


@contextmanager
def writing(db: Database) -> Iterator[Database]:
    """A write transaction holding SQLite's write lock from its start (BEGIN IMMEDIATE); nested, a savepoint."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    # Not sqlite-utils' deferred BEGIN: a transaction that reads before its first write fails at once with
    # "database is locked" if another process (a review's answer) committed since that read, in WAL mode,
    # whatever the busy timeout. Taking the lock first waits for the other writer instead.
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
        db.execute("COMMIT")
    except BaseException:
        db.conn.rollback()  # also when COMMIT itself failed (a full disk): nothing is left half-open
        raise


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
        return f"{collection}: {_DISK_FULL.format(text)}"
    return (f"{collection}: SQLite failed ({text}) — the change it was making was not saved; check the "
            "file and its disk, or choose another collection with --collection")
