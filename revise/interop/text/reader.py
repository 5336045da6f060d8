"""Reading a plain-text deck: its header, separator and records into notes, or an `Error:` saying why not."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from revise.errors import ReviseError
from revise.interop.html import DECLARATION_RE
from revise.interop.text import metadata, notes
from revise.interop.text.metadata import Metadata
from revise.interop.text.notes import Layout, TextNote
from revise.interop.text.records import Record, read_text, records

_EXPECTED = "rows of front and back separated by a tab, comma, semicolon or pipe"


@dataclass
class TextDeck:
    """A plain-text deck as read: its notes, whether their fields are HTML, and the warnings."""

    notes: list[TextNote]
    html: bool
    separator: str
    anki: bool  # the file has Anki's header
    warnings: list[str] = field(default_factory=list)


def read_text_deck(path: Path, separator: str | None = None, shown: str | None = None) -> TextDeck:
    """Read an Anki plain-text export or a plain front/back table (`separator` overrides the file's)."""
    shown = shown or str(path)
    lines = [line.removesuffix("\r") for line in read_text(path, shown).split("\n")]
    meta = metadata.read_header(lines)
    meta.separator = _separator(separator, meta, lines, shown)
    metadata.split_columns(meta)
    rows = list(records(lines, meta.lines, meta.separator, shown))
    if not rows:
        raise ReviseError(f"{shown}: no notes in it (expected {_EXPECTED})")
    rows, layout = _anki_layout(meta, rows, shown) if meta.anki else _plain_layout(rows, shown, meta.separator)
    found = [notes.note_from(row, layout, meta) for row in rows]
    html = meta.html if meta.html is not None else any(map(looks_like_html, _cells(rows)))
    return _checked(TextDeck(found, html, meta.separator, meta.anki), shown)


def _separator(option: str | None, meta: Metadata, lines: list[str], shown: str) -> str:
    """The option's separator, else the header's, else the one that splits the first rows evenly."""
    if option is not None:
        chosen = metadata.separator_named(option)
        if chosen is None:
            raise ReviseError(f"--separator {option!r}: give one character or a name "
                              f"({', '.join(metadata.SEPARATORS)})")
        return chosen
    if meta.separator:
        return meta.separator
    body = "\n".join(lines[meta.lines:])
    # Uneven rows: the first separator in the first row, so the error names the row that is off.
    return metadata.sniff_separator(body) or _first_present(body) or _one_column(body, shown)


def _first_present(body: str) -> str | None:
    """The first candidate separator that occurs in the first row of `body`."""
    first = next((line for line in body.split("\n") if line.strip() and not line.startswith("#")), "")
    return next((s for s in metadata.SNIFFED if s in first), None)


def _one_column(body: str, shown: str) -> str:
    """A file whose first row has no separator at all: an `Error:` saying what was expected."""
    line = next((n for n, text in enumerate(body.split("\n"), 1) if text.strip() and not text.startswith("#")), None)
    if line is None:  # blank, or only `#` comment lines
        raise ReviseError(f"{shown}: no notes in it (expected {_EXPECTED})")
    raise ReviseError(f"{shown}: one column (line {line} has no tab, comma, semicolon or pipe); expected "
                      f"{_EXPECTED}, or name the separator with --separator")


def _anki_layout(meta: Metadata, rows: list[Record], shown: str) -> tuple[list[Record], Layout]:
    """Anki's columns, as wide as the widest row (Anki reads short rows with empty cells)."""
    layout = notes.anki_layout(meta, max(len(row.cells) for row in rows))
    if not layout.fields:
        raise ReviseError(f"{shown}: every column is a guid, note type, deck or tags column; no field to read")
    return rows, layout


def _plain_layout(rows: list[Record], shown: str, separator: str) -> tuple[list[Record], Layout]:
    """A plain table's columns: a header row's labels, else exactly two; every row as wide as the first."""
    first = rows[0]
    for row in rows:
        notes.check_width(row, len(first.cells), first.line, shown)
    # Columns empty in every row (a separator at each line's end, as spreadsheets write) are no column.
    width = max(_used_width(row.cells) for row in rows)
    labels = first.cells[:width] if notes.header_row(first.cells) else []
    if width < 2:
        raise ReviseError(f"{shown}:{first.line}: one column with separator {_named(separator)}; expected "
                          f"{_EXPECTED}, or name the separator with --separator")
    if width > 2 and not labels:
        raise ReviseError(f"{shown}:{first.line}: {width} columns and no header row; expected two (front, back), "
                          "or a first row naming the columns (Front, Back, Tags, Deck)")
    return rows[1:] if labels else rows, notes.plain_layout(labels, width)


def _used_width(cells: list[str]) -> int:
    """How many cells a row has before its trailing empty ones."""
    width = len(cells)
    while width and not cells[width - 1].strip():
        width -= 1
    return width


def _named(separator: str) -> str:
    """A separator as the user would write it."""
    name = next((n for n, s in metadata.SEPARATORS.items() if s == separator), None)
    return name or repr(separator)


def _checked(deck: TextDeck, shown: str) -> TextDeck:
    """The deck without the notes that make no card (each a warning); none left is an `Error:`."""
    kept = []
    for note in deck.notes:
        problem = notes.check_note(note, shown)
        if problem:
            deck.warnings.append(problem)
        else:
            kept.append(note)
    if not kept:
        why = "; ".join(deck.warnings[:3]) if deck.warnings else "only a header row"
        raise ReviseError(f"{shown}: no note with a card in it ({why}); expected {_EXPECTED}")
    deck.notes = kept
    return deck


def _cells(rows: list[Record]):
    """Every cell of the first rows (where a file without `#html:` is sniffed, as Anki does)."""
    return (cell for row in rows[:50] for cell in row.cells)


# Tags that make a cell HTML; a lone `<` or `a < b` does not.
_HTML_TAGS = frozenset("b i u em strong br div p span img ul ol li table tr td th sub sup a hr font code pre "
                       "h1 h2 h3 h4 h5 h6 blockquote".split())


class _Sniffer(HTMLParser):
    """Stops at the first known HTML tag or character reference."""

    found = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        """A known tag opens: HTML."""
        self.found = self.found or tag in _HTML_TAGS

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        """A known tag closes: HTML."""
        self.found = self.found or tag in _HTML_TAGS

    def handle_entityref(self, name: str) -> None:
        """`&amp;` and the like: HTML."""
        self.found = True

    def handle_charref(self, name: str) -> None:
        """`&#39;` and the like: HTML."""
        self.found = True


def looks_like_html(text: str) -> bool:
    """Whether a cell holds HTML markup (a known tag, or an entity like `&amp;`)."""
    if "<" not in text and "&" not in text:
        return False
    sniffer = _Sniffer(convert_charrefs=False)
    try:
        sniffer.feed(text)
        sniffer.close()
    except AssertionError:  # Python 3.11's parser gives up on some `<!…` declarations (`<![x`): text, not tags
        return looks_like_html(DECLARATION_RE.sub("< !", text))
    return sniffer.found
