"""Helpers of the data-safety tests: collections with cards, older schemas, foreign databases, file hashes."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from revise.collection.database import open_collection
from revise.collection.migrations import migrations

LAST_STEP = migrations._migrations[-1].name


def digest(path: Path) -> str:
    """The sha256 of a file's bytes (what "unchanged" means in these tests)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def collection_with_cards(path: Path, cards: int = 3) -> Path:
    """A real collection holding `cards` basic cards from one note file, and one review of the first."""
    from revise.sources import import_paths

    notes = path.parent / f"{path.stem}-notes.md"
    notes.write_text("".join(f"Question {i} :: answer {i}\n\n" for i in range(cards)))
    db = open_collection(path)
    import_paths(db, [str(notes)])
    db.execute("INSERT INTO revlog (card_id, reviewed_at, rating, state) VALUES "
               "((SELECT min(id) FROM cards), '2025-01-02T10:00:00+00:00', 3, 'new')")
    db.conn.commit()
    db.conn.close()
    return path


def older_collection(path: Path) -> Path:
    """A collection made by a revise one schema step behind this one, with one card in it."""
    db = Database(path)
    migrations.apply(db, stop_before=LAST_STEP)
    db.execute("INSERT INTO notes (key, kind, text, deck, created_at, updated_at) VALUES ('k', 'basic', 'a :: b', 'd', 'x', 'x')")
    db.execute("INSERT INTO cards (note_id, ord, front, back) VALUES (1, 0, 'a', 'b')")
    db.conn.commit()
    db.conn.close()
    return path


def foreign_database(path: Path) -> Path:
    """Someone else's SQLite database: a table of its own, no revise migration record."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE people (name TEXT)")
    conn.execute("INSERT INTO people VALUES ('Ada')")
    conn.commit()
    conn.close()
    return path
