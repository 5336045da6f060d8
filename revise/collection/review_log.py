"""What optimizing and simulating read and write: every card's answers in time order, the cards'
schedules, their recomputed memory states, and answer durations."""

from __future__ import annotations

from sqlite_utils import Database

from revise.collection.database import dict_rows
from revise.collection.reviews import _update_schedule
from revise.collection.selection import deck_group_sql

_CARD_SCHEDULE = ("c.id, n.deck, c.state, c.step, c.stability, c.difficulty, c.due, c.last_review, c.reps, "
                  "c.lapses, c.suspended, c.buried_until")


def scheduled_answers(db: Database, within: str | None = None, without: tuple[str, ...] = ()) -> list[tuple]:
    """(card id, reviewed_at, rating, state before, duration_ms) of every scheduled answer (kind
    'review') of the cards in deck `within` (every deck for None) but not in `without`, by card then time."""
    selected, params = deck_group_sql(within, without)
    sql = f"""
        SELECT r.card_id, r.reviewed_at, r.rating, r.state, r.duration_ms
        FROM revlog r JOIN cards c ON c.id = r.card_id JOIN notes n ON n.id = c.note_id
        WHERE r.kind = 'review' AND r.rating BETWEEN 1 AND 4 AND {selected}
        ORDER BY r.card_id, r.reviewed_at, r.id
    """
    return db.execute(sql, params).fetchall()


def card_schedules(db: Database, within: str | None = None) -> list[dict]:
    """The schedule columns and deck of every card in deck `within` (every deck for None) that has answers."""
    selected, params = deck_group_sql(within, ())
    sql = f"""SELECT {_CARD_SCHEDULE} FROM cards c JOIN notes n ON n.id = c.note_id
        WHERE {selected} AND EXISTS (SELECT 1 FROM revlog r WHERE r.card_id = c.id AND r.kind = 'review')"""
    return dict_rows(db, sql, params)


def save_schedules(db: Database, schedules: dict[int, dict]) -> None:
    """Write many cards' schedule columns; the caller holds the transaction (all or none)."""
    for card_id, schedule in schedules.items():
        _update_schedule(db, card_id, schedule)


def live_card_count(db: Database, within: str | None = None) -> int:
    """How many cards of live notes deck `within` holds (every deck for None), suspended ones included."""
    selected, params = deck_group_sql(within, ())
    sql = f"SELECT count(*) FROM cards c JOIN notes n ON n.id = c.note_id WHERE n.retired = 0 AND c.retired = 0 AND {selected}"
    return db.execute(sql, params).fetchone()[0]
