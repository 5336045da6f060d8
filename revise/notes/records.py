"""Line records, what the scanner makes of each line and the card builders read.

Also the two ways builders take text out of records: a run of lines dedented, and one line without
its list marker or quote.
"""

from __future__ import annotations

import re
from typing import NamedTuple

BLANK, TEXT, OPAQUE, HEADING, RULE = range(5)


class Rec(NamedTuple):
    """One classified line. For a heading, `indent` is its level and `text` its title."""

    kind: int
    no: int  # 1-based line number in the original file
    text: str
    indent: int = 0
    content: int = 0  # column where a list item's text starts; 0 when not a list item
    tags: tuple[str, ...] = ()
    block_id: str | None = None


BLANK_LINE = Rec(BLANK, 0, "")  # shared: nothing needs a blank line's number


def dedent(lines: list[str]) -> str:
    """Lines joined with their common indentation removed and blank edges trimmed."""
    if len(lines) == 1:
        return lines[0].strip()
    lines = [line.rstrip() for line in lines]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        return ""
    widths = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
    cut = min(widths)
    return "\n".join(line[cut:] for line in lines)


_QUOTE_RE = re.compile(r"^(?:>[ \t]?)+(?:\[![^\]]*\][+-]?[ \t]*)?")  # `> ` and callout `> [!note]`


def item_text(rec: Rec) -> str:
    """A record's text without its list marker and indentation."""
    if rec.content:
        return rec.text[rec.content :].strip()
    text = rec.text.strip()
    return _QUOTE_RE.sub("", text) if text[:1] == ">" else text
