"""Our collection → an Anki package (`.apkg`) that Anki 26.9 imports, in its current or legacy format.

Mirrors Anki's `rslib/src/import_export/package/`: `notes` and `fields` (note types, HTML fields,
media), `cards` (schedules and review log), `database` (the collection inside), `package` (the zip,
`meta`, media map) and `protobuf` (the two messages it needs)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from revise.errors import ReviseError


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote."""

    path: str
    notes: int
    cards: int
    reviews: int
    media: int
    decks: int
    format: str

    def to_json(self) -> dict:
        """The stable `revise export --json` object."""
        return dict(vars(self))


def export_apkg(db: Any, out: Path, *, config: Any, now: datetime, deck: str | None = None,
                with_history: bool = False, legacy: bool = False) -> ExportReport:
    """Write the live notes of `deck` (or all) as the package `out`; with history, their schedules and reviews."""
    from revise import collection
    from revise.interop.anki_export.fields import Media
    from revise.interop.anki_export.notes import anki_note, assign_ids
    from revise.interop.anki_export.package import write_package

    rows = collection.export_notes(db, deck)
    if not rows:
        raise ReviseError(f"no cards to export{f' in deck {deck!r}' if deck else ''} — "
                          "`revise decks` lists the decks (import notes first with `revise import PATH`)")
    media = Media()
    notes = [anki_note(row, media) for row in rows]
    assign_ids(notes)
    reviews = collection.reviews_of(db, [c.source["id"] for n in notes for c in n.cards]) if with_history else {}
    timing, revlog = _schedule(notes, reviews, config, now, with_history)
    write_package(out, notes, revlog, media.files, timing.crt, int(now.timestamp()), legacy=legacy)
    return ExportReport(str(out), len(notes), sum(len(n.cards) for n in notes), len(revlog), len(media.files),
                        len({n.deck for n in notes}), "apkg (legacy)" if legacy else "apkg")


def _schedule(notes: list, reviews: dict, config: Any, now: datetime, with_history: bool) -> tuple[Any, list[tuple]]:
    """Each card's Anki columns (new, or its schedule with history) and the revlog rows of its reviews."""
    from revise.interop.anki_export.cards import Timing, new_card_columns, revlog_rows, scheduled_card_columns
    from revise.scheduling import parse_time

    dues = [parse_time(c.source["due"]) for n in notes for c in n.cards if with_history and c.source["due"]]
    timing = Timing.starting(min(dues, default=now), now, config.default.day_start_hour)
    revlog: list[tuple] = []
    used: set[int] = set()
    for position, note in enumerate(notes, start=1):
        for card in note.cards:
            if not with_history:
                card.columns = new_card_columns(position)
                continue
            card.columns = scheduled_card_columns(card.source, position, timing, config.for_deck(note.deck))
            revlog += revlog_rows(card.id, reviews.get(card.source["id"], []), used)
    return timing, revlog
