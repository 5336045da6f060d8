"""Small hand-written SVG charts: columns (stacked, or side by side in slots) and lines of points on
value axes, with grid, ticks and labels. Every mark carries its figures as data attributes and a
tooltip; colours come from the page's CSS classes, so light, dark and print are the page's choice."""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 960, 280
LEFT, TOP, BOTTOM = 64, 14, 52  # room for the axes' labels around the plot
RIGHT_AXIS, NO_AXIS = 60, 16  # on the right: room for an axis, or a margin


@dataclass(frozen=True)
class Axis:
    """A vertical axis: its range, tick values, label and whether its values are fractions shown as %."""

    low: float
    high: float
    ticks: tuple[float, ...]
    label: str
    percent: bool = False

    def tick_text(self, value: float) -> str:
        """A tick's label: a count with thousands separators, or a percent."""
        return f"{value:.0%}" if self.percent else f"{value:,.0f}"


def count_axis(top: float, label: str) -> Axis:
    """An axis from 0 up to the round tick at or above `top`, about five ticks."""
    raw = max(top, 1) / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    if step < 1:  # counts are whole
        step = 1
    ticks = tuple(i * step for i in range(math.ceil(max(top, 1) / step - 1e-9) + 1))
    return Axis(0, ticks[-1], ticks, label)


def percent_axis(low: float, label: str) -> Axis:
    """A percent axis from `low` (a fraction) to 100%, ticked every 5%, 10% or 20%."""
    step = 0.05 if 1 - low <= 0.3 else 0.1 if 1 - low <= 0.6 else 0.2
    low = math.floor(low / step + 1e-9) * step
    ticks = tuple(round(low + i * step, 4) for i in range(round((1 - low) / step) + 1))
    return Axis(low, 1.0, ticks, label, percent=True)


def data_attributes(data: dict) -> str:
    """` data-key="value"` for each item (`_` in a key written `-`; None written empty)."""
    return "".join(f' data-{key.replace("_", "-")}="{"" if value is None else escape(str(value))}"'
                   for key, value in data.items())


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


