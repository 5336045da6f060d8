"""What every export shares, whatever the format: the notes it writes and the report `revise export`
prints (or gives as JSON)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from revise.errors import ReviseError


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote: where, in which format, and how many notes, cards, reviews, media files and decks."""

    path: str
    format: str
    notes: int
    cards: int
    reviews: int
    media: int
    decks: int

    def to_json(self) -> dict:
        """The stable `revise export --json` object."""
        return dict(vars(self))


def notes_to_export(db: Any, deck: str | None) -> list[dict]:
    """The live notes of `deck` (or all) with their cards; none is an error naming the deck."""
    from revise import collection

    rows = collection.export_notes(db, deck)
    if not rows:
        raise ReviseError(f"no cards to export{f' in deck {deck!r}' if deck else ''} — "
                          "`revise decks` lists the decks (import notes first with `revise import PATH`)")
    return rows
