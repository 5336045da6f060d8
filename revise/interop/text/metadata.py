"""The header of a plain-text deck: Anki's `#key:value` lines, and the separator when none is given.

Anki's rules (rslib/src/import_export/text/csv/metadata.rs): the header is the run of lines at the top
that start with `#` (the first may also be a legacy `tags:` line); a key is matched trimmed and in
lower case; a value that Anki cannot use is ignored, not an error. Column numbers count from 1.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

# Anki's separator names (its Delimiter enum), and the character each stands for.
SEPARATORS = {"tab": "\t", "pipe": "|", "semicolon": ";", "colon": ":", "comma": ",", "space": " "}
# What a file without `#separator:` is tried with, in order: a space or a colon occurs in most
# sentences, so those two are never guessed.
SNIFFED = ("\t", ",", ";", "|")
_SAMPLE_ROWS = 50


@dataclass
class Metadata:
    """What a plain-text deck's header says (None or 0: not said)."""

    separator: str | None = None
    html: bool | None = None
    tags: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    notetype: str | None = None
    deck: str | None = None
    notetype_column: int = 0
    deck_column: int = 0
    tags_column: int = 0
    guid_column: int = 0
    lines: int = 0  # how many lines the header takes
    anki: bool = False  # a header line Anki reads was there

    def meta_columns(self) -> set[int]:
        """The columns that hold a note's guid, note type, deck or tags, not a field."""
        return {c for c in (self.notetype_column, self.deck_column, self.tags_column, self.guid_column) if c}


def separator_named(value: str) -> str | None:
    """The separator a `#separator:` value or a `--separator` option names: Anki's name or the character."""
    name = value.strip().lower()
    if name in SEPARATORS:
        return SEPARATORS[name]
    if value in ("\\t", "\t"):
        return "\t"
    return value if len(value) == 1 and value not in "\"\r\n" else None


def read_header(lines: list[str]) -> Metadata:
    """The metadata of the `#…` lines at the top of `lines` (lines without their endings)."""
    meta = Metadata()
    for number, line in enumerate(lines):
        if number == 0 and line.startswith("tags:"):
            meta.tags, meta.anki = line[len("tags:"):].split(), True
        elif line.startswith("#"):
            key, colon, value = line[1:].partition(":")
            if colon:
                _header_value(meta, key.strip().lower(), value)
        else:
            break
        meta.lines = number + 1
    return meta


def _header_value(meta: Metadata, key: str, value: str) -> None:
    """One `#key:value` line into `meta` (Anki ignores what it cannot read; so do we)."""
    columns = {"notetype column": "notetype_column", "deck column": "deck_column",
               "tags column": "tags_column", "guid column": "guid_column"}
    if key == "separator":
        meta.separator = separator_named(value) or meta.separator
    elif key == "html" and value.strip().lower() in ("true", "false"):
        meta.html = value.strip().lower() == "true"
    elif key == "tags":
        meta.tags = value.split()
    elif key in ("notetype", "deck") and value.strip():
        setattr(meta, key, value.strip())
    elif key in columns and value.strip().isdigit():
        setattr(meta, columns[key], int(value.strip()))
    elif key == "columns":
        meta.columns = [value]  # split once the separator is known (it may come on a later line)
    else:
        return
    meta.anki = True


def split_columns(meta: Metadata) -> None:
    """`#columns:` split by the file's separator, as Anki splits it (one CSV record)."""
    if meta.columns and meta.separator:
        meta.columns = next(csv.reader([meta.columns[0]], delimiter=meta.separator), [])


def sniff_separator(body: str) -> str | None:
    """The separator that splits the first rows of `body` into the same number (≥ 2) of columns."""
    for separator in SNIFFED:
        widths = _widths(body, separator)
        if widths and min(widths) >= 2 and len(set(widths)) == 1:
            return separator
    return None


def _widths(body: str, separator: str) -> list[int]:
    """How many columns each of the first rows of `body` has with this separator ([] if unreadable)."""
    reader = csv.reader(io.StringIO(body), delimiter=separator, strict=True)
    widths: list[int] = []
    try:
        for row in reader:
            if row and not row[0].startswith("#"):
                widths.append(len(row))
            if len(widths) == _SAMPLE_ROWS:
                break
    except csv.Error:
        return []
    return widths
