"""Plain-text decks made by the real Anki library (26.9): a collection with sample notes, and its
"Notes in Plain Text" export with the options Anki's export dialog offers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


def anki_collection(folder: Path) -> Any:
    """A new, empty Anki collection in `folder` (the test is skipped without the `anki` library)."""
    collection = pytest.importorskip("anki.collection")
    folder.mkdir(parents=True, exist_ok=True)
    return collection.Collection(str(folder / "collection.anki2"))


def add_note(col: Any, notetype: str, fields: dict[str, str], deck: str = "Default", tags: tuple = ()) -> Any:
    """Add one note of a stock note type to `deck`; returns it."""
    note = col.new_note(col.models.by_name(notetype))
    for name, value in fields.items():
        note[name] = value
    note.tags = list(tags)
    col.add_note(note, col.decks.id(deck))
    return note


def add_samples(col: Any) -> None:
    """Basic (HTML, tags, a subdeck), reversed, optional reversed (on and off) and Cloze notes."""
    add_note(col, "Basic", {"Front": "What is <b>bold</b>?", "Back": 'one<br>two, "quoted"\tand a tab'},
             "Lang::French", ("grammar", "lang::fr"))
    add_note(col, "Basic (and reversed card)", {"Front": "chat", "Back": "cat"}, "Lang::French", ("animals",))
    add_note(col, "Basic (optional reversed card)", {"Front": "chien", "Back": "dog", "Add Reverse": "y"}, "Lang")
    add_note(col, "Basic (optional reversed card)", {"Front": "oiseau", "Back": "bird"}, "Lang")
    add_note(col, "Cloze", {"Text": "The {{c1::sigmoid}} squashes z into {{c2::(0, 1)::an interval}}",
                            "Back Extra": "<i>logistic</i>"})


def export_text(col: Any, out: Path, **options: bool) -> Path:
    """Anki's "Notes in Plain Text" export of every note; `options` as its dialog's checkboxes
    (`with_html`, `with_tags`, `with_deck`, `with_notetype`, `with_guid`; all on unless said)."""
    flags = {f"with_{name}": True for name in ("html", "tags", "deck", "notetype", "guid")} | options
    col.export_note_csv(out_path=str(out), limit=None, **flags)
    return out


def anki_notes(col: Any) -> list[dict]:
    """Every note of an Anki collection: note type, deck of its first card, fields, tags, card count."""
    rows = []
    for nid in sorted(col.find_notes("")):
        note = col.get_note(nid)
        cards = note.cards()
        rows.append({"notetype": note.note_type()["name"], "deck": col.decks.name(cards[0].did),
                     "fields": list(note.fields), "tags": sorted(note.tags), "cards": len(cards)})
    return rows
