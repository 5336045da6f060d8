"""A plain-text deck's records → notes: which column is a field, the note type, the deck, the tags.

Two kinds of file: Anki's "Notes in Plain Text" (a header of `#key:value` lines says the columns), and a
plain table of front and back (Quizlet, a spreadsheet), perhaps with a header row naming its columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from revise.errors import ReviseError
from revise.interop.text.metadata import Metadata
from revise.interop.text.records import Record

# Header-row labels (lower case) and the role of their column; other labels are extra back fields.
ROLES = {
    **dict.fromkeys(("front", "question", "term", "word", "prompt", "q", "side 1", "text", "expression"), "front"),
    **dict.fromkeys(("back", "answer", "definition", "meaning", "translation", "a", "side 2", "response"), "back"),
    **dict.fromkeys(("tags", "tag"), "tags"),
    **dict.fromkeys(("deck",), "deck"),
}
# Anki's stock note types that make two cards (the optional one only when its third field is filled).
REVERSED = ("basic (and reversed card)", "basic (optional reversed card)")


@dataclass
class TextNote:
    """One row of a deck: its fields (HTML or text, as the file says), kind, deck and tags."""

    line: int
    kind: str  # basic | reversed | cloze | other (a note type we do not know: first field front, rest back)
    fields: list[str]
    labels: list[str] = field(default_factory=list)  # each field's column label, '' where unknown
    deck: str | None = None
    tags: list[str] = field(default_factory=list)
    guid: str | None = None
    notetype: str | None = None


@dataclass
class Layout:
    """Where a record's parts are: 1-based column numbers, 0 for none."""

    fields: list[int]
    labels: list[str]
    notetype: int = 0
    deck: int = 0
    tags: int = 0
    guid: int = 0


def anki_layout(meta: Metadata, width: int) -> Layout:
    """Anki's columns: the header's meta columns, and every other column a field, in order."""
    labels = meta.columns + [""] * (width - len(meta.columns))
    meta.tags_column = meta.tags_column or labels_role(labels, "tags")  # `#columns:` may name it
    fields = [c for c in range(1, width + 1) if c not in meta.meta_columns()]
    return Layout(fields, [labels[c - 1] for c in fields], meta.notetype_column, meta.deck_column,
                  meta.tags_column, meta.guid_column)


def labels_role(labels: list[str], role: str) -> int:
    """The first column whose label has this role (1-based), else 0."""
    return next((n for n, label in enumerate(labels, 1) if ROLES.get(label.strip().lower()) == role), 0)


def header_row(cells: list[str]) -> bool:
    """Whether a plain table's first row names its columns: a front label and a back label (a row
    `Q,A` or `Term,Definition`; a card `a,b` has only one of them)."""
    roles = {ROLES.get(cell.strip().lower()) for cell in cells}
    return {"front", "back"} <= roles


def plain_layout(labels: list[str], width: int) -> Layout:
    """A plain table's columns: by its header row's labels, else exactly front and back."""
    if not labels:
        return Layout([1, 2], ["", ""])
    front = labels_role(labels, "front") or 1
    back = labels_role(labels, "back") or next(c for c in range(1, width + 1) if c != front)
    tags, deck = labels_role(labels, "tags"), labels_role(labels, "deck")
    extra = [c for c in range(1, width + 1) if c not in (front, back, tags, deck)]
    fields = [front, back, *extra]
    return Layout(fields, [labels[c - 1] for c in fields], deck=deck, tags=tags)


def note_from(record: Record, layout: Layout, meta: Metadata) -> TextNote:
    """The note of one record under this layout (cells past the row's end are empty, as in Anki)."""
    cell = lambda column: record.cells[column - 1].strip() if 0 < column <= len(record.cells) else ""  # noqa: E731
    fields = [record.cells[c - 1] if c <= len(record.cells) else "" for c in layout.fields]
    notetype = cell(layout.notetype) or meta.notetype
    tags = meta.tags + [t for t in cell(layout.tags).split() if t not in meta.tags]
    return TextNote(
        line=record.line, kind=kind_of(notetype, fields), fields=fields, labels=layout.labels,
        deck=cell(layout.deck) or meta.deck, tags=tags, guid=cell(layout.guid) or None, notetype=notetype,
    )


def kind_of(notetype: str | None, fields: list[str]) -> str:
    """The card kind a note type gives: Anki's stock names, else a cloze if the first field has one."""
    name = (notetype or "").strip().lower()
    if "cloze" in name or not name and fields and _has_cloze(fields[0]):
        return "cloze"
    if name == REVERSED[1]:
        return "reversed" if len(fields) > 2 and fields[2].strip() else "basic"
    if name == REVERSED[0] or "reverse" in name:
        return "reversed"
    return "basic" if not name or name.startswith("basic") else "other"


def _has_cloze(text: str) -> bool:
    """Whether `text` holds an Anki cloze deletion `{{cN::…}}`."""
    start = text.find("{{c")
    while start >= 0:
        number, colons, _ = text[start + 3:].partition("::")
        if colons and number.isdigit():
            return True
        start = text.find("{{c", start + 3)
    return False


def check_width(record: Record, width: int, first_line: int, shown: str) -> None:
    """A plain table's rows all have the first row's width: a ragged row is an `Error:` at its line."""
    if len(record.cells) != width:
        raise ReviseError(
            f"{shown}:{record.line}: {len(record.cells)} column{'s' * (len(record.cells) != 1)} where line "
            f"{first_line} has {width}; quote a cell that holds the separator or a line break (\"…\")")


def check_note(note: TextNote, shown: str) -> str | None:
    """A warning for a note that makes no card (empty front, or a basic card without its back)."""
    if not note.fields or not note.fields[0].strip():
        return f"{shown}:{note.line}: the first field is empty; no card"
    if note.kind == "cloze" and not _has_cloze(note.fields[0]):
        return f"{shown}:{note.line}: a Cloze note without a {{{{c1::…}}}} deletion; no card"
    return None
