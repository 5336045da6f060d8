"""Opening the collection and every SQL read and write. The only module that names tables."""

from __future__ import annotations

import functools
import json
import math
import os
import sqlite3
from collections import Counter
from json.encoder import encode_basestring  # what json.dumps itself writes a str with
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from sqlite_utils import Database

from revise.errors import ReviseError
from revise.identity import NoteMatch, NoteRecord, ParsedNote, SyncPlan
from revise.collection.migrations import migrations
from revise.collection.order import reading_order


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
        add_missing_functions(db.conn)
    except Exception as exc:  # sqlite3.DatabaseError for a file that is not SQLite
        raise ReviseError(
            f"{path}: cannot open the collection ({exc}). "
            "Pass --collection with the path of a revise collection."
        ) from exc
    _check_not_newer(db, path)
    migrations.apply(db)
    return db


def add_missing_functions(conn: sqlite3.Connection) -> None:
    """Register pow() where SQLite was built without its math functions (SQLITE_ENABLE_MATH_FUNCTIONS)."""
    try:
        conn.execute("SELECT pow(2, 3)")
    except sqlite3.OperationalError:  # "no such function: pow" (Ubuntu 20.04's SQLite, some Windows Pythons)
        conn.create_function("pow", 2, sql_pow, deterministic=True)


def sql_pow(base: float | None, exponent: float | None) -> float | None:
    """SQLite's pow(): NULL for a NULL or out-of-domain argument instead of an error."""
    try:
        return math.pow(base, exponent)
    except (TypeError, ValueError, OverflowError):
        return None


def _check_not_newer(db: Database, path: Path) -> None:
    known = {m.name for m in migrations._migrations}
    unknown = [m.name for m in migrations.applied(db) if m.name not in known]
    if unknown:
        raise ReviseError(
            f"{path}: this collection was written by a newer revise "
            f"(schema step {unknown[-1]}). Upgrade revise to open it."
        )


# --- sources, notes and cards (import / sync) -----------------------------------------------

_NOTE_COLUMNS = "id, key, kind, text, explicit_id, source, line, position, deck, tags, headings, retired"


def source_rows(db: Database) -> dict[str, dict]:
    """Every remembered source file: path → {path, root, size, mtime_ns, hash, synced_at}."""
    return {row["path"]: row for row in db.query("SELECT * FROM sources")}


def save_sources(db: Database, rows: list[dict]) -> None:
    """Remember (or refresh) source files: path, root, size, mtime_ns, hash, synced_at."""
    db.conn.executemany(
        "INSERT OR REPLACE INTO sources (path, root, size, mtime_ns, hash, synced_at)"
        " VALUES (:path, :root, :size, :mtime_ns, :hash, :synced_at)",
        rows,
    )


def forget_sources(db: Database, paths: list[str]) -> None:
    """Stop remembering these source files (their notes are retired separately)."""
    db.conn.executemany("DELETE FROM sources WHERE path = ?", [(p,) for p in paths])


def _chunks(items: list, size: int = 500) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def note_records(db: Database, files: list[str], keys: list[str], explicit_ids: list[str]) -> list[NoteRecord]:
    """The notes that re-parsed `files` may match: those of the files, plus any sharing a key or explicit id."""
    rows: dict[int, tuple] = {}
    for column, index, values in (("source", 5, files), ("key", 1, keys), ("explicit_id", 4, explicit_ids)):
        # A key (or id) the files' own notes already hold as often as the parsed notes use it needs
        # no second look-up: on a full re-sync that is nearly every key. `index`: the column in a row.
        held = Counter(row[index] for row in rows.values())
        wanted = [value for value, count in Counter(values).items() if count > held[value]]
        for chunk in _chunks(sorted(wanted)):
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT {_NOTE_COLUMNS} FROM notes WHERE {column} IN ({marks})"
            rows.update((row[0], row) for row in db.conn.execute(sql, chunk))
    cards: dict[int, dict[int, tuple[str, str, bool]]] = {note_id: {} for note_id in rows}
    for chunk in _chunks(sorted(rows)):
        sql = f"SELECT note_id, ord, front, back, retired FROM cards WHERE note_id IN ({','.join('?' * len(chunk))})"
        for note_id, ord_, front, back, retired in db.conn.execute(sql, chunk):
            cards[note_id][ord_] = (front, back, bool(retired))
    return [_note_record(row, cards[row[0]]) for row in rows.values()]


def explicit_id_places(db: Database, explicit_ids: list[str]) -> list[tuple[str, str, int]]:
    """Where live notes with these explicit ids are: (id, source, line), in note order."""
    places: list[tuple[str, str, int]] = []
    for chunk in _chunks(sorted(set(explicit_ids))):
        sql = (f"SELECT explicit_id, source, line FROM notes WHERE retired = 0 AND source IS NOT NULL "
               f"AND explicit_id IN ({','.join('?' * len(chunk))}) ORDER BY id")
        places += db.conn.execute(sql, chunk).fetchall()
    return places


