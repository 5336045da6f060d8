"""Imported history in the collection: cards found by their note's explicit id and their ord, and
review log rows added without repeating those an earlier import of the same package added."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable

from sqlite_utils import Database

from revise.collection.database import writing
from revise.collection.reviews import SCHEDULE_COLUMNS


def cards_by_explicit_id(db: Database, ids: list[str]) -> dict[tuple[str, int], int]:
    """(explicit id, ord) → card id, for the live cards of live notes with these ids."""
    found: dict[tuple[str, int], int] = {}
    for start in range(0, len(ids), 500):  # SQLite's bound-parameter limit
        chunk = ids[start : start + 500]
        rows = db.execute(
            "SELECT n.explicit_id, c.ord, c.id FROM cards c JOIN notes n ON n.id = c.note_id "
            "WHERE n.retired = 0 AND c.retired = 0 AND n.explicit_id IN (SELECT value FROM json_each(?))",
            [json.dumps(chunk)],
        )
        for explicit_id, ord_, card_id in rows:
            found[explicit_id, ord_] = card_id
    return found


def _missing(db: Database, card_id: int, logs: list[dict]) -> list[dict]:
    """The rows the card's log lacks: an answer at the same second with the same rating is there
    once for each time it is in the log (two answers may share a second)."""
    have = Counter(db.execute("SELECT reviewed_at, rating FROM revlog WHERE card_id = ?", [card_id]).fetchall())
    new = []
    for log in logs:
        key = (log["reviewed_at"], log["rating"])
        if have[key]:
            have[key] -= 1
        else:
            new.append(log)
    return new


def attach_history(db: Database, cards: Iterable[tuple[int, dict, list[dict]]]) -> tuple[int, int]:
    """For each (card id, schedule, revlog rows): add the rows the log lacks (same time and rating,
    counted), and set the schedule when rows were added or the card has no history yet. One
    transaction; returns (reviews added, cards whose schedule was set)."""
    added = scheduled = 0
    with writing(db):
        for card_id, schedule, logs in cards:
            new = _missing(db, card_id, logs)
            for log in new:
                db.execute(f"INSERT INTO revlog ({', '.join(log)}) VALUES ({', '.join('?' * len(log))})", list(log.values()))
            fresh = not new and not logs and db.execute(
                "SELECT reps = 0 AND NOT EXISTS (SELECT 1 FROM revlog WHERE card_id = ?) FROM cards WHERE id = ?",
                [card_id, card_id]).fetchone()[0]
            if new or fresh:
                columns = [c for c in SCHEDULE_COLUMNS if c in schedule]
                db.execute(f"UPDATE cards SET {', '.join(c + ' = ?' for c in columns)} WHERE id = ?",
                           [schedule[c] for c in columns] + [card_id])
                scheduled += 1
            added += len(new)
    return added, scheduled
