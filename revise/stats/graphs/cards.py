"""The card graphs: intervals, stability, difficulty and retrievability as rows of bars."""

from __future__ import annotations

import math

from revise.stats.graphs.drawing import bar_rows
from revise.stats.graphs.figures import Distribution
from revise.stats.text import packed

ROWS = 10  # at most, plus a row for the days beyond the 95th percentile


Bin = tuple[int, int | None, int]  # (first value, last value or None for "and beyond", cards)


def day_ranges(counts: tuple[tuple[int, int], ...], rows: int = ROWS) -> list[Bin]:
    """Days in at most `rows` bins of a round width up to the 95th percentile (as Anki's default view),
    then one bin for the rest."""
    total = sum(n for _, n in counts)
    seen, last = 0, counts[-1][0]
    for value, n in counts:
        seen += n
        if seen >= 0.95 * total:
            last = value
            break
    width = next(w for w in _round_widths() if math.ceil((last + 1) / w) <= rows)
    bins = math.ceil((last + 1) / width)
    cards, beyond = [0] * bins, 0
    for value, n in counts:
        if value // width < bins:
            cards[value // width] += n
        else:
            beyond += n
    found = [(i * width, (i + 1) * width - 1, n) for i, n in enumerate(cards)]
    return found + ([(bins * width, None, beyond)] if beyond else [])


def day_bins(counts: tuple[tuple[int, int], ...]) -> list[tuple[str, int]]:
    """`day_ranges` as (label, cards) rows."""
    return [(_days_label(start, end), n) for start, end, n in day_ranges(counts)]


def _round_widths():
    for power in range(0, 6):
        for base in (1, 2, 5):
            yield base * 10**power


def _days_label(start: int, end: int | None) -> str:
    if end is None:
        return f"≥ {start:,} d"
    return f"{start:,} d" if end == start else f"{start:,}–{end:,} d"


def percent_ranges(counts: tuple[tuple[int, int], ...], width: int | None = None) -> list[Bin]:
    """Percent bins (0–99) `width` wide (by default 5%, or 10% when they span more than half the
    range), from the lowest to the highest that holds a card."""
    low, high = counts[0][0], counts[-1][0]
    width = width or (5 if high - low < 50 else 10)
    first = low // width
    cards = [0] * (high // width + 1 - first)
    for value, n in counts:
        cards[value // width - first] += n
    return [((first + i) * width, (first + i + 1) * width - 1, n) for i, n in enumerate(cards)]


def percent_bins(counts: tuple[tuple[int, int], ...]) -> list[tuple[str, int]]:
    """`percent_ranges` as (label, cards) rows."""
    return [(f"{start}–{end + 1}%", n) for start, end, n in percent_ranges(counts)]


class DistributionGraph:
    """One card distribution: a line of its headline figures, then its rows of bars."""

    def __init__(self, figure: Distribution, bins, summary: str, style: str) -> None:
        self.figure, self.bins, self.summary, self.style = figure, bins, summary, style

    def __rich_console__(self, console, options):
        from rich.text import Text

        if not self.figure.cards:
            yield Text("no studied cards yet", style="dim")
            return
        yield from (Text(line, style="dim") for line in packed(self.summary.split(" · "), options.max_width, " · "))
        yield from bar_rows(self.bins(self.figure.counts), options.max_width, self.style)


def _days(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f} d" if value == int(value) else f"{value:,.1f} d"


def intervals_graph(figure: Distribution) -> DistributionGraph:
    """Review cards by the interval they were scheduled at."""
    return DistributionGraph(figure, day_bins, f"{figure.cards:,} review cards · median {_days(figure.middle)}", "blue")


def stability_graph(figure: Distribution) -> DistributionGraph:
    """Studied cards by FSRS stability: the days until recall falls to 90%."""
    return DistributionGraph(figure, day_bins, f"{figure.cards:,} cards · median {_days(figure.middle)}", "cyan")


def difficulty_graph(figure: Distribution) -> DistributionGraph:
    """Studied cards by FSRS difficulty, as a percent of its 1–10 range."""
    middle = "–" if figure.middle is None else f"{figure.middle:.0f}%"
    return DistributionGraph(figure, percent_bins, f"{figure.cards:,} cards · median {middle}", "dark_orange")


def retrievability_graph(figure: Distribution, recall_sum: float) -> DistributionGraph:
    """Studied cards by their probability of recall now."""
    middle = "–" if figure.middle is None else f"{figure.middle:.0%}"
    summary = f"{figure.cards:,} cards · average {middle} · recall now {recall_sum:,.0f} cards"
    return DistributionGraph(figure, percent_bins, summary, "green3")
