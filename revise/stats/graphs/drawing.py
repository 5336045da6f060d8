"""The drawing the graphs share: columns of stacked segments (eighths at the top of each) with a
y axis, and rows of horizontal bars. Plain functions returning rich Text lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from revise.stats.charts import BAR_EIGHTHS

if TYPE_CHECKING:
    from rich.text import Text

ROW_EIGHTHS = " ▏▎▍▌▋▊▉█"
Segment = tuple[float, str, str]  # (value, glyph of a full cell, style), bottom first


def bar_step(bars: int, room: int) -> int:
    """Columns per bar: a bar and a gap where they fit, else one."""
    return 2 if 2 * bars <= room else 1


def columns(bars: list[list[Segment]], height: int, axis: tuple[str, str], bottom: float, top: float,
            step: int) -> list[Text]:
    """`bars` as columns `height` rows tall between `bottom` and `top`, `axis` labelled top and bottom."""
    from rich.text import Text

    label = max(len(axis[0]), len(axis[1]))
    scale = height * 8 / (top - bottom) if top > bottom else 0.0
    lines = []
    for row in range(height - 1, -1, -1):
        text = axis[0] if row == height - 1 else axis[1] if row == 0 else ""
        line = Text(f"{text:>{label}} ", style="dim")
        for segments in bars:
            glyph, style = _cell(segments, row, bottom, scale)
            line.append(glyph, style=style)
            line.append(" " * (step - 1))
        line.rstrip()
        lines.append(line)
    return lines


def _cell(segments: list[Segment], row: int, bottom: float, scale: float) -> tuple[str, str]:
    """The glyph and style of one cell of a column: a full cell takes the segment at its middle."""
    total = sum(value for value, _, _ in segments)
    if not segments or total <= bottom:
        return " ", ""
    eighths = max(1, round((total - bottom) * scale)) - row * 8  # any value shows a sliver
    if eighths <= 0:
        return " ", ""
    middle, reached = (row * 8 + min(eighths, 8) / 2) / scale + bottom if scale else 0.0, 0.0
    for value, glyph, style in segments:
        reached += value
        if reached >= middle:
            break
    return (glyph if eighths >= 8 else BAR_EIGHTHS[eighths]), style


def bar_rows(rows: list[tuple[str, int]], width: int, style: str) -> list[Text]:
    """One line per (label, count): the label, a bar as long as the count allows, the count."""
    from rich.text import Text

    label = max(len(name) for name, _ in rows)
    figure = max(len(f"{n:,}") for _, n in rows)
    room = max(1, width - label - figure - 2)
    peak = max(n for _, n in rows) or 1
    lines = []
    for name, count in rows:
        eighths = round(count / peak * room * 8)
        eighths = max(eighths, 1) if count else 0
        bar = "█" * (eighths // 8) + (ROW_EIGHTHS[eighths % 8] if eighths % 8 else "")
        line = Text(f"{name:>{label}} ", style="dim")
        line.append(f"{bar:<{room}}", style=style)
        line.append(f" {count:>{figure},}")
        lines.append(line)
    return lines


def grouped(items: list, per_bar: int) -> list[list]:
    """`items` in groups of `per_bar`, the last group ending with the last item (the oldest may be short)."""
    first = len(items) % per_bar
    return ([items[:first]] if first else []) + [items[i : i + per_bar] for i in range(first, len(items), per_bar)]
