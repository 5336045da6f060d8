"""The graphs screen: `render_graphs` stacks a title and each graph under its heading."""

from __future__ import annotations

from revise.stats.graphs.answers import ButtonsTable, HoursGraph
from revise.stats.graphs.cards import difficulty_graph, intervals_graph, retrievability_graph, stability_graph
from revise.stats.graphs.figures import Graphs
from revise.stats.graphs.over_time import RetentionGraph, ReviewsGraph
from revise.stats.text import one_line


def render_graphs(graphs: Graphs):
    """The whole `revise stats --graphs` screen as one rich renderable."""
    from rich.console import Group
    from rich.text import Text

    from revise.stats.view import Title

    where = f"graphs · deck {one_line(graphs.deck)}" if graphs.deck else "graphs"
    parts = [Title(where, graphs.today), Text()]
    for _, title, graph in sections(graphs):
        parts += [Text(title, style="bold underline"), graph, Text()]
    return Group(*parts[:-1])


def sections(graphs: Graphs) -> list[tuple[str, str, object]]:
    """(key, title, renderable) of each graph, in the order of Anki's graphs page."""
    days = len(graphs.days)
    period = "today" if days == 1 else f"last {days:,} days"
    return [
        ("reviews", f"Reviews, {period}", ReviewsGraph(graphs.days)),
        ("retention", f"True retention, {period}", RetentionGraph(graphs.days)),
        ("intervals", "Review intervals", intervals_graph(graphs.intervals)),
        ("stability", "Stability", stability_graph(graphs.stability)),
        ("difficulty", "Difficulty", difficulty_graph(graphs.difficulty)),
        ("retrievability", "Retrievability", retrievability_graph(graphs.retrievability, graphs.recall_sum)),
        ("buttons", f"Answer buttons, {period}", ButtonsTable(graphs.buttons)),
        ("hours", f"Hour of day, {period}", HoursGraph(graphs.hours)),
    ]
