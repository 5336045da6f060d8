"""The card graphs: intervals, stability, difficulty and retrievability as rows of bars."""

from __future__ import annotations

import math

from revise.stats.graphs.drawing import bar_rows
from revise.stats.graphs.figures import Distribution
from revise.stats.text import packed

ROWS = 10  # at most, plus a row for the days beyond the 95th percentile


def day_bins(counts: tuple[tuple[int, int], ...]) -> list[tuple[str, int]]:
    """Days in at most ROWS bins of a round width up to the 95th percentile (as Anki's default view),
    then one row for the rest."""
    total = sum(n for _, n in counts)
    seen, last = 0, counts[-1][0]
    for value, n in counts:
        seen += n
        if seen >= 0.95 * total:
            last = value
            break
    width = next(w for w in _round_widths() if math.ceil((last + 1) / w) <= ROWS)
    bins = math.ceil((last + 1) / width)
    rows = [[_days_label(i * width, width), 0] for i in range(bins)]
    beyond = 0
    for value, n in counts:
        if value // width < bins:
            rows[value // width][1] += n
        else:
            beyond += n
    return [tuple(row) for row in rows] + ([(f"≥ {bins * width:,} d", beyond)] if beyond else [])


def _round_widths():
    for power in range(0, 6):
        for base in (1, 2, 5):
            yield base * 10**power


def _days_label(start: int, width: int) -> str:
    return f"{start:,} d" if width == 1 else f"{start:,}–{start + width - 1:,} d"


def percent_bins(counts: tuple[tuple[int, int], ...]) -> list[tuple[str, int]]:
    """Percent bins (0–99) in rows of 5% (10% when they span more than half the range), from the
    lowest to the highest that holds a card."""
    low, high = counts[0][0], counts[-1][0]
    width = 5 if high - low < 50 else 10
    first = low // width
    rows = [[f"{b * width}–{(b + 1) * width}%", 0] for b in range(first, high // width + 1)]
    for value, n in counts:
        rows[value // width - first][1] += n
    return [tuple(row) for row in rows]


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
