"""An Anki collection's SQLite (schema 11 of the legacy format, 18 of the current one) read into
plain rows: note types, decks, notes, cards and the review log. Anki's own tables, not ours: they
are read here, from a private copy, and never written."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from revise.errors import ReviseError
from revise.interop import protobuf

SCHEMAS = range(11, 19)  # 11: note types and decks as JSON in `col`; 18: tables of their own
# What a collection's values of the wrong type or shape raise (text where Anki writes a number, JSON
# that is not an object, ...): Anki never writes them, so the package is damaged or hand-made.
UNEXPECTED_VALUES = (TypeError, ValueError, AttributeError, KeyError, IndexError, OverflowError)


@dataclass(frozen=True)
class NoteType:
    """What revise needs of a note type: whether it is a cloze type, its field and template counts."""

    name: str
    cloze: bool
    fields: int
    templates: int


@dataclass
class AnkiCollection:
    """The rows of one collection (fields split, tags as a tuple, deck names with `::`)."""

    created: int  # `col.crt`: the start of day 0, Unix seconds (due days count from it)
    note_types: dict[int, NoteType]
    decks: dict[int, str]
    notes: list[tuple]  # (id, guid, note type id, fields, tags)
    cards: list[dict]
    revlog: list[tuple]  # (id in ms, card id, ease, duration ms, type)


def read_collection(data: bytes, folder: Path, shown: str) -> AnkiCollection:
    """Read the collection bytes (written into `folder`, a private temporary folder)."""
    path = folder / "collection.sqlite"
    path.write_bytes(data)
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        # schema 18 sorts names with Anki's own collation: it must exist before any query uses them
        db.create_collation("unicase", lambda a, b: (a.casefold() > b.casefold()) - (a.casefold() < b.casefold()))
        db.text_factory = lambda data: data.decode("utf-8", "replace")  # Anki writes UTF-8; damage shows as �
        try:
            return _read(db, shown)
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        raise ReviseError(f"{shown}: its collection cannot be read ({exc}) — export it from Anki again") from None
    except UNEXPECTED_VALUES as exc:
        raise ReviseError(f"{shown}: its collection holds values no Anki writes ({type(exc).__name__}: {exc}) "
                          "— export it from Anki again") from None


def _read(db: sqlite3.Connection, shown: str) -> AnkiCollection:
    ver, created = db.execute("SELECT ver, crt FROM col").fetchone()
    if ver not in SCHEMAS:
        raise ReviseError(f"{shown}: its collection has Anki schema version {ver}, which revise does not "
                          "know — export it again from Anki with “Support older Anki versions” ticked")
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    note_types, decks = _types_and_decks(db, "notetypes" in tables)
    # CAST: SQLite keeps whatever it is given, and a BLOB would come back as bytes where Anki writes
    # text; cast, it is decoded like any text (damage shows as �)
    notes = [(nid, guid, mid, flds.split("\x1f"), tuple(tags.split())) for nid, guid, mid, flds, tags in db.execute(
        "SELECT id, CAST(guid AS TEXT), mid, CAST(flds AS TEXT), CAST(tags AS TEXT) FROM notes ORDER BY id")]
    db.row_factory = sqlite3.Row
    cards = [dict(row) for row in db.execute(
        "SELECT id, nid, did, odid, ord, type, queue, due, odue, ivl, lapses, reps, CAST(data AS TEXT) AS data FROM cards "
        "ORDER BY nid, ord")]
    db.row_factory = None
    revlog = db.execute("SELECT id, cid, ease, time, type FROM revlog ORDER BY cid, id").fetchall()
    return AnkiCollection(created, note_types, decks, notes, cards, revlog)


def _types_and_decks(db: sqlite3.Connection, tables: bool) -> tuple[dict[int, NoteType], dict[int, str]]:
    """Note types and deck names, from schema 18's tables or schema 11's JSON."""
    if not tables:
        models, decks = db.execute("SELECT CAST(models AS TEXT), CAST(decks AS TEXT) FROM col").fetchone()
        types = {int(k): NoteType(m.get("name", ""), m.get("type") == 1, len(m.get("flds", [])), len(m.get("tmpls", [])))
                 for k, m in json.loads(models or "{}").items()}
        return types, {int(k): d.get("name", "") for k, d in json.loads(decks or "{}").items()}
    counts = {}
    for table in ("fields", "templates"):
        for ntid, n in db.execute(f"SELECT ntid, count(*) FROM {table} GROUP BY ntid"):
            counts[ntid, table] = n
    types = {}
    for ntid, name, config in db.execute("SELECT id, CAST(name AS TEXT), config FROM notetypes"):
        kind = protobuf.first_int(protobuf.fields(config or b"", "a note type"), 1)  # 1: cloze
        types[ntid] = NoteType(name, kind == 1, counts.get((ntid, "fields"), 0), counts.get((ntid, "templates"), 0))
    return types, {did: name.replace("\x1f", "::") for did, name in db.execute("SELECT id, CAST(name AS TEXT) FROM decks")}
