"""The writes of import and sync: remembered source files, and notes and cards matched against re-parsed files."""

from __future__ import annotations

import contextlib
import functools
import json
from collections import Counter
from json.encoder import encode_basestring  # what json.dumps itself writes a str with
from typing import Iterator

from sqlite_utils import Database

from revise.collection.order import reading_key
from revise.identity import NoteMatch, NoteRecord, ParsedNote, SyncPlan

_NOTE_COLUMNS = "id, key, kind, text, explicit_id, source, line, position, deck, tags, headings, retired"


def source_rows(db: Database) -> dict[str, dict]:
    """Every remembered source file: path → {path, root, size, mtime_ns, hash, synced_at, cards}."""
    return {row["path"]: row for row in db.query("SELECT * FROM sources")}


def save_sources(db: Database, rows: list[dict]) -> None:
    """Remember (or refresh) source files: path, root, size, mtime_ns, hash, synced_at."""
    # An upsert, not INSERT OR REPLACE: a refreshed file keeps its card count (save_card_counts).
    db.conn.executemany(
        "INSERT INTO sources (path, root, size, mtime_ns, hash, synced_at)"
        " VALUES (:path, :root, :size, :mtime_ns, :hash, :synced_at) ON CONFLICT (path) DO UPDATE SET"
        " root = excluded.root, size = excluded.size, mtime_ns = excluded.mtime_ns, hash = excluded.hash,"
        " synced_at = excluded.synced_at",
        rows,
    )


def save_card_counts(db: Database, counts: dict[str, int]) -> None:
    """Record how many live cards each remembered source file now holds (sources.cards)."""
    db.conn.executemany("UPDATE sources SET cards = ? WHERE path = ?", [(n, path) for path, n in counts.items()])


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
    new_ids = _insert_new_notes(db, new, now)
    matched = [m for m in plan.matches if m.record is not None]
    _update_matched_notes(db, matched, now)
    _write_cards(db, list(zip(new_ids, new)), matched)
    db.conn.executemany(
        "UPDATE notes SET retired = 1, updated_at = ? WHERE id = ?", [(now, r.id) for r in plan.retire]
    )


def holds_notes(db: Database) -> bool:
    """Whether the collection holds any note, retired ones too (if not, every parsed note is new)."""
    return db.conn.execute("SELECT 1 FROM notes LIMIT 1").fetchone() is not None


def insert_notes(db: Database, notes: list[ParsedNote] | list[tuple], now: str) -> None:
    """Insert notes known to match nothing (a first import) with their cards, ids following the largest.

    The notes are read by position: plain tuples of a ParsedNote's fields do too."""
    new_ids = _insert_new_notes(db, notes, now)
    db.conn.executemany(
        "INSERT INTO cards (note_id, ord, front, back) VALUES (?,?,?,?)",
        [(i, ord_, front, back) for i, note in zip(new_ids, notes) for ord_, front, back in note[-1]],
    )


@contextlib.contextmanager
def indexes_deferred(db: Database) -> Iterator[None]:
    """Drop the indexes of notes and cards for a bulk load, and build each again as it was when it ends.

    Within the caller's transaction: if the load fails, rolling back brings the indexes back too."""
    # One build over 100k keys costs a fraction of inserting them one by one (the keys are random
    # hashes), and needs no large page cache meanwhile.
    indexes = db.conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('notes', 'cards')"
        " AND sql IS NOT NULL ORDER BY rowid"
    ).fetchall()
    for name, _ in indexes:
        db.conn.execute(f'DROP INDEX "{name}"')
    yield
    for _, sql in indexes:
        db.conn.execute(sql)


def _insert_new_notes(db: Database, new: list[ParsedNote], now: str) -> range:
    """Insert the notes no record matched, with ids from max(id) + 1 on; returns their ids."""
    next_id = (db.conn.execute("SELECT max(id) FROM notes").fetchone()[0] or 0) + 1
    new_ids = range(next_id, next_id + len(new))
    json_list, read_key = _json_list, reading_key
    # Unpacked, not read by attribute through _note_values: a first import builds 100k of these rows.
    db.conn.executemany(
        "INSERT INTO notes (id, key, kind, text, explicit_id, source, line, position, deck, tags,"
        " headings, read_key, retired, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,0,?,?)",
        [(note_id, key, kind, text, explicit_id, file, line, position, deck, json_list(tags), json_list(headings),
          read_key(file), now, now)
         for note_id, (key, kind, text, explicit_id, file, line, position, deck, tags, headings, _) in zip(new_ids, new)],
    )
    return new_ids


def _write_cards(db: Database, new: list[tuple[int, ParsedNote]], matched: list[NoteMatch]) -> None:
    """Insert the new notes' cards, write the matched notes' changed cards, retire the ords that are gone."""
    new_cards = [(i, c.ord, c.front, c.back) for i, note in new for c in note.cards]
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
        rows.append(values + (reading_key(m.parsed.file), int(changed), now, m.record.id))
    db.conn.executemany(
        "UPDATE notes SET key = ?, kind = ?, text = ?, explicit_id = ?, source = ?, line = ?,"
        " position = ?, deck = ?, tags = ?, headings = ?, read_key = ?, retired = 0,"
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
