"""The typer app: each command parses options, calls the core, renders. No logic of its own."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any, Callable, Optional

import typer

from revise.cli import foreign, output
from revise.cli.exits import fail, guarded


def _completion_asked() -> bool:
    """True when a shell asks for completions or the user for the completion script: typer's completion
    code costs 5 ms of start-up, so other runs go without it (and --help does not list its options)."""
    return "_REVISE_COMPLETE" in os.environ or bool({"--install-completion", "--show-completion"} & set(sys.argv[1:]))


app = typer.Typer(
    help="Spaced repetition from your own Markdown notes, scheduled by FSRS.\n\n"
    "Shell completion: `revise --install-completion` (bash, zsh, fish, PowerShell).",
    no_args_is_help=True,
    add_completion=_completion_asked(),
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help and usage errors: rendering them with rich would double start-up
)


def command(*args: Any, **kwargs: Any) -> Callable:
    """`app.command`, its function `guarded`: `Error: …` for what the user can fix, exit 130 on Ctrl-C, 143 on SIGTERM."""
    return lambda fn: app.command(*args, **kwargs)(guarded(fn))


def _print_version(value: bool) -> None:
    """`revise --version`: the installed package's version, then exit."""
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"revise {version('revise')}")
        except PackageNotFoundError:  # run from a source tree that was never installed
            typer.echo("revise (version unknown: not installed; `pip install -e .` installs it)")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    collection: Annotated[
        Optional[Path],
        typer.Option(
            "--collection", metavar="PATH",
            envvar="REVISE_COLLECTION",
            help="The collection file (default: collection.db in the user data directory).",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print revise's version and exit."),
    ] = False,
) -> None:
    """Spaced repetition from your own Markdown notes, scheduled by FSRS."""
    ctx.obj = {"collection": collection}


def open_db(ctx: typer.Context, *, read_only: bool = False, must_exist: bool = False):
    """Open the collection chosen by --collection / REVISE_COLLECTION / the default. With `read_only` it is
    never created, migrated or written (a missing or empty one is an error, as with `must_exist`); for
    writing, it is backed up first on the day's first write."""
    from revise import collection

    path = ctx.obj.get("collection") or collection.default_collection_path()
    ctx.obj["path"] = path
    if (must_exist and not Path(path).exists()) or (read_only and collection.is_missing_or_empty(Path(path))):
        fail(f"no collection at {output.shown_path(str(path))} — import notes first with `revise import PATH` "
             "(or name another collection with --collection)")
    if read_only:
        return collection.open_collection(path, read_only=True)
    from revise.cli.data import backup_before_writing

    return backup_before_writing(collection.open_collection(path), Path(path))


def _none_empty(values: list[str]) -> list[str]:
    """A repeatable option that names things: none of them may be empty."""
    for value in values:
        _not_empty(value)
    return values


def _not_empty(value: Optional[str]) -> Optional[str]:
    """An option that names something: an empty name is a usage error, not 'everything'."""
    if value is not None and not value.strip("# "):
        raise typer.BadParameter("must not be empty")
    return value


# --- import, sync -------------------------------------------------------------------------

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (stable fields, no colour) instead of a table.")]


@command("import")
def import_command(
    ctx: typer.Context,
    # Strings, not Paths: Path('') would be '.', and typer's Path type makes an unreadable folder a usage error.
    paths: Annotated[list[str], typer.Argument(metavar="PATH...", help="Markdown files or folders (read recursively), Anki packages, text decks.")],
    to: foreign.ToOption = None, force: foreign.ForceOption = False, separator: foreign.SeparatorOption = None,
    as_json: JsonOption = False,
) -> None:
    """Read Markdown files or folders, Anki packages or text decks into the collection (remembered for `revise sync`)."""
    from revise.config import load_config
    from revise.sources import import_paths

    limit = load_config().max_note_bytes  # a bad config.toml is reported before anything is written
    db = open_db(ctx)
    if not (paths := foreign.import_foreign(db, paths, to, force, as_json, separator)):
        return  # packages only: each was written as Markdown, imported and reported
    report = output.with_progress(
        lambda progress: import_paths(db, paths, progress=progress, max_note_bytes=limit), not as_json)
    output.print_import_report(report, as_json)


@command("sync")
def sync_command(
    ctx: typer.Context,
    forget_missing: Annotated[
        bool, typer.Option("--forget-missing", help="Imported folders that are gone were deleted: retire their cards.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Re-read every remembered source. Unchanged files are skipped without being parsed."""
    from revise.config import load_config
    from revise.sources import sync_sources

    limit = load_config().max_note_bytes
    db = open_db(ctx)
    report = output.with_progress(lambda progress: sync_sources(
        db, progress=progress, forget_missing=forget_missing, max_note_bytes=limit), not as_json)
    if not report.files and not report.errors and not as_json:
        typer.echo("Nothing to sync yet: import your notes with `revise import PATH`.")
        return
    output.print_import_report(report, as_json)


# --- config --------------------------------------------------------------------------------


@command(name="config")
def show_config() -> None:
    """Print the config file's path and the settings in effect. Per-deck overrides are shown too."""
    from revise.config import config_toml, load_config

    typer.echo(config_toml(load_config()))


# --- stats --------------------------------------------------------------------------------


@command("stats")
def stats_command(
    ctx: typer.Context,
    deck: Annotated[Optional[str], typer.Option("--deck", metavar="DECK", help="Only this deck and its subdecks.", callback=_not_empty)] = None,
    days: Annotated[
        Optional[int],
        typer.Option(
            "--days", metavar="N", min=1,
            help="Days of forecast and of heatmap (rounded up to whole weeks); by default 30 days of forecast, 26 weeks of heatmap.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    graphs: Annotated[bool, typer.Option("--graphs", help="Anki's graphs instead: reviews, retention, intervals, stability, difficulty, recall, buttons, hours (--days: the period, 365 by default).")] = False,
    html: Annotated[Optional[Path], typer.Option("--html", metavar="FILE", help="Write the graphs of --graphs to FILE as one self-contained HTML page of charts.")] = None,
) -> None:
    """Show progress: today, cards, retention, streak, forecast. Also a heatmap and the hardest cards."""
    from datetime import datetime, timezone

    from revise.config import load_config
    from revise.stats import collect_stats, render_stats

    now = datetime.now(timezone.utc)
    config = load_config()  # a bad config.toml is reported before a missing collection
    if html is not None and as_json:
        raise typer.BadParameter("--html writes a page, --json prints figures: choose one", param_hint="--html")
    db = open_db(ctx, read_only=True)
    if html is not None:
        from revise.cli.graphs import write_graphs_page

        return write_graphs_page(db, now, config, deck, days, html)
    if graphs:
        from revise.cli.graphs import print_graphs

        return print_graphs(db, now, config, deck, days, as_json)
    stats = collect_stats(db, now, None, config, deck=deck, days=days)
    from revise.stats.calibration import read_calibration

    calibration = read_calibration(db, config, deck)
    if as_json:
        output.print_json({**stats.to_json(), "calibration": calibration.to_json()})
        return
    from rich.console import Console

    Console().print(render_stats(stats), "", calibration)


from revise.cli import card, cards, changes, data, export, optimize, preview, review, sources  # noqa: E402,F401  (each registers its commands)
