"""A plain-text deck's text and its records (CSV rules), each with the line it starts on."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterator, NamedTuple

from revise.errors import ReviseError

# A deck is read whole; a text file this large is not a deck someone exported.
MAX_BYTES = 200 * 1024 * 1024


class Record(NamedTuple):
    """One row of a deck: its cells and the line of the file it starts on."""

    line: int
    cells: list[str]


def read_text(path: Path, shown: str) -> str:
    """The file's text (UTF-8, a byte-order mark dropped), or an `Error:` for what is not a text deck."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ReviseError(f"{shown}: over {MAX_BYTES // 2**20} MB, too large for a plain-text deck")
        data = path.read_bytes()
    except OSError as exc:
        raise ReviseError(f"cannot read {shown}: {exc.strerror or exc}") from None
    if b"\0" in data[:8192] or data[:4] == b"PK\x03\x04":
        raise ReviseError(f"{shown}: a binary file, not a plain-text deck (expected text rows: front, back)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReviseError(f"{shown}:{line}: not UTF-8 text; save the deck as UTF-8 and import it again") from None
    if "\0" in text:
        raise ReviseError(f"{shown}:{text[: text.index(chr(0))].count(chr(10)) + 1}: a NUL byte; not a text deck")
    return text


class _Lines:
    """The lines that the CSV reader is fed, skipping comments and blank lines between records, and
    remembering where the record being read began."""

    def __init__(self, lines: list[str], first: int) -> None:
        self.lines, self.first, self.start, self.line = lines, first, True, 0

    def __iter__(self) -> Iterator[str]:
        for number in range(self.first, len(self.lines)):
            line = self.lines[number]
            if self.start and (not line.strip() or line.startswith("#")):
                continue  # a comment or a blank line, not inside a quoted cell
            if self.start:
                self.start, self.line = False, number + 1
            yield line + "\n"


def records(lines: list[str], first: int, separator: str, shown: str) -> Iterator[Record]:
    """The records of `lines[first:]` (CSV rules with `separator`), skipping blank lines and, as Anki
    does, lines that start with `#` where a record would start."""
    feed = _Lines(lines, first)
    reader = csv.reader(feed, delimiter=separator, strict=True)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ReviseError(f"{shown}:{feed.line}: {_csv_problem(exc)}") from None
        yield Record(feed.line, cells)
        feed.start = True  # the reader asks for the next line only to start the next record


def _csv_problem(exc: csv.Error) -> str:
    """Python's CSV error in the words of a deck's author."""
    text = str(exc)
    if "unexpected end of data" in text or "EOF" in text:
        return 'a quoted cell is never closed (a `"` without its partner); quote cells as "…", a `"` inside as ""'
    if "field larger than field limit" in text:
        return "a cell over 128 KB; not a deck row"
    return f'not a CSV row ({text}); quote cells as "…", a `"` inside as ""'