def _note_record(row: tuple, cards: dict[int, tuple[str, str, bool]]) -> NoteRecord:
    id_, key, kind, text, explicit_id, source, line, position, _, _, headings, retired = row
    return NoteRecord(
        id=id_, key=key, kind=kind, text=text, explicit_id=explicit_id, source=source, line=line,
        position=position, headings=tuple(json.loads(headings)), retired=bool(retired), cards=cards,
        stored=row[1:11],
    )


def apply_sync_plan(db: Database, plan: SyncPlan, now: str) -> None:
    """Write a sync plan: insert new notes and cards, update matched ones, retire the leftovers."""
    # The notes' key index takes random hashes: a 100k-card import outgrows SQLite's default 2 MB
    # page cache and rereads index pages. 64 MB (used only as needed) makes the writes ~10% faster.
    db.execute("PRAGMA cache_size = -65536")
    new = [m.parsed for m in plan.matches if m.record is None]
    next_id = (db.conn.execute("SELECT max(id) FROM notes").fetchone()[0] or 0) + 1
    new_ids = range(next_id, next_id + len(new))
    db.conn.executemany(
        "INSERT INTO notes (id, key, kind, text, explicit_id, source, line, position, deck, tags,"
        " headings, retired, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,0,?,?)",
        (_note_values(note_id, note) + (now, now) for note_id, note in zip(new_ids, new)),
    )
    new_cards = [(i, c.ord, c.front, c.back) for i, note in zip(new_ids, new) for c in note.cards]
    matched = [m for m in plan.matches if m.record is not None]
    _update_matched_notes(db, matched, now)
    old_cards = [
        (m.record.id, c.ord, c.front, c.back) for m in matched for c in m.parsed.cards
        if m.record.cards.get(c.ord) != (c.front, c.back, False)
    ]
    db.conn.executemany("INSERT INTO cards (note_id, ord, front, back) VALUES (?,?,?,?)", new_cards)
    db.conn.executemany(
        "INSERT INTO cards (note_id, ord, front, back) VALUES (?,?,?,?) ON CONFLICT (note_id, ord)"
        " DO UPDATE SET front = excluded.front, back = excluded.back, retired = 0",
        old_cards,
    )
    gone_ords = [(m.record.id, o) for m in matched for o in m.record.cards.keys() - {c.ord for c in m.parsed.cards}]
    db.conn.executemany("UPDATE cards SET retired = 1 WHERE note_id = ? AND ord = ?", gone_ords)
    db.conn.executemany(
        "UPDATE notes SET retired = 1, updated_at = ? WHERE id = ?", [(now, r.id) for r in plan.retire]
    )


def _note_values(note_id: int, note: ParsedNote) -> tuple:
    return (
        note_id, note.key, note.kind, note.text, note.explicit_id, note.file, note.line, note.position,
        note.deck, _json_list(note.tags), _json_list(note.headings),
    )


@functools.lru_cache(maxsize=4096)
def _json_list(items: tuple[str, ...]) -> str:
    # Notes of one section share their heading path: encode each path once, not 100k times. Joined
    # by hand, exactly as json.dumps(list(items), ensure_ascii=False) writes strings, at a fifth of
    # its cost: an import still encodes tens of thousands of distinct paths.
    return "[" + ", ".join(map(encode_basestring, items)) + "]"


def _update_matched_notes(db: Database, matched: list[NoteMatch], now: str) -> None:
    # updated_at records a change of text, place or state, not a plain re-read.
    rows = []
    for m in matched:
        values = _keep_leech_tag(_note_values(m.record.id, m.parsed)[1:], m.record.stored)
        if values == m.record.stored and not m.record.retired:
            continue  # most notes of an edited file are as they were: leave their rows alone
        changed = m.how != "same" or m.record.text != m.parsed.text
        rows.append(values + (int(changed), now, m.record.id))
    db.conn.executemany(
        "UPDATE notes SET key = ?, kind = ?, text = ?, explicit_id = ?, source = ?, line = ?,"
        " position = ?, deck = ?, tags = ?, headings = ?, retired = 0,"
        " updated_at = CASE WHEN ? THEN ? ELSE updated_at END WHERE id = ?",
        rows,
    )


_TAGS = 8  # position of tags in a note row without its id


def _keep_leech_tag(values: tuple, stored: tuple) -> tuple:
    # The review session adds 'leech'; the file never holds it, so a re-read must not drop it.
    if '"leech"' not in stored[_TAGS] or '"leech"' in values[_TAGS]:
        return values
    tags = json.dumps([*json.loads(values[_TAGS]), "leech"], ensure_ascii=False)
    return values[:_TAGS] + (tags,) + values[_TAGS + 1 :]


