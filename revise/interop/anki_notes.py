"""An Anki collection's notes, cards and review log → the import model (`interop.deck`).

Note types are told apart by structure, not by their (translatable) names: a cloze type by its
kind; Basic, reversed and optional reversed by one or two templates over two fields (three for the
optional reversed one's flag), the cards a note has telling basic from reversed; any other type
becomes a basic card of its first field, the rest as its back, counted in a warning."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from revise.interop.anki_collection import AnkiCollection, NoteType
from revise.interop.deck import ImportedCard, ImportedNote, ImportedReview
from revise.interop.anki_ids import note_id
from revise.interop.html import html_to_markdown

REVIEW_KINDS = {0: "learn", 1: "review", 2: "relearn", 3: "filtered"}  # 4 manual, 5 rescheduled: not answers
STATES = {0: "new", 1: "learning", 2: "review", 3: "relearning"}


def convert_notes(col: AnkiCollection, safe: Callable[[str], str]) -> tuple[list[ImportedNote], list[str]]:
    """Every note with its cards and their reviews; the warnings say what was not kept."""
    cards: dict[int, list[dict]] = {}
    for card in col.cards:
        cards.setdefault(card["nid"], []).append(card)
    reviews = _reviews(col.revlog)
    notes, others = [], 0
    for nid, guid, mid, fields, tags in col.notes:
        own = cards.get(nid, [])
        note_type = col.note_types.get(mid, NoteType("", False, len(fields), 1))
        kind, front, back, keep = _shape(note_type, fields, {c["ord"] for c in own})
        others += kind == "other"
        deck = (col.decks.get(_deck_of(own), "Default") if own else "Default") or "Default"
        folder = "../" * deck.count("::") + "media"  # deck A::B is written as A/B.md, media/ beside A/
        note = ImportedNote("basic" if kind == "other" else kind, html_to_markdown(front, safe, folder),
                            html_to_markdown(back, safe, folder), deck, note_id(guid), tags)
        note.cards = [_card(c, keep[c["ord"]], reviews.get(c["id"], []), col.created) for c in own if c["ord"] in keep]
        notes.append(note)
    warnings = [f"{others} note{'s' * (others != 1)} of other note types became basic cards "
                "(first field as the front, the others as the back)"] if others else []
    return notes, warnings


def _reviews(revlog: list[tuple]) -> dict[int, list[ImportedReview]]:
    """Card id → its answers (manual and rescheduling entries, and ease 0, are not answers)."""
    reviews: dict[int, list[ImportedReview]] = {}
    for rid, cid, ease, duration, kind in revlog:
        if kind in REVIEW_KINDS and 1 <= ease <= 4:
            reviews.setdefault(cid, []).append(ImportedReview(_utc(rid / 1000), ease, _count(duration), REVIEW_KINDS[kind]))
    return reviews


def _shape(note_type: NoteType, fields: list[str], ords: set[int]) -> tuple[str, str, str, dict[int, int]]:
    """(kind, front HTML, back HTML, Anki ord → our ord) of one note."""
    fields = fields + ["", ""]
    if note_type.cloze and "image-occlusion:" not in fields[0]:
        return "cloze", fields[0], fields[1], {o: o + 1 for o in ords}
    if note_type.templates <= 2 and (note_type.fields == 2 or (note_type.templates, note_type.fields) == (2, 3)):
        kind = "reversed" if {0, 1} <= ords else "basic"
        return kind, fields[0], fields[1], {0: 0, 1: 1} if kind == "reversed" else {min(ords, default=0): 0}
    rest = "<br><br>".join(f for f in fields[1:] if f.strip())
    return "other", fields[0], rest, {min(ords, default=0): 0}


def _deck_of(cards: list[dict]) -> int:
    """A note's deck: its first card's (the home deck of a card in a filtered deck)."""
    first = cards[0]
    return first["odid"] or first["did"]


def _card(row: dict, ord: int, reviews: list[ImportedReview], created: int) -> ImportedCard:
    """One Anki card's state: FSRS memory from `cards.data` when Anki kept it, due as Anki has it."""
    memory = _memory(row.get("data") or "")
    state = STATES.get(row["type"], "new")
    return ImportedCard(
        ord, state, _count(row["lapses"]), suspended=row["queue"] == -1, buried=row["queue"] in (-2, -3),
        due=None if state == "new" else _due(row["odue"] if row["odid"] else row["due"], created),
        stability=memory[0], difficulty=memory[1], reviews=reviews,
    )


def _memory(data: str) -> tuple[float | None, float | None]:
    try:
        found = json.loads(data) if data else {}
    except json.JSONDecodeError:
        return None, None
    s, d = (found.get(k) if isinstance(found, dict) else None for k in ("s", "d"))
    good = isinstance(s, (int, float)) and isinstance(d, (int, float)) and s > 0
    return (float(s), float(d)) if good else (None, None)


def _due(due: int, created: int) -> datetime:
    """Anki's due: a Unix time for cards in (re)learning today, else a day number counted from the
    collection's first day (`crt`, at its day rollover): that day's start is when the card is due."""
    if due > 1_000_000_000:
        return _utc(due)
    return _utc(created) + timedelta(days=due)


def _count(value: object) -> int:
    """A count Anki keeps (lapses, milliseconds) as a whole number ≥ 0; text or bytes there are no Anki's (TypeError)."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"a count holds {value!r}")
    count = int(value)  # int() of NaN or infinity raises ValueError or OverflowError: an Error too
    if count >= 2**63:  # more than SQLite stores
        raise OverflowError(f"a count holds {value!r}")
    return max(0, count)


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _utc(seconds: float) -> datetime:
    # not datetime.fromtimestamp: past the C library's range it raises OSError, not OverflowError
    return _EPOCH + timedelta(seconds=seconds)
