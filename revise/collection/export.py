"""The reads of `revise export`: the live notes of a deck (or of all) with their cards and review log."""

from __future__ import annotations

import json

from sqlite_utils import Database

from revise.collection.cards import _deck_clause
from revise.collection.database import dict_rows

_NOTE_COLUMNS = ("n.id, n.key, n.kind, n.text, n.explicit_id, n.source, n.line, n.position, n.deck, n.tags,"
                 " n.headings, n.created_at, n.updated_at")
_CARD_COLUMNS = ("c.id, c.note_id, c.ord, c.front, c.back, c.state, c.step, c.stability, c.difficulty, c.due,"
                 " c.last_review, c.reps, c.lapses, c.suspended, c.buried_until")


def export_notes(db: Database, deck: str | None = None) -> list[dict]:
    """Live notes (of `deck` and its subdecks, or all) in reading order, each with its live cards under "cards"."""
    where, params = "n.retired = 0", []
    if deck:
        clause, params = _deck_clause(deck)
        where += " AND " + clause.replace("notes.", "n.")
    notes = dict_rows(db, f"SELECT {_NOTE_COLUMNS} FROM notes n WHERE {where}"
                          " ORDER BY n.read_key, n.position, n.line, n.id", params)
    by_id = {note["id"]: note | {"cards": []} for note in notes}
    cards = dict_rows(db, f"SELECT {_CARD_COLUMNS} FROM cards c JOIN notes n ON n.id = c.note_id"
                          f" WHERE c.retired = 0 AND {where} ORDER BY c.note_id, c.ord", params)
    for card in cards:
        by_id[card["note_id"]]["cards"].append(card)
    return [note for note in by_id.values() if note["cards"]]


def reviews_of(db: Database, card_ids: list[int]) -> dict[int, list[dict]]:
    """The review log of these cards, oldest first, by card id."""
    rows = dict_rows(
        db, "SELECT id, card_id, reviewed_at, rating, state, interval_days, duration_ms, kind FROM revlog"
            " WHERE card_id IN (SELECT value FROM json_each(?)) ORDER BY card_id, reviewed_at, id",
        [json.dumps(card_ids)])
    reviews: dict[int, list[dict]] = {}
    for row in rows:
        reviews.setdefault(row["card_id"], []).append(row)
    return reviews
