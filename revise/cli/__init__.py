"""The typer app: each command parses options, calls the core, renders. No logic of its own."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any, Callable, Optional

import typer

from revise.cli import foreign, output
from revise.cli.exits import fail, guarded

app = typer.Typer(
    help="Spaced repetition from your own Markdown notes, scheduled by FSRS.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help and usage errors: rendering them with rich would double start-up
)


def command(*args: Any, **kwargs: Any) -> Callable:
    """`app.command`, its function `guarded`: `Error: …` for what the user can fix, exit 130 on Ctrl-C, 143 on SIGTERM."""
    return lambda fn: app.command(*args, **kwargs)(guarded(fn))


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


# --- import, sync, cards, decks -------------------------------------------------------------

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


@command("cards")
def cards_command(
    ctx: typer.Context,
    deck: Annotated[Optional[str], typer.Option("--deck", metavar="DECK", help="Only this deck and its subdecks.", callback=_not_empty)] = None,
    tag: Annotated[Optional[str], typer.Option("--tag", metavar="TAG", help="Only cards with this tag (`#tag` too).", callback=_not_empty)] = None,
    due: Annotated[bool, typer.Option("--due", help="Only cards due now.")] = False,
    include_retired: Annotated[bool, typer.Option("--all", help="Include retired cards.")] = False,
    as_json: JsonOption = False,
) -> None:
    """List cards with their deck, source and schedule."""
    from datetime import datetime, timezone

    from revise import collection
    from revise.notes import tag_name

    db = open_db(ctx, read_only=True)
    now = datetime.now(timezone.utc).isoformat() if due else None
    tag = tag_name(tag) if tag else tag
    rows = collection.list_cards(db, deck=deck, tag=tag, due_at=now, include_retired=include_retired)
    cards = [collection.card_json(row) for row in rows]
    if as_json:
        output.print_cards_json(cards)
    elif not cards and collection.has_cards(db):  # the filters, not the collection, are why nothing is listed
        output.print_no_match(deck, tag, due)
    else:
        output.print_cards_table(cards)


@command("decks")
def decks_command(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List decks with their new, learning and due counts. Each deck shows its card count too."""
    from datetime import datetime, timezone

    from revise import collection

    decks = collection.deck_counts(open_db(ctx, read_only=True), datetime.now(timezone.utc).isoformat())
    if as_json:
        output.print_json(decks)
    else:
        output.print_decks_table(decks)


# --- review, config, suspend, unsuspend, forget -----------------------------------------------


@command()
def review(
    ctx: typer.Context,
    # Strings, as import takes them: Path('') would be the current folder.
    paths: Annotated[Optional[list[str]], typer.Argument(metavar="PATH...", help="Markdown files or folders: import them and review only their cards.")] = None,
    deck: Annotated[list[str], typer.Option("--deck", metavar="DECK", help="Only this deck and its subdecks (repeatable).", callback=_none_empty)] = [],
    tag: Annotated[list[str], typer.Option("--tag", metavar="TAG", help="Only cards with this tag (`#tag` too; repeatable).", callback=_none_empty)] = [],
    limit: Annotated[Optional[int], typer.Option("--limit", metavar="N", min=0, help="At most N cards this session.")] = None,
    new: Annotated[Optional[int], typer.Option("--new", metavar="N", min=0, help="Today's new-card limit (instead of new_per_day).")] = None,
    cram: Annotated[bool, typer.Option("--cram", help="Review the selection now without changing any schedule.")] = False,
) -> None:
    """Review today's cards. The given paths, or else every source, are synced first."""
    from revise import sources
    from revise.config import load_config
    from revise.review import Selection

    config = load_config()
    db = open_db(ctx)
    problems = _sync_before_review(db, paths, config.max_note_bytes)
    absolute = [str(sources.absolute_path(p)) for p in paths or ()]
    selection = Selection.from_options(deck, tag, absolute, cram=cram, limit=limit, new_limit=new)
    _run_session(db, config, selection, problems)


def _sync_before_review(db: Any, paths: list[str] | None, limit: int) -> int:
    """Import `paths` (or re-read every source), its problems on stderr; exit 1 if no path could be read.

    Returns how many problems (errors and warnings) it printed."""
    from revise import sources

    if paths:
        report = output.with_progress(
            lambda progress: sources.import_paths(db, paths, progress=progress, max_note_bytes=limit), True)
    else:
        report = output.with_progress(
            lambda progress: sources.sync_sources(db, progress=progress, max_note_bytes=limit), True)
    output.print_errors(report)
    output.print_warnings(report)
    if paths and report.errors and not report.files:
        raise typer.Exit(1)
    return len(report.errors) + len(report.warnings)


def _run_session(db: Any, config: Any, selection: Any, problems: int) -> None:
    """The review session on this terminal: keys from stdin, `e` opens the editor, an edited file is synced."""
    from rich.console import Console

    from revise import sources
    from revise.review import Session, default_editor, key_source

    with key_source(sys.stdin) as keys:

        def edit(file: str, line: int) -> None:
            with keys.paused():
                default_editor(file, line)

        session = Session(
            db, Console(), keys, config=config, selection=selection, edit=edit,
            sync=lambda files: sources.sync_sources(db, [Path(f) for f in files], max_note_bytes=config.max_note_bytes),
        )
        # In a terminal the first card's screen would wipe the problems: the session waits for a key
        session.run(wait_first=f"{problems} problem{'s' * (problems != 1)} above." if problems and sys.stdin.isatty() else None)


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
) -> None:
    """Show progress: today, cards, retention, streak, forecast. Also a heatmap and the hardest cards."""
    from datetime import datetime, timezone

    from revise.config import load_config
    from revise.stats import collect_stats, render_stats

    now = datetime.now(timezone.utc)
    config = load_config()  # a bad config.toml is reported before a missing collection
    stats = collect_stats(open_db(ctx, read_only=True), now, None, config, deck=deck, days=days)
    if as_json:
        output.print_json(stats.to_json())
        return
    from rich.console import Console

    Console().print(render_stats(stats))


from revise.cli import card, changes, data, export, preview  # noqa: E402,F401  (each registers its commands)
