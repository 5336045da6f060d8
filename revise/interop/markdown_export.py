"""Our collection → our Markdown (`revise export DIR --format markdown`): one file per deck, written
by `interop.markdown` and `interop.folder` as an Anki import writes them, for a collection whose note
files were lost. Each note keeps its explicit id (or gets `revise-<note id>`), so importing DIR into
the same collection finds the same cards and their history, which stays in the collection."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from revise.interop.deck import ImportedCard, ImportedDeck, ImportedNote
from revise.interop.report import ExportReport, notes_to_export


def export_markdown(db: Any, out: Path, *, config: Any, now: datetime, deck: str | None = None,
                    with_history: bool = False, legacy: bool = False, force: bool = False) -> ExportReport:
    """Write the live notes of `deck` (or all) as Markdown files under the folder `out`."""
    from revise.interop.folder import deck_files, write_files

    rows = notes_to_export(db, deck)
    imported = ImportedDeck(notes=[imported_note(row) for row in rows])
    write_files(out, deck_files(imported), force=force)
    return ExportReport(str(out), "markdown", len(rows), sum(len(r["cards"]) for r in rows), 0, 0,
                        len({r["deck"] for r in rows}))


def imported_note(note: dict) -> ImportedNote:
    """Our note row (with its "cards") in the format-neutral model the Markdown writer takes."""
    if note["kind"] == "cloze":
        front, back = note["text"], ""
    else:
        forward = next((c for c in note["cards"] if c["ord"] == 0), None)
        reverse = note["cards"][0]
        front, back = (forward["front"], forward["back"]) if forward else (reverse["back"], reverse["front"])
    cards = [ImportedCard(ord=c["ord"], suspended=bool(c["suspended"])) for c in note["cards"]]
    return ImportedNote(kind=note["kind"], front=front, back=back, deck=note["deck"],
                        id=note["explicit_id"] or f"revise-{note['id']}", tags=tuple(json.loads(note["tags"] or "[]")),
                        cards=cards)