_ACTIVE = "notes.retired = 0 AND cards.retired = 0"


def active_card_counts(db: Database) -> dict[str, int]:
    """Cards not retired, per source file."""
    sql = f"SELECT notes.source, count(*) FROM cards JOIN notes ON notes.id = cards.note_id WHERE {_ACTIVE} GROUP BY notes.source"
    return dict(db.conn.execute(sql).fetchall())


def _deck_clause(deck: str) -> tuple[str, list]:
    # A deck includes its subdecks; substr avoids LIKE's wildcards and case folding.
    return "(notes.deck = ? OR substr(notes.deck, 1, ?) = ?)", [deck, len(deck) + 2, deck + "::"]


def list_cards(
    db: Database, *, deck: str | None = None, tag: str | None = None, due_at: str | None = None,
    include_retired: bool = False,
) -> list[dict]:
    """Cards with their note and schedule, in reading order (as review learns them: a folder's own
    files before its subfolders, then position in the file); `due_at` keeps those due by then."""
    where, params = ["1"], []
    if not include_retired:
        where.append(_ACTIVE)
    if deck:
        clause, values = _deck_clause(deck)
        where.append(clause)
        params += values
    if tag:
        where.append("EXISTS (SELECT 1 FROM json_each(notes.tags) WHERE value = ? OR substr(value, 1, ?) = ?)")
        params += [tag, len(tag) + 1, tag + "/"]
    if due_at:
        where.append(
            "cards.state != 'new' AND cards.suspended = 0 AND julianday(cards.due) <= julianday(?)"
            " AND (cards.buried_until IS NULL OR julianday(cards.buried_until) <= julianday(?))"
        )
        params += [due_at, due_at]
    sql = (
        "SELECT cards.*, notes.deck, notes.kind, notes.tags, notes.source, notes.line, notes.headings,"
        " notes.retired AS note_retired, notes.position AS note_position"
        " FROM cards JOIN notes ON notes.id = cards.note_id"
        f" WHERE {' AND '.join(where)}"
    )
    cursor = db.conn.execute(sql, params)
    names = [column[0] for column in cursor.description]
    rows = cursor.fetchall()
    # Sorted here, not in SQL: reading order is no string order (session.py learns new cards in
    # the same order). One key per file, then a sort of small tuples.
    at = [names.index(name) for name in ("source", "note_position", "line", "ord")]
    order = functools.lru_cache(maxsize=None)(lambda source: reading_order(source or ""))
    rows.sort(key=lambda r: (order(r[at[0]]), r[at[1]] or 0, r[at[2]] or 0, r[at[3]]))
    return [dict(zip(names, row)) for row in rows]


def card_json(row: dict) -> dict:
    """One card as the stable `cards --json` object."""
    return {
        "id": row["id"], "deck": row["deck"], "kind": row["kind"], "front": row["front"], "back": row["back"],
        "tags": json.loads(row["tags"]), "source": row["source"], "line": row["line"],
        "headings": json.loads(row["headings"]), "state": row["state"], "due": _iso_with_offset(row["due"]),
        "reps": row["reps"], "lapses": row["lapses"], "stability": row["stability"],
        "difficulty": row["difficulty"], "suspended": bool(row["suspended"]),
        "retired": bool(row["retired"] or row["note_retired"]),
    }


def _iso_with_offset(moment: str | None) -> str | None:
    """Stored UTC times as ISO 8601 with an explicit offset (a time stored without one is UTC)."""
    if not moment:
        return None
    parsed = datetime.fromisoformat(moment)
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)).isoformat()


def deck_counts(db: Database, now: str) -> list[dict]:
    """Each deck with its card count and how many are new, learning and due now (suspended, buried and retired left out)."""
    sql = f"""
        SELECT notes.deck AS deck, count(*) AS cards,
          sum(cards.state = 'new' AND {_AVAILABLE}) AS new,
          sum(cards.state IN ('learning', 'relearning') AND {_AVAILABLE}) AS learning,
          sum(cards.state != 'new' AND {_AVAILABLE} AND julianday(cards.due) <= julianday(:now)) AS due
        FROM cards JOIN notes ON notes.id = cards.note_id
        WHERE {_ACTIVE} GROUP BY notes.deck ORDER BY notes.deck
    """
    return list(db.query(sql, {"now": now}))


_AVAILABLE = "cards.suspended = 0 AND (cards.buried_until IS NULL OR julianday(cards.buried_until) <= julianday(:now))"


# --- review -------------------------------------------------------------------------------

