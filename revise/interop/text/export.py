"""Our notes → Anki's "Notes in Plain Text" format: a header saying the columns, then one row a note
(guid, note type, deck, two fields as HTML, tags), tab-separated, as Anki 26.9's own export writes it
(rslib/src/import_export/text/csv/export.rs), so Anki imports it with `#html:true` and each column known.

The notes are the package export's (`interop.anki_export.notes`): the same note types, HTML fields,
guids and tags, so a deck exported both ways is the same notes to Anki."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable

from revise.errors import ReviseError

HEADER = "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n"


def export_text(db: Any, out: Path, *, config: Any = None, now: datetime | None = None, deck: str | None = None,
                with_history: bool = False, legacy: bool = False, force: bool = False) -> Any:
    """Write the live notes of `deck` (or all) to `out` as Anki's plain-text format (`revise export OUT.csv`)."""
    from revise.interop.anki_export.fields import Media
    from revise.interop.anki_export.notes import anki_note
    from revise.interop.report import ExportReport, notes_to_export

    if with_history:
        raise ReviseError("a plain-text deck holds no review history — export to OUT.apkg for --with-history")
    rows = notes_to_export(db, deck)
    media = Media()  # a text file holds no media: images are named as Anki's media folder would hold them
    notes = [anki_note(row, media) for row in rows]
    write_rows(map(text_row, notes), out)
    return ExportReport(str(out), "csv", len(notes), sum(len(n.cards) for n in notes), 0, 0, len({n.deck for n in notes}))


def text_row(note: Any) -> list[str]:
    """One Anki note (`anki_export.notes.AnkiNote`) as a row: guid, note type, deck, two fields, tags."""
    return [note.guid, note.note_type, note.deck, *note.fields, " ".join(note.tags)]


def cell(text: str) -> str:
    """A cell as Anki's CSV writer writes it: quoted when it holds a tab, a quote or a line break,
    or starts with `#` (which would make its row a comment)."""
    if any(ch in text for ch in '\t"\n\r') or text.startswith("#"):
        return '"' + text.replace('"', '""') + '"'
    return text


def write_rows(rows: Iterable[list[str]], out: Path) -> None:
    """The header and the rows into `out`, replaced whole or left as it was."""
    partial = out.with_name(f".{out.name}.partial")  # beside it, so the rename is atomic
    try:
        with partial.open("w", encoding="utf-8", newline="") as file:
            file.write(HEADER)
            for row in rows:
                file.write("\t".join(map(cell, row)) + "\n")
        os.replace(partial, out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ReviseError(f"cannot write {out}: {exc.strerror or exc}") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
