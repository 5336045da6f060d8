"""`revise sources` (the remembered sources) and `revise sources remove PATH` (forget one)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from revise.cli import JsonOption, app, open_db, output
from revise.cli.exits import guarded

sources_app = typer.Typer(
    help="List the remembered sources (what `revise sync` re-reads), or forget one.",
    invoke_without_command=True, no_args_is_help=False, rich_markup_mode=None,
)
app.add_typer(sources_app, name="sources")


@sources_app.callback()
@guarded
def sources_command(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the remembered sources: path, kind, files, cards, last sync, and whether it is missing."""
    if ctx.invoked_subcommand is not None:
        return
    from revise import collection

    sources = [_source_json(row) for row in collection.source_roots(open_db(ctx, read_only=True))]
    if as_json:
        output.print_json(sources)
    elif not sources:
        typer.echo("No sources yet: import your notes with `revise import PATH`.")
    else:
        _print_sources(sources)


def _source_json(row: dict) -> dict:
    """One source as the stable `sources --json` object."""
    from revise.sources.files import is_gone

    kind = row["kind"] or ("file" if row["is_file"] else "folder")
    return {"path": row["root"], "kind": kind, "origin": row["origin"], "files": row["files"], "cards": row["cards"],
            "last_sync": row["synced_at"], "missing": is_gone(row["root"])}


def _print_sources(sources: list[dict]) -> None:
    from datetime import datetime

    from rich.console import Console

    from revise.cli.tables import fit, natural_widths, table_lines
    from revise.render import shorten

    header = ("source", "kind", "files", "cards", "last sync")
    rows = [(output.shown_path(s["path"]) + " (missing)" * s["missing"], s["kind"], str(s["files"]), str(s["cards"]),
             datetime.fromisoformat(s["last_sync"]).astimezone().strftime("%Y-%m-%d %H:%M")) for s in sources]
    widths = fit(natural_widths(header, rows), Console().width, [(0, 20)])
    # a long path keeps its end (the folder's own name), counts align right
    rows = [(shorten(row[0], widths[0], keep_end=True), row[1], row[2].rjust(widths[2]), row[3].rjust(widths[3]), row[4])
            for row in rows]
    sys.stdout.write("\n".join(table_lines(header, rows, widths)) + "\n")
    for source in sources:
        if source["origin"]:
            typer.echo(f"{output.shown_path(source['path'])}: written from {output.shown_path(source['origin'])}")


@sources_app.command("remove")
@guarded
def remove_command(
    ctx: typer.Context,
    path: Annotated[str, typer.Argument(metavar="PATH", help="A source as `revise sources` lists it (or the package it was written from).")],
    as_json: JsonOption = False,
) -> None:
    """Forget a source: its cards retire with their history kept (importing it again brings them back)."""
    from revise.sources import remove_source

    report = remove_source(open_db(ctx, must_exist=True), path)
    if as_json:
        output.print_json(report.as_json())
        return
    files, retired = len(report.files), report.total("retired")
    typer.echo(f"Forgot {output.shown_path(path)}: {files} file{'s' * (files != 1)}, "
               f"{retired} card{'s' * (retired != 1)} retired (their history is kept: "
               f"`revise import {output.shown_path(path)}` brings them back).")
