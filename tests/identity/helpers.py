"""Parsed cards, notes and the records the collection would hold for them, for the identity tests."""

from __future__ import annotations

from revise.identity import NoteRecord, ParsedNote, group_notes
from revise.notes import ParsedCard


def card(front: str, back: str = "answer", *, kind: str = "basic", ord: int = 0, file: str = "/n/a.md",
         line: int = 1, text: str | None = None, headings: tuple[str, ...] = (), explicit_id: str | None = None) -> ParsedCard:
    return ParsedCard(kind=kind, front=front, back=back, note_text=text or f"{front} :: {back}", ord=ord,
                      file=file, line=line, deck="a", headings=headings, explicit_id=explicit_id)


def notes_of(*cards: ParsedCard) -> list[ParsedNote]:
    return group_notes(cards)


def record_of(note: ParsedNote, id: int, *, retired: bool = False, source: str | None = None) -> NoteRecord:
    """The record the collection would hold after importing `note`."""
    return NoteRecord(
        id=id, key=note.key, kind=note.kind, text=note.text, explicit_id=note.explicit_id,
        source=source or note.file, line=note.line, position=note.position, headings=note.headings,
        retired=retired, cards={c.ord: (c.front, c.back, False) for c in note.cards},
    )


def records_of(notes: list[ParsedNote], first_id: int = 1) -> list[NoteRecord]:
    return [record_of(n, first_id + i) for i, n in enumerate(notes)]
