"""The Anki collection inside a package: Anki's own empty collection (schema 18, or 11 for `--legacy`;
see `schema*.sql`, made from the real Anki by `tests/interop/anki_templates.py`), filled with our
decks, notes, cards and review log. The only place that names Anki's tables."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path

from revise.interop.anki_export.notes import AnkiNote

CURRENT, LEGACY = 18, 11  # schema versions: collection.anki21b, collection.anki21 (and the dummy .anki2)


def unicase(a: str, b: str) -> int:
    """Anki's `unicase` collation (case-insensitive); it must exist before its tables are touched."""
    a, b = a.casefold(), b.casefold()
    return (a > b) - (a < b)


def write_collection(path: Path, schema: int, notes: list[AnkiNote], revlog: list[tuple], crt: int, now: int) -> None:
    """Write an Anki collection of `schema` at `path` holding `notes` (ids assigned) and `revlog`."""
    conn = sqlite3.connect(path)
    try:
        conn.create_collation("unicase", unicase)
        conn.executescript(files(__package__).joinpath(f"schema{schema}.sql").read_text(encoding="utf-8"))
        with conn:
            conn.execute("UPDATE col SET crt = ?, mod = ?, scm = ?", (crt, now * 1000, now * 1000))
            decks = _write_decks(conn, schema, sorted({note.deck for note in notes}), now)
            _write_notes(conn, schema, notes, decks, now)
            conn.executemany("INSERT INTO revlog VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", revlog)
        conn.execute("VACUUM")
    finally:
        conn.close()


def _note_type_ids(conn: sqlite3.Connection, schema: int) -> dict[str, int]:
    """The stock note types' ids by name, as the template holds them."""
    if schema == CURRENT:
        return {name: ntid for ntid, name in conn.execute("SELECT id, name FROM notetypes")}
    models = json.loads(conn.execute("SELECT models FROM col").fetchone()[0])
    return {model["name"]: int(ntid) for ntid, model in models.items()}


def _write_decks(conn: sqlite3.Connection, schema: int, names: list[str], now: int) -> dict[str, int]:
    """Each deck and every parent it needs, after Default (id 1); their ids by name."""
    wanted = sorted({"::".join(name.split("::")[: depth + 1]) for name in names for depth in range(name.count("::") + 1)})
    ids = {name: now * 1000 + index for index, name in enumerate(wanted, start=1) if name != "Default"}
    ids["Default"] = 1
    if schema == CURRENT:
        common, kind = conn.execute("SELECT common, kind FROM decks WHERE id = 1").fetchone()
        rows = [(did, name.replace("::", "\x1f"), now, 0, common, kind) for name, did in ids.items() if did != 1]
        conn.executemany("INSERT INTO decks VALUES (?, ?, ?, ?, ?, ?)", rows)
    else:
        decks = json.loads(conn.execute("SELECT decks FROM col").fetchone()[0])
        for name, did in ids.items():
            decks[str(did)] = decks["1"] | {"id": did, "name": name, "mod": now, "collapsed": False}
        conn.execute("UPDATE col SET decks = ?", (json.dumps(decks),))
    return ids


def _write_notes(conn: sqlite3.Connection, schema: int, notes: list[AnkiNote], decks: dict[str, int], now: int) -> None:
    """The notes, their cards and their tags."""
    types = _note_type_ids(conn, schema)
    note_rows, card_rows, tags = [], [], set()
    for note in notes:
        sort_field = plain_text(note.fields[0])
        note_rows.append((note.id, note.guid, types[note.note_type], now, 0, f" {' '.join(note.tags)} " if note.tags else "",
                          "\x1f".join(note.fields), sort_field, field_checksum(sort_field), 0, ""))
        tags.update(note.tags)
        for card in note.cards:
            c = card.columns
            card_rows.append((card.id, note.id, decks[note.deck], card.ord, now, 0, c["type"], c["queue"], c["due"],
                              c["ivl"], c["factor"], c["reps"], c["lapses"], c["left"], 0, 0, 0, c["data"]))
    conn.executemany("INSERT INTO notes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", note_rows)
    conn.executemany("INSERT INTO cards VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", card_rows)
    if schema == CURRENT:
        conn.executemany("INSERT OR IGNORE INTO tags VALUES (?, 0, 0, NULL)", [(tag,) for tag in sorted(tags)])
    else:
        conn.execute("UPDATE col SET tags = ?", (json.dumps({tag: 0 for tag in sorted(tags)}),))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(field: str) -> str:
    """A field without its HTML: what Anki sorts and checks duplicates by."""
    parser = _Text()
    parser.feed(field)
    parser.close()
    return " ".join("".join(parser.parts).split())


def field_checksum(text: str) -> int:
    """Anki's `csum`: the first 8 hex digits of the sort field's SHA-1."""
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16)
