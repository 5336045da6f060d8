"""Our notes → Anki notes: the note type, the fields as HTML, a stable guid, tags and deck, and
the cards each one has (Anki makes them from the note type's templates: ours must be those)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from revise.interop.anki_export.fields import Media, field_html
from revise.interop.anki_ids import guid_of

# Our note kinds as Anki's stock note types, and how our card `ord` maps to a template (Cloze: cN → N-1).
NOTE_TYPES = {"basic": "Basic", "reversed": "Basic (and reversed card)", "cloze": "Cloze"}
_GUID_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"


@dataclass
class AnkiCard:
    """One card: our card's row, the template it comes from, its Anki id and `cards` columns."""

    source: dict
    ord: int
    id: int = 0
    columns: dict = field(default_factory=dict)


@dataclass
class AnkiNote:
    """One note as Anki stores it: note type, fields (HTML), guid, tags, deck and its cards."""

    source: dict
    note_type: str
    fields: list[str]
    guid: str
    tags: list[str]
    deck: str
    cards: list[AnkiCard] = field(default_factory=list)
    id: int = 0


def anki_note(note: dict, media: Media) -> AnkiNote:
    """Our note row (with its "cards") as an Anki note; its images are added to `media`."""
    base = Path(note["source"]).parent if note["source"] else None
    first = note["cards"][0]
    if note["kind"] == "cloze":
        fields = [field_html(note["text"], base, media, cloze=True), ""]
        cards = [AnkiCard(card, card["ord"] - 1) for card in note["cards"]]
    else:
        forward = next((c for c in note["cards"] if c["ord"] == 0), first)
        flip = forward is not first or forward["ord"] != 0  # only the reverse is live: its sides swapped
        front, back = (forward["back"], forward["front"]) if flip else (forward["front"], forward["back"])
        fields = [field_html(front, base, media), field_html(back, base, media)]
        cards = [AnkiCard(card, card["ord"]) for card in note["cards"]]
    return AnkiNote(note, NOTE_TYPES[note["kind"]], fields, note_guid(note), anki_tags(note["tags"]),
                    note["deck"], cards)


def note_guid(note: dict) -> str:
    """A guid that stays the note's across exports (Anki updates, not duplicates, a note it has seen):
    the note's own Anki guid when it came from Anki."""
    if guid := guid_of(note.get("explicit_id")):
        return guid
    digest = int.from_bytes(hashlib.sha1(f"revise:{note['id']}:{note['created_at']}".encode()).digest()[:8], "big")
    chars = []
    while digest:
        digest, rest = divmod(digest, len(_GUID_ALPHABET))
        chars.append(_GUID_ALPHABET[rest])
    return "".join(chars)


def anki_tags(tags_json: str) -> list[str]:
    """Our tags as Anki's: `a/b` nesting becomes `a::b`, and a tag holds no space."""
    tags = json.loads(tags_json or "[]")
    return ["_".join(tag.replace("/", "::").split()) for tag in tags if tag.strip()]


def assign_ids(notes: list[AnkiNote]) -> None:
    """Anki's note and card ids are creation times in milliseconds: ours, made unique."""
    used: set[int] = set()
    for note in notes:
        note.id = _unique(_milliseconds(note.source["created_at"]), used)
        for card in note.cards:
            card.id = _unique(note.id, used)


def _milliseconds(moment: str) -> int:
    from revise.scheduling import parse_time

    parsed = parse_time(moment)
    return int(parsed.timestamp() * 1000) if parsed else 1


def _unique(value: int, used: set[int]) -> int:
    while value in used:
        value += 1
    used.add(value)
    return value