class Chart:
    """One chart of `slots` positions along x on a left axis (and an optional right one), built by
    adding marks, then written out by `svg`."""

    def __init__(self, name: str, slots: int, left: Axis, right: Axis | None = None, x_label: str = "") -> None:
        self.name, self.slots, self.left, self.right, self.x_label = name, max(slots, 1), left, right, x_label
        self.right_edge = WIDTH - (RIGHT_AXIS if right else NO_AXIS)
        self.marks: list[str] = []
        self.x_ticks: list[str] = []

    def x(self, slot: float) -> float:
        """The x coordinate of the left edge of `slot` (fractions allowed)."""
        return LEFT + slot * (self.right_edge - LEFT) / self.slots

    def y(self, value: float, axis: Axis | None = None) -> float:
        """The y coordinate of `value` on `axis` (the left one by default), clamped to the plot."""
        axis = axis or self.left
        share = (value - axis.low) / (axis.high - axis.low) if axis.high > axis.low else 0.0
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - min(max(share, 0.0), 1.0))

    def column(self, slot: float, segments: list[tuple[float, str]], data: dict, title: str,
               width: float = 0.8, label: str = "") -> None:
        """A column at `slot` of stacked (value, CSS class) `segments`, bottom first; `label` above it."""
        left, span = self.x(slot + (1 - width) / 2), self.x(width) - self.x(0)
        rects, bottom = [], 0.0
        for value, css in segments:
            if value > 0:
                top, base = self.y(bottom + value), self.y(bottom)
                height = max(base - top, 0.6)  # a small value still shows
                rects.append(f'<rect class="{css}" x="{_number(left)}" y="{_number(base - height)}" '
                             f'width="{_number(span)}" height="{_number(height)}"/>')
                bottom += value
        if label:
            rects.append(f'<text class="value" x="{_number(left + span / 2)}" y="{_number(self.y(bottom) - 4)}" '
                         f'text-anchor="middle">{escape(label)}</text>')
        self.marks.append(f'<g class="mark"{data_attributes(data)}><title>{escape(title)}</title>{"".join(rects)}</g>')

    def line(self, points: list[tuple[float, float | None, dict, str]], css: str, axis: Axis | None = None) -> None:
        """A line through (slot centre, value, data, title) `points` on `axis`, broken where a value is None."""
        axis = axis or self.left
        runs: list[list[str]] = [[]]
        dots = []
        for slot, value, data, title in points:
            if value is None:
                runs.append([])
                continue
            x, y = _number(self.x(slot)), _number(self.y(value, axis))
            runs[-1].append(f"{x},{y}")
            dots.append(f'<circle class="{css}" cx="{x}" cy="{y}" r="3"{data_attributes(data)}>'
                        f'<title>{escape(title)}</title></circle>')
        lines = [f'<polyline class="{css}" points="{" ".join(run)}"/>' for run in runs if len(run) > 1]
        self.marks.append(f'<g class="line">{"".join(lines)}{"".join(dots)}</g>')

    def tick(self, slot: float, text: str, second: str = "") -> None:
        """A label under the x axis at `slot` (a small tick above it), with an optional second line."""
        x, base = _number(self.x(slot)), HEIGHT - BOTTOM
        parts = [f'<line class="tick" x1="{x}" x2="{x}" y1="{base}" y2="{base + 4}"/>',
                 f'<text x="{x}" y="{base + 17}" text-anchor="middle">{escape(text)}</text>']
        if second:
            parts.append(f'<text class="muted" x="{x}" y="{base + 31}" text-anchor="middle">{escape(second)}</text>')
        self.x_ticks.append("".join(parts))

    def svg(self, title: str, data: dict, note: str = "") -> str:
        """The chart as an <svg> element, titled, its graph-wide figures as data attributes; `note` in its middle."""
        parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" data-graph="{self.name}"'
                 f'{data_attributes(data)}><title>{escape(title)}</title>']
        parts += self._axis(self.left, LEFT - 8, "end", grid=True)
        if self.right:
            parts += self._axis(self.right, self.right_edge + 8, "start", grid=False)
        parts += self.marks + self.x_ticks
        base = HEIGHT - BOTTOM
        parts.append(f'<line class="axis" x1="{LEFT}" x2="{self.right_edge}" y1="{base}" y2="{base}"/>')
        if self.x_label:
            parts.append(f'<text class="label" x="{(LEFT + self.right_edge) / 2}" y="{HEIGHT - 4}" '
                         f'text-anchor="middle">{escape(self.x_label)}</text>')
        if note:
            parts.append(f'<text class="note" x="{WIDTH / 2}" y="{(TOP + base) / 2}" text-anchor="middle">'
                         f'{escape(note)}</text>')
        return "".join(parts) + "</svg>"

    def _axis(self, axis: Axis, x: float, anchor: str, grid: bool) -> list[str]:
        """An axis' tick labels at `x`, its label turned along it, and grid lines across the plot."""
        parts = []
        for value in axis.ticks:
            y = _number(self.y(value, axis))
            if grid:
                parts.append(f'<line class="grid" x1="{LEFT}" x2="{self.right_edge}" y1="{y}" y2="{y}"/>')
            parts.append(f'<text x="{_number(x)}" y="{y}" dy="0.32em" text-anchor="{anchor}">'
                         f'{escape(axis.tick_text(value))}</text>')
        middle = (TOP + HEIGHT - BOTTOM) / 2
        edge = 14 if anchor == "end" else WIDTH - 10
        parts.append(f'<text class="label" transform="translate({edge},{_number(middle)}) rotate(-90)" '
                     f'text-anchor="middle">{escape(axis.label)}</text>')
        return parts
