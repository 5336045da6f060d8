"""Shared builders for the interop tests."""

from __future__ import annotations

from revise.interop.deck import ImportedCard, ImportedNote


def note(kind: str, front: str, back: str = "", deck: str = "Deck", tags: tuple[str, ...] = (), id: str = "anki-n1") -> ImportedNote:
    """A note with one card per ord its kind makes."""
    from revise.interop.markdown import expected_ords

    made = ImportedNote(kind, front, back, deck, id, tags)
    made.cards = [ImportedCard(o) for o in sorted(expected_ords(made))]
    return made
