"""The reads of today's queue: due learning cards, the reviews a limit group can still take (most
forgotten first), and new cards in reading order; each reads only the rows today needs."""

from __future__ import annotations

from sqlite_utils import Database

from revise.collection.database import dict_rows
from revise.collection.selection import deck_group_sql, selection_sql

# What the day's queue needs of a card: its identity, deck, schedule and place in reading order (the
# card's text is read when it is shown).
QUEUE_COLUMNS = """c.id, c.note_id, c.ord, c.state, c.step, c.stability, c.difficulty, c.due, c.last_review,
    c.reps, c.lapses, c.suspended, c.buried_until, n.deck, n.read_key, n.position, n.line"""
_LIVE = "c.suspended = 0 AND c.retired = 0 AND n.retired = 0"
_UNBURIED = "(c.buried_until IS NULL OR julianday(c.buried_until) <= julianday(:now))"
_DUE = "c.state IN ('learning', 'relearning', 'review') AND c.due < :due_before AND c.suspended = 0 AND c.retired = 0"
_DUE_REVIEW = f"c.state = 'review' AND c.due < :due_before AND {_LIVE} AND {_UNBURIED}"
# py-fsrs's retrievability, (1 + factor * elapsed_days / stability) ** decay, with the same operations in
# the same order, so that SQLite ranks cards exactly as the scheduler's own figure would. Elapsed days are
# whole days since the last review (a review without one counts from a day before it fell due), as py-fsrs
# counts them; times are stored to the second, so whole seconds give the same floor.
_ELAPSED_DAYS = (
    "max(0, (CAST(strftime('%s', :now) AS INTEGER) - CAST(strftime('%s',"
    " coalesce(c.last_review, datetime(coalesce(c.due, :now), '-1 day'))) AS INTEGER)) / 86400)"
)
_RECALL = f"CASE WHEN c.stability IS NULL THEN 0 ELSE pow(1 + :factor * {_ELAPSED_DAYS} / c.stability, :decay) END"


def due_learning_cards(
    db: Database, due_before: str, *, decks: tuple[str, ...] = (), tags: tuple[str, ...] = (), paths: tuple[str, ...] = ()
) -> list[dict]:
    """The selection's learning and relearning cards due before `due_before`, not suspended (buried ones too)."""
    selected, params = selection_sql(decks, tags, paths)
    # `state IN (…)`, not `!= 'new'`: one range of the cards_due index per state, however many cards are new
    sql = (
        f"SELECT {QUEUE_COLUMNS} FROM cards c JOIN notes n ON n.id = c.note_id"
        f" WHERE c.state IN ('learning', 'relearning') AND c.due < :due_before AND {_LIVE} AND {selected}"
    )
    return dict_rows(db, sql, params | {"due_before": due_before})


def lowest_recall_reviews(
    db: Database, due_before: str, now: str, group: tuple[str | None, tuple[str, ...]], curve: tuple[float, float], *,
    limit: int, decks: tuple[str, ...] = (), tags: tuple[str, ...] = (), paths: tuple[str, ...] = (),
) -> list[dict]:
    """Of one limit group's review cards due before `due_before` and not buried at `now`, the `limit` with
    the lowest recall by the forgetting curve `curve` (factor, decay); ties by due date."""
    selected, params = selection_sql(decks, tags, paths)
    in_group, group_params = deck_group_sql(*group)
    sql = (
        f"SELECT {QUEUE_COLUMNS} FROM cards c JOIN notes n ON n.id = c.note_id"
        f" WHERE {_DUE_REVIEW} AND {selected} AND {in_group}"
        f" ORDER BY {_RECALL}, c.due, c.id LIMIT :limit"
    )
    factor, decay = curve
    values = params | group_params | {"due_before": due_before, "now": now, "limit": limit}
    return dict_rows(db, sql, values | {"factor": factor, "decay": decay})


def count_due_reviews(
    db: Database, due_before: str, now: str, *, decks: tuple[str, ...] = (), tags: tuple[str, ...] = (),
    paths: tuple[str, ...] = (),
) -> int:
    """How many review cards of the selection are due before `due_before` and not buried at `now`."""
    selected, params = selection_sql(decks, tags, paths)
    sql = f"SELECT count(*) FROM cards c JOIN notes n ON n.id = c.note_id WHERE {_DUE_REVIEW} AND {selected}"
    return db.execute(sql, params | {"due_before": due_before, "now": now}).fetchone()[0]


def new_cards(
    db: Database, available_at: str, due_before: str, group: tuple[str | None, tuple[str, ...]], *, limit: int,
    offset: int = 0, decks: tuple[str, ...] = (), tags: tuple[str, ...] = (), paths: tuple[str, ...] = (),
) -> list[dict]:
    """The selection's new cards of one limit group (deck, decks left out), neither suspended nor buried
    at `available_at`, nor of a note with a card due before `due_before` (its new siblings wait a day), in
    reading order: `limit` of them, from `offset` on."""
    selected, params = selection_sql(decks, tags, paths)
    in_group, group_params = deck_group_sql(*group)
    sql = (
        f"SELECT {QUEUE_COLUMNS} FROM notes n {_new_cards_join(db)} cards c ON c.note_id = n.id"
        f" WHERE c.state = 'new' AND {_LIVE} AND {_UNBURIED}"
        f" AND NOT EXISTS (SELECT 1 FROM cards c WHERE c.note_id = n.id AND {_DUE} AND {_UNBURIED})"
        f" AND {selected} AND {in_group}"
        " ORDER BY n.read_key, n.position, n.line, c.ord LIMIT :limit OFFSET :offset"
    )
    values = params | group_params | {
        "now": available_at, "due_before": due_before, "limit": limit, "offset": offset
    }
    return dict_rows(db, sql, values)


def _new_cards_join(db: Database) -> str:
    """How `new_cards` should join: CROSS JOIN (notes first, in the notes_reading index's order, stopping
    at the limit) while most cards are new; JOIN (the new cards by the cards_due index, then sorted)
    once they are few, when walking the notes in order would pass over thousands of learned ones."""
    new, cards = db.execute("SELECT count(*) FILTER (WHERE state = 'new'), count(*) FROM cards").fetchone()
    return "CROSS JOIN" if 2 * new > cards else "JOIN"
