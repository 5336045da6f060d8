"""A typed answer on the review screen: typed against expected, marked in colour and with `^` under each
wrong or missed character (read without colour too), and the grade it suggests. Pure renderables."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from revise import scheduling
from revise.render import make_inert
from revise.review.checking import Comparison, Mark

STYLES = {"good": "green", "bad": "bold red", "missed": "bold yellow", "space": ""}
LABELS = ("typed     ", "expected  ")  # one width, so that both lines' characters line up
VERDICTS = {
    "exact": "✓ Exact.",
    "close": "≈ Close ({ratio:.0%} alike).",
    "wrong": "✗ Not it ({ratio:.0%} alike).",
    "empty": "Nothing typed.",
}


class TypedComparison:
    """The `typed` line (and, unless exact, the `expected` line), each with its line of `^` marks,
    wrapped at the console's width with the marks still under their characters."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison

    def __rich_console__(self, console: Console, options: Any) -> Iterator[Text]:
        rows = [(LABELS[0], self.comparison.typed or (Mark("(nothing)", "space"),))]
        if self.comparison.verdict != "exact":
            rows.append((LABELS[1], self.comparison.expected))
        width = max(1, options.max_width - len(LABELS[0]))
        for label, marks in rows:
            for i, chunk in enumerate(_chunks(marks, width)):
                yield from _line_pair(label if i == 0 else " " * len(label), chunk)


def _chunks(marks: tuple[Mark, ...], width: int) -> Iterator[list[tuple[str, str]]]:
    """(character, kind) lists of at most `width` cells each."""
    chunk: list[tuple[str, str]] = []
    used = 0
    for mark in marks:
        for char in make_inert(mark.text):
            if chunk and used + cell_len(char) > width:
                yield chunk
                chunk, used = [], 0
            chunk.append((char, mark.kind))
            used += cell_len(char)
    yield chunk


def _line_pair(label: str, chunk: list[tuple[str, str]]) -> Iterator[Text]:
    """The characters after their label, then (if any is wrong or missed) the `^` line under them."""
    line = Text()
    line.append(label, style="dim")
    carets = " " * len(label)
    for char, kind in chunk:
        line.append(char, style=STYLES[kind])
        carets += ("^" if kind in ("bad", "missed") else " ") * cell_len(char)
    yield line
    if carets.strip():
        yield Text(carets.rstrip(), style="dim")


def verdict_text(comparison: Comparison) -> Text:
    """`≈ Close (88% alike). Enter: 2 Hard, or 1–4.`"""
    name = scheduling.RATINGS[comparison.grade]
    text = Text()
    text.append(VERDICTS[comparison.verdict].format(ratio=comparison.ratio) + " ", style="bold")
    text.append(f"Enter: {comparison.grade} {name}", style="bold")
    text.append(", or 1–4.")
    return text
