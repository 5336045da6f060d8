"""Restoring a backup: check the file, set the current collection aside (backed up, or moved if damaged), copy it in."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from revise.collection.backups import make_backup
from revise.collection.database import (
    SQLITE_HEADER, holds_revise_schema, is_missing_or_empty, open_collection, read_only_connection,
)
from revise.errors import ReviseError


def check_collection_file(path: Path) -> None:
    """A ReviseError unless `path` is a sound revise collection this revise can open (SQLite, revise's
    schema, not from a newer revise, `PRAGMA integrity_check` ok); the file is only read."""
    if not path.is_file():
        raise ReviseError(f"{path}: no such file — `revise backups` lists the backups")
    if is_missing_or_empty(path):
        raise ReviseError(f"{path}: an empty file, not a revise collection — choose another backup")
    open_collection(path, read_only=True).conn.close()  # refuses what is not SQLite, not ours, or newer
    conn = read_only_connection(path)
    try:
        problems = [row for row, in conn.execute("PRAGMA integrity_check(5)")]
    except sqlite3.DatabaseError as exc:
        problems = [str(exc)]
    finally:
        conn.close()
    if problems != ["ok"]:
        raise ReviseError(f"{path}: this file is damaged ({'; '.join(problems)}) — choose another backup")


def restore_collection(backup: Path, collection: Path, now: datetime | None = None) -> Path | None:
    """Replace `collection` with a copy of `backup` (checked first); returns where the collection it
    replaced went (a backup of it, or the damaged file moved aside), None if there was none."""
    check_collection_file(backup)
    if collection.exists() and os.path.samefile(backup, collection):
        raise ReviseError(f"{backup}: this is the collection itself — name a backup (`revise backups` lists them)")
    aside = _set_aside(collection, now or datetime.now())
    _copy(backup, collection)
    open_collection(collection).conn.close()  # WAL mode again, and a backup from an older revise migrated
    return aside


def _set_aside(collection: Path, now: datetime) -> Path | None:
    """Back up the current collection; one too damaged for SQLite to copy is renamed beside itself."""
    if is_missing_or_empty(collection):
        return None
    if _is_sqlite(collection):
        try:
            conn = read_only_connection(collection)
            try:
                holds_revise_schema(conn, collection)  # a database that is not ours is never replaced
                return make_backup(conn, collection, "restore", now=now)
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            pass  # damaged: moved aside below, never deleted
    aside = collection.with_name(f"{collection.name}.damaged-{now.strftime('%Y-%m-%dT%H%M%S')}")
    for suffix in ("", "-wal", "-shm"):  # its journal goes with it, or SQLite would apply it to the restored file
        if Path(f"{collection}{suffix}").exists():
            os.replace(f"{collection}{suffix}", f"{aside}{suffix}")
    return aside


def _is_sqlite(path: Path) -> bool:
    with open(path, "rb") as file:
        return file.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def _copy(backup: Path, collection: Path) -> None:
    """Write `backup`'s pages into `collection` through the backup API (SQLite locks it against other revises)."""
    source = read_only_connection(backup)
    target = sqlite3.connect(collection)
    try:
        target.execute("PRAGMA busy_timeout = 5000")
        page_size = "PRAGMA page_size"
        if source.execute(page_size).fetchone() != target.execute(page_size).fetchone():
            # A WAL-mode target refuses pages of another size: leave WAL for the copy (opening restores it).
            target.execute("PRAGMA journal_mode = DELETE")
        source.backup(target)
    finally:
        source.close()
        target.close()