REVIEW_COLUMNS = """c.id, c.note_id, c.ord, c.front, c.back, c.state, c.step, c.stability, c.difficulty,
    c.due, c.last_review, c.reps, c.lapses, c.suspended, c.buried_until,
    n.kind, n.text AS note_text, n.deck, n.tags, n.headings, n.source, n.line, n.position, (n.retired OR c.retired) AS retired"""
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
    selected, params = selection_sql(decks, tags, paths)
    where = ["n.retired = 0", "c.retired = 0", selected]
    if not include_suspended:
        where.append("c.suspended = 0")
    if due_before is not None:
        where.append("(c.state = 'new' OR c.due < :due_before)")
        params["due_before"] = due_before
    sql = (
        f"SELECT {REVIEW_COLUMNS} FROM cards c JOIN notes n ON n.id = c.note_id "
        f"WHERE {' AND '.join(where)} ORDER BY n.source, n.position, n.line, c.ord"
    )
    return _rows(db, sql, params)


# How a review selection matches a note `n`; {v} is a value's parameter. substr, not LIKE: a deck or
# path holding _ or % means itself, and case counts.
_SELECTED_BY = {
    "deck": "(n.deck = {v} OR substr(n.deck, 1, length({v}) + 2) = {v} || '::')",
    "tag": "EXISTS (SELECT 1 FROM json_each(n.tags) WHERE value = {v})",
    "path": "(n.source = {v} OR substr(n.source, 1, length({v}) + 1) = {v} || '/')",
}


def selection_sql(
    decks: tuple[str, ...] = (), tags: tuple[str, ...] = (), paths: tuple[str, ...] = ()
) -> tuple[str, dict]:
    """SQL true for notes `n` in a review selection (any of the decks, and any of the tags, and any of
    the paths given), with its named parameters."""
    clauses, params = [], {}
    for kind, values in (("deck", decks), ("tag", tags), ("path", paths)):
        names = [f"{kind}{i}" for i in range(len(values))]
        if names:
            clauses.append("(" + " OR ".join(_SELECTED_BY[kind].format(v=":" + name) for name in names) + ")")
            params.update(zip(names, values))
    return " AND ".join(clauses) or "1", params


def _rows(db: Database, sql: str, params: list | tuple | dict = ()) -> list[dict]:
    """The rows of a query as dicts keyed by column name."""
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


def count_due_before(
    db: Database, moment: str, *, decks: tuple[str, ...] = (), tags: tuple[str, ...] = (), paths: tuple[str, ...] = ()
) -> int:
    """Cards already learned (not new), not suspended, of live notes, due before `moment`; a buried
    card counts from when its burial ends. Only a review selection's cards, when decks, tags or paths are given."""
    selected, params = selection_sql(decks, tags, paths)
    return db.execute(
        "SELECT count(*) FROM cards c JOIN notes n ON n.id = c.note_id "
        "WHERE n.retired = 0 AND c.retired = 0 AND c.suspended = 0 AND c.state != 'new' AND c.due < :moment "
        f"AND (c.buried_until IS NULL OR julianday(c.buried_until) < julianday(:moment)) AND {selected}",
        params | {"moment": moment},
    ).fetchone()[0]


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


def has_cards(
    db: Database, *, decks: tuple[str, ...] = (), tags: tuple[str, ...] = (), paths: tuple[str, ...] = ()
) -> bool:
    """True if a review selection holds any card of a live note (suspended or not, due or not)."""
    selected, params = selection_sql(decks, tags, paths)
    sql = f"SELECT 1 FROM cards c JOIN notes n ON n.id = c.note_id WHERE n.retired = 0 AND c.retired = 0 AND {selected} LIMIT 1"
    return db.execute(sql, params).fetchone() is not None


def tag_names(db: Database) -> list[str]:
    """Every tag on a live note, sorted."""
    sql = "SELECT DISTINCT t.value FROM notes n, json_each(n.tags) t WHERE n.retired = 0 ORDER BY t.value"
    return [row[0] for row in db.execute(sql)]


def deck_names(db: Database) -> list[str]:
    """Every deck of a note that is not retired."""
    return [row[0] for row in db.execute("SELECT DISTINCT deck FROM notes WHERE retired = 0 ORDER BY deck")]


def sqlite_problem(exc: Exception, collection: str) -> str:
    """An SQLite error as `<collection>: <what> — <what to do>`."""
    name, text = getattr(exc, "sqlite_errorname", ""), str(exc)
    if name.startswith("SQLITE_BUSY") or "locked" in text:  # another process held the write lock past the busy timeout
        return (f"{collection}: the collection is locked by another revise (an import, sync or review). "
                "Try again when it has finished.")
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return (f"{collection}: the collection cannot be written ({text}) — check the permissions of the file "
                "and its folder, or choose another collection with --collection; nothing was changed")
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return f"{collection}: the disk is full ({text}) — free some space and try again; nothing was changed"
    return (f"{collection}: SQLite failed ({text}) — the change it was making was not saved; check the "
            "file and its disk, or choose another collection with --collection")
