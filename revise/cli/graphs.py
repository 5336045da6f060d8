"""What `revise stats --graphs` prints: Anki's graphs as rich renderables, or their figures as JSON."""

from __future__ import annotations

from datetime import datetime

from revise.cli import output
from revise.config import Config


def print_graphs(db, now: datetime, config: Config, deck: str | None, days: int | None, as_json: bool) -> None:
    """Compute the graphs of the `days` up to `now` and print them (or their JSON)."""
    from revise.stats.graphs import collect_graphs, render_graphs

    graphs = collect_graphs(db, now, None, config, deck=deck, days=days)
    if as_json:
        output.print_json(graphs.to_json())
        return
    from rich.console import Console

    Console().print(render_graphs(graphs))
