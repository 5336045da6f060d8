"""The card graphs as SVG histograms: intervals and stability (with Anki's cumulative line),
difficulty and retrievability, binned by the terminal graphs' own functions, finer."""

from __future__ import annotations

import math

from revise.stats.graphs.cards import (Bin, day_ranges, difficulty_graph, intervals_graph, percent_ranges,
                                       retrievability_graph, stability_graph)
from revise.stats.graphs.figures import Distribution, Graphs
from revise.stats.html.figure import Figure
from revise.stats.html.svg import Chart, count_axis, percent_axis
from revise.stats.text import percent

DAY_BINS = 24  # at most, before the bin of the last 5%: a page has room for more bars than a terminal's rows


def _percent_width(counts: tuple[tuple[int, int], ...]) -> int:
    """Bins of 1%, 2% or 5%, so that the cards' spread makes at most 20 of them."""
    spread = counts[-1][0] - counts[0][0]
    return 1 if spread < 20 else 2 if spread < 40 else 5


def histogram(name: str, figure: Distribution, bins: list[Bin], unit: str, cumulative: bool) -> Chart:
    """A column per bin (its first and last value and cards as data), with the cumulative share on the right."""
    chart = Chart(name, len(bins), count_axis(max(n for _, _, n in bins), "cards"),
                  percent_axis(0, "cumulative") if cumulative else None, x_label=unit)
    seen, points = 0, []
    for slot, (first, last, cards) in enumerate(bins):
        seen += cards
        span = f"≥ {first:,}" if last is None else f"{first:,}" if first == last else f"{first:,}–{last:,}"
        title = f"{span} {'d' if unit == 'days' else '%'}: {cards:,} cards ({percent(cards / figure.cards)})"
        chart.column(slot, [(cards, name)], {"from": first, "to": last, "cards": cards}, title)
        points.append((slot + 1, seen / figure.cards, {"upto": last, "share": round(seen / figure.cards, 4)},
                       f"up to {span}: {percent(seen / figure.cards)} of the cards"))
    if cumulative:
        chart.line(points, "cumulative", chart.right)
    _ticks(chart, bins, unit)
    return chart


def _ticks(chart: Chart, bins: list[Bin], unit: str) -> None:
    """Each bin's first value under its left edge (every few bins when they are many), and the end."""
    every = math.ceil(len(bins) / 12)
    single = bins[0][1] == bins[0][0]  # one value per bin: labelled under its middle
    for slot, (first, last, _) in enumerate(bins):
        if slot % every == 0 or last is None:
            text = f"≥ {first:,}" if last is None else f"{first:,}" + ("%" if unit == "percent" else "")
            chart.tick(slot + (0.5 if single or last is None else 0), text)
    first, last, _ = bins[-1]
    if last is not None and not single:
        chart.tick(len(bins), f"{last + 1:,}" + ("%" if unit == "percent" else ""))


def distribution_figure(name: str, title: str, figure: Distribution, summary: str, extra: dict | None = None) -> Figure:
    """A card distribution's figure: its histogram, or a note when no card is studied."""
    middle = None if figure.middle is None else round(figure.middle, 4)
    data = {"cards": figure.cards, "middle": middle, **(extra or {})}
    if not figure.cards:
        return Figure(Chart(name, 1, count_axis(1, "cards")).svg(title, data, "no studied cards yet"))
    days = name in ("intervals", "stability")
    bins = day_ranges(figure.counts, DAY_BINS) if days else percent_ranges(figure.counts, _percent_width(figure.counts))
    chart = histogram(name, figure, bins, "days" if days else "percent", cumulative=days)
    legend = [(name, "cards")] + ([("cumulative", "cumulative share of the cards")] if days else [])
    return Figure(chart.svg(title, data), legend, summary.split(" · "))


def card_figures(graphs: Graphs) -> dict[str, Figure]:
    """The four card distributions' figures by graph key, captioned as the terminal graphs are."""
    recall = {"recall_sum": round(graphs.recall_sum, 2)}
    return {
        "intervals": distribution_figure("intervals", "Review intervals", graphs.intervals,
                                         intervals_graph(graphs.intervals).summary),
        "stability": distribution_figure("stability", "Stability", graphs.stability,
                                         stability_graph(graphs.stability).summary),
        "difficulty": distribution_figure("difficulty", "Difficulty", graphs.difficulty,
                                          difficulty_graph(graphs.difficulty).summary),
        "retrievability": distribution_figure("retrievability", "Retrievability", graphs.retrievability,
                                              retrievability_graph(graphs.retrievability, graphs.recall_sum).summary,
                                              recall),
    }
