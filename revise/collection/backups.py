"""Backups: consistent copies of the collection through SQLite's backup API, where they live, which are kept."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

AUTOMATIC = ("daily", "migration")  # made by revise itself, and pruned; the others are kept until deleted
KEEP_DAYS, KEEP_WEEKS = 7, 4
_STAMP = "%Y-%m-%dT%H%M%S"  # local time; sorts as text in the order taken


@dataclass(frozen=True)
class Backup:
    """One backup file: when it was taken, why, its size, and what it holds (None if it cannot be read)."""

    path: Path
    taken: datetime
    kind: str
    size: int
    cards: int | None
    reviews: int | None


def backups_dir(collection: Path) -> Path:
    """Where `collection`'s backups live: `backups/<name>-<hash of its absolute path>` in the user data directory."""
    from platformdirs import user_data_path

    absolute = os.path.realpath(collection)
    digest = hashlib.sha256(absolute.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return user_data_path("revise", appauthor=False) / "backups" / f"{Path(absolute).stem}-{digest}"


def make_backup(conn: sqlite3.Connection, collection: Path, kind: str, *, to: Path | None = None,
                now: datetime | None = None) -> Path:
    """Copy `conn`'s database with SQLite's backup API (consistent even while others write) to `to`, or
    into `collection`'s backups folder; written under a temporary name and renamed, so never half a file."""
    dest = to or _new_name(backups_dir(collection), kind, now or datetime.now())
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)  # left by a backup that was killed
    target = sqlite3.connect(partial)
    try:
        conn.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
    finally:
        target.close()
    os.replace(partial, dest)
    if kind in AUTOMATIC:
        prune(dest.parent)
    return dest


def _new_name(folder: Path, kind: str, now: datetime) -> Path:
    """`<local time>-<kind>.db` in `folder`, with a number added if that second already has one."""
    stem, number = f"{now.strftime(_STAMP)}-{kind}", 1
    while (folder / f"{stem}.db").exists():
        number += 1
        stem = f"{now.strftime(_STAMP)}-{kind}-{number}"
    return folder / f"{stem}.db"


def daily_backup(conn: sqlite3.Connection, collection: Path, now: datetime | None = None) -> Path | None:
    """Back up before the day's first write: unless today (local date) has an automatic backup already,
    or the collection holds no card and no review yet. The check is one listing of a small folder."""
    now = now or datetime.now()
    today = now.strftime("%Y-%m-%d")
    try:
        names = os.listdir(backups_dir(collection))
    except FileNotFoundError:
        names = []
    if any(name.startswith(today) and _kind(name) in AUTOMATIC for name in names):
        return None
    if not conn.execute("SELECT EXISTS (SELECT 1 FROM cards) OR EXISTS (SELECT 1 FROM revlog)").fetchone()[0]:
        return None
    return make_backup(conn, collection, "daily", now=now)


def _kind(name: str) -> str | None:
    """The kind in a backup's file name (`2025-06-01T093000-daily.db` → daily), None for other files."""
    parts = name.removesuffix(".db").split("-")
    return parts[3] if name.endswith(".db") and len(parts) >= 4 else None


def _taken(name: str) -> datetime | None:
    try:
        return datetime.strptime(name[:len("2025-06-01T093000")], _STAMP)
    except ValueError:
        return None


def prune(folder: Path) -> list[Path]:
    """Delete the automatic backups beyond the newest of each of the last 7 days that have one and,
    before those, the newest of each of 4 weeks; returns what it deleted."""
    automatic = sorted((n for n in os.listdir(folder) if _kind(n) in AUTOMATIC and _taken(n)), reverse=True)
    keep: dict[object, str] = {}
    for name in automatic:
        day = _taken(name).date()
        if len(keep) < KEEP_DAYS and day not in keep:
            keep[day] = name
    oldest_daily = min(keep, default=date.max)
    weeks: dict[object, str] = {}
    for name in automatic:
        day = _taken(name).date()
        week = day.isocalendar()[:2]
        if day < oldest_daily and len(weeks) < KEEP_WEEKS and week not in weeks:
            weeks[week] = name
    kept = set(keep.values()) | set(weeks.values())
    deleted = [folder / name for name in automatic if name not in kept]
    for path in deleted:
        path.unlink(missing_ok=True)
    return deleted


def list_backups(collection: Path) -> list[Backup]:
    """`collection`'s backups, newest first, each with its card and review counts."""
    folder = backups_dir(collection)
    try:
        names = sorted((n for n in os.listdir(folder) if _kind(n) and _taken(n)), reverse=True)
    except FileNotFoundError:
        return []
    return [_backup(folder / name) for name in names]


def _backup(path: Path) -> Backup:
    cards = reviews = None
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            cards, reviews = (conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in ("cards", "revlog"))
        finally:
            conn.close()
    except sqlite3.Error:
        pass  # listed all the same, its counts unknown: `revise restore` says what is wrong with it
    return Backup(path, _taken(path.name), _kind(path.name), path.stat().st_size, cards, reviews)
