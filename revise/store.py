"""Opening the collection and every SQL read and write. The only module that names tables."""

from __future__ import annotations

import os
from pathlib import Path

from sqlite_utils import Database

from revise.errors import ReviseError
from revise.migrations import migrations


def default_collection_path() -> Path:
    """The collection path: $REVISE_COLLECTION, else collection.db in the user data directory."""
    env = os.environ.get("REVISE_COLLECTION")
    if env:
        return Path(env)
    from platformdirs import user_data_path

    return user_data_path("revise", appauthor=False) / "collection.db"


def open_collection(path: Path | str) -> Database:
    """Open (creating if needed) the collection at `path`, in WAL mode, migrated to the latest schema."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = Database(path)
        db.execute("PRAGMA busy_timeout = 5000")
        db.enable_wal()
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = NORMAL")
    except Exception as exc:  # sqlite3.DatabaseError for a file that is not SQLite
        raise ReviseError(
            f"{path}: cannot open the collection ({exc}). "
            "Pass --collection with the path of a revise collection."
        ) from exc
    _check_not_newer(db, path)
    migrations.apply(db)
    return db


def _check_not_newer(db: Database, path: Path) -> None:
    known = {m.name for m in migrations._migrations}
    unknown = [m.name for m in migrations.applied(db) if m.name not in known]
    if unknown:
        raise ReviseError(
            f"{path}: this collection was written by a newer revise "
            f"(schema step {unknown[-1]}). Upgrade revise to open it."
        )


# --- sources, notes and cards (import / sync) -----------------------------------------------


# --- review -------------------------------------------------------------------------------

REVIEW_COLUMNS = """c.id, c.note_id, c.ord, c.front, c.back, c.state, c.step, c.stability, c.difficulty,
    c.due, c.last_review, c.reps, c.lapses, c.suspended, c.buried_until,
    n.kind, n.text AS note_text, n.deck, n.tags, n.headings, n.source, n.line, n.position, n.retired"""
SCHEDULE_COLUMNS = (
    "state", "step", "stability", "difficulty", "due", "last_review",
    "reps", "lapses", "suspended", "buried_until",
)


def review_cards(
    db: Database,
    *,
    decks: tuple[str, ...] = (),
    tags: tuple[str, ...] = (),
    paths: tuple[str, ...] = (),
    due_before: str | None = None,
    include_suspended: bool = False,
) -> list[dict]:
    """Cards of live notes matching every filter given, in note order (source, position, ord).

    decks match a deck and its subdecks; paths match a file or everything under a folder;
    due_before keeps new cards and cards due before that ISO time.
    """
    where, params = ["n.retired = 0"], []
    if not include_suspended:
        where.append("c.suspended = 0")
    if due_before is not None:
        where.append("(c.state = 'new' OR c.due < ?)")
        params.append(due_before)
    _any_of(where, params, decks, "(n.deck = ? OR n.deck LIKE ? || '::%')", 2)
    _any_of(where, params, tags, "EXISTS (SELECT 1 FROM json_each(n.tags) WHERE value = ?)", 1)
    _any_of(where, params, paths, "(n.source = ? OR n.source LIKE ? || '/%')", 2)
    sql = (
        f"SELECT {REVIEW_COLUMNS} FROM cards c JOIN notes n ON n.id = c.note_id "
        f"WHERE {' AND '.join(where)} ORDER BY n.source, n.position, n.line, c.ord"
    )
    return [dict(row) for row in _rows(db, sql, params)]


def _any_of(where: list[str], params: list, values: tuple[str, ...], clause: str, uses: int) -> None:
    if values:
        where.append("(" + " OR ".join([clause] * len(values)) + ")")
        for value in values:
            params.extend([value] * uses)


def _rows(db: Database, sql: str, params: list | tuple = ()) -> list[dict]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def review_card(db: Database, card_id: int) -> dict | None:
    """One card with its note's deck, headings, text and source (None if there is no such card)."""
    rows = _rows(db, f"SELECT {REVIEW_COLUMNS} FROM cards c JOIN notes n ON n.id = c.note_id WHERE c.id = ?", [card_id])
    return rows[0] if rows else None


def missing_card_ids(db: Database, ids: list[int]) -> list[int]:
    """The ids in `ids` that name no card."""
    known = {row[0] for row in db.execute(
        f"SELECT id FROM cards WHERE id IN ({','.join('?' * len(ids))})", ids
    )} if ids else set()
    return [card_id for card_id in ids if card_id not in known]


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
    with db.atomic():
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
    import json

    with db.atomic():
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
    with db.atomic():
        _update_schedule(db, card_id, schedule)


def _update_schedule(db: Database, card_id: int, schedule: dict) -> None:
    columns = [c for c in SCHEDULE_COLUMNS if c in schedule]
    db.execute(
        f"UPDATE cards SET {', '.join(c + ' = ?' for c in columns)} WHERE id = ?",
        [schedule[c] for c in columns] + [card_id],
    )


def sibling_cards(db: Database, card_id: int) -> list[dict]:
    """The other cards of the same note: id, state and buried_until."""
    return _rows(
        db,
        "SELECT s.id, s.state, s.buried_until FROM cards c JOIN cards s ON s.note_id = c.note_id AND s.id != c.id "
        "WHERE c.id = ?",
        [card_id],
    )


def count_due_before(db: Database, moment: str) -> int:
    """Cards already learned (not new), not suspended, of live notes, due before `moment`."""
    return db.execute(
        "SELECT count(*) FROM cards c JOIN notes n ON n.id = c.note_id "
        "WHERE n.retired = 0 AND c.suspended = 0 AND c.state != 'new' AND c.due < ?",
        [moment],
    ).fetchone()[0]


# --- stats --------------------------------------------------------------------------------
