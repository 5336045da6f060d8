"""The reads of `revise card ID` (one card, its note and its review log) and of export, on a
connection that never creates, migrates or writes the collection."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from revise.collection.database import add_missing_functions, check_not_newer, dict_rows
from revise.errors import ReviseError

CARD_COLUMNS = """c.id, c.note_id, c.ord, c.front, c.back, c.state, c.step, c.stability, c.difficulty,
    c.due, c.last_review, c.reps, c.lapses, c.suspended, c.buried_until,
    n.kind, n.text AS note_text, n.deck, n.tags, n.headings, n.source, n.line, n.created_at,
    (n.retired OR c.retired) AS retired"""


def open_read_only(path: Path | str) -> Database:
    """The collection at `path`, opened read-only (an older schema is read as it is, not migrated)."""
    path = Path(path)
    if not path.is_file():
        raise ReviseError(f"no collection at {path} — import notes first with `revise import PATH` "
                          "(or name another collection with --collection)")
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        db = Database(conn, execute_plugins=False)
        tables = set(db.table_names())
    except sqlite3.Error as exc:
        raise ReviseError(f"{path}: cannot open the collection ({exc}). "
                          "Pass --collection with the path of a revise collection.") from exc
    if not {"cards", "notes", "revlog"} <= tables:
        raise ReviseError(f"{path}: not a revise collection — pass --collection with the path of one")
    check_not_newer(db, path)
    add_missing_functions(conn)
    return db


def card_row(db: Database, card_id: int) -> dict | None:
    """One card with its note's deck, tags, source and line, retired or not (None if there is no such card)."""
    rows = dict_rows(db, f"SELECT {CARD_COLUMNS} FROM cards c JOIN notes n ON n.id = c.note_id WHERE c.id = ?",
                     [card_id])
    return rows[0] if rows else None


def card_reviews(db: Database, card_ids: list[int] | None = None) -> list[dict]:
    """The review log of these cards (of every card with None), oldest first."""
    sql = ("SELECT id, card_id, reviewed_at, rating, state, due, stability, difficulty, interval_days,"
           " duration_ms, kind, previous FROM revlog")
    if card_ids is None:
        return dict_rows(db, sql + " ORDER BY reviewed_at, id")
    marks = ",".join("?" * len(card_ids))
    return dict_rows(db, f"{sql} WHERE card_id IN ({marks}) ORDER BY card_id, reviewed_at, id", card_ids)
