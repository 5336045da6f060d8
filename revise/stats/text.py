"""Figures and user text as the stats screen writes them."""

from __future__ import annotations


def one_line(text: str) -> str:
    """User text (a card's front, a deck name, a path) on one line, its control characters made inert."""
    from revise.render import make_inert

    return make_inert(" ".join(text.split()))


def percent(value: float | None) -> str:
    """A fraction as a percentage with one decimal, or – for none."""
    return "–" if value is None else f"{value * 100:.1f}%"


def packed(parts: list[str], width: int, separator: str) -> list[str]:
    """`parts` joined by `separator` into lines of at most `width` (breaking only between parts)."""
    lines: list[str] = []
    for part in parts:
        if lines and len(lines[-1]) + len(separator) + len(part) <= width:
            lines[-1] += separator + part
        else:
            lines.append(part)
    return lines
