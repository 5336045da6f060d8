"""What `revise stats --graphs` prints (Anki's graphs as rich renderables, or their figures as JSON) and
`revise stats --html FILE` writes."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typer

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


def write_graphs_page(db, now: datetime, config: Config, deck: str | None, days: int | None, path: Path) -> None:
    """Compute the same graphs and write them to `path` as one HTML page, then print the path."""
    from revise.stats.graphs import collect_graphs
    from revise.stats.html import write_page

    write_page(collect_graphs(db, now, None, config, deck=deck, days=days), path)
    typer.echo(f"Wrote {output.shown_path(str(path))}")
