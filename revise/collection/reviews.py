"""The review session's reads and writes: its cards, its answers (saved and undone) and its counts."""

from __future__ import annotations

import json

from sqlite_utils import Database

from revise.collection.database import dict_rows, writing
from revise.collection.selection import selection_sql

REVIEW_COLUMNS = """c.id, c.note_id, c.ord, c.front, c.back, c.state, c.step, c.stability, c.difficulty,
    c.due, c.last_review, c.reps, c.lapses, c.suspended, c.buried_until,
    n.kind, n.text AS note_text, n.deck, n.tags, n.headings, n.source, n.line, n.position, n.read_key,
    (n.retired OR c.retired) AS retired,
    (SELECT s.root FROM sources s WHERE s.path = n.source) AS source_root"""  # where images are looked for by name
SCHEDULE_COLUMNS = (
    "state", "step", "stability", "difficulty", "due", "last_review",
    "reps", "lapses", "suspended", "buried_until",
)


def review_cards(
    db: Database, *, decks: tuple[str, ...] = (), tags: tuple[str, ...] = (), paths: tuple[str, ...] = ()
) -> list[dict]:
    """Every card of a selection (decks and their subdecks, tags, files or folders) of live notes, not
    suspended, due or not, in note order: what `revise review --cram` goes through."""
    selected, params = selection_sql(decks, tags, paths)
    sql = (
        f"SELECT {REVIEW_COLUMNS} FROM cards c JOIN notes n ON n.id = c.note_id "
        f"WHERE n.retired = 0 AND c.retired = 0 AND c.suspended = 0 AND {selected} "
        "ORDER BY n.source, n.position, n.line, c.ord"
    )
    return dict_rows(db, sql, params)


def review_card(db: Database, card_id: int) -> dict | None:
    """One card with its note's deck, headings, text and source (None if there is no such card)."""
    rows = dict_rows(db, f"SELECT {REVIEW_COLUMNS} FROM cards c JOIN notes n ON n.id = c.note_id WHERE c.id = ?", [card_id])
    return rows[0] if rows else None


def missing_card_ids(db: Database, ids: list[int]) -> list[int]:
    """The ids in `ids` that name no card."""
    known = {row[0] for row in db.execute(
        f"SELECT id FROM cards WHERE id IN ({','.join('?' * len(ids))})", ids
    )} if ids else set()
    return [card_id for card_id in ids if card_id not in known]


def new_cards_answered_between(
    db: Database, start: str, end: str, *, decks: tuple[str, ...] = (), tags: tuple[str, ...] = (),
    paths: tuple[str, ...] = (),
) -> int:
    """How many cards of the selection had their first scheduled answer (kind 'review', state new) in [start, end)."""
    selected, params = selection_sql(decks, tags, paths)
    sql = (
        "SELECT count(DISTINCT r.card_id) FROM revlog r JOIN cards c ON c.id = r.card_id JOIN notes n ON n.id = c.note_id"
        f" WHERE r.kind = 'review' AND r.state = 'new' AND r.reviewed_at >= :start AND r.reviewed_at < :end AND {selected}"
    )
    return db.execute(sql, params | {"start": start, "end": end}).fetchone()[0]


def answers_between(db: Database, start: str, end: str) -> list[tuple[str, str]]:
    """(deck, state before) of every scheduled answer (kind 'review') in [start, end)."""
    return [tuple(row) for row in db.execute(
        "SELECT n.deck, r.state FROM revlog r JOIN cards c ON c.id = r.card_id "
        "JOIN notes n ON n.id = c.note_id WHERE r.kind = 'review' AND r.reviewed_at >= ? AND r.reviewed_at < ?",
        [start, end],
    )]


def save_answer(
    db: Database,
    card_id: int,
    schedule: dict,
    log: dict,
    *,
    bury: tuple[list[int], str] | None = None,
    note_tags: tuple[int, str] | None = None,
) -> int:
    """Store one answer in one transaction: the card's new schedule, its revlog row, buried
    siblings (ids, until) and the note's new tags (leech); returns the revlog id."""
    with writing(db):
        _update_schedule(db, card_id, schedule)
        cursor = db.execute(
            f"INSERT INTO revlog ({', '.join(log)}) VALUES ({', '.join('?' * len(log))})", list(log.values())
        )
        if bury and bury[0]:
            db.execute(
                f"UPDATE cards SET buried_until = ? WHERE id IN ({','.join('?' * len(bury[0]))})",
                [bury[1], *bury[0]],
            )
        if note_tags:
            db.execute("UPDATE notes SET tags = ? WHERE id = ?", [note_tags[1], note_tags[0]])
    return cursor.lastrowid


