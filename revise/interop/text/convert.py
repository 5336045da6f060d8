"""A plain-text deck as read → the format-neutral model (`interop.deck`), its fields as our Markdown."""

from __future__ import annotations

import hashlib
import html
from collections import Counter
from pathlib import Path

from revise.interop.anki_ids import note_id
from revise.interop.deck import ImportedCard, ImportedDeck, ImportedNote
from revise.interop.text.notes import TextNote
from revise.interop.text.reader import TextDeck, read_text_deck


def read_deck(path: Path, separator: str | None = None, shown: str | None = None) -> ImportedDeck:
    """A plain-text deck file as the model every importer returns (its deck, where the file names
    none, is the file's name)."""
    return imported_deck(read_text_deck(path, separator, shown), path.stem)


def imported_deck(deck: TextDeck, default_deck: str) -> ImportedDeck:
    """The model of a deck as read: one note a row, ids from Anki's guids (else from the front)."""
    seen: Counter[str] = Counter()
    others: Counter[str] = Counter()
    notes = []
    for row in deck.notes:
        if row.kind == "other":
            others[row.notetype or "?"] += 1
        notes.append(_note(row, deck.html, default_deck, _note_id(row, seen)))
    warnings = list(deck.warnings)
    if others:
        names = ", ".join(sorted(others))
        warnings.append(f"{sum(others.values())} note{'s' * (sum(others.values()) != 1)} of a note type revise "
                        f"does not know ({names}): the first field is the front, the others the back")
    return ImportedDeck(notes=notes, warnings=warnings)


def _note(row: TextNote, is_html: bool, default_deck: str, note_id: str) -> ImportedNote:
    """One row as a note: the kind's fields in Markdown, a card for each side or deletion."""
    from revise.interop.markdown import expected_ords

    fields = [field_markdown(value, is_html) for value in row.fields]
    kind = "basic" if row.kind == "other" else row.kind
    front, back = fields[0], _back(fields[1:], row.labels[1:], row.kind)
    note = ImportedNote(kind, front, back, row.deck or default_deck, note_id, tuple(row.tags))
    note.cards = [ImportedCard(ord) for ord in sorted(expected_ords(note))]
    return note


def _back(fields: list[str], labels: list[str], kind: str) -> str:
    """The back: the second field (a cloze's extra), then any further field, named by its column."""
    if kind in ("reversed", "cloze") or len(fields) < 2:
        return fields[0] if fields else ""  # a reversed card's third field is Anki's "Add Reverse" switch
    parts = [fields[0]] + [f"{label}: {value}" if label else value
                           for label, value in zip(labels[1:], fields[1:]) if value.strip()]
    return "\n\n".join(part for part in parts if part.strip())


def _note_id(row: TextNote, seen: Counter[str]) -> str:
    """An id that finds the same note on the next import: Anki's guid (as a package import writes
    it), else a digest of the front; a front met again in the file gets `-2`, `-3`…"""
    if row.guid:
        return note_id(row.guid)
    base = "text-" + hashlib.sha1(row.fields[0].strip().encode()).hexdigest()[:12]
    seen[base] += 1
    return base if seen[base] == 1 else f"{base}-{seen[base]}"


def field_markdown(value: str, is_html: bool) -> str:
    """A field as Markdown: HTML converted; plain text escaped first, as Anki escapes it on import."""
    if not is_html:
        value = html.escape(value, quote=False).replace("\n", "<br>")
    return _html_to_markdown(value)


def _html_to_markdown(value: str) -> str:
    """HTML → Markdown (until the package importer's converter is shared)."""
    from markdownify import MarkdownConverter

    from revise.interop.html import converted

    return converted(MarkdownConverter(heading_style="ATX", bullets="-"), value).strip()
