"""The reads of `revise card ID`: one card, its note and its review log."""

from __future__ import annotations

from sqlite_utils import Database

from revise.collection.database import dict_rows

CARD_COLUMNS = """c.id, c.note_id, c.ord, c.front, c.back, c.state, c.step, c.stability, c.difficulty,
    c.due, c.last_review, c.reps, c.lapses, c.suspended, c.buried_until,
    n.kind, n.text AS note_text, n.deck, n.tags, n.headings, n.source, n.line, n.created_at,
    (n.retired OR c.retired) AS retired"""


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