def undo_answer(
    db: Database, revlog_id: int, *, siblings: dict[int, str | None] | None = None, note_tags: tuple[int, str] | None = None
) -> int:
    """Undo one answer in one transaction: the card's schedule back from revlog.previous, the log row
    deleted, siblings' buried_until and the note's tags restored; returns the card id."""
    with writing(db):
        card_id, previous = db.execute("SELECT card_id, previous FROM revlog WHERE id = ?", [revlog_id]).fetchone()
        _update_schedule(db, card_id, json.loads(previous))
        db.execute("DELETE FROM revlog WHERE id = ?", [revlog_id])
        for sibling_id, until in (siblings or {}).items():
            db.execute("UPDATE cards SET buried_until = ? WHERE id = ?", [until, sibling_id])
        if note_tags:
            db.execute("UPDATE notes SET tags = ? WHERE id = ?", [note_tags[1], note_tags[0]])
    return card_id


def set_schedule(db: Database, card_id: int, schedule: dict) -> None:
    """Write a card's schedule columns (bury, suspend, forget, undo of those), committed at once."""
    with writing(db):
        _update_schedule(db, card_id, schedule)


def _update_schedule(db: Database, card_id: int, schedule: dict) -> None:
    columns = [c for c in SCHEDULE_COLUMNS if c in schedule]
    db.execute(
        f"UPDATE cards SET {', '.join(c + ' = ?' for c in columns)} WHERE id = ?",
        [schedule[c] for c in columns] + [card_id],
    )


def sibling_cards(db: Database, card_id: int) -> list[dict]:
    """The other cards of the same note: id, state and buried_until."""
    return dict_rows(
        db,
        "SELECT s.id, s.state, s.buried_until FROM cards c JOIN cards s ON s.note_id = c.note_id AND s.id != c.id "
        "WHERE c.id = ?",
        [card_id],
    )


def count_due_before(
    db: Database, moment: str, *, decks: tuple[str, ...] = (), tags: tuple[str, ...] = (), paths: tuple[str, ...] = ()
) -> int:
    """Cards already learned (not new), not suspended, of live notes, due before `moment`; a buried
    card counts from when its burial ends. Only a review selection's cards, when decks, tags or paths are given."""
    selected, params = selection_sql(decks, tags, paths)
    return db.execute(
        "SELECT count(*) FROM cards c JOIN notes n ON n.id = c.note_id "
        "WHERE n.retired = 0 AND c.retired = 0 AND c.suspended = 0 AND c.state IN ('learning', 'relearning', 'review') "
        "AND c.due < :moment "
        f"AND (c.buried_until IS NULL OR julianday(c.buried_until) < julianday(:moment)) AND {selected}",
        params | {"moment": moment},
    ).fetchone()[0]


def count_new_cards(
    db: Database, *, decks: tuple[str, ...] = (), tags: tuple[str, ...] = (), paths: tuple[str, ...] = ()
) -> int:
    """New cards of live notes, not suspended, in a review selection (buried ones too: they come back)."""
    selected, params = selection_sql(decks, tags, paths)
    sql = (
        "SELECT count(*) FROM cards c JOIN notes n ON n.id = c.note_id WHERE n.retired = 0 AND c.retired = 0"
        f" AND c.suspended = 0 AND c.state = 'new' AND {selected}"
    )
    return db.execute(sql, params).fetchone()[0]


def new_cards_by_deck(
    db: Database, *, decks: tuple[str, ...] = (), tags: tuple[str, ...] = (), paths: tuple[str, ...] = ()
) -> dict[str, int]:
    """deck → new cards of live notes, not suspended, in a review selection (buried ones too: they come back)."""
    selected, params = selection_sql(decks, tags, paths)
    sql = (
        "SELECT n.deck, count(*) FROM cards c JOIN notes n ON n.id = c.note_id WHERE n.retired = 0 AND c.retired = 0"
        f" AND c.suspended = 0 AND c.state = 'new' AND {selected} GROUP BY n.deck"
    )
    return dict(db.execute(sql, params).fetchall())
